package dev.gosetup.api;

import java.util.List;
import java.util.Objects;

/**
 * The root of every exception gosetup throws on purpose. Unchecked, so that embedders handle only
 * what they can act on; the subclasses say what kind of failure it was.
 *
 * <p>The message names the subject (a version, a file and line, a URL) and what was wrong with it;
 * {@link #resolutions()} says what to do about it, one suggestion per entry, in the order a person
 * should try them.
 */
public class GoSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> resolutions;

    /**
     * Creates an exception with a message and the fixes to suggest.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     */
    public GoSetupException(String message, List<String> resolutions) {
        this(message, resolutions, null);
    }

    /**
     * Creates an exception with a message, the fixes to suggest and the underlying cause.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public GoSetupException(String message, List<String> resolutions, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.resolutions = List.copyOf(resolutions);
    }

    /**
     * Returns what a person can do to fix the problem, most promising first.
     *
     * @return the suggested fixes; empty when there is nothing better to suggest than the message
     */
    public List<String> resolutions() {
        return resolutions;
    }

    /**
     * Returns the message followed by one {@code fix:} line per resolution, so that a stack trace,
     * a log line or a test report (which print {@link #toString()}) shows the fixes too.
     * {@link #getMessage()} stays the message alone, for callers that show the fixes themselves.
     *
     * @return the message and the fixes
     */
    @Override
    public String getLocalizedMessage() {
        StringBuilder text = new StringBuilder(getMessage());
        for (String resolution : resolutions) {
            text.append(System.lineSeparator()).append("  fix: ").append(resolution);
        }
        return text.toString();
    }
}
