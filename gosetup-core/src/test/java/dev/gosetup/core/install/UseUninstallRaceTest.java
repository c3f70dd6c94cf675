package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "races": {@code use 1.22} racing {@code uninstall 1.22.12} left {@code current}
 * dangling while {@code use} exited 0. Two threads race the real store operations many times; after
 * each round a successful {@code use} must leave {@code current} pointing at a toolchain that is
 * there, or cleared by the uninstall that came after it.
 */
@DisabledOnOs(OS.WINDOWS)
class UseUninstallRaceTest {
    private static final GoVersion VERSION = GoVersion.parse("1.22.12");

    @TempDir
    Path dir;

    private static void fakeInstall(ToolchainStore store, Platform platform) throws Exception {
        String id = Toolchain.idOf(VERSION, platform);
        Path staged = Files.createDirectories(store.newStaging(id).resolve("go/bin"));
        Files.writeString(staged.resolve("go"), "#!/bin/sh\n");
        store.commit(staged.getParent(), new InstalledToolchain(new Toolchain(VERSION, platform, store.gorootOf(id)),
                URI.create("https://dl.google.com/go/" + id + ".tar.gz"), "0".repeat(64), Instant.EPOCH));
    }

    @Test
    void useRacingUninstallNeverLeavesCurrentDangling() throws Exception {
        GoInstaller installer = GoInstaller.builder(java.util.Map.of()).home(dir.resolve("store")).build();
        ToolchainStore store = installer.store();
        Path current = store.root().resolve("current");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 150; round++) {
                fakeInstall(store, installer.platform());
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> use = pool.submit(() -> {
                    start.await();
                    try {
                        installer.use(VersionSpec.parse("1.22"));
                        return true;
                    } catch (NotFoundException e) {
                        return false;
                    }
                });
                Future<Boolean> uninstall = pool.submit(() -> {
                    start.await();
                    return installer.uninstall(VERSION);
                });
                use.get();
                assertThat(uninstall.get()).isTrue();
                if (Files.isSymbolicLink(current)) {
                    assertThat(current.resolveSibling(Files.readSymbolicLink(current))).as("round " + round + ": current dangles")
                            .isDirectory();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
