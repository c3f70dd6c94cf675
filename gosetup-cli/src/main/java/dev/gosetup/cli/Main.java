package dev.gosetup.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Entry point of the {@code gosetup} command. The only class in gosetup that may end the JVM.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its status: 0 success, 1 the operation or a check
     * failed, 2 bad usage or bad input.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        Charset console = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, console), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, console), true);
        int status = GoSetupCommand.run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
