package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the real {@code ./gosetup} launcher at the repository root against the jar this build
 * packaged, as a person would after cloning.
 */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private record Result(int status, String out, String err) {
    }

    private static Result gosetup(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("gosetup").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void launcherRunsThePackagedJar() throws Exception {
        assertThat(ROOT.resolve("gosetup-cli/target/gosetup.jar")).exists();
        assertThat(Files.isExecutable(ROOT.resolve("gosetup"))).isTrue();

        Result version = gosetup("--version");
        assertThat(version.status()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("gosetup 0.");

        Result help = gosetup("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: gosetup");

        Result bad = gosetup("--no-such-option");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option: '--no-such-option'");
        assertThat(bad.out()).isEmpty();
    }
}
