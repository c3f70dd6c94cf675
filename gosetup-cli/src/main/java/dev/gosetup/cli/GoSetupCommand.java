package dev.gosetup.cli;

import dev.gosetup.core.internal.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
        footer = {"  0  success", "  1  the operation or a check failed", "  2  bad usage or bad input"},
        subcommands = {CommandLine.HelpCommand.class, ToolchainCommands.Install.class,
            ToolchainCommands.ListCommand.class, ToolchainCommands.Use.class, ToolchainCommands.Uninstall.class,
            ToolchainCommands.Prune.class, ToolchainCommands.Which.class, EnvCommands.Env.class,
            EnvCommands.Exec.class, DoctorCommand.class, ProxyCommands.Proxy.class})
public final class GoSetupCommand implements Callable<Integer> {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Log diagnostics to stderr and show stack traces of errors.")
    boolean debug;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment the commands act for: whose home, profile files and Go settings. */
    Map<String, String> environment = System.getenv();

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
        GoSetupCommand root = new GoSetupCommand();
        root.environment = Map.copyOf(environment);
        CommandLine cli = new CommandLine(root);
        // Everything after the command to run belongs to it, options included.
        cli.getSubcommands().get("exec").setStopAtPositional(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parseResult -> {
            configureLogging(root.debug, err);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("gosetup: " + Printable.escape(String.valueOf(ex.getMessage())));
            err.println("  fix: see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> ErrorReporter.report(ex, root.debug, err));
        return cli.execute(args);
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
        Level level = debug ? Level.FINE : Level.WARNING;
        root.setLevel(level);
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
