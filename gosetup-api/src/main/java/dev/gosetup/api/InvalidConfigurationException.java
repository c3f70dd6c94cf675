package dev.gosetup.api;

import java.util.List;

/**
 * Bad input: a malformed version, spec, file or setting. The CLI exits with status 2 for it.
 */
public class InvalidConfigurationException extends GoSetupException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     */
    public InvalidConfigurationException(String message, List<String> resolutions) {
        super(message, resolutions);
    }

    /**
     * Creates the exception with its underlying cause.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public InvalidConfigurationException(String message, List<String> resolutions, Throwable cause) {
        super(message, resolutions, cause);
    }
}
