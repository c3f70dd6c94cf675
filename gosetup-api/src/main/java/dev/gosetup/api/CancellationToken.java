package dev.gosetup.api;

import java.util.List;

/**
 * Lets a caller stop a long operation (a download, an extraction, a build) from another thread.
 *
 * <p>Operations also stop when their thread is interrupted. A cancelled operation throws
 * {@link CancelledException} and leaves nothing half-done behind: partial downloads may stay in the
 * download cache to be resumed, but nothing becomes visible as installed. Thread-safe; once
 * cancelled, a token stays cancelled.
 */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** Creates a token that is not cancelled. */
    public CancellationToken() {
    }

    /** Asks the operations watching this token to stop as soon as they can. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Tells whether {@link #cancel()} was called or the current thread was interrupted.
     *
     * @return true when the operation should stop
     */
    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    /**
     * Throws when the operation should stop.
     *
     * @param what the operation, for the message, e.g. {@code "install of go1.22.5"}
     * @throws CancelledException when cancelled or interrupted
     */
    public void throwIfCancelled(String what) {
        if (isCancelled()) {
            throw new CancelledException(what + " was cancelled", List.of());
        }
    }
}
