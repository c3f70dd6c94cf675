package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.install.LoopbackInstaller;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.process.OutputListener;
import dev.gosetup.core.process.ProcessResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@link GoRunner} against a real toolchain installed from the loopback mirror. */
@DisabledOnOs(OS.WINDOWS) // uses sleep and POSIX PATH syntax
class GoRunnerTest {
    private static Toolchain toolchain;

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        toolchain = LoopbackInstaller.ensure(LoopbackInstaller.mirror().newest());
    }

    /**
     * This JVM's environment with Go's config directory moved into the test's directory, so Go 1.23's telemetry
     * stays out of the real home, and telemetry off there, so no detached telemetry child writes into it while JUnit
     * deletes it.
     */
    private Map<String, String> inherited() {
        Map<String, String> inherited = new HashMap<>(System.getenv());
        inherited.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        try {
            GoUserDirectories.turnTelemetryOff(dir.resolve("config"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return inherited;
    }

    private Map<String, String> inheritedWithStrayGoSettings() {
        Map<String, String> inherited = inherited();
        inherited.put("GOFLAGS", "-mod=vendor");
        inherited.put("GOROOT", "/nonexistent/stale/goroot");
        inherited.put("GOTOOLCHAIN", "go1.99.0");
        return inherited;
    }

    @Test
    void goEnvShowsTheEnvironmentsValuesAndNoneOfTheInheritedGoVariables() {
        GoRunner runner = GoRunner.of(GoEnvironment.of(toolchain).with("GOTOOLCHAIN", "local")
                .with("GOPATH", dir.resolve("gopath").toString()), inheritedWithStrayGoSettings()).in(dir);

        Map<String, String> env = runner.goEnv();

        assertThat(env).containsEntry("GOROOT", toolchain.goroot().toString())
                .containsEntry("GOPATH", dir.resolve("gopath").toString())
                .containsEntry("GOFLAGS", "")
                .containsEntry("GOTOOLCHAIN", "local")
                .containsEntry("GOVERSION", toolchain.version().toString());
        assertThat(runner.processEnvironment().get("PATH")).startsWith(toolchain.goroot().resolve("bin") + ":");
    }

    @Test
    void streamsOutputAndReturnsTheExitCode() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        GoRunner runner = GoRunner.of(GoEnvironment.of(toolchain).with("GOTOOLCHAIN", "local"), inherited())
                .in(dir).output((stream, line) -> lines.add(stream + " " + line));

        ProcessResult version = runner.go("version");
        ProcessResult unknown = runner.go("no-such-subcommand");

        assertThat(version.exitCode()).isZero();
        assertThat(lines).contains("STDOUT " + version.stdout().strip());
        assertThat(version.stdout()).startsWith("go version " + toolchain.version() + " ");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(lines).anyMatch(l -> l.startsWith("STDERR ") && l.contains("no-such-subcommand"));
    }

    @Test
    void targetingSetsGoosAndGoarchForOneRunner() {
        GoRunner runner = GoRunner.of(GoEnvironment.of(toolchain).with("GOTOOLCHAIN", "local"), inherited()).in(dir);
        Map<String, String> windows = runner.targeting(Platform.parse("windows/amd64")).goEnv();
        assertThat(windows).containsEntry("GOOS", "windows").containsEntry("GOARCH", "amd64").containsEntry("GOEXE", ".exe");
        assertThat(runner.goEnv()).containsEntry("GOOS", Platform.current().os());
    }

    @Test
    void runsOtherCommandsFromTheEnvironmentsPath() throws Exception {
        Files.writeString(dir.resolve("bad.go"), "package main\nfunc main(){}\n");
        ProcessResult gofmt = GoRunner.of(GoEnvironment.of(toolchain), inherited()).in(dir).run(List.of("gofmt", "-l", "."));
        assertThat(gofmt.exitCode()).isZero();
        assertThat(gofmt.stdout().strip()).isEqualTo("bad.go");
    }

    @Test
    void aMissingGoBinaryIsNotFoundByPath() {
        Toolchain broken = new Toolchain(toolchain.version(), toolchain.platform(), dir.resolve("goroot"));
        assertThatThrownBy(() -> GoRunner.of(GoEnvironment.of(broken), inherited()).go("version"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(broken.goBinary().toString())
                .hasMessageContaining(toolchain.version().toString());
    }

    @Test
    void aMissingProgramIsNotFoundByName() {
        assertThatThrownBy(() -> GoRunner.of(GoEnvironment.of(toolchain), inherited()).run(List.of("no-such-tool-gosetup", "x")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-tool-gosetup")
                .hasMessageContaining(toolchain.goroot().resolve("bin").toString());
    }

    @Test
    void aCancelledOrTimedOutCommandIsKilled() {
        GoRunner runner = GoRunner.of(GoEnvironment.of(toolchain), inherited()).in(dir);
        CancellationToken cancel = new CancellationToken();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        canceller.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.cancellation(cancel).run(List.of("sleep", "30")))
                .isInstanceOf(CancelledException.class).hasMessageContaining("sleep 30");
        assertThatThrownBy(() -> runner.timeout(Duration.ofMillis(300)).run(List.of("sleep", "30")))
                .isInstanceOf(GoSetupException.class).hasMessageContaining("did not finish within PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void parsesGoEnvJson() {
        assertThat(GoRunner.parseGoEnvJson("{\n\t\"GOARCH\": \"amd64\",\n\t\"GOFLAGS\": \"\",\n\t\"CC\": \"gcc\"\n}\n", "t"))
                .containsExactly(Map.entry("GOARCH", "amd64"), Map.entry("GOFLAGS", ""), Map.entry("CC", "gcc"));
    }

    @Test
    void garbledGoEnvJsonIsAClearError() {
        for (String garbled : List.of("", "   \n", "go: warning: GOPATH set to GOROOT\n{\"GOOS\":\"linux\"}",
                "{\"GOOS\":\"linux\"", "{\"GOOS\":\"linux\"} trailing", "[\"GOOS\"]", "{\"GOOS\": 1}", "null")) {
            assertThatThrownBy(() -> GoRunner.parseGoEnvJson(garbled, "go env -json of go1.22.5"))
                    .as(garbled)
                    .isInstanceOf(GoSetupException.class)
                    .hasMessageStartingWith("cannot read the output of go env -json of go1.22.5: ")
                    .satisfies(e -> assertThat(((GoSetupException) e).resolutions()).isNotEmpty());
        }
        assertThatThrownBy(() -> GoRunner.parseGoEnvJson("{\"GOOS\": 1}", "x")).hasMessageContaining("GOOS is not a string");
    }

    @Test
    void versionsOfTheMirrorAreKnown() {
        assertThat(toolchain.version()).isEqualTo(GoVersion.parse(LoopbackInstaller.mirror().newest().version()));
    }

    @Test
    void outputListenerNoneIsQuiet() {
        assertThat(GoRunner.of(GoEnvironment.of(toolchain), inherited()).output(OutputListener.NONE).in(dir).go("version").succeeded())
                .isTrue();
    }
}
