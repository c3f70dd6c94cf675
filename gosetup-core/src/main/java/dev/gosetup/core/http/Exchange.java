package dev.gosetup.core.http;

import dev.gosetup.api.NetworkException;
import dev.gosetup.core.http.ResponseChecks.PlainHttp;
import dev.gosetup.core.http.RetryPolicy.Retry;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.Failures;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * One HTTP exchange, the only one in gosetup: the JDK client (built on first use, proxies from {@link ProxyConfig},
 * redirects never followed by the client), the request headers, redirects followed by hand with each target
 * checked before anything is sent to it, the wait for the headers and the body read, both polling the cancellation
 * flag every {@value #POLL_MILLIS} ms, and the classification of failures into retryable ones ({@link Retry}) and
 * final ones. Thread-safe.
 */
final class Exchange {
    static final int CHUNK = 64 * 1024;
    static final long POLL_MILLIS = 50;
    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());

    /** Built on first use: its TLS set-up costs a command that never downloads (list, which) a tenth of a second. */
    private volatile HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean allowInsecureHttp;
    private final ProxyConfig proxy;
    private final String userAgent;

    Exchange(Duration connectTimeout, Duration readTimeout, boolean allowInsecureHttp, ProxyConfig proxy,
            String userAgent) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.allowInsecureHttp = allowInsecureHttp;
        this.proxy = proxy;
        this.userAgent = userAgent;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    ProxyConfig proxy() {
        return proxy;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClient.Builder builder = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            // Redirects are followed in send(), each target checked before anything is sent to it.
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .proxy(proxy.proxySelector());
                    proxy.authenticator().ifPresent(builder::authenticator);
                    client = builder.build();
                }
                c = client;
            }
        }
        return c;
    }

    /** A GET with gosetup's headers; its timeout covers connecting and waiting for the response headers. */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .GET()
                // Covers connecting and waiting for the response headers; the body has its own idle timeout.
                .timeout(readTimeout)
                .header("User-Agent", userAgent)
                // The byte ranges and lengths must be those of the file, not of a compressed encoding of it.
                .header("Accept-Encoding", "identity");
    }

    /** {@link #send(HttpRequest, BooleanSupplier, String, PlainHttp)} under the downloader's plain-http rule. */
    HttpResponse<BodyQueue> send(HttpRequest request, BooleanSupplier cancelled, String verb) throws Retry {
        return send(request, cancelled, verb, PlainHttp.allowed(allowInsecureHttp));
    }

    /**
     * Sends a request and follows redirects (301, 302, 303, 307, 308) by hand: each target is checked like a
     * configured URL before anything is sent to it ({@link ResponseChecks#redirectTarget}).
     */
    HttpResponse<BodyQueue> send(HttpRequest request, BooleanSupplier cancelled, String verb, PlainHttp plainHttp)
            throws Retry {
        List<URI> chain = new ArrayList<>(List.of(request.uri()));
        HttpRequest current = request;
        while (true) {
            warnIfInsecure(current.uri());
            HttpResponse<BodyQueue> response = exchange(current, cancelled, verb);
            Optional<String> location = response.headers().firstValue("Location");
            if (!ResponseChecks.REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            response.body().close();
            URI next = ResponseChecks.redirectTarget(chain, response.statusCode(), location.get(), plainHttp);
            chain.add(next);
            current = HttpRequest.newBuilder(current, (name, value) -> true).uri(next).build();
        }
    }

    /** Every use of plain http to a host that is not loopback is worth a warning, even when allowed. */
    private static void warnIfInsecure(URI uri) {
        if (Urls.scheme(uri).equals("http") && !Urls.isLoopbackHost(uri.getHost())) {
            LOG.log(Level.WARNING, () -> "fetching " + Urls.redact(uri) + " over plain http (insecure http is allowed):"
                    + " anyone on the network path can read or alter it");
        }
    }

    private HttpResponse<BodyQueue> exchange(HttpRequest request, BooleanSupplier cancelled, String verb) throws Retry {
        URI uri = request.uri();
        CompletableFuture<HttpResponse<BodyQueue>> future = client().sendAsync(request, info -> new BodyQueue());
        try {
            while (true) {
                if (isCancelled(cancelled)) {
                    abandon(future);
                    throw cancellation(uri, verb);
                }
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Not yet: look at the cancellation flag again.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(future);
            throw cancellation(uri, verb);
        } catch (ExecutionException e) {
            throw classify(e.getCause() == null ? e : e.getCause(), uri);
        }
    }

    private static void abandon(CompletableFuture<HttpResponse<BodyQueue>> future) {
        future.cancel(true);
        future.whenComplete((response, failure) -> {
            if (response != null) {
                response.body().close();
            }
        });
    }

    /** Turns a failed exchange into a Retry, or throws when another attempt cannot help. */
    private Retry classify(Throwable failure, URI uri) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                throw new NetworkException("TLS handshake with " + uri.getHost() + " failed for " + Urls.redact(uri)
                        + ": " + t.getMessage(),
                        List.of("if a corporate proxy inspects TLS, add its CA certificate to the Java trust store"
                                        + " (-Djavax.net.ssl.trustStore=...)",
                                "check that the system clock is right"),
                        failure);
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof IOException && message.startsWith("too many authentication attempts")) {
            // The JDK's words for "the credentials were refused again and again"; only the proxy is answered.
            throw new NetworkException("the proxy" + proxy.proxyFor(uri).map(a -> " " + a.getHostString() + ":"
                    + a.getPort()).orElse("") + " refused the credentials given for it (HTTP 407) when asked for "
                    + Urls.redact(uri), List.of("check the user and password in the proxy variable (HTTPS_PROXY,"
                            + " HTTP_PROXY); percent-encode special characters such as @ and :"), failure);
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return new Retry("could not connect within " + Durations.human(connectTimeout), failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new Retry("no response within " + Durations.human(readTimeout), failure);
        }
        if (failure instanceof ConnectException) {
            if (failure.getCause() instanceof UnresolvedAddressException) {
                return new Retry("cannot resolve host " + uri.getHost(), failure);
            }
            return new Retry("cannot connect to " + uri.getHost() + ":" + Urls.effectivePort(uri) + ": "
                    + Failures.oneLine(failure), failure);
        }
        if (failure instanceof IOException) {
            return new Retry(Failures.oneLine(failure), failure);
        }
        throw new NetworkException("request to " + Urls.redact(uri) + " failed: " + Failures.oneLine(failure), List.of(),
                failure);
    }

    /**
     * Sends a probe: no retries, any status accepted, redirects by the download rules (plus, when the request
     * allows it, plain http to the host it names), one deadline for the whole exchange; see {@link ProbeRequest}.
     */
    HttpDownloader.ProbeAnswer probe(ProbeRequest request, BooleanSupplier cancelled) {
        URI uri = request.uri();
        long start = System.nanoTime();
        if (Urls.scheme(uri).equals("file")) {
            return probeFile(request, start);
        }
        long deadline = start + request.timeout().toNanos();
        HttpDownloader.ProbeAnswer first = probeOnce(request, deadline, cancelled);
        boolean idempotent = request.method().equals("GET") || request.method().equals("HEAD");
        if (!request.bestOfTwo() || !idempotent || System.nanoTime() - deadline >= 0) {
            return first;
        }
        try {
            HttpDownloader.ProbeAnswer again = probeOnce(request, deadline, cancelled);
            return again.latency().compareTo(first.latency()) < 0 ? again : first;
        } catch (NetworkException | dev.gosetup.api.InvalidConfigurationException e) {
            LOG.log(Level.DEBUG, () -> "the second probe of " + Urls.redact(uri) + " failed: " + e.getMessage());
            return first; // the first answer stands; only the measurement is rougher
        }
    }

    private static HttpDownloader.ProbeAnswer probeFile(ProbeRequest request, long start) {
        URI uri = request.uri();
        java.nio.file.Path path = Urls.toPath(uri);
        boolean exists = java.nio.file.Files.isRegularFile(path);
        byte[] head = new byte[0];
        if (exists) {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
                head = in.readNBytes(request.maxBody());
            } catch (IOException e) {
                throw new dev.gosetup.api.GoSetupException("cannot read " + path + ": " + Failures.oneLine(e),
                        List.of("check that the file is readable"), e);
            }
        }
        return new HttpDownloader.ProbeAnswer(exists ? 200 : 404, Duration.ofNanos(System.nanoTime() - start), head,
                uri, Optional.empty());
    }

    private HttpDownloader.ProbeAnswer probeOnce(ProbeRequest probe, long deadline, BooleanSupplier cancelled) {
        URI uri = probe.uri();
        String host = uri.getHost();
        PlainHttp plainHttp = next -> allowInsecureHttp
                || (probe.allowPlainHttp() && host != null && host.equalsIgnoreCase(next.getHost()));
        BooleanSupplier expired = () -> cancelled.getAsBoolean() || System.nanoTime() - deadline > 0;
        HttpRequest.Builder builder = request(uri)
                .timeout(Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime())))
                .method(probe.method(), HttpRequest.BodyPublishers.noBody());
        probe.headers().forEach(builder::setHeader);
        long start = System.nanoTime();
        HttpResponse<BodyQueue> response;
        try {
            response = send(builder.build(), expired, "probe", plainHttp);
        } catch (Retry failure) {
            if (failure.getCause() instanceof HttpTimeoutException) {
                throw noAnswerInTime(probe, "", failure.getCause());
            }
            throw new NoAnswerException("no answer from " + Urls.redact(uri) + ": " + failure.getMessage(), false,
                    failure.getMessage(),
                    List.of("check the URL, the network and the proxy settings (HTTPS_PROXY, NO_PROXY)"),
                    failure.getCause());
        } catch (CancellationException e) {
            if (isCancelled(cancelled)) {
                throw e;
            }
            throw noAnswerInTime(probe, "", e);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        BodyQueue body = response.body();
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        try {
            ResponseChecks.checkFinalUri(response, uri, plainHttp.test(response.uri()));
            while (kept.size() < probe.maxBody()) {
                if (expired.getAsBoolean()) {
                    if (isCancelled(cancelled)) {
                        throw cancellation(uri, "probe");
                    }
                    throw noAnswerInTime(probe, "the body of ", null);
                }
                List<ByteBuffer> buffers = body.poll(POLL_MILLIS);
                if (buffers == BodyQueue.END) {
                    break;
                }
                if (buffers != null) {
                    for (ByteBuffer buffer : buffers) {
                        byte[] bytes = new byte[Math.min(buffer.remaining(), probe.maxBody() - kept.size())];
                        buffer.get(bytes);
                        kept.write(bytes, 0, bytes.length);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "the body of " + Urls.redact(uri) + " broke off: " + Failures.oneLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancellation(uri, "probe");
        } finally {
            body.close();
        }
        return new HttpDownloader.ProbeAnswer(response.statusCode(), latency, kept.toByteArray(), response.uri(),
                response.headers().firstValue("Content-Type"));
    }

    private static NoAnswerException noAnswerInTime(ProbeRequest probe, String prefix, Throwable cause) {
        String within = (prefix.isEmpty() ? "did not answer" : "did not arrive") + " within " + Durations.human(probe.timeout());
        return new NoAnswerException(prefix + Urls.redact(probe.uri()) + " " + within, true, within,
                List.of("check the URL and the network, or allow a longer timeout"), cause);
    }

    /** Takes the bytes of a body; may throw to end the read. */
    @FunctionalInterface
    interface Sink {
        void accept(ByteBuffer buffer);
    }

    /** How many bytes a call has received so far, for messages. */
    @FunctionalInterface
    interface LongCounter {
        long get();
    }

    /**
     * Reads a body to its end into {@code sink}, giving up when no byte arrives for the read timeout, and looking
     * at the cancellation flag at least every 50 ms and after every buffer (at most 64 KiB).
     */
    void readBody(BodyQueue body, URI uri, String verb, BooleanSupplier cancelled, Sink sink,
            LongCounter received) throws Retry {
        long idleLimit = readTimeout.toNanos();
        long lastData = System.nanoTime();
        try {
            while (true) {
                checkCancelled(cancelled, uri, verb);
                List<ByteBuffer> buffers = body.poll(POLL_MILLIS);
                if (buffers == null) {
                    if (System.nanoTime() - lastData >= idleLimit) {
                        throw new Retry("no data for " + Durations.human(readTimeout) + " after " + received.get()
                                + " bytes", null);
                    }
                    continue;
                }
                if (buffers == BodyQueue.END) {
                    return;
                }
                lastData = System.nanoTime();
                for (ByteBuffer buffer : buffers) {
                    while (buffer.hasRemaining()) {
                        // Slices of at most 64 KiB, so that cancellation and progress keep their promise.
                        ByteBuffer slice = buffer.slice();
                        int n = Math.min(slice.remaining(), CHUNK);
                        slice.limit(n);
                        sink.accept(slice);
                        buffer.position(buffer.position() + n);
                        checkCancelled(cancelled, uri, verb);
                    }
                }
            }
        } catch (IOException e) {
            throw new Retry("the connection broke after " + received.get() + " bytes: " + Failures.oneLine(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancellation(uri, verb);
        }
    }

    static boolean isCancelled(BooleanSupplier cancelled) {
        return Thread.currentThread().isInterrupted() || cancelled.getAsBoolean();
    }

    static void checkCancelled(BooleanSupplier cancelled, URI uri, String verb) {
        if (isCancelled(cancelled)) {
            throw cancellation(uri, verb);
        }
    }

    static CancellationException cancellation(URI uri, String verb) {
        return new CancellationException(verb + " of " + Urls.redact(uri) + " was cancelled");
    }

}
