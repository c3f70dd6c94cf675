package dev.gosetup.cli;

import dev.gosetup.api.CancelledException;
import dev.gosetup.core.internal.Printable;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns an exception into what a person reads on stderr, and the exit status.
 *
 * <p>One line for what went wrong, then one {@code  fix:} line per suggested resolution; the stack
 * trace only with {@code --debug}. Bad input (an invalid setting, a version or provider that does
 * not exist, a malformed argument) is status 2; every other failure is status 1.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    static int report(Throwable failure, boolean debug, PrintWriter err) {
        int status = statusOf(failure);
        if (failure instanceof GoSetupException gse) {
            err.println("gosetup: " + Printable.escape(gse.getMessage()));
            for (String resolution : gse.resolutions()) {
                err.println("  fix: " + Printable.escape(resolution));
            }
        } else if (failure instanceof IllegalArgumentException) {
            err.println("gosetup: " + Printable.escape(String.valueOf(failure.getMessage())));
        } else {
            err.println("gosetup: unexpected " + failure.getClass().getSimpleName() + ": "
                    + Printable.escape(String.valueOf(failure.getMessage())));
            if (!debug) {
                err.println("  fix: run again with --debug for the stack trace, and report it as a bug");
            }
        }
        if (debug) {
            // Messages in the trace may quote an index, a mirror or a header: escaped like the rest.
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(l -> err.println(l.startsWith("\t")
                    ? "\t" + Printable.escape(l.substring(1)) : Printable.escape(l)));
        }
        err.flush();
        return status;
    }

    static int statusOf(Throwable failure) {
        if (failure instanceof CancelledException) {
            return ExitCode.INTERRUPTED;
        }
        if (failure instanceof InvalidConfigurationException || failure instanceof NotFoundException
                || failure instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    }
}
