package dev.gosetup.core.install;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one install in a JVM of its own, for the tests that need several processes or a process to
 * kill: {@code InstallMain HOME INDEX_URL MIRROR_URL SPEC [SLOW_EXTRACTION_MILLIS]}. Prints
 * {@code extracting} once extraction starts and {@code GOROOT <path>} when done.
 */
public final class InstallMain {
    private InstallMain() {
    }

    public static void main(String[] args) {
        long slowMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
        GoInstaller installer = GoInstaller.builder(Map.of())
                .home(Path.of(args[0]))
                .index(URI.create(args[1]))
                .mirrors(List.of(URI.create(args[2])))
                .build();
        Toolchain toolchain = installer.ensure(VersionSpec.parse(args[3]), new InstallListener() {
            private boolean announced;

            @Override
            public void extracting(long entries, long bytes) {
                if (!announced) {
                    announced = true;
                    System.out.println("extracting");
                    System.out.flush();
                }
                if (slowMillis > 0) {
                    try {
                        Thread.sleep(slowMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, new CancellationToken());
        System.out.println("GOROOT " + toolchain.goroot());
    }
}
