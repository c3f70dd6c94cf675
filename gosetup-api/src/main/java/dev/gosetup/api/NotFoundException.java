package dev.gosetup.api;

import java.util.List;

/**
 * Something asked for does not exist: a version with no release, a platform with no archive, a provider id nobody provides.
 */
public class NotFoundException extends GoSetupException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     */
    public NotFoundException(String message, List<String> resolutions) {
        super(message, resolutions);
    }

    /**
     * Creates the exception with its underlying cause.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public NotFoundException(String message, List<String> resolutions, Throwable cause) {
        super(message, resolutions, cause);
    }
}
