package dev.gosetup.api;

import java.util.List;

/**
 * An operation stopped because its {@link CancellationToken} was cancelled or its thread was
 * interrupted. Nothing it was doing became visible.
 */
public class CancelledException extends GoSetupException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was cancelled
     * @param resolutions what to do about it; usually empty
     */
    public CancelledException(String message, List<String> resolutions) {
        super(message, resolutions);
    }
}
