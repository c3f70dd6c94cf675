package dev.gosetup.cli;

/** The exit statuses every gosetup command uses. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The operation or a check failed. */
    public static final int FAILED = 1;
    /** Bad usage or bad input: an unknown option, a malformed version, a bad file. */
    public static final int USAGE = 2;
    /** Interrupted (Ctrl-C), as shells report a process ended by SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
