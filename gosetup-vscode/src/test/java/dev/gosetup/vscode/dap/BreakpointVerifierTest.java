package dev.gosetup.vscode.dap;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.vscode.tools.TestToolchains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DAP verification against the real thing: Debian's Delve 1.20.2 and the real Go toolchains
 * (go1.19 is supported by that Delve, go1.22 is not). Each test also checks, through /proc, that
 * no dlv, go build or debuggee outlives the verification.
 */
@EnabledOnOs(OS.LINUX)
class BreakpointVerifierTest {
    private static final Path BUILD_CACHE = Path.of("target", "dap-build-cache").toAbsolutePath();

    @TempDir
    Path temp;

    private BreakpointVerifier.Builder verifier(Toolchain go) {
        return BreakpointVerifier.builder().toolchain(go).dlv(TestToolchains.dlv()).sharedBuildCache(BUILD_CACHE);
    }

    @Test
    void debiansDelveWithGo119HitsTheBreakpointAndReadsTheLocal() throws IOException {
        Toolchain go = TestToolchains.go(19);
        DebugVerification result = verifier(go).build().verify(new CancellationToken());

        assertThat(result.succeeded()).as(result.summary() + "\n" + String.join("\n", result.delveOutput())).isTrue();
        assertThat(result.failedStep()).isEmpty();
        assertThat(result.delveVersion()).hasValue("1.20.2");
        assertThat(result.variableValue()).hasValue("42");
        assertThat(result.steps()).extracting(StepResult::step).containsExactly(DapStep.values());
        assertThat(result.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepResult.Status.PASSED));
        assertThat(result.step(DapStep.VERSION).detail()).isEqualTo("Delve 1.20.2 (supports Go 1.18 to 1.20)");
        assertThat(result.step(DapStep.SET_BREAKPOINTS).detail()).isEqualTo("breakpoint at main.go:8 verified");
        assertThat(result.step(DapStep.STOPPED).detail()).startsWith("stopped with reason breakpoint");
        assertThat(result.step(DapStep.STACK_TRACE).detail()).isEqualTo("top frame main.main at main.go:8");
        assertThat(result.step(DapStep.VARIABLES).detail()).isEqualTo("answer = 42");
        assertThat(result.step(DapStep.LAUNCH).duration()).isPositive();
        assertThat(result.summary()).isEqualTo("breakpoint at main.go:8 hit and answer = 42 read through Delve 1.20.2's "
                + "DAP server, with " + go.version());
        assertThat(result.delveOutput()).anySatisfy(l -> assertThat(l).startsWith("DAP server listening at: 127.0.0.1:"));
        assertThat(result.delveOutput()).as("the debuggee's output reaches dlv's stdout").contains("gosetup probe: 42");
        assertThat(DapProcesses.alive(DapProcesses.dlvPid(result))).isFalse();
        assertThat(result.target().packageDir()).as("the hermetic environment is gone").doesNotExist();
    }

    @Test
    void go122IsAClearFailureNamingBothVersionsAndTheDelveToInstall() {
        Toolchain go = TestToolchains.go(22);
        DebugVerification result = verifier(go).build().verify(new CancellationToken());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failedStep()).hasValue(DapStep.LAUNCH);
        assertThat(result.step(DapStep.VERSION).detail()).isEqualTo("Delve 1.20.2 (supports Go 1.18 to 1.20); "
                + go.version() + " is outside that range");
        assertThat(result.summary()).startsWith("Delve 1.20.2 supports Go 1.18 to 1.20, but the program is built with "
                + go.version() + ": this Delve is too old for it; launch failed: Delve answered: Failed to launch: "
                + "Version of Delve is too old for Go version " + go.version().toString().substring(2)
                + " (maximum supported version 1.20");
        assertThat(result.fixes().get(0)).contains("go install github.com/go-delve/delve/cmd/dlv@v1.25.2");
        assertThat(result.fixes().get(1)).contains("gosetup debug verify --version 1.20");
        assertThat(result.step(DapStep.SET_BREAKPOINTS).status()).isEqualTo(StepResult.Status.NOT_RUN);
        assertThat(DapProcesses.alive(DapProcesses.dlvPid(result))).isFalse();
    }

    /** A main package whose main is never reached: its init sleeps for an hour. */
    private Path sleeper() throws IOException {
        Path program = temp.resolve("sleeper");
        Files.createDirectories(program);
        Files.writeString(program.resolve("go.mod"), "module example.com/sleeper\n\ngo 1.18\n");
        // main is never reached: the breakpoint on func main() cannot be hit, the stopped step times out.
        Files.writeString(program.resolve("main.go"), """
                package main

                import "time"

                func init() { time.Sleep(time.Hour) }

                func main() {
                \tprintln("unreachable")
                }
                """);
        return program;
    }

    private GoEnvironment userEnvironment(Toolchain go) {
        return GoEnvironment.of(go).with("GOCACHE", BUILD_CACHE.toString()).with("GOFLAGS", "-modcacherw")
                .with("GOPATH", temp.resolve("gopath").toString()).with("GOTOOLCHAIN", "local");
    }

    @Test
    void aTimedOutStepKillsDlvAndTheDebuggee() throws IOException {
        Toolchain go = TestToolchains.go(19);
        Path program = sleeper();
        DebugVerification result = verifier(go).environment(GoEnvironment.of(go)
                        .with("GOCACHE", BUILD_CACHE.toString()).with("GOFLAGS", "-modcacherw")
                        .with("GOPATH", temp.resolve("gopath").toString()).with("GOTOOLCHAIN", "local"))
                .program(program).timeout(DapStep.STOPPED, Duration.ofSeconds(3)).build().verify(new CancellationToken());

        assertThat(result.failedStep()).hasValue(DapStep.STOPPED);
        assertThat(result.summary()).isEqualTo("stopped failed: stopped did not finish within 3s");
        assertThat(result.fixes()).anySatisfy(f -> assertThat(f).contains("--timeout"));
        assertThat(result.step(DapStep.SET_BREAKPOINTS).detail()).isEqualTo("breakpoint at main.go:7 verified");
        assertThat(DapProcesses.alive(DapProcesses.dlvPid(result))).isFalse();
        assertThat(DapProcesses.workingIn(program)).as("dlv and the sleeping debuggee are killed").isEmpty();
        assertThat(program.resolve("__debug_bin")).as("the debug binary goes to gosetup's scratch directory").doesNotExist();
        try (var files = Files.list(program)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("go.mod", "main.go");
        }
    }

    @Test
    void aTimeoutDuringTheBuildKillsGoBuildToo() throws IOException {
        Toolchain go = TestToolchains.go(19);
        DebugVerification result = verifier(go).timeout(DapStep.LAUNCH, Duration.ofMillis(1)).build()
                .verify(new CancellationToken());
        assertThat(result.failedStep()).hasValue(DapStep.LAUNCH);
        assertThat(result.summary()).isEqualTo("launch failed: launch did not finish within 1ms");
        assertThat(DapProcesses.alive(DapProcesses.dlvPid(result))).isFalse();
        assertThat(result.target().packageDir()).doesNotExist();
    }

    @Test
    void aProgramThatDoesNotBuildFailsAtLaunchWithTheCompilersWords() throws IOException {
        Toolchain go = TestToolchains.go(19);
        Path program = temp.resolve("broken");
        Files.createDirectories(program);
        Files.writeString(program.resolve("go.mod"), "module example.com/broken\n\ngo 1.18\n");
        Files.writeString(program.resolve("main.go"), "package main\n\nfunc main() {\n\tprintln(nosuch)\n}\n");
        DebugVerification result = verifier(go).environment(GoEnvironment.of(go)
                        .with("GOCACHE", BUILD_CACHE.toString()).with("GOPATH", temp.resolve("gopath").toString())
                        .with("GOTOOLCHAIN", "local"))
                .program(program).build().verify(new CancellationToken());

        assertThat(result.failedStep()).hasValue(DapStep.LAUNCH);
        assertThat(result.summary()).startsWith("launch failed: Delve answered: Failed to launch: Build error: Check the "
                + "debug console for details.").contains("Build Error: ").contains("main.go:4:10: undefined: nosuch");
        assertThat(result.fixes()).anySatisfy(f -> assertThat(f).startsWith("fix the build errors above"));
        assertThat(DapProcesses.workingIn(program)).isEmpty();
    }

    @Test
    void aChattyProgramNeitherBlocksDlvNorFillsTheHeap() throws IOException {
        Toolchain go = TestToolchains.go(19);
        Path program = temp.resolve("chatty");
        Files.createDirectories(program);
        Files.writeString(program.resolve("go.mod"), "module example.com/chatty\n\ngo 1.18\n");
        Files.writeString(program.resolve("main.go"), """
                package main

                import "fmt"

                func main() {
                \tfor i := 0; i < 300000; i++ {
                \t\tfmt.Println("line", i)
                \t}
                }
                """);
        DebugVerification result = verifier(go).environment(GoEnvironment.of(go)
                        .with("GOCACHE", BUILD_CACHE.toString()).with("GOPATH", temp.resolve("gopath").toString())
                        .with("GOTOOLCHAIN", "local"))
                .program(program).build().verify(new CancellationToken());

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        assertThat(result.step(DapStep.VARIABLES).detail()).startsWith("0 locals").doesNotContain("answer");
        assertThat(result.delveOutput()).hasSizeLessThanOrEqualTo(
                BreakpointVerifier.DelveWords.HEAD + BreakpointVerifier.DelveWords.TAIL + 1)
                .contains("line 299999")
                .anySatisfy(l -> assertThat(l).matches("\\[gosetup\\] \\.\\.\\. \\d+ lines left out \\.\\.\\."));
    }

    @Test
    void cancellingStopsTheSessionAndKillsDlvAndTheDebuggee() throws Exception {
        Toolchain go = TestToolchains.go(19);
        Path program = sleeper();
        CancellationToken cancel = new CancellationToken();
        BreakpointVerifier v = verifier(go).environment(userEnvironment(go)).program(program)
                .timeout(DapStep.STOPPED, Duration.ofMinutes(2)).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread session = new Thread(() -> {
            try {
                v.verify(cancel);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        session.start();
        Thread.sleep(3000); // dlv is building or waiting for a breakpoint that never comes
        assertThat(session.isAlive()).isTrue();
        long before = System.nanoTime();
        cancel.cancel();
        session.join(20_000);
        assertThat(session.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(15));
        assertThat(thrown.get()).isInstanceOf(CancelledException.class).hasMessageContaining("dlv was stopped");
        assertThat(DapProcesses.workingIn(program)).as("dlv and the sleeping debuggee are killed").isEmpty();
    }

    @Test
    void badInputIsRefusedBeforeAnythingStarts() {
        Toolchain go = TestToolchains.go(19);
        assertThatThrownBy(() -> verifier(go).program(temp.resolve("missing")).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("the program directory " + temp.resolve("missing") + " does not exist");
        assertThatThrownBy(() -> verifier(go).program(temp).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("declares func main()");
        assertThatThrownBy(() -> BreakpointVerifier.builder().toolchain(go).dlv(temp.resolve("dlv")).build())
                .isInstanceOf(NotFoundException.class).hasMessageContaining("is not an executable file");
        assertThatThrownBy(() -> BreakpointVerifier.builder().toolchain(go).inherited(Map.of("PATH", temp.toString())).build())
                .isInstanceOf(NotFoundException.class).hasMessage("dlv (Delve) was not found on PATH")
                .satisfies(e -> assertThat(((NotFoundException) e).resolutions()).first().asString()
                        .contains("go install github.com/go-delve/delve/cmd/dlv@v1.21.2"));
        assertThat(List.of(temp.toFile().list())).isEmpty();
    }
}
