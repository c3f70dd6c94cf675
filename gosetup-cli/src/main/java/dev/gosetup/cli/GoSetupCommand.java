package dev.gosetup.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

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
        subcommands = {CommandLine.HelpCommand.class})
public final class GoSetupCommand implements Callable<Integer> {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Log diagnostics to stderr and show stack traces of errors.")
    boolean debug;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line without exiting, for the launcher and for tests.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where progress, diagnostics and errors go
     * @return the exit status
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        GoSetupCommand root = new GoSetupCommand();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parseResult -> {
            configureLogging(root.debug);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("gosetup: " + ex.getMessage());
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

    /** The library logs through System.Logger, which defaults to java.util.logging here. */
    private static void configureLogging(boolean debug) {
        Logger root = Logger.getLogger("");
        Level level = debug ? Level.FINE : Level.WARNING;
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                handler.setLevel(level);
            }
        }
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
