package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.http.NoAnswerException;
import dev.gosetup.core.http.ProbeRequest;
import dev.gosetup.core.internal.Durations;

import java.net.URI;

/**
 * How the doctor's checks and the checklist's {@code http:} probe send a request: through the
 * downloader's one exchange ({@link HttpDownloader#probe(ProbeRequest, dev.gosetup.api.CancellationToken)})
 * with its redirect rules, proxies from the context's environment (loopback direct), one deadline
 * for the whole exchange, a 1 MiB body cap, and the latency of the faster of two exchanges, so that
 * the HTTP client's start-up in a fresh JVM is not taken for the server's latency. Not API.
 */
public final class DoctorHttp {
    private DoctorHttp() {
    }

    /** What the checks read of an answer: its status, body text, latency, answering URL and content type. */
    public record Answer(int status, String body, java.time.Duration latency, URI uri, String contentType) {
        public Answer(HttpDownloader.ProbeAnswer a) {
            this(a.status(), a.bodyText(), a.latency(), a.uri(), a.contentType().orElse(""));
        }
    }

    /**
     * Sends a check's request through the downloader's exchange, with proxies from the context's
     * environment, cancelled by the context, timed as the faster of two exchanges; a plain http URL
     * the check names (a checklist's, GOPROXY's) is asked, but redirects to another host's plain
     * http are refused before anything is sent.
     *
     * @throws NoAnswerException when nothing (or not the whole body kept) came back in time
     * @throws GoSetupException for unusable proxy settings, a refused redirect or a failed TLS handshake
     */
    public static HttpDownloader.ProbeAnswer exchange(CheckContext context, ProbeRequest request) {
        HttpDownloader http = HttpDownloader.builder().environment(context.environment()).maxAttempts(1).build();
        return http.probe(request.withPlainHttpAllowed(true).withBestOfTwo(true), context.cancellation());
    }

    /** The doctor's words for no answer: "URL did not answer within 5s", "cannot reach URL: why". */
    public static String noAnswer(NoAnswerException e, URI uri, java.time.Duration timeout) {
        if (!e.timedOut()) {
            return "cannot reach " + uri + ": " + e.reason();
        }
        boolean body = e.reason().startsWith("did not arrive");
        return (body ? "the body of " + uri + " did not arrive" : uri + " did not answer") + " within "
                + Durations.human(timeout);
    }
}
