package dev.gosetup.vscode.dap;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.doctor.checks.BuiltInCheck;
import dev.gosetup.core.env.GoRunner;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code debugger}: breakpoints work with the Go found, the way VS Code debugs: the same
 * verification as {@code gosetup debug verify} ({@link BreakpointVerifier}, gosetup's probe program
 * in a hermetic environment) with the {@code dlv} VS Code's Go extension would find (on
 * {@code PATH}, else in {@code GOBIN} or {@code GOPATH/bin}).
 *
 * <p>Parameters: {@code dlv} (a path; default: found as above). PASS when the breakpoint was hit
 * and the local read; FAIL naming the failed step, and for a Go that Delve does not support both
 * versions and the dlv to install; SKIP with the install command when there is no dlv. Runs after
 * {@code go-found}.
 */
public final class DebuggerCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "debugger";
    private static final Duration GO_ENV_TIMEOUT = Duration.ofSeconds(30);

    /** Creates the check (for ServiceLoader). */
    public DebuggerCheck() {
        super(ID, "Debugger (Delve over DAP)", "editor", List.of("go-found"), Set.of("dlv"));
    }

    /** Building and debugging the probe program cold takes tens of seconds on a slow machine. */
    @Override
    public Duration timeout() {
        return Duration.ofMinutes(4);
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        boolean windows = context.host().isWindows();
        Map<String, String> goEnv = goEnv(context);
        Toolchain toolchain = context.toolchain().orElseGet(() -> new Toolchain(GoVersion.parse(goEnv.get("GOVERSION")),
                context.host(), Path.of(goEnv.get("GOROOT"))));
        Optional<Path> dlv = context.parameter("dlv").map(Path::of).or(() -> findDlv(context, toolchain, goEnv, windows));
        if (dlv.isEmpty()) {
            return CheckResult.skip("dlv (Delve) was not found on PATH, in GOBIN or in GOPATH/bin")
                    .withDetail("go", toolchain.version())
                    .withHint("install it: " + BreakpointVerifier.installCommand(toolchain));
        }
        DebugVerification result = BreakpointVerifier.builder().toolchain(toolchain).inherited(context.environment())
                .dlv(dlv.get()).deadline(timeout().minusSeconds(10)).build().verify(context.cancellation());
        CheckResult r = CheckResult.of(result.succeeded() ? CheckStatus.PASS : CheckStatus.FAIL, result.summary())
                .withDetail("dlv", result.dlv())
                .withDetail("Delve", result.delveVersion().orElse("unknown"))
                .withDetail("go", toolchain.version() + " at " + toolchain.goroot());
        for (StepResult step : result.steps()) {
            if (step.status() != StepResult.Status.NOT_RUN) {
                r = r.withDetail("step " + step.step().label(), step.status().name().toLowerCase(java.util.Locale.ROOT)
                        + " in " + Durations.human(step.duration()) + ": " + step.detail());
            }
        }
        if (!result.succeeded()) {
            List<String> said = result.delveOutput();
            r = r.withDetail("Delve said", String.join("\n", said.subList(Math.max(0, said.size() - 8), said.size())))
                    .withHints(result.fixes());
        }
        return r;
    }

    /** GOROOT, GOVERSION, GOBIN and GOPATH as the context's go sees them. */
    private static Map<String, String> goEnv(CheckContext context) {
        List<String> args = List.of("env", "-json", "GOROOT", "GOVERSION", "GOBIN", "GOPATH");
        ProcessResult result;
        String source;
        if (context.goEnvironment().isPresent()) {
            GoEnvironment env = context.goEnvironment().get().with("GOTOOLCHAIN", "local");
            source = env.toolchain().goBinary().toString();
            result = GoRunner.of(env, context.environment()).in(context.tempDirectory()).timeout(GO_ENV_TIMEOUT)
                    .cancellation(context.cancellation()).go(args);
        } else {
            Path go = Executables.find("go", context.environment(), context.host().isWindows());
            source = go.toString();
            Map<String, String> env = new LinkedHashMap<>(context.environment());
            env.put("GOTOOLCHAIN", "local");
            List<String> command = new ArrayList<>();
            command.add(go.toString());
            command.addAll(args);
            result = ProcessRunner.run(command, context.tempDirectory(), ProcessRunner.exactly(env), GO_ENV_TIMEOUT, context.cancellation());
        }
        return GoRunner.parseGoEnvJson(result.requireSuccess().stdout(), "go env -json of " + source);
    }

    private static Optional<Path> findDlv(CheckContext context, Toolchain toolchain, Map<String, String> goEnv,
            boolean windows) {
        Optional<Path> onPath = BreakpointVerifier.findDlv(GoEnvironment.of(toolchain), context.environment());
        if (onPath.isPresent()) {
            return onPath;
        }
        List<String> dirs = new ArrayList<>();
        Optional.ofNullable(goEnv.get("GOBIN")).filter(s -> !s.isEmpty()).ifPresent(dirs::add);
        for (String entry : Optional.ofNullable(goEnv.get("GOPATH")).orElse("").split(windows ? ";" : ":")) {
            if (!entry.isEmpty()) {
                dirs.add(Path.of(entry, "bin").toString());
            }
        }
        try {
            List<Path> found = Executables.findAll("dlv", Map.of("PATH", String.join(windows ? ";" : ":", dirs)), windows);
            return found.stream().filter(Files::isExecutable).findFirst();
        } catch (GoSetupException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
