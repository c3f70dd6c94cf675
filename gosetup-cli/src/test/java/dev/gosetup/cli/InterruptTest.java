package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.ToolchainMirror;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGINT (what Ctrl-C sends) to a real gosetup process in the middle of an install: the
 * launcher's shutdown hook cancels the install, which cleans its staging directory and says that
 * the partial download was kept.
 */
class InterruptTest {
    @TempDir
    Path tmp;

    @Test
    void ctrlCDuringAnInstallCleansUpAndSaysWhatWasKept() throws Exception {
        PackedToolchain t = ToolchainMirror.of(RealToolchains.require(1)).newest();
        Path home = tmp.resolve("store");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        try (MirrorServer server = MirrorServer.start(ToolchainMirror.of(RealToolchains.require(1)))) {
            server.throttle(2L * 1024 * 1024);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // A process started from a background job inherits SIGINT ignored, and the JVM then keeps
            // it ignored; perl (perl-base, in every Debian) restores the default before exec.
            Process p = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!", java,
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "install", t.version(),
                    "--home", home.toString(), "--index", server.indexUri().toString(),
                    "--mirror", server.baseUri().toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            Path part = home.resolve("downloads/" + t.filename() + ".part");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while ((!Files.exists(part) || Files.size(part) < 1024 * 1024) && System.nanoTime() < deadline
                    && p.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGINT").isTrue();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(stderr).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(stderr).contains("gosetup: install of " + t.version().substring(2) + " cancelled")
                    .contains("the partial download " + part).contains("was kept");
            // The progress lines end before the message: no message glued to a bar.
            assertThat(stderr.lines().filter(l -> l.contains("cancelled")).toList())
                    .allMatch(l -> l.startsWith("gosetup: "));
            try (var staged = Files.list(home.resolve("staging"))) {
                assertThat(staged).isEmpty();
            }
            assertThat(part).exists();
            assertThat(Files.readString(out)).isEmpty();
        }
    }

}
