package dev.gosetup.api;

import java.util.List;

/**
 * Downloaded or installed content is not what the trusted source says it must be: a checksum or size mismatch, a hostile archive, a toolchain that reports the wrong version.
 */
public class VerificationException extends GoSetupException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     */
    public VerificationException(String message, List<String> resolutions) {
        super(message, resolutions);
    }

    /**
     * Creates the exception with its underlying cause.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public VerificationException(String message, List<String> resolutions, Throwable cause) {
        super(message, resolutions, cause);
    }
}
