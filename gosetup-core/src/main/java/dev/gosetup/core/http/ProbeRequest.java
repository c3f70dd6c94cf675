package dev.gosetup.core.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request {@link HttpDownloader#probe(ProbeRequest, dev.gosetup.api.CancellationToken)} sends to measure or
 * check a server (a module proxy, a checklist's health URL, a server the doctor just built): no retries, any status
 * accepted, the downloader's redirect rules, one deadline for the whole exchange.
 *
 * <p>Build one with {@link #get(URI, Duration)} and the {@code with...} methods; every component is validated.
 *
 * @param uri            an https URL (http to loopback, or anywhere when {@code allowPlainHttp}; see there), or a
 *                       {@code file:} URI
 * @param method         the HTTP method, upper case, e.g. {@code GET} or {@code HEAD}; sent without a body
 * @param headers        extra request headers (names the JDK reserves, such as {@code Host}, are refused when sent)
 * @param timeout        the limit for the whole exchange: connecting, the headers and the body kept; positive
 * @param maxBody        how many body bytes to keep, at least 0; the rest is dropped unread
 * @param allowPlainHttp whether the caller vouches for a plain {@code http:} URL it names to a host that is not
 *                       loopback (a checklist or {@code GOPROXY} says so explicitly); redirects are still refused
 *                       before anything is sent when they lead from https to http or to another host's plain http
 * @param bestOfTwo      for GET and HEAD: send the request twice on one client and report the faster exchange, so
 *                       that the HTTP client's start-up in a fresh JVM (150-600 ms) is not taken for the server's
 *                       latency; the second exchange is skipped when the first used the time up or failed
 */
public record ProbeRequest(URI uri, String method, Map<String, String> headers, Duration timeout, int maxBody,
        boolean allowPlainHttp, boolean bestOfTwo) {

    /** The body kept by default: 1 MiB. */
    public static final int DEFAULT_MAX_BODY = 1024 * 1024;

    /**
     * Validates the components.
     *
     * @param uri            see the record description
     * @param method         see the record description
     * @param headers        see the record description
     * @param timeout        see the record description
     * @param maxBody        see the record description
     * @param allowPlainHttp see the record description
     * @param bestOfTwo      see the record description
     * @throws IllegalArgumentException if the method is not a token, the timeout is not positive or maxBody is
     *     negative
     */
    public ProbeRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        method = method.toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("not an HTTP method: '" + method + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxBody < 0) {
            throw new IllegalArgumentException("maxBody must be >= 0, was " + maxBody);
        }
    }

    /**
     * A GET keeping up to {@value #DEFAULT_MAX_BODY} bytes, no extra headers, the downloader's http rule, timed once.
     *
     * @param uri     the URL
     * @param timeout the limit for the whole exchange
     * @return the request
     */
    public static ProbeRequest get(URI uri, Duration timeout) {
        return new ProbeRequest(uri, "GET", Map.of(), timeout, DEFAULT_MAX_BODY, false, false);
    }

    /**
     * This request with another method.
     *
     * @param value e.g. {@code HEAD}
     * @return a new request
     */
    public ProbeRequest withMethod(String value) {
        return new ProbeRequest(uri, value, headers, timeout, maxBody, allowPlainHttp, bestOfTwo);
    }

    /**
     * This request with these extra headers.
     *
     * @param value header names and values
     * @return a new request
     */
    public ProbeRequest withHeaders(Map<String, String> value) {
        return new ProbeRequest(uri, method, value, timeout, maxBody, allowPlainHttp, bestOfTwo);
    }

    /**
     * This request keeping at most this many body bytes.
     *
     * @param value at least 0
     * @return a new request
     */
    public ProbeRequest withMaxBody(int value) {
        return new ProbeRequest(uri, method, headers, timeout, value, allowPlainHttp, bestOfTwo);
    }

    /**
     * This request with the plain-http rule of the record description.
     *
     * @param value whether the caller vouches for the plain http URL it names
     * @return a new request
     */
    public ProbeRequest withPlainHttpAllowed(boolean value) {
        return new ProbeRequest(uri, method, headers, timeout, maxBody, value, bestOfTwo);
    }

    /**
     * This request timed as the faster of two exchanges (GET and HEAD only).
     *
     * @param value whether to send it twice
     * @return a new request
     */
    public ProbeRequest withBestOfTwo(boolean value) {
        return new ProbeRequest(uri, method, headers, timeout, maxBody, allowPlainHttp, value);
    }
}
