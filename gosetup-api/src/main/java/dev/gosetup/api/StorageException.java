package dev.gosetup.api;

import java.util.List;

/**
 * A local file or directory could not be read or written: no space left on the device, a quota
 * exceeded, no permission, a read-only file system. Retrying does not help until the cause is
 * fixed; the message names the path and the operating system's reason, and
 * {@link #resolutions()} says what to free or change (space on which file system, which directory
 * to make writable, or another home).
 */
public class StorageException extends GoSetupException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its underlying cause.
     *
     * @param message what failed and with which path
     * @param resolutions what to do about it; may be empty, never null
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public StorageException(String message, List<String> resolutions, Throwable cause) {
        super(message, resolutions, cause);
    }
}
