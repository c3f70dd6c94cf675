package dev.gosetup.core.process;

import java.util.List;
import java.util.Objects;

/**
 * What a finished process left: its exit code and its captured output.
 *
 * @param command the command line that ran, for messages
 * @param exitCode the exit code
 * @param stdout standard output, decoded as UTF-8
 * @param stderr standard error, decoded as UTF-8
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** Copies the command and validates that nothing is null. */
    public ProcessResult {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * Tells whether the process exited with status 0.
     *
     * @return true on success
     */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * Returns this result when the process succeeded, and otherwise fails with its command, exit
     * code and the end of its standard error.
     *
     * @return this result, when the exit code is 0
     * @throws ProcessFailedException when it is not; it carries this result
     */
    public ProcessResult requireSuccess() {
        if (succeeded()) {
            return this;
        }
        // The end of stderr says why; a command that reports on stdout (go vet -json, go test) gets that.
        String err = stderr.isBlank() ? stdout.strip() : stderr.strip();
        if (err.length() > 2000) {
            err = "..." + err.substring(err.length() - 2000);
        }
        throw new ProcessFailedException(String.join(" ", command) + " failed with exit code " + exitCode
                + (err.isEmpty() ? "" : ":\n" + err),
                List.of("run the command by hand in the same directory to see what went wrong",
                        "catch ProcessFailedException and read result() for the exit code and the whole output"),
                this);
    }
}
