package dev.gosetup.cli;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.core.internal.Printable;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The root {@code gosetup} command: global options, and the subcommands each capability adds.
 */
@Command(name = "gosetup",
        mixinStandardHelpOptions = true,
        versionProvider = GoSetupCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Provision and verify Go development environments.",
        footerHeading = "%nExit status:%n",
        footer = {"  0  success", "  1  the operation or a check failed", "  2  bad usage or bad input",
            "  130  interrupted (Ctrl-C); what was kept is said on stderr"})
public final class GoSetupCommand implements Callable<Integer> {

    /**
     * The subcommands, in the order {@code --help} lists them. Not in {@code @Command(subcommands)}:
     * picocli reflects every command class it is given, and building the whole tree was most of a
     * quick command's start-up; {@link #commandLine} adds only the one the arguments name.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(HelpCommand.class, ToolchainCommands.Install.class,
            ToolchainCommands.ListCommand.class, ToolchainCommands.Use.class, ToolchainCommands.Uninstall.class,
            ToolchainCommands.Prune.class, ToolchainCommands.Which.class, EnvCommands.Env.class,
            EnvCommands.Exec.class, DoctorCommand.class, ProxyCommands.Proxy.class, JournalCommands.Rollback.class,
            JournalCommands.History.class, WslCommands.Wsl.class, DebugCommands.Debug.class,
            DebugCommands.Tools.class, VscodeCommands.Vscode.class);

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Log diagnostics to stderr and show stack traces of errors.")
    boolean debug;

    /** Held here: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger GOSETUP_LOGGER = Logger.getLogger("dev.gosetup");

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment the commands act for: whose home, profile files and Go settings. */
    Map<String, String> environment = System.getenv();

    /** Cancels what the command is doing: the launcher cancels it on Ctrl-C, tests directly. */
    CancellationToken cancel = new CancellationToken();

    /**
     * Runs the command line without exiting, for the launcher and for tests.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where progress, diagnostics and errors go
     * @return the exit status
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * Runs the command line for a user with the given environment variables (their {@code HOME},
     * {@code XDG_CONFIG_HOME}, {@code GOENV}, ...), without exiting; for tests.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where progress, diagnostics and errors go
     * @param environment the user's environment variables
     * @return the exit status
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return run(args, out, err, environment, new CancellationToken());
    }

    /**
     * Runs the command line for a user with the given environment, stopping what it does when
     * {@code cancel} is cancelled (the launcher cancels it on Ctrl-C); without exiting.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where progress, diagnostics and errors go
     * @param environment the user's environment variables
     * @param cancel cancels the running command
     * @return the exit status; {@link ExitCode#INTERRUPTED} when cancelled
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
            CancellationToken cancel) {
        GoSetupCommand root = new GoSetupCommand();
        root.environment = Map.copyOf(environment);
        root.cancel = cancel;
        CommandLine cli = commandLine(root, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parseResult -> {
            configureLogging(root.debug, err);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("gosetup: " + Printable.escape(String.valueOf(ex.getMessage())));
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> suggestions = unmatched.getSuggestions();
                if (!suggestions.isEmpty()) {
                    err.println("  fix: did you mean " + suggestions.stream()
                            .map(s -> "'" + (s.startsWith("-") ? s : failed.getCommandSpec().qualifiedName() + " " + s)
                                    + "'")
                            .collect(java.util.stream.Collectors.joining(" or ")) + "?");
                }
            }
            err.println("  fix: see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> ErrorReporter.report(ex, root.debug, err));
        return cli.execute(args);
    }

    /**
     * Builds the command line of a root command with every subcommand, as {@code help} and the
     * usage need them; for tests that walk the tree.
     *
     * @param root the root command
     * @return the command line
     */
    static CommandLine commandLine(GoSetupCommand root) {
        return commandLine(root, new String[0]);
    }

    /**
     * Builds the command line for some arguments: when the first of them that is not an option
     * names a subcommand other than {@code help}, only that subcommand is added (picocli then
     * reflects one command class, not all of them); {@code --version} alone needs none; otherwise
     * (no command, {@code help}, a mistyped name that wants a "did you mean") every subcommand is.
     */
    static CommandLine commandLine(GoSetupCommand root, String[] args) {
        CommandLine cli = new CommandLine(root);
        Class<?> named = null;
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                for (Class<?> sub : SUBCOMMANDS) {
                    if (sub != HelpCommand.class && names(sub).contains(arg)) {
                        named = sub;
                    }
                }
                break;
            }
        }
        boolean versionOnly = args.length > 0;
        for (String arg : args) {
            versionOnly &= arg.equals("--version") || arg.equals("-V") || arg.equals("--debug");
        }
        for (Class<?> sub : named != null ? List.<Class<?>>of(named) : versionOnly ? List.<Class<?>>of() : SUBCOMMANDS) {
            cli.addSubcommand(sub);
        }
        addMissingHelpOptions(cli);
        CommandLine exec = cli.getSubcommands().get("exec");
        if (exec != null) {
            // Everything after the command to run belongs to it, options included.
            exec.setStopAtPositional(true);
        }
        return cli;
    }

    /** The name and aliases of a command class, from its annotation alone. */
    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    /**
     * Gives every command of the tree {@code -h/--help}. picocli's standard help mixin silently
     * leaves out all of its options when a command has an option of the same name, and commands
     * that name a Go version have their own {@code --version}: without this, {@code doctor --help}
     * was an unknown option.
     */
    static void addMissingHelpOptions(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            List<String> names = new java.util.ArrayList<>();
            for (String name : List.of("-h", "--help")) {
                if (spec.findOption(name) == null) {
                    names.add(name);
                }
            }
            spec.addOption(CommandLine.Model.OptionSpec.builder(names.toArray(String[]::new)).usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            addMissingHelpOptions(sub);
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /**
     * The library logs through System.Logger, which defaults to java.util.logging here. Its
     * warnings reach people as one "gosetup: warning:" line each; --debug shows everything, with
     * the logger's name.
     */
    private static void configureLogging(boolean debug, PrintWriter err) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        // --debug opens gosetup's own loggers (DEBUG and TRACE); the JDK's (TLS certificate dumps,
        // the HTTP client) stay at WARNING, where they say something a person can act on.
        root.setLevel(Level.WARNING);
        GOSETUP_LOGGER.setLevel(debug ? Level.FINER : Level.WARNING);
        Level level = debug ? Level.FINER : Level.WARNING;
        Handler toStderr = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (!isLoggable(record)) {
                    return;
                }
                String message = Printable.escape(String.valueOf(new SimpleFormatter().formatMessage(record)));
                String kind = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
                        : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning"
                        : record.getLevel().getName().toLowerCase(java.util.Locale.ROOT);
                err.println("gosetup: " + kind + ": " + message + (debug ? " [" + record.getLoggerName() + "]" : ""));
                if (debug && record.getThrown() != null) {
                    record.getThrown().printStackTrace(err);
                }
                err.flush();
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
        toStderr.setLevel(level);
        root.addHandler(toStderr);
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "gosetup " + projectVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            };
        }

        static String projectVersion() {
            Properties props = new Properties();
            try (InputStream in = GoSetupCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return props.getProperty("version", "unknown");
        }
    }
}
