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
}
