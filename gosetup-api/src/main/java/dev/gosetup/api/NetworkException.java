package dev.gosetup.api;

import java.util.List;

/**
 * A transfer failed: a host that cannot be reached, an HTTP error, a body that ends early. Retrying may help.
 */
public class NetworkException extends GoSetupException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     */
    public NetworkException(String message, List<String> resolutions) {
        super(message, resolutions);
    }

    /**
     * Creates the exception with its underlying cause.
     *
     * @param message what failed and with which input
     * @param resolutions what to do about it; may be empty, never null
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public NetworkException(String message, List<String> resolutions, Throwable cause) {
        super(message, resolutions, cause);
    }
}
