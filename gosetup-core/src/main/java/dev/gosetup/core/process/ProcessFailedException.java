package dev.gosetup.core.process;

import dev.gosetup.api.GoSetupException;

import java.util.List;
import java.util.Objects;

/**
 * A process gosetup ran (or a test ran through {@code GoRunner}) exited with a status other than 0.
 * Carries the whole {@link ProcessResult}, so a caller can act on the exit code and read the
 * complete output; the message holds the command, the exit code and the end of standard error.
 */
public class ProcessFailedException extends GoSetupException {
    private static final long serialVersionUID = 1L;

    private final transient ProcessResult result;

    /**
     * Creates the exception for a failed result.
     *
     * @param message what failed
     * @param resolutions what to do about it
     * @param result the result of the process; its exit code should not be 0
     */
    public ProcessFailedException(String message, List<String> resolutions, ProcessResult result) {
        super(message, resolutions);
        this.result = Objects.requireNonNull(result, "result");
    }

    /**
     * Returns what the process left: the command, the exit code and the complete output.
     *
     * @return the result
     */
    public ProcessResult result() {
        return result;
    }

    /**
     * Returns the exit code of the process.
     *
     * @return the exit code, not 0
     */
    public int exitCode() {
        return result.exitCode();
    }
}
