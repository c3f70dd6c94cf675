package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.install.LoopbackInstaller;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hermetic environment keeps GOTOOLCHAIN=local: a go.mod asking for a newer toolchain makes the
 * real go refuse instead of downloading one, even when the user's shell says GOTOOLCHAIN=auto.
 * GOPROXY=off everywhere, so nothing could be downloaded anyway; go names what it would fetch.
 */
@DisabledOnOs(OS.WINDOWS) // the module and home are POSIX-shaped
class HermeticGoToolchainTest {
    private static Toolchain toolchain;

    @TempDir
    Path temp;

    @BeforeAll
    static void install() {
        toolchain = LoopbackInstaller.ensure(LoopbackInstaller.mirror().newest());
    }

    @Test
    void aGoModAskingForANewerToolchainFailsWithoutADownloadAttempt() throws Exception {
        Path module = Files.createDirectories(temp.resolve("module"));
        Files.writeString(module.resolve("go.mod"), "module example.com/newer\n\ngo 1.99.0\n\ntoolchain go1.99.1\n");
        Files.writeString(module.resolve("main.go"), "package main\n\nfunc main() {}\n");
        Map<String, String> inherited = new HashMap<>(System.getenv());
        inherited.put("HOME", temp.resolve("home").toString());
        inherited.put("XDG_CONFIG_HOME", temp.resolve("home/.config").toString());
        // This user ran `go telemetry off` (GOTELEMETRY=off in the environment does nothing): the plain run of the
        // newest go below starts no detached telemetry child that writes under temp while JUnit deletes it.
        GoUserDirectories.turnTelemetryOff(temp.resolve("home/.config"));
        inherited.put("GOTOOLCHAIN", "auto"); // the user's shell asks for switching

        // the proof that this module does make a plain go switch: it names the download
        Map<String, Optional<String>> plain = new HashMap<>(ProcessRunner.exactly(inherited));
        plain.put("GOPROXY", Optional.of("off"));
        plain.put("GOFLAGS", Optional.empty());
        plain.put("GOENV", Optional.of("off"));
        plain.put("GOMODCACHE", Optional.of(temp.resolve("plain-modcache").toString()));
        ProcessResult switching = ProcessRunner.run(List.of(toolchain.goBinary().toString(), "build", "./..."), module,
                plain, Duration.ofSeconds(60), new CancellationToken());
        assertThat(switching.stderr()).contains("go: downloading go1.99.1 (");

        try (HermeticGo go = HermeticGo.builder().toolchain(toolchain).proxy("off").inherited(inherited).build()) {
            assertThat(go.environment().variables()).containsEntry("GOTOOLCHAIN", "local");
            ProcessResult r = go.runner().in(module).go("build", "./...");
            String running = toolchain.version().toString().substring(2);

            assertThat(r.succeeded()).isFalse();
            assertThat(r.stderr()).contains("go.mod requires go >= 1.99.0 (running go " + running + "; GOTOOLCHAIN=local)")
                    .doesNotContain("downloading");
            try (Stream<Path> files = Files.walk(go.root())) {
                assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("golang.org/toolchain"));
            }
        }
    }
}
