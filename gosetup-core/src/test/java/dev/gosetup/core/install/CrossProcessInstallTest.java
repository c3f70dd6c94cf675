package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Installs run by several real JVMs sharing one store, and by a JVM killed halfway. */
class CrossProcessInstallTest {
    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(1);
    private static MirrorServer server;
    private static PackedToolchain toolchain;

    @TempDir
    Path home;

    @BeforeAll
    static void pickToolchain() {
        toolchain = MIRROR.newest();
        server = MIRROR.server();
    }

    private Process startInstall(long slowExtractionMillis) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                InstallMain.class.getName(),
                home.toString(), server.indexUri().toString(), server.baseUri().toString(), toolchain.version(),
                Long.toString(slowExtractionMillis)));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void fourJvmsInstallingTheSameVersionDownloadItOnce() throws Exception {
        server.resetCounts();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(startInstall(0));
        }
        List<String> goroots = new ArrayList<>();
        for (Process p : processes) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            goroots.add(output.lines().filter(l -> l.startsWith("GOROOT ")).findFirst().orElseThrow());
        }
        assertThat(goroots).hasSize(4).containsOnly(goroots.get(0));
        assertThat(server.requestCount(toolchain.filename())).isEqualTo(1);
        assertThat(Fixtures.tree(home.resolve("staging"))).isEmpty();
    }

    @Test
    void aJvmKilledDuringExtractionLeavesNothingInstalledAndTheNextEnsureSucceeds() throws Exception {
        Process victim = startInstall(20);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("extracting")) {
                // wait until extraction has begun
            }
            assertThat(line).as("the child reached extraction").isEqualTo("extracting");
            Thread.sleep(300);
            victim.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Fixtures.tree(home.resolve("staging"))).as("the killed install left its staging").isNotEmpty();
        GoInstaller installer = GoInstaller.builder(Map.of()).home(home).index(server.indexUri())
                .mirrors(List.of(server.baseUri())).build();
        assertThat(installer.installed()).isEmpty();
        assertThat(installer.find(VersionSpec.parse(toolchain.version()))).isEmpty();

        Toolchain t = installer.ensure(VersionSpec.parse(toolchain.version()), InstallListener.NOOP, new CancellationToken());

        assertThat(Fixtures.goVersion(t)).contains(toolchain.version());
        assertThat(Fixtures.tree(home.resolve("staging"))).isEmpty();
        assertThat(Files.list(home.resolve("toolchains")).count()).isEqualTo(1);
    }
}
