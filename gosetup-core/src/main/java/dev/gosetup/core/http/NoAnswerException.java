package dev.gosetup.core.http;

import dev.gosetup.api.NetworkException;
import java.util.List;

/**
 * A probe ({@link HttpDownloader#probe(ProbeRequest, dev.gosetup.api.CancellationToken)}) got no complete answer:
 * the connection failed, or the exchange did not finish within its deadline. The message names the URL; callers
 * that word their own report use {@link #timedOut()} and {@link #reason()}.
 */
public final class NoAnswerException extends NetworkException {
    private static final long serialVersionUID = 1L;
    private final boolean timedOut;
    private final String reason;

    NoAnswerException(String message, boolean timedOut, String reason, List<String> resolutions, Throwable cause) {
        super(message, resolutions, cause);
        this.timedOut = timedOut;
        this.reason = reason;
    }

    /**
     * Whether the deadline passed (no headers, or the body kept did not arrive, in time).
     *
     * @return true for a timeout, false for a connection failure
     */
    public boolean timedOut() {
        return timedOut;
    }

    /**
     * Why there was no answer, without the URL, e.g. {@code cannot connect to 127.0.0.1:8080: Connection refused}.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
