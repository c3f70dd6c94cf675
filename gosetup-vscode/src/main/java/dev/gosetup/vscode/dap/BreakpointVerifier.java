package dev.gosetup.vscode.dap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.env.HermeticGo;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.FileTrees;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.vscode.tools.GoTool;

import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Verifies that breakpoints work the way VS Code uses Delve: starts {@code dlv dap --listen
 * 127.0.0.1:0}, connects to the address it prints, and speaks the Debug Adapter Protocol through
 * Eclipse LSP4J's client: initialize, launch ({@code mode: debug}: Delve builds the program),
 * setBreakpoints (verified?), configurationDone, the {@code stopped} event at the breakpoint's
 * file and line, stackTrace, scopes, variables (the local's value), continue, terminated.
 *
 * <pre>{@code
 * DebugVerification result = BreakpointVerifier.builder().toolchain(go119).build().verify(new CancellationToken());
 * result.succeeded();   // breakpoint hit, "answer" read as 42
 * }</pre>
 *
 * <p>dlv runs with the chosen toolchain's {@code go} first on {@code PATH}. Without
 * {@link Builder#environment} it runs in a {@link HermeticGo} (own GOPATH, caches, empty env file,
 * {@code GOTOOLCHAIN=local}, deleted afterwards) and debugs gosetup's probe program; with
 * {@link Builder#program} it debugs the user's main package, in the environment given.
 *
 * <p>Every step has a timeout ({@link DapStep#defaultTimeout()}, {@link Builder#timeout}, and an
 * overall {@link Builder#deadline}); dlv and every process it started are killed on every path,
 * failure, timeout and cancellation included. A failure is a result, not an exception: the
 * {@link DebugVerification} names the step, what Delve said, and the fix (for a Go that Delve
 * does not support: which dlv to install). Instances are immutable; {@link #verify} may run on
 * several threads at once.
 */
public final class BreakpointVerifier {
    private static final System.Logger LOG = System.getLogger(BreakpointVerifier.class.getName());
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final Toolchain toolchain;
    private final Optional<GoEnvironment> environment;
    private final Map<String, String> inherited;
    private final Path dlv;
    private final Optional<DebugTarget> program;
    private final Map<DapStep, Duration> timeouts;
    private final Duration deadline;
    private final Optional<Path> buildCache;

    private BreakpointVerifier(Builder b, Path dlv, Optional<DebugTarget> program) {
        this.toolchain = b.environment != null ? b.environment.toolchain() : b.toolchain;
        this.environment = Optional.ofNullable(b.environment);
        this.inherited = b.inherited;
        this.dlv = dlv;
        this.program = program;
        this.timeouts = Collections.unmodifiableMap(new EnumMap<>(b.timeouts));
        this.deadline = b.deadline;
        this.buildCache = Optional.ofNullable(b.buildCache);
    }

    /**
     * Starts configuring a verifier.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds {@code dlv} the way VS Code's Go extension would run it from this environment: on the
     * {@code PATH} of a process started from it ({@code GOBIN} and the toolchain's {@code bin}
     * first, then the inherited {@code PATH}).
     *
     * @param environment the Go environment
     * @param inherited the variables processes inherit
     * @return the dlv binary, or empty when there is none
     */
    public static Optional<Path> findDlv(GoEnvironment environment, Map<String, String> inherited) {
        boolean windows = environment.toolchain().platform().isWindows();
        List<Path> found = Executables.findAll("dlv", environment.processEnvironment(inherited), windows);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Returns the command that installs a Delve supporting a toolchain, for messages.
     *
     * @param toolchain the toolchain
     * @return e.g. {@code go install github.com/go-delve/delve/cmd/dlv@v1.21.2}
     */
    public static String installCommand(Toolchain toolchain) {
        return "go install " + GoTool.DLV.installArgument(GoTool.DLV.choose(toolchain.version())
                .map(r -> r.version()).orElse("latest")) + " (with " + toolchain.version() + "), or: gosetup tools install "
                + "--goroot " + toolchain.goroot() + " dlv";
    }

    /**
     * Returns the dlv this verifier runs.
     *
     * @return the binary
     */
    public Path dlv() {
        return dlv;
    }

    /**
     * Runs the verification. Blocks until the program ran to its end, a step failed, or the
     * deadline passed.
     *
     * @param cancel stops the verification (killing dlv) when cancelled
     * @return every step and the outcome
     * @throws CancelledException when cancelled or interrupted (after dlv was killed)
     * @throws GoSetupException when the scratch environment cannot be created
     */
    public DebugVerification verify(CancellationToken cancel) {
        Objects.requireNonNull(cancel, "cancel");
        long started = System.nanoTime();
        HermeticGo hermetic = null;
        Path scratch = null;
        try {
            GoEnvironment env;
            if (environment.isPresent()) {
                env = environment.get();
                scratch = Files.createTempDirectory("gosetup-dap-").toAbsolutePath();
            } else {
                HermeticGo.Builder hb = HermeticGo.builder().toolchain(toolchain).inherited(inherited);
                buildCache.ifPresent(hb::sharedBuildCache);
                hermetic = hb.build();
                env = hermetic.environment();
                scratch = hermetic.root();
            }
            DebugTarget target = program.orElse(null);
            if (target == null) {
                target = DebugTarget.probe(scratch.resolve("probe"));
            }
            return new Run(env, target, scratch, cancel, started).run();
        } catch (IOException e) {
            throw new GoSetupException("cannot create a scratch directory for the debug session: " + e,
                    List.of("check that the temporary directory is writable"), e);
        } finally {
            if (hermetic != null) {
                hermetic.close();
            } else if (scratch != null) {
                try {
                    FileTrees.deleteTree(scratch);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "cannot delete the scratch directory: " + e);
                }
            }
        }
    }

    /** A step that failed: what went wrong and, when known, what to do. */
    private static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<String> fixes;

        StepFailure(String message, List<String> fixes) {
            super(message, null, false, false);
            this.fixes = List.copyOf(fixes);
        }
    }

    @FunctionalInterface
    private interface StepBody<T> {
        T run(Duration timeout) throws Exception;
    }

    /** One verification: its steps so far, Delve's output, and everything to clean up. */
    private final class Run {
        private final GoEnvironment env;
        private final DebugTarget target;
        private final Path scratch;
        private final CancellationToken cancel;
        private final long started;
        private final long deadlineNanos;
        private final List<StepResult> steps = new ArrayList<>();
        private final DelveWords output = new DelveWords();
        private Optional<DelveVersion> version = Optional.empty();
        private Optional<String> variableValue = Optional.empty();
        private DelveProcess delve;

        Run(GoEnvironment env, DebugTarget target, Path scratch, CancellationToken cancel, long started) {
            this.env = env;
            this.target = target;
            this.scratch = scratch;
            this.cancel = cancel;
            this.started = started;
            this.deadlineNanos = started + deadline.toNanos();
        }

        DebugVerification run() {
            Map<String, String> processEnv = env.processEnvironment(inherited);
            Socket socket = null;
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "gosetup-dap-client");
                t.setDaemon(true);
                return t;
            });
            Future<Void> listening = null;
            IDebugProtocolServer server = null;
            DapStep failed = null;
            String failure = "";
            List<String> fixes = new ArrayList<>();
            try {
                version = step(DapStep.VERSION, timeout -> {
                    ProcessResult r = ProcessRunner.run(List.of(dlv.toString(), "version"), scratch,
                            ProcessRunner.exactly(processEnv), timeout, cancel);
                    r.stdout().lines().forEach(l -> output.add("[dlv version] " + l));
                    Optional<DelveVersion> v = DelveVersion.parse(r.stdout());
                    if (!r.succeeded() || v.isEmpty()) {
                        throw new StepFailure(dlv + " version exited with " + r.exitCode() + " and printed no Version: line: "
                                + firstLine(r.stderr() + "\n" + r.stdout()), List.of("reinstall Delve: " + installCommand(toolchain)));
                    }
                    return v;
                }, v -> "Delve " + v.get().version() + v.get().release().map(r -> " (supports " + r.supportedRange() + ")")
                        .orElse(" (not in gosetup's table; Delve checks the Go version itself)")
                        + (v.get().knownToRefuse(toolchain.version()) ? "; " + toolchain.version() + " is outside that range" : ""));

                delve = step(DapStep.START, timeout -> {
                    DelveProcess p = DelveProcess.start(dlv, target.packageDir(), processEnv, output::add);
                    delve = p;
                    await(p.address(), timeout);
                    return p;
                }, p -> "dlv dap (pid " + p.pid() + ") listening at " + hostPort(p.address().getNow(null)));

                InetSocketAddress address = delve.address().getNow(null);
                if (!address.getAddress().isLoopbackAddress()) {
                    throw new StepFailure("dlv listens at " + address + ", not on loopback", List.of());
                }
                Socket connected = step(DapStep.CONNECT, timeout -> {
                    Socket s = new Socket();
                    s.connect(address, (int) Math.max(1, timeout.toMillis()));
                    return s;
                }, s -> "connected to " + hostPort(address));
                socket = connected;

                DapEvents events = new DapEvents(output::add);
                Launcher<IDebugProtocolServer> launcher;
                try {
                    launcher = DSPLauncher.createClientLauncher(events, connected.getInputStream(),
                            connected.getOutputStream(), executor, Function.identity());
                } catch (IOException e) {
                    throw new StepFailure("the connection to dlv broke: " + e, List.of());
                }
                listening = launcher.startListening();
                IDebugProtocolServer dap = launcher.getRemoteProxy();
                server = dap;

                step(DapStep.INITIALIZE, timeout -> {
                    InitializeRequestArguments args = new InitializeRequestArguments();
                    args.setClientID("gosetup");
                    args.setClientName("gosetup debug verify");
                    args.setAdapterID("go");
                    args.setLinesStartAt1(true);
                    args.setColumnsStartAt1(true);
                    args.setPathFormat("path");
                    args.setSupportsVariableType(true);
                    Capabilities c = await(dap.initialize(args), timeout);
                    return c == null ? new Capabilities() : c;
                }, c -> "Delve answered with its capabilities");

                step(DapStep.LAUNCH, timeout -> {
                    Map<String, Object> args = new LinkedHashMap<>();
                    args.put("name", "gosetup debug verify");
                    args.put("type", "go");
                    args.put("request", "launch");
                    args.put("mode", "debug");
                    args.put("program", target.packageDir().toString());
                    args.put("cwd", target.packageDir().toString());
                    args.put("output", scratch.resolve("__debug_bin").toString());
                    long t0 = System.nanoTime();
                    await(dap.launch(args), timeout);
                    await(events.initialized, timeout.minusNanos(System.nanoTime() - t0));
                    return "";
                }, x -> "Delve built " + target.packageDir() + " and started it");

                SetBreakpointsResponse set = step(DapStep.SET_BREAKPOINTS, timeout -> {
                    SetBreakpointsArguments args = new SetBreakpointsArguments();
                    Source source = new Source();
                    source.setPath(target.file().toString());
                    source.setName(target.file().getFileName().toString());
                    args.setSource(source);
                    SourceBreakpoint bp = new SourceBreakpoint();
                    bp.setLine(target.line());
                    args.setBreakpoints(new SourceBreakpoint[] {bp});
                    SetBreakpointsResponse r = await(dap.setBreakpoints(args), timeout);
                    if (r == null || r.getBreakpoints() == null || r.getBreakpoints().length != 1) {
                        throw new StepFailure("Delve answered setBreakpoints without the breakpoint", List.of());
                    }
                    if (!r.getBreakpoints()[0].isVerified()) {
                        throw new StepFailure("the breakpoint at " + target.location() + " is not verified"
                                + Optional.ofNullable(r.getBreakpoints()[0].getMessage()).map(m -> ": " + m).orElse(""),
                                List.of("check that " + target.location() + " holds code (not a comment or blank line)"));
                    }
                    return r;
                }, r -> "breakpoint at " + target.location() + " verified" + Optional.ofNullable(r.getBreakpoints()[0].getLine())
                        .filter(l -> l != target.line()).map(l -> " (moved to line " + l + ")").orElse(""));

                step(DapStep.CONFIGURATION_DONE, timeout -> {
                    await(dap.configurationDone(new ConfigurationDoneArguments()), timeout);
                    return "";
                }, x -> "the program runs");

                StoppedEventArguments stopped = step(DapStep.STOPPED, timeout -> {
                    StoppedEventArguments s = await(events.stopped, timeout);
                    if (!"breakpoint".equals(s.getReason())) {
                        throw new StepFailure("the program stopped with reason \"" + s.getReason() + "\""
                                + Optional.ofNullable(s.getText()).map(t -> " (" + t + ")").orElse("")
                                + ", not at the breakpoint", List.of());
                    }
                    return s;
                }, s -> "stopped with reason breakpoint on thread " + s.getThreadId());
                int thread = stopped.getThreadId() == null ? 1 : stopped.getThreadId();

                StackFrame top = step(DapStep.STACK_TRACE, timeout -> {
                    StackTraceArguments args = new StackTraceArguments();
                    args.setThreadId(thread);
                    args.setStartFrame(0);
                    args.setLevels(20);
                    StackTraceResponse r = await(dap.stackTrace(args), timeout);
                    if (r == null || r.getStackFrames() == null || r.getStackFrames().length == 0) {
                        throw new StepFailure("Delve returned no stack frames", List.of());
                    }
                    StackFrame f = r.getStackFrames()[0];
                    String path = f.getSource() == null ? null : f.getSource().getPath();
                    if (path == null || !sameFile(Path.of(path), target.file()) || f.getLine() != target.line()) {
                        throw new StepFailure("stopped at " + path + ":" + f.getLine() + " (" + f.getName() + "), not at "
                                + target.file() + ":" + target.line(), List.of());
                    }
                    return f;
                }, f -> "top frame " + f.getName() + " at " + target.location());

                Scope locals = step(DapStep.SCOPES, timeout -> {
                    ScopesArguments args = new ScopesArguments();
                    args.setFrameId(top.getId());
                    Scope[] scopes = await(dap.scopes(args), timeout).getScopes();
                    return Arrays.stream(scopes == null ? new Scope[0] : scopes)
                            .filter(s -> "Locals".equalsIgnoreCase(s.getName())).findFirst()
                            .orElseThrow(() -> new StepFailure("no Locals scope in " + Arrays.stream(scopes)
                                    .map(Scope::getName).toList(), List.of()));
                }, s -> "Locals scope (reference " + s.getVariablesReference() + ")");

                step(DapStep.VARIABLES, timeout -> {
                    VariablesArguments args = new VariablesArguments();
                    args.setVariablesReference(locals.getVariablesReference());
                    Variable[] vars = await(dap.variables(args), timeout).getVariables();
                    List<Variable> all = Arrays.asList(vars == null ? new Variable[0] : vars);
                    if (target.variable().isEmpty()) {
                        return all.size() + " locals: " + all.stream().map(v -> v.getName() + " = " + v.getValue())
                                .collect(Collectors.joining(", "));
                    }
                    String name = target.variable().get();
                    Variable v = all.stream().filter(x -> name.equals(x.getName())).findFirst()
                            .orElseThrow(() -> new StepFailure("the local " + name + " is not among the locals Delve "
                                    + "reports: " + all.stream().map(Variable::getName).toList(), List.of()));
                    variableValue = Optional.ofNullable(v.getValue());
                    if (target.expectedValue().isPresent() && !target.expectedValue().get().equals(v.getValue())) {
                        throw new StepFailure("Delve reads " + name + " = " + v.getValue() + ", expected "
                                + target.expectedValue().get(), List.of());
                    }
                    return name + " = " + v.getValue();
                }, d -> d);

                step(DapStep.CONTINUE, timeout -> {
                    ContinueArguments args = new ContinueArguments();
                    args.setThreadId(thread);
                    await(dap.continue_(args), timeout);
                    return "";
                }, x -> "resumed");

                step(DapStep.TERMINATED, timeout -> await(events.ended, timeout), e -> "the program " + e);
            } catch (CancelledException e) {
                failed = steps.get(steps.size() - 1).step(); // rethrown below, after dlv is killed
            } catch (StepFailure e) {
                StepResult last = steps.get(steps.size() - 1);
                if (last.status() == StepResult.Status.PASSED) { // failed between steps, e.g. while setting up the DAP client
                    steps.add(new StepResult(DapStep.values()[last.step().ordinal() + 1], StepResult.Status.FAILED,
                            Duration.ZERO, e.getMessage()));
                }
                failed = steps.get(steps.size() - 1).step();
                failure = e.getMessage();
                fixes.addAll(e.fixes);
            } finally {
                if (server != null && delve != null && delve.exitCode().isEmpty()) {
                    try {
                        DisconnectArguments args = new DisconnectArguments();
                        args.setTerminateDebuggee(true);
                        server.disconnect(args).get(DISCONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        LOG.log(System.Logger.Level.TRACE, () -> "disconnect: " + e);
                    }
                }
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing is best effort; dlv is killed next anyway
                    }
                }
                if (listening != null) {
                    listening.cancel(true);
                }
                if (delve != null) {
                    delve.close();
                }
                executor.shutdownNow();
            }
            if (cancel.isCancelled()) {
                throw new CancelledException("the debug session of " + target.packageDir() + " was cancelled; dlv was stopped",
                        List.of());
            }
            return result(failed, failure, fixes);
        }

        private DebugVerification result(DapStep failed, String failure, List<String> fixes) {
            for (DapStep s : DapStep.values()) {
                if (steps.stream().noneMatch(r -> r.step() == s)) {
                    steps.add(new StepResult(s, StepResult.Status.NOT_RUN, Duration.ZERO, "not run"));
                }
            }
            String summary;
            List<String> allFixes = new ArrayList<>();
            if (failed == null) {
                summary = "breakpoint at " + target.location() + " hit and "
                        + target.variable().map(v -> v + " = " + variableValue.orElse("?") + " read")
                        .orElse("the locals read") + " through Delve " + version.map(DelveVersion::version).orElse("?")
                        + "'s DAP server, with " + toolchain.version();
            } else {
                String said;
                said = String.join("\n", output.lines());
                Optional<DelveVersion.Mismatch> mismatch = version.flatMap(v -> v.mismatch(toolchain,
                        failure + "\n" + said));
                if (mismatch.isPresent() && failed.compareTo(DapStep.LAUNCH) <= 0) {
                    summary = mismatch.get().message() + "; " + failed.label() + " failed: " + failure;
                    allFixes.addAll(mismatch.get().fixes());
                } else {
                    summary = failed.label() + " failed: " + failure;
                }
                List<String> buildErrors = said.lines().filter(l -> l.startsWith("[dap stderr] "))
                        .map(l -> l.substring("[dap stderr] ".length())).toList();
                if (failed == DapStep.LAUNCH && said.contains("Build Error")) {
                    summary += "\n" + String.join("\n", buildErrors);
                    allFixes.add("fix the build errors above; go build in " + target.packageDir() + " shows them too");
                }
                allFixes.addAll(fixes);
                if (allFixes.isEmpty()) {
                    allFixes.add("run dlv dap by hand in " + target.packageDir() + " and debug with VS Code, or see Delve's "
                            + "output above; run again with --debug for more");
                }
            }
            return new DebugVerification(dlv, version.map(DelveVersion::version), toolchain.version(), target, steps,
                    Optional.ofNullable(failed), summary, allFixes, output.lines(), variableValue,
                    Duration.ofNanos(System.nanoTime() - started));
        }

        /** Runs one step with its timeout (capped by the overall deadline) and records it. */
        private <T> T step(DapStep step, StepBody<T> body, Function<T, String> detail) throws StepFailure {
            Duration timeout = timeouts.getOrDefault(step, step.defaultTimeout());
            Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
            boolean capped = left.compareTo(timeout) < 0;
            Duration limit = capped ? (left.isNegative() ? Duration.ZERO : left) : timeout;
            long t0 = System.nanoTime();
            try {
                cancel.throwIfCancelled("the debug session");
                T value = body.run(limit);
                steps.add(new StepResult(step, StepResult.Status.PASSED, Duration.ofNanos(System.nanoTime() - t0),
                        detail.apply(value)));
                return value;
            } catch (StepFailure e) {
                throw recorded(step, t0, e);
            } catch (TimeoutException e) {
                throw recorded(step, t0, new StepFailure(step.label() + " did not finish within " + Durations.human(limit)
                        + (capped ? " (the verification's overall deadline of " + Durations.human(deadline) + ")" : ""),
                        List.of("if the machine is just slow, allow more time: --timeout "
                                + Durations.human(deadline.multipliedBy(2)))));
            } catch (CancelledException e) {
                recorded(step, t0, new StepFailure("cancelled", List.of()));
                throw e; // run() kills dlv on the way out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                recorded(step, t0, new StepFailure("interrupted", List.of()));
                throw new CancelledException("the debug session was interrupted", List.of());
            } catch (ExecutionException e) {
                String said = dapError(e.getCause());
                output.add("[dap error] " + said);
                throw recorded(step, t0, new StepFailure(said, List.of()));
            } catch (GoSetupException e) {
                throw recorded(step, t0, new StepFailure(e.getMessage(), e.resolutions()));
            } catch (Exception e) {
                throw recorded(step, t0, new StepFailure(e.toString(), List.of()));
            }
        }

        private StepFailure recorded(DapStep step, long t0, StepFailure e) {
            steps.add(new StepResult(step, StepResult.Status.FAILED, Duration.ofNanos(System.nanoTime() - t0), e.getMessage()));
            return e;
        }

        /**
         * Waits for a future in slices, so that cancellation and dlv's death end the wait early.
         */
        private <T> T await(CompletableFuture<T> future, Duration timeout)
                throws InterruptedException, ExecutionException, TimeoutException, StepFailure {
            long end = System.nanoTime() + Math.max(0, timeout.toNanos());
            while (true) {
                try {
                    return future.get(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    cancel.throwIfCancelled("the debug session");
                    if (delve != null && delve.exitCode().isPresent() && !future.isDone()) {
                        Thread.sleep(200); // let the readers hand on dlv's last words
                        if (!future.isDone()) {
                            throw new StepFailure("dlv exited with status " + delve.exitCode().get() + ": "
                                    + lastWords(), List.of());
                        }
                    }
                    if (System.nanoTime() - end >= 0) {
                        throw e;
                    }
                }
            }
        }

        private String lastWords() {
            List<String> lines = output.lines();
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return tail.isEmpty() ? "(it printed nothing)" : String.join(" | ", tail);
        }
    }

    /**
     * Delve's words, kept within bounds: a debuggee that prints without end (its output goes to
     * dlv's stdout) must not fill the heap. The first lines (dlv version, the listening line,
     * build errors) and the newest ones are kept, with a note of how many were dropped between.
     */
    static final class DelveWords {
        static final int HEAD = 200;
        static final int TAIL = 800;
        private final List<String> head = new ArrayList<>();
        private final java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
        private long dropped;

        synchronized void add(String line) {
            String l = line.length() > 4000 ? line.substring(0, 4000) + "..." : line;
            if (head.size() < HEAD) {
                head.add(l);
                return;
            }
            if (tail.size() == TAIL) {
                tail.removeFirst();
                dropped++;
            }
            tail.addLast(l);
        }

        synchronized List<String> lines() {
            List<String> all = new ArrayList<>(head);
            if (dropped > 0) {
                all.add("[gosetup] ... " + dropped + " lines left out ...");
            }
            all.addAll(tail);
            return List.copyOf(all);
        }
    }

    /** Delve's words from a failed request: the error body's {@code format}, else the message. */
    static String dapError(Throwable cause) {
        if (cause instanceof ResponseErrorException r && r.getResponseError() != null) {
            String message = Optional.ofNullable(r.getResponseError().getMessage()).orElse("");
            Object data = r.getResponseError().getData();
            // LSP4J hands the error response's body on as data: a Map parsed by Gson, or a JsonElement.
            if (data instanceof Map<?, ?> body && body.get("error") instanceof Map<?, ?> error
                    && error.get("format") != null) {
                return "Delve answered: " + error.get("format");
            }
            if (data instanceof JsonElement json && json.isJsonObject()) {
                JsonObject body = json.getAsJsonObject();
                if (body.has("error") && body.get("error").isJsonObject()
                        && body.getAsJsonObject("error").has("format")) {
                    return "Delve answered: " + body.getAsJsonObject("error").get("format").getAsString();
                }
            }
            return "Delve answered: " + message + (data != null ? " " + data : "");
        }
        return String.valueOf(cause);
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)");
    }

    /**
     * Configures a {@link BreakpointVerifier}: the toolchain (or a whole environment), dlv, the
     * program, timeouts. Not thread-safe.
     */
    public static final class Builder {
        private Toolchain toolchain;
        private GoEnvironment environment;
        private Map<String, String> inherited = System.getenv();
        private Path dlv;
        private Path program;
        private final Map<DapStep, Duration> timeouts = new EnumMap<>(DapStep.class);
        private Duration deadline = Duration.ofMinutes(5);
        private Path buildCache;

        private Builder() {
        }

        /**
         * Debugs with this toolchain in a hermetic environment (unless {@link #environment} is set).
         *
         * @param toolchain the toolchain whose go Delve builds with
         * @return this builder
         */
        public Builder toolchain(Toolchain toolchain) {
            this.toolchain = Objects.requireNonNull(toolchain, "toolchain");
            return this;
        }

        /**
         * Debugs in this environment (the user's GOPATH, GOPROXY, ...) instead of a hermetic one.
         *
         * @param environment the environment; its toolchain is the one used
         * @return this builder
         */
        public Builder environment(GoEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Sets the variables dlv inherits before the Go environment is applied; by default this
         * JVM's environment.
         *
         * @param variables the variables
         * @return this builder
         */
        public Builder inherited(Map<String, String> variables) {
            this.inherited = Map.copyOf(variables);
            return this;
        }

        /**
         * Runs this dlv instead of the one {@link #findDlv} finds.
         *
         * @param dlv the binary
         * @return this builder
         */
        public Builder dlv(Path dlv) {
            this.dlv = dlv.toAbsolutePath();
            return this;
        }

        /**
         * Debugs the user's main package in this directory instead of gosetup's probe program.
         *
         * @param directory the package directory
         * @return this builder
         */
        public Builder program(Path directory) {
            this.program = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Gives one step another timeout.
         *
         * @param step the step
         * @param timeout positive
         * @return this builder
         */
        public Builder timeout(DapStep step, Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout of " + step.label() + " must be positive, got " + timeout);
            }
            timeouts.put(Objects.requireNonNull(step, "step"), timeout);
            return this;
        }

        /**
         * Limits the whole verification (default 5 minutes); a step gets at most what is left.
         *
         * @param total positive
         * @return this builder
         */
        public Builder deadline(Duration total) {
            if (total.isNegative() || total.isZero()) {
                throw new IllegalArgumentException("the deadline must be positive, got " + total);
            }
            this.deadline = total;
            return this;
        }

        /**
         * Shares a Go build cache between hermetic sessions (Go's cache is safe to share), so the
         * probe's standard library is not rebuilt every time.
         *
         * @param cache the build cache directory
         * @return this builder
         */
        public Builder sharedBuildCache(Path cache) {
            this.buildCache = cache.toAbsolutePath();
            return this;
        }

        /**
         * Checks the configuration and finds dlv.
         *
         * @return the verifier
         * @throws IllegalStateException when neither a toolchain nor an environment was given
         * @throws InvalidConfigurationException naming the program directory when it is no main package
         * @throws NotFoundException with the install command when there is no dlv
         */
        public BreakpointVerifier build() {
            if (toolchain == null && environment == null) {
                throw new IllegalStateException("set a toolchain(...) or an environment(...)");
            }
            Optional<DebugTarget> target = Optional.ofNullable(program).map(DebugTarget::mainPackage);
            Toolchain tc = environment != null ? environment.toolchain() : toolchain;
            Path binary = dlv;
            if (binary == null) {
                GoEnvironment env = environment != null ? environment : GoEnvironment.of(tc);
                binary = findDlv(env, inherited).orElseThrow(() -> new NotFoundException("dlv (Delve) was not found on "
                        + "PATH", List.of("install it: " + installCommand(tc), "or give its path: --dlv PATH")));
            } else if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                throw new NotFoundException("dlv " + binary + " is not an executable file",
                        List.of("check the path, or install Delve: " + installCommand(tc)));
            }
            return new BreakpointVerifier(this, binary, target);
        }
    }
}
