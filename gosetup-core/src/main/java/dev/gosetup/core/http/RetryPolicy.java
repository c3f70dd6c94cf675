package dev.gosetup.core.http;

import dev.gosetup.api.NetworkException;
import dev.gosetup.core.internal.Durations;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * What is tried again and when: attempt numbering (the first request is attempt 1; a listener is told the number of
 * the coming attempt), exponential backoff with jitter, {@code Retry-After} up to the cap, and the final
 * {@link NetworkException} once the attempts run out. What counts as retryable is decided where a failure is seen:
 * {@link Exchange#classify} and {@link ResponseChecks#checkStatus} throw a {@link Retry} for it, anything else ends
 * the call at once. Immutable.
 */
final class RetryPolicy {
    private static final System.Logger LOG = System.getLogger(RetryPolicy.class.getName());

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final HttpDownloader.Sleeper sleeper;
    private final ProxyConfig proxy;

    RetryPolicy(int maxAttempts, Duration base, Duration cap, HttpDownloader.Sleeper sleeper, ProxyConfig proxy) {
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
        this.proxy = proxy;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** One attempt of a call; throws {@link Retry} when another attempt may help. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(int attempt) throws Retry;
    }

    /** A failure worth another attempt; its message is the reason shown to the listener and in the final error. */
    static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Duration> retryAfter;

        Retry(String reason, Throwable cause) {
            this(reason, cause, Optional.empty());
        }

        Retry(String reason, Throwable cause, Optional<Duration> retryAfter) {
            super(reason, cause);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Runs attempts until one succeeds, one throws anything but {@link Retry}, or the attempts run out; waits the
     * backoff between them through the sleeper, which ends early on cancellation.
     */
    <T> T run(URI uri, String verb, HttpDownloader.Listener listener, BooleanSupplier cancelled, Attempt<T> attempt) {
        Retry last = null;
        for (int n = 1; n <= maxAttempts; n++) {
            Exchange.checkCancelled(cancelled, uri, verb);
            try {
                return attempt.run(n);
            } catch (Retry retry) {
                last = retry;
                if (n == maxAttempts) {
                    break;
                }
                Duration delay = backoff(n, retry.retryAfter());
                String failed = verb + " of " + Urls.redact(uri) + " failed (attempt " + n + " of " + maxAttempts
                        + "): " + retry.getMessage() + "; retrying in " + Durations.human(delay);
                LOG.log(Level.DEBUG, () -> failed);
                listener.retrying(uri, n + 1, delay, retry.getMessage());
                try {
                    sleeper.sleep(delay, () -> Exchange.isCancelled(cancelled));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        String via = proxy.proxyFor(uri).map(a -> " through proxy " + a.getHostString() + ":" + a.getPort())
                .orElse("");
        throw new NetworkException("could not " + verb + " " + Urls.redact(uri) + via + " after " + maxAttempts
                + (maxAttempts == 1 ? " attempt" : " attempts") + "; last error: " + last.getMessage(),
                List.of("check the network connection and the proxy settings (HTTPS_PROXY, NO_PROXY,"
                                + " -Dhttps.proxyHost)",
                        "try again later, or use a mirror of https://go.dev/dl/"),
                last.getCause());
    }

    /** Exponential backoff with "equal jitter": a random delay in [d/2, d], where d = base * 2^(n-1), capped. */
    Duration backoff(int failedAttempt, Optional<Duration> retryAfter) {
        long capMillis = cap.toMillis();
        long raw = base.toMillis();
        for (int i = 1; i < failedAttempt && raw < capMillis; i++) {
            raw *= 2;
        }
        raw = Math.min(raw, capMillis);
        long half = raw / 2;
        long delay = half + (raw - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(raw - half + 1));
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, Math.min(retryAfter.get().toMillis(), capMillis));
        }
        return Duration.ofMillis(delay);
    }

    @Override
    public String toString() {
        return "maxAttempts=" + maxAttempts + ", backoff=" + base + ".." + cap;
    }
}
