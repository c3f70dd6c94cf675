package dev.gosetup.cli;

import java.io.PrintWriter;
import dev.gosetup.api.CancellationToken;

import java.nio.charset.Charset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
        // Ctrl-C starts the JVM's shutdown: the hook cancels the running command and holds the
        // shutdown until the command has cleaned up and said what it kept (at most 10 s).
        CancellationToken cancel = new CancellationToken();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gosetup-interrupt"));
        int status;
        try {
            status = GoSetupCommand.run(args, out, err, System.getenv(), cancel);
        } finally {
            out.flush();
            err.flush();
            finished.countDown();
        }
        System.exit(status);
    }
}
