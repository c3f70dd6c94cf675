package dev.gosetup.core.doctor;

import dev.gosetup.api.CancelledException;
import dev.gosetup.api.CheckContext;
import dev.gosetup.core.http.ProxyConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange for a check, with one deadline for the whole of it (connect, headers and the
 * body, of which at most {@value #MAX_BODY} bytes are kept). Proxies come from the context's
 * environment as Go reads them ({@link ProxyConfig}); loopback always goes direct.
 */
public final class Http {
    static final int MAX_BODY = 1024 * 1024;

    private Http() {
    }

    /**
     * What came back.
     *
     * @param status the HTTP status
     * @param body the start of the body
     * @param latency from sending the request to the whole body; for GET and HEAD the faster of
     *     two exchanges on one client, since the first also pays the HTTP client's start-up (a 2 ms
     *     server reads 150-600 ms on the first request of a JVM)
     * @param uri the URI that answered: another than the one asked when redirects were followed
     * @param contentType the Content-Type header, or empty
     */
    public record Answer(int status, String body, Duration latency, URI uri, String contentType) {
    }

    /** The exchange did not complete: refused, reset, or not answered in time. */
    public static final class NoAnswer extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        NoAnswer(String message, boolean timedOut, Throwable cause) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }

    /**
     * Makes one request and reads the start of its answer, all within {@code timeout}; blocks.
     *
     * @param context the check's context: its environment's proxy variables and its cancellation
     * @param uri the URL to ask
     * @param method the HTTP method
     * @param headers request headers
     * @param timeout the deadline for the whole exchange
     * @return what came back
     * @throws NoAnswer when the exchange does not complete in time or the connection fails
     */
    public static Answer exchange(CheckContext context, URI uri, String method, Map<String, String> headers, Duration timeout)
            throws NoAnswer {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient client = client(context, timeout);
        Answer first = once(client, uri, method, headers, timeout, deadline);
        if (!(method.equals("GET") || method.equals("HEAD")) || System.nanoTime() >= deadline) {
            return first;
        }
        try {
            Answer again = once(client, uri, method, headers, timeout, deadline);
            return again.latency().compareTo(first.latency()) < 0 ? again : first;
        } catch (NoAnswer e) {
            return first; // the first answer stands; only the measurement is rougher
        }
    }

    private static HttpClient client(CheckContext context, Duration timeout) throws NoAnswer {
        ProxyConfig proxies;
        try {
            proxies = ProxyConfig.fromEnvironment(context.environment(), ProxySelector.of(null));
        } catch (RuntimeException e) {
            throw new NoAnswer("the proxy settings are unusable: " + e.getMessage(), false, e);
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).proxy(proxies.proxySelector());
        proxies.authenticator().ifPresent(builder::authenticator);
        return builder.build();
    }

    private static Answer once(HttpClient client, URI uri, String method, Map<String, String> headers,
            Duration timeout, long deadline) throws NoAnswer {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody()).header("User-Agent", "gosetup-doctor");
        headers.forEach(request::header);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> response = pending.get(remaining(deadline), TimeUnit.NANOSECONDS);
            CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> readUpTo(response.body()));
            try {
                byte[] bytes = body.get(remaining(deadline), TimeUnit.NANOSECONDS);
                Duration latency = Duration.ofNanos(System.nanoTime() - start);
                return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8), latency,
                        response.uri(), response.headers().firstValue("Content-Type").orElse(""));
            } catch (TimeoutException e) {
                closeQuietly(response.body());
                throw new NoAnswer("the body of " + uri + " did not arrive within " + DoctorRunner.human(timeout), true, e);
            }
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new NoAnswer(uri + " did not answer within " + DoctorRunner.human(timeout), true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            boolean timedOut = cause instanceof java.net.http.HttpTimeoutException;
            throw new NoAnswer(timedOut ? uri + " did not answer within " + DoctorRunner.human(timeout)
                    : "cannot reach " + uri + ": " + describe(cause), timedOut, cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException("the request to " + uri + " was interrupted", List.of());
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private static byte[] readUpTo(InputStream in) {
        try (in) {
            return in.readNBytes(MAX_BODY);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the exchange is abandoned anyway
        }
    }

    /**
     * Describes a connection failure in a few words, e.g. "connection refused".
     *
     * @param e the failure
     * @return its message, or a name for it when it has none
     */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException && (message == null || message.isBlank())) {
            return "connection refused";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
