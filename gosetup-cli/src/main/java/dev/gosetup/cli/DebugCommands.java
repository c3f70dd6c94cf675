package dev.gosetup.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.Failures;
import dev.gosetup.core.process.Executables;
import dev.gosetup.vscode.dap.BreakpointVerifier;
import dev.gosetup.vscode.dap.DebugVerification;
import dev.gosetup.vscode.dap.StepResult;
import dev.gosetup.vscode.tools.GoTool;
import dev.gosetup.vscode.tools.GoTools;
import dev.gosetup.vscode.tools.InstalledTool;
import dev.gosetup.vscode.tools.ToolListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The Delve commands: debug verify, and tools install (dlv, gopls). */
final class DebugCommands {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DebugCommands() {
    }

    /** {@code gosetup debug}: the group. */
    @Command(name = "debug", mixinStandardHelpOptions = true, description = "Check that debugging Go works.",
            subcommands = {Verify.class})
    static final class Debug extends CommandGroup {
    }

    /** {@code gosetup debug verify}: a breakpoint hit and a variable read through dlv dap. */
    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Verify that breakpoints work the way VS Code debugs: start dlv dap, launch a program through "
                    + "the Debug Adapter Protocol, set a breakpoint, wait until it is hit, read a local variable, "
                    + "continue to the end. dlv and the program are killed afterwards, whatever happened.",
                "Without --program, gosetup's probe program is built in a throw-away environment; with it, your main "
                    + "package is built with your Go settings."},
            footerHeading = "%nExit status:%n",
            footer = {"  0  the breakpoint was hit and the variable read", "  1  a step failed (the report names it and "
                    + "the fix)", "  2  bad usage or bad input"})
    static final class Verify implements Callable<Integer> {
        @Mixin
        ToolchainTarget target;

        @Option(names = "--dlv", paramLabel = "PATH", description = "The dlv to run (default: dlv on PATH, GOBIN first).")
        Path dlv;

        @Option(names = "--program", paramLabel = "DIR", description = "Debug the main package in DIR (breaking on its "
                + "func main line) instead of gosetup's probe program.")
        Path program;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
        String format;

        @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m",
                description = "The limit for the whole verification (500ms, 30s, 5m, PT5M); default 5m.")
        String timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> environment = ((GoSetupCommand) spec.root().userObject()).environment;
            boolean json = switch (format.toLowerCase(Locale.ROOT)) {
                case "text" -> false;
                case "json" -> true;
                default -> throw new InvalidConfigurationException("--format: \"" + format + "\" is not a format",
                        List.of("use text or json"));
            };
            Duration deadline = StoreOptions.duration("--timeout", timeout);
            Toolchain go = target.toolchain(environment);
            BreakpointVerifier.Builder builder = BreakpointVerifier.builder().inherited(environment).deadline(deadline);
            if (program != null) {
                builder.environment(userEnvironment(go, environment)).program(program);
            } else {
                builder.toolchain(go);
            }
            if (dlv != null) {
                builder.dlv(dlv);
            }
            BreakpointVerifier verifier;
            try {
                verifier = builder.build();
            } catch (NotFoundException e) {
                if (dlv != null) {
                    throw e; // the --dlv given is wrong: bad input
                }
                // No dlv is a failed environment, not a bad argument: exit 1 with the install command.
                PrintWriter err = spec.commandLine().getErr();
                err.println("gosetup: debug verify: " + e.getMessage());
                e.resolutions().forEach(r -> err.println("  fix: " + r));
                err.flush();
                return ExitCode.FAILED;
            }
            if (program == null) {
                // Only now that the input is known good (nothing may be created for bad input): the probe's
                // environment is thrown away, but its build cache is worth keeping. Go's cache is safe to
                // share, and a cold build of fmt takes Delve's launch step from ~1 s to ~30 s.
                verifier = builder.sharedBuildCache(target.store(environment).root().resolve("cache").resolve("go-build"))
                        .build();
            }
            DebugVerification result = verifier.verify(new CancellationToken());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(result) : text(result, go, program == null));
            out.flush();
            return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
        }

        private static String text(DebugVerification r, Toolchain go, boolean probe) {
            StringBuilder b = new StringBuilder();
            b.append("debug verify: ").append(go.version()).append(" (").append(go.goroot()).append("), Delve ")
                    .append(r.delveVersion().orElse("?")).append(" (").append(r.dlv()).append("), ")
                    .append(probe ? "gosetup's probe program" : "program " + r.target().packageDir())
                    .append('\n');
            for (StepResult s : r.steps()) {
                String mark = switch (s.status()) {
                    case PASSED -> "[✓]";
                    case FAILED -> "[✗]";
                    case NOT_RUN -> "[-]";
                };
                b.append(String.format(Locale.ROOT, "%s %-18s %7s  %s%n", mark, s.step().label(),
                        s.status() == StepResult.Status.NOT_RUN ? "" : Durations.human(s.duration()), clean(s.detail())));
            }
            if (!r.succeeded()) {
                List<String> said = r.delveOutput();
                b.append("Delve said (last lines):\n");
                for (String line : said.subList(Math.max(0, said.size() - 15), said.size())) {
                    b.append("  ").append(clean(line)).append('\n');
                }
            }
            b.append(r.succeeded() ? "✓ " : "✗ ").append(r.summary().lines().map(DebugCommands::clean)
                    .reduce((a, c) -> a + "\n  " + c).orElse("")).append(" (").append(Durations.human(r.total())).append(")\n");
            r.fixes().forEach(f -> b.append("  fix: ").append(clean(f)).append('\n'));
            return b.toString();
        }

        private static String json(DebugVerification r) {
            ObjectNode root = JSON.createObjectNode();
            root.put("succeeded", r.succeeded());
            root.put("summary", r.summary());
            root.put("failedStep", r.failedStep().map(s -> s.label()).orElse(null));
            root.put("dlv", r.dlv().toString());
            root.put("delveVersion", r.delveVersion().orElse(null));
            root.put("go", r.go().toString());
            root.put("program", r.target().packageDir().toString());
            root.put("breakpoint", r.target().location());
            r.target().variable().ifPresent(v -> root.put("variable", v));
            root.put("value", r.variableValue().orElse(null));
            root.put("totalMillis", r.total().toMillis());
            ArrayNode steps = root.putArray("steps");
            for (StepResult s : r.steps()) {
                ObjectNode n = steps.addObject();
                n.put("step", s.step().label());
                n.put("status", s.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                n.put("millis", s.duration().toMillis());
                n.put("detail", s.detail());
            }
            ArrayNode fixes = root.putArray("fixes");
            r.fixes().forEach(fixes::add);
            ArrayNode said = root.putArray("delveOutput");
            r.delveOutput().forEach(said::add);
            try {
                return JSON.writeValueAsString(root) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code gosetup tools}: the group. */
    @Command(name = "tools", mixinStandardHelpOptions = true, description = "Go tools for editors (dlv, gopls).",
            subcommands = {Install.class})
    static final class Tools extends CommandGroup {
    }

    /** {@code gosetup tools install}: go install dlv and gopls into the store's tools directory of a toolchain. */
    @Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Install dlv and gopls with go install, into <store>/tools/<toolchain>/bin, choosing the "
                    + "newest versions that support the toolchain and that it can build; verified with go version -m.",
                "Modules come through your Go settings (GOPROXY, GOPRIVATE, GONOSUMDB, GOFLAGS...)."},
            footerHeading = "%nExit status:%n",
            footer = {"  0  installed and verified", "  1  go install failed or the binary is not what was asked for",
                "  2  bad usage or bad input"})
    static final class Install implements Callable<Integer> {
        @Mixin
        ToolchainTarget target;

        @Option(names = "--tool-version", paramLabel = "V",
                description = "Install this module version (v1.2.3) instead of choosing one; needs exactly one tool.")
        String toolVersion;

        @Parameters(paramLabel = "TOOL", arity = "0..*", description = "dlv, gopls (default: both).")
        List<String> names = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> environment = ((GoSetupCommand) spec.root().userObject()).environment;
            List<GoTool> tools = (names.isEmpty() ? List.of("dlv", "gopls") : names).stream().map(GoTool::named).distinct()
                    .toList();
            if (toolVersion != null && tools.size() != 1) {
                throw new InvalidConfigurationException("--tool-version " + toolVersion + " needs exactly one tool, got "
                        + tools.stream().map(GoTool::name).toList(), List.of("name one tool: gosetup tools install "
                        + "--tool-version " + toolVersion + " dlv"));
            }
            Toolchain go = target.toolchain(environment);
            Path gobin = GoTools.toolsDirectory(target.store(environment), go);
            GoTools installer = GoTools.of(userEnvironment(go, environment), gobin).inherited(environment);
            Optional<String> version = Optional.ofNullable(toolVersion);
            for (GoTool tool : tools) {
                installer.install(tool, version.map(v -> v.startsWith("v") ? v : "v" + v), new Progress(spec),
                        new CancellationToken());
            }
            return ExitCode.OK;
        }

        /** Progress on stderr, the result on stdout; `vscode apply --tools` shares it. */
        static final class Progress implements ToolListener {
            private final PrintWriter out;
            private final PrintWriter err;

            Progress(CommandSpec spec) {
                this.out = spec.commandLine().getOut();
                this.err = spec.commandLine().getErr();
            }

            @Override
            public void installing(GoTool tool, String version, List<String> command) {
                err.println("gosetup: tools: " + String.join(" ", command));
                err.flush();
            }

            @Override
            public void output(String line) {
                synchronized (err) {
                    err.println("  " + clean(line));
                    err.flush();
                }
            }

            @Override
            public void installed(InstalledTool tool) {
                out.println(tool.binary() + " " + tool.version() + " (" + tool.packagePath() + ", built with "
                        + tool.builtWith() + ")");
                out.flush();
            }
        }
    }

    /**
     * How {@code debug verify} and {@code tools install} name their toolchain: {@code --version SPEC}
     * (installed in the store) or {@code --goroot DIR}, else the go on PATH; {@code --home} for the
     * store; and {@code -h/--help}.
     */
    static final class ToolchainTarget {
        @ArgGroup(exclusive = true)
        DoctorCommand.ToolchainChoice toolchain;

        // The group's --version shadows the standard -V/--version, and picocli then drops the whole
        // standard mixin, --help included: declared here so that --help always works.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--home", paramLabel = "DIR", description = "The gosetup store (default: $GOSETUP_HOME).")
        Path home;

        /** The toolchain named by --version/--goroot, else the go on the user's PATH. */
        Toolchain toolchain(Map<String, String> environment) {
            if (toolchain != null) {
                return toolchain.resolve(environment, home);
            }
            Path go = Executables.find("go", environment, dev.gosetup.api.Platform.current().isWindows());
            try {
                return DoctorCommand.ToolchainChoice.fromGoroot(go.toRealPath().getParent().getParent());
            } catch (IOException e) {
                throw new NotFoundException("cannot resolve " + go + ": " + Failures.oneLine(e),
                        List.of("give the toolchain: --goroot DIR or --version SPEC"), e);
            }
        }

        /** The store: --home, else the user's GOSETUP_HOME or default; offline (nothing is installed here). */
        ToolchainStore store(Map<String, String> environment) {
            GoInstaller.Builder builder = GoInstaller.builder(environment).offline(true);
            if (home != null) {
                builder.home(home);
            }
            return builder.build().store();
        }
    }

    /**
     * The user's Go settings with the chosen toolchain: every Go variable of their environment
     * (GOPATH, GOPROXY, GOFLAGS, ...) except GOROOT, which is the toolchain's, and GOTOOLCHAIN,
     * which is local so that the chosen toolchain is the one that runs.
     */
    static GoEnvironment userEnvironment(Toolchain go, Map<String, String> environment) {
        GoEnvironment env = GoEnvironment.of(go);
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (GoEnvironment.isGoVariable(e.getKey()) && !e.getValue().isEmpty()
                    && !e.getKey().equals("GOROOT") && !e.getKey().equals("GOTOOLCHAIN")) {
                env = env.with(e.getKey(), e.getValue());
            }
        }
        return env.with("GOTOOLCHAIN", "local");
    }

    /** Control characters from outside (Delve's output, go's output) shown escaped. */
    static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
