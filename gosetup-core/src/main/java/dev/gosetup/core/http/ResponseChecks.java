package dev.gosetup.core.http;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.core.http.RetryPolicy.Retry;
import dev.gosetup.core.internal.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a response must be before its body is used: the status (and which statuses are worth a retry), the content
 * type and the first bytes (no HTML page where a file was expected), the length headers, and the redirect and scheme
 * rules (each redirect target checked before anything is sent to it). Stateless.
 */
final class ResponseChecks {
    static final int MAX_REDIRECTS = 10;
    static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** How many first bytes of a body are looked at for an HTML page. */
    static final int SNIFF_BYTES = 64;
    static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)",
            Pattern.CASE_INSENSITIVE);
    static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)", Pattern.CASE_INSENSITIVE);

    private ResponseChecks() {
    }

    /** Throws for any status but 2xx: NotFound, a Retry (408, 429, 5xx), or a NetworkException. */
    static void checkStatus(HttpResponse<?> response, URI uri) throws Retry {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String shown = Urls.redact(uri);
        if (status == 404 || status == 410) {
            throw new NotFoundException(shown + " does not exist (HTTP " + status + ")",
                    List.of("check the version and platform asked for", "check the mirror or index URL"));
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new Retry("HTTP " + status, null, retryAfter(response));
        }
        if (status == 407) {
            throw new NetworkException("the proxy asks for credentials to reach " + shown
                    + " (HTTP 407 Proxy Authentication Required)",
                    List.of("put the credentials in the proxy variable: HTTPS_PROXY=http://user:password@host:port",
                            "for https URLs through a proxy that uses Basic authentication, start Java with"
                                    + " -Djdk.http.auth.tunneling.disabledSchemes= (the JDK refuses Basic on"
                                    + " HTTPS tunnels by default)"));
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (status >= 300 && status < 400 && location.isPresent()) {
            throw new NetworkException(shown + " answers HTTP " + status + " with a Location of "
                    + Printable.escape(Urls.redact(location.get())) + ", a status that is not a redirect to follow",
                    List.of("use the final URL directly"));
        }
        throw new NetworkException("unexpected HTTP " + status + " from " + shown,
                status == 401 || status == 403
                        ? List.of("the server refuses access; check the URL or the mirror's access rules")
                        : List.of("check the URL"));
    }

    /**
     * The next URL of a redirect chain, checked like a configured URL before anything is sent to it: a redirect
     * to an invalid URL, to {@code file:} or another scheme, around a loop, past {@value #MAX_REDIRECTS} hops, from
     * https to http, or to plain http that {@code plainHttpAllowed} refuses is thrown, naming the real cause.
     *
     * @param chain the URLs asked so far, the first one the caller's
     * @param plainHttpAllowed whether a plain http URL (not loopback) may be asked
     */
    static URI redirectTarget(List<URI> chain, int status, String location, PlainHttp plainHttpAllowed) {
        URI from = chain.get(chain.size() - 1);
        String shown = Urls.redact(chain.get(0)) + (chain.size() > 1 ? " (via " + Urls.redact(from) + ")" : "");
        URI next;
        try {
            next = from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new NetworkException(shown + " redirects (HTTP " + status + ") to an invalid URL: "
                    + Printable.escape(Urls.redact(location)), List.of("report the broken redirect to the server's operator"));
        }
        String scheme = Urls.scheme(next);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidConfigurationException(shown + " redirects (HTTP " + status + ") to " + Urls.redact(next)
                    + ": a download follows redirects only to http(s) URLs, never to " + scheme + ": ones",
                    List.of("use a URL that serves the file itself"));
        }
        if (chain.contains(next)) {
            throw new NetworkException(shown + " redirects in a loop: " + String.join(" -> ",
                    chain.stream().map(Urls::redact).toList()) + " -> " + Urls.redact(next),
                    List.of("report the redirect loop to the server's operator, or use another mirror"));
        }
        if (chain.size() > MAX_REDIRECTS) {
            throw new NetworkException(shown + " redirects more than " + MAX_REDIRECTS + " times (last to "
                    + Urls.redact(next) + ")", List.of("use the final URL directly"));
        }
        if (Urls.scheme(from).equals("https") && scheme.equals("http")) {
            throw new InvalidConfigurationException(shown + " redirects (HTTP " + status + ") to " + Urls.redact(next)
                    + ", which is not followed: an https download never continues over plain http",
                    List.of("use the final https:// URL directly"));
        }
        try {
            Urls.checkAllowed(next, plainHttpAllowed.test(next));
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(shown + " redirects (HTTP " + status + ") to " + Urls.redact(next)
                    + "; refused before sending anything there: " + e.getMessage(), e.resolutions(), e);
        }
        return next;
    }

    /** Which plain http URLs to hosts that are not loopback a call may ask. */
    @FunctionalInterface
    interface PlainHttp {
        boolean test(URI uri);

        /** The downloader's rule: everywhere when insecure http was allowed, else nowhere. */
        static PlainHttp allowed(boolean allowInsecureHttp) {
            return uri -> allowInsecureHttp;
        }
    }

    /** Refuses a response whose redirects ended on plain http to a host that is not loopback. */
    static void checkFinalUri(HttpResponse<?> response, URI requested, boolean allowInsecureHttp) {
        URI last = response.uri();
        if (last.equals(requested) || !Urls.scheme(last).equals("http") || allowInsecureHttp
                || Urls.isLoopbackHost(last.getHost())) {
            return;
        }
        throw new InvalidConfigurationException(Urls.redact(requested) + " was redirected to " + Urls.redact(last)
                + ", plain http; refusing its content",
                List.of("use an https:// URL", "or, for a trusted network mirror, allow insecure http"));
    }

    /** Refuses a response whose Content-Type says it is an HTML page. */
    static void checkNotHtml(HttpResponse<?> response, URI uri) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (mime.equals("text/html") || mime.equals("application/xhtml+xml")) {
            throw htmlInstead(uri);
        }
    }

    /** Whether the first bytes of a body (a BOM and white space skipped) start an HTML page. */
    static boolean looksLikeHtml(byte[] start, int length) {
        int i = 0;
        if (length >= 3 && (start[0] & 0xff) == 0xef && (start[1] & 0xff) == 0xbb && (start[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < length && Character.isWhitespace(start[i])) {
            i++;
        }
        String head = new String(start, i, length - i, StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body") || head.startsWith("<script");
    }

    static NetworkException htmlInstead(URI uri) {
        return new NetworkException("got an HTML page instead of " + Urls.fileName(uri) + " from "
                + Urls.redact(uri),
                List.of("open the URL in a browser: a captive portal or a proxy login page may be in the way",
                        "check that the URL points at the file itself, not at a web page about it"));
    }

    /** {@code Retry-After} as seconds or an HTTP date; empty when absent or malformed. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException e) {
            try {
                Instant when = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), when);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** {@code Content-Length}, or -1 when absent or malformed. */
    static long contentLength(HttpResponse<?> response) {
        try {
            return response.headers().firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A strong ETag, else the Last-Modified date: what {@code If-Range} may carry (RFC 9110 13.1.5). */
    static Optional<String> validatorOf(HttpResponse<?> response) {
        Optional<String> etag = response.headers().firstValue("ETag").map(String::strip);
        if (etag.isPresent() && etag.get().startsWith("\"")) {
            return etag;
        }
        return response.headers().firstValue("Last-Modified").map(String::strip);
    }

    /** A non-negative decimal header field, or -1 when it is {@code *}, malformed or too large. */
    static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
