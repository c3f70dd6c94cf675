package dev.gosetup.core.http;

import dev.gosetup.core.internal.RegularFiles;
import dev.gosetup.core.internal.Printable;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.VerificationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Downloads Go archives and fetches small documents (the release index) over https, with retries, resume, timeouts
 * and proxies; built on the JDK's {@link HttpClient}. See the package documentation for the rules it follows.
 *
 * <p>Create one with {@link #builder()} and share it: an instance is immutable and thread-safe, and concurrent
 * calls are independent (but two calls must not write the same file at once; the caller locks). Every call blocks
 * the calling thread until it is done, and reports progress to the listener on that same thread. Nothing global is
 * changed: no default {@link java.net.ProxySelector}, {@link java.net.Authenticator} or system property is set.
 *
 * <p>Cancellation: {@code download} and {@code fetch} can take a {@link BooleanSupplier}; once it returns true, or once
 * the calling thread is interrupted, the call throws {@link CancellationException} within about 50 ms, whether it is
 * connecting, reading or waiting to retry. An interrupt stays set on the thread. A cancelled download leaves the
 * bytes received so far in the file, ready to be resumed.
 */
public final class HttpDownloader {

    /** Pass as {@code expectedSize} when the size is not known in advance. */
    public static final long UNKNOWN_SIZE = -1;

    /** The largest body {@link #fetch} accepts: 64 MiB, far above go.dev's full index. */
    public static final int MAX_FETCH_BYTES = 64 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(HttpDownloader.class.getName());
    private static final int CHUNK = 64 * 1024;
    private static final long POLL_MILLIS = 50;
    private static final int MAX_REDIRECTS = 10;
    private static final java.util.Set<Integer> REDIRECTS = java.util.Set.of(301, 302, 303, 307, 308);
    private static final int SNIFF_BYTES = 64;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final String VERSION = version();

    /** Built on first use: its TLS set-up costs a command that never downloads (list, which) a tenth of a second. */
    private volatile HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffCap;
    private final boolean allowInsecureHttp;
    private final ProxyConfig proxy;
    private final String userAgent;
    private final Sleeper sleeper;
    private final int maxFetchBytes;
    private final Duration fetchDeadline;
    private final long minimumSpeed;

    private HttpDownloader(Builder b, ProxyConfig proxy) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxAttempts = b.maxAttempts;
        this.backoffBase = b.backoffBase;
        this.backoffCap = b.backoffCap;
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.proxy = proxy;
        this.userAgent = b.userAgent;
        this.sleeper = b.sleeper;
        this.maxFetchBytes = b.maxFetchBytes;
        this.fetchDeadline = b.fetchDeadline;
        this.minimumSpeed = b.minimumSpeed;
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

    /**
     * Starts a builder with the defaults: 30 s connect timeout, 60 s read timeout, 4 attempts, backoff from 250 ms
     * up to 10 s, https only, proxies from {@link ProxyConfig#fromEnvironment()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Refuses a URL this downloader would refuse, without connecting or resolving anything; lets a caller check
     * its configured URLs up front.
     *
     * @param uri the URL to check
     * @throws InvalidConfigurationException if the URL holds credentials (user information), is relative, has a
     *     scheme other than https, http and file,
     *     or is plain http to a host that is not loopback while insecure http is not allowed
     */
    public void checkAllowed(URI uri) {
        Urls.checkAllowed(Objects.requireNonNull(uri, "uri"), allowInsecureHttp);
    }

    /**
     * Returns a URL-like text with its user information ({@code user:password@}) replaced by
     * {@code ***}, for messages about a URL that may hold a secret.
     *
     * @param url a URL, or any text that may be one
     * @return the text without the credentials; unchanged when it has none
     */
    public static String redact(String url) {
        return Urls.redact(Objects.requireNonNull(url, "url"));
    }

    /**
     * Fetches a small document whole, e.g. the release index; see {@link #fetchWithValidators}.
     *
     * @param uri an https URL (http only to loopback or when allowed), or a {@code file:} URI
     * @return the body
     */
    public byte[] fetch(URI uri) {
        return fetchWithValidators(uri, () -> false).body();
    }

    /**
     * Fetches a small document whole, cancellable; see {@link #fetchWithValidators}.
     *
     * @param uri       an https URL (http only to loopback or when allowed), or a {@code file:} URI
     * @param cancelled polled while the call blocks; true cancels it
     * @return the body
     */
    public byte[] fetch(URI uri, BooleanSupplier cancelled) {
        return fetchWithValidators(uri, cancelled).body();
    }

    /**
     * Fetches a small document whole, e.g. the release index, with its {@code ETag} and {@code Last-Modified};
     * retries like {@link #download} does.
     *
     * @param uri       an https URL (http only to loopback or when allowed), or a {@code file:} URI
     * @param cancelled polled while the call blocks; true cancels it
     * @return the body and its validators
     * @throws InvalidConfigurationException if the URL is not allowed (checked before any connection), or the body
     *     is larger than 64 MiB
     * @throws NotFoundException on 404 or 410, or a missing file
     * @throws NetworkException when all attempts failed, on another 4xx status, or when the server sent an HTML page
     * @throws CancellationException when cancelled or interrupted
     */
    public FetchResult fetchWithValidators(URI uri, BooleanSupplier cancelled) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cancelled, "cancelled");
        Urls.checkAllowed(uri, allowInsecureHttp);
        if (Urls.scheme(uri).equals("file")) {
            return fetchFile(uri, cancelled);
        }
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        return withDeadline(uri, "fetch", fetchDeadline, cancelled, received::get, "fetchDeadline",
                stop -> withRetries(uri, "fetch", Listener.NOOP, stop, attempt -> fetchAttempt(uri, attempt, stop, received)));
    }

    /**
     * Runs a fetch or download under a total deadline as well as the idle timeout: a server trickling a byte a
     * second never ends otherwise. Past the deadline the call is cancelled and a NetworkException gives the
     * figures (deadline, bytes received) and the setting that changes it.
     */
    private <T> T withDeadline(URI uri, String verb, Duration limit, BooleanSupplier cancelled, LongCounter received,
            String setting, java.util.function.Function<BooleanSupplier, T> call) {
        long deadline = System.nanoTime() + limit.toNanos();
        BooleanSupplier expired = () -> System.nanoTime() - deadline > 0;
        try {
            return call.apply(() -> cancelled.getAsBoolean() || expired.getAsBoolean());
        } catch (CancellationException e) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted() || !expired.getAsBoolean()) {
                throw e;
            }
            throw new NetworkException(verb + " of " + Urls.redact(uri) + " did not finish within its total deadline of "
                    + human(limit) + " (" + received.get() + " bytes received); the server is too slow or stalls",
                    List.of("try again later or use another mirror",
                            "or allow more time: HttpDownloader.builder()." + setting + "(...)"
                                    + (setting.equals("fetchDeadline") ? "" : " and fetchDeadline(...)")),
                    e);
        }
    }

    /**
     * Sends one GET and reports what came back, for measuring a server (a module proxy's
     * {@code @v/list}): no retries, no redirect to plain http, any status accepted. The latency is
     * the time to the response headers; at most {@code maxBody} bytes of the body are kept and the
     * rest is dropped. A {@code file:} URL answers 200 when the file exists and 404 when not.
     *
     * @param uri       an https URL (http only to loopback or when allowed), or a {@code file:} URI
     * @param timeout   the limit for the whole exchange: connecting, the headers, and the body kept
     * @param maxBody   how many body bytes to keep, at least 0
     * @param cancelled polled every 50 ms while the call blocks; true cancels it
     * @return the status, the latency and the start of the body
     * @throws InvalidConfigurationException if the URL is not allowed (checked before any connection)
     * @throws NetworkException naming the URL when no response came within {@code timeout}, the
     *     connection failed, or the TLS handshake failed
     * @throws CancellationException when cancelled or interrupted
     */
    public ProbeAnswer probe(URI uri, Duration timeout, int maxBody, BooleanSupplier cancelled) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cancelled, "cancelled");
        if (maxBody < 0) {
            throw new IllegalArgumentException("maxBody must be >= 0, was " + maxBody);
        }
        Urls.checkAllowed(uri, allowInsecureHttp);
        long start = System.nanoTime();
        if (Urls.scheme(uri).equals("file")) {
            Path path = toPath(uri);
            boolean exists = Files.isRegularFile(path);
            byte[] head = new byte[0];
            if (exists) {
                try (InputStream in = Files.newInputStream(path)) {
                    head = in.readNBytes(maxBody);
                } catch (IOException e) {
                    throw new GoSetupException("cannot read " + path + ": " + describe(e),
                            List.of("check that the file is readable"), e);
                }
            }
            return new ProbeAnswer(exists ? 200 : 404, Duration.ofNanos(System.nanoTime() - start), head);
        }
        long deadline = start + timeout.toNanos();
        BooleanSupplier expired = () -> cancelled.getAsBoolean() || System.nanoTime() - deadline > 0;
        HttpRequest request = request(uri).timeout(timeout).build();
        HttpResponse<BodyQueue> response;
        try {
            response = send(request, expired, "probe");
        } catch (Retry failure) {
            if (failure.getCause() instanceof HttpTimeoutException) {
                throw new NetworkException(Urls.redact(uri) + " did not answer within " + human(timeout),
                        List.of("check the URL and the network, or allow a longer timeout"), failure.getCause());
            }
            throw new NetworkException("no answer from " + Urls.redact(uri) + ": " + failure.getMessage(),
                    List.of("check the URL, the network and the proxy settings (HTTPS_PROXY, NO_PROXY)"),
                    failure.getCause());
        } catch (CancellationException e) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw new NetworkException(Urls.redact(uri) + " did not answer within " + human(timeout),
                    List.of("check the URL and the network, or allow a longer timeout"));
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        BodyQueue body = response.body();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        try {
            checkFinalUri(response, uri);
            while (kept.size() < maxBody && !expired.getAsBoolean()) {
                List<ByteBuffer> buffers = body.poll(POLL_MILLIS);
                if (buffers == BodyQueue.END) {
                    break;
                }
                if (buffers != null) {
                    for (ByteBuffer buffer : buffers) {
                        byte[] bytes = new byte[Math.min(buffer.remaining(), maxBody - kept.size())];
                        buffer.get(bytes);
                        kept.write(bytes, 0, bytes.length);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "the body of " + Urls.redact(uri) + " broke off: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancellation(uri, "probe");
        } finally {
            body.close();
        }
        return new ProbeAnswer(response.statusCode(), latency, kept.toByteArray());
    }

    /**
     * Downloads into a file without progress reports or cancellation; see
     * {@link #download(URI, Path, long, Listener, BooleanSupplier)}.
     *
     * @param uri          the archive's URL
     * @param file         where to write it; bytes already there are resumed
     * @param expectedSize the size the trusted index gives, or {@link #UNKNOWN_SIZE}
     * @return the file's size and SHA-256
     */
    public Result download(URI uri, Path file, long expectedSize) {
        return download(uri, file, expectedSize, Listener.NOOP, () -> false);
    }

    /**
     * Downloads a binary archive into a file, resuming what the file already holds, and returns the SHA-256 of the
     * whole file for the caller to check against the trusted index.
     *
     * <p>Resume: when {@code file} has bytes (from an earlier attempt or an earlier process), they are hashed and
     * the rest is asked for with {@code Range: bytes=<length>-}, plus {@code If-Range} with the strong ETag (or
     * else the Last-Modified date) of an earlier response in this call. A server answering 200 instead of 206 gets
     * the file truncated and written from the start. A file already at {@code expectedSize} is hashed and returned
     * without any request; a file larger than {@code expectedSize} is truncated first.
     *
     * <p>Retries (up to the configured attempts, with exponential backoff and jitter, honouring
     * {@code Retry-After} up to the backoff cap): connection failures and timeouts, bodies cut short, a stall of
     * more than the read timeout between bytes, and HTTP 408, 429 and 5xx. Each retry resumes from what is on disk.
     *
     * @param uri          the archive's URL: https, http to loopback (or anywhere when allowed), or {@code file:}
     *                     (copied whole, no resume, no retries)
     * @param file         where to write; created with its parent directories when missing
     * @param expectedSize the size the trusted index gives, or {@link #UNKNOWN_SIZE}; more bytes than this are
     *                     never written
     * @param listener     told about starts, progress (at most every 64 KiB, and at the end) and retries, on the
     *                     calling thread; an exception it throws ends the download
     * @param cancelled    polled at least every 64 KiB and every 50 ms of waiting; true cancels the download
     * @return the file's size and the SHA-256 of its whole content
     * @throws InvalidConfigurationException if the URL is not allowed (checked before any connection or DNS lookup)
     *     or is redirected to plain http
     * @throws NotFoundException on 404 or 410 (not retried), or a missing {@code file:} source
     * @throws NetworkException when all attempts failed (the message names the URL and the attempts), on another
     *     4xx status, on a TLS handshake failure, or when the server sent an HTML page instead of the archive
     * @throws VerificationException when the server has more (or, by its own headers, fewer) bytes than
     *     {@code expectedSize}
     * @throws GoSetupException when the file cannot be written
     * @throws CancellationException when cancelled or interrupted
     */
    public Result download(URI uri, Path file, long expectedSize, Listener listener,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancelled, "cancelled");
        if (expectedSize < 0 && expectedSize != UNKNOWN_SIZE) {
            throw new IllegalArgumentException("expectedSize must be >= 0 or UNKNOWN_SIZE, was " + expectedSize);
        }
        Urls.checkAllowed(uri, allowInsecureHttp);
        Transfer transfer = new Transfer(uri, file, expectedSize, listener, cancelled);
        return Urls.scheme(uri).equals("file") ? transfer.copyFile() : transfer.run();
    }

    @Override
    public String toString() {
        return "HttpDownloader[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxAttempts="
                + maxAttempts + ", backoff=" + backoffBase + ".." + backoffCap + ", allowInsecureHttp="
                + allowInsecureHttp + ", userAgent=" + userAgent + ", " + proxy + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Retrying

    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt) throws Retry;
    }

    /** A failure worth another attempt; its message is the reason shown to the listener and in the final error. */
    private static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Duration> retryAfter;

        Retry(String reason, Throwable cause) {
            this(reason, cause, Optional.empty());
        }

        Retry(String reason, Throwable cause, Optional<Duration> retryAfter) {
            super(reason, cause);
            this.retryAfter = retryAfter;
        }
    }

    private <T> T withRetries(URI uri, String verb, Listener listener, BooleanSupplier cancelled, Attempt<T> attempt) {
        Retry last = null;
        for (int n = 1; n <= maxAttempts; n++) {
            checkCancelled(cancelled, uri, verb);
            try {
                return attempt.run(n);
            } catch (Retry retry) {
                last = retry;
                if (n == maxAttempts) {
                    break;
                }
                Duration delay = backoff(n, retry.retryAfter);
                String failed = verb + " of " + Urls.redact(uri) + " failed (attempt " + n + " of " + maxAttempts
                        + "): " + retry.getMessage() + "; retrying in " + delay.toMillis() + " ms";
                LOG.log(Level.DEBUG, () -> failed);
                listener.retrying(uri, n + 1, delay, retry.getMessage());
                try {
                    sleeper.sleep(delay, () -> isCancelled(cancelled));
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
        long cap = backoffCap.toMillis();
        long raw = backoffBase.toMillis();
        for (int i = 1; i < failedAttempt && raw < cap; i++) {
            raw *= 2;
        }
        raw = Math.min(raw, cap);
        long half = raw / 2;
        long delay = half + (raw - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(raw - half + 1));
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, Math.min(retryAfter.get().toMillis(), cap));
        }
        return Duration.ofMillis(delay);
    }

    private static boolean isCancelled(BooleanSupplier cancelled) {
        return Thread.currentThread().isInterrupted() || cancelled.getAsBoolean();
    }

    private static void checkCancelled(BooleanSupplier cancelled, URI uri, String verb) {
        if (isCancelled(cancelled)) {
            throw cancellation(uri, verb);
        }
    }

    private static CancellationException cancellation(URI uri, String verb) {
        return new CancellationException(verb + " of " + Urls.redact(uri) + " was cancelled");
    }

    // ---------------------------------------------------------------------------------------------------------
    // One HTTP exchange

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .GET()
                // Covers connecting and waiting for the response headers; the body has its own idle timeout.
                .timeout(readTimeout)
                .header("User-Agent", userAgent)
                // The byte ranges and lengths must be those of the file, not of a compressed encoding of it.
                .header("Accept-Encoding", "identity");
    }

    /**
     * Sends a request and follows redirects (301, 302, 303, 307, 308) by hand: each target is
     * checked like a configured URL before anything is sent to it, so a redirect to plain http on a
     * host that is not loopback (unless allowed), to {@code file:} or another scheme, to a URL with
     * credentials, around a loop or past {@value #MAX_REDIRECTS} hops is refused naming the cause.
     */
    private HttpResponse<BodyQueue> send(HttpRequest request, BooleanSupplier cancelled, String verb) throws Retry {
        List<URI> chain = new ArrayList<>(List.of(request.uri()));
        HttpRequest current = request;
        while (true) {
            warnIfInsecure(current.uri());
            HttpResponse<BodyQueue> response = exchange(current, cancelled, verb);
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            response.body().close();
            URI next = redirectTarget(chain, response.statusCode(), location.get());
            chain.add(next);
            current = HttpRequest.newBuilder(current, (name, value) -> true).uri(next).build();
        }
    }

    private URI redirectTarget(List<URI> chain, int status, String location) {
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
            Urls.checkAllowed(next, allowInsecureHttp);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(shown + " redirects (HTTP " + status + ") to " + Urls.redact(next)
                    + "; refused before sending anything there: " + e.getMessage(), e.resolutions(), e);
        }
        return next;
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
            return new Retry("could not connect within " + human(connectTimeout), failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new Retry("no response within " + human(readTimeout), failure);
        }
        if (failure instanceof ConnectException) {
            if (failure.getCause() instanceof UnresolvedAddressException) {
                return new Retry("cannot resolve host " + uri.getHost(), failure);
            }
            String why = describe(failure);
            return new Retry("cannot connect to " + uri.getHost() + ":" + Urls.effectivePort(uri) + ": "
                    + (why.equals(failure.getClass().getSimpleName()) ? "connection refused or host unreachable" : why),
                    failure);
        }
        if (failure instanceof IOException) {
            return new Retry(describe(failure), failure);
        }
        throw new NetworkException("request to " + Urls.redact(uri) + " failed: " + describe(failure), List.of(),
                failure);
    }

    /** The first non-blank message down the cause chain (the JDK often wraps a cause without a message). */
    private static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String message = c.getMessage();
            if (message != null && !message.isBlank()) {
                return message;
            }
        }
        return t.getClass().getSimpleName();
    }

    /** Throws for any status but 2xx: NotFound, a Retry, or a NetworkException. */
    private static void checkStatus(HttpResponse<?> response, URI uri) throws Retry {
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

    /** Refuses a response whose redirects ended on plain http to a host that is not loopback. */
    private void checkFinalUri(HttpResponse<?> response, URI requested) {
        URI last = response.uri();
        if (last.equals(requested) || !Urls.scheme(last).equals("http") || allowInsecureHttp
                || Urls.isLoopbackHost(last.getHost())) {
            return;
        }
        throw new InvalidConfigurationException(Urls.redact(requested) + " was redirected to " + Urls.redact(last)
                + ", plain http; refusing its content",
                List.of("use an https:// URL", "or, for a trusted network mirror, allow insecure http"));
    }

    private static void checkNotHtml(HttpResponse<?> response, URI uri) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (mime.equals("text/html") || mime.equals("application/xhtml+xml")) {
            throw htmlInstead(uri);
        }
    }

    private static boolean looksLikeHtml(byte[] start, int length) {
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

    private static NetworkException htmlInstead(URI uri) {
        return new NetworkException("got an HTML page instead of " + Urls.fileName(uri) + " from "
                + Urls.redact(uri),
                List.of("open the URL in a browser: a captive portal or a proxy login page may be in the way",
                        "check that the URL points at the file itself, not at a web page about it"));
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
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

    private static long contentLength(HttpResponse<?> response) {
        try {
            return response.headers().firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @FunctionalInterface
    private interface Sink {
        void accept(ByteBuffer buffer);
    }

    /**
     * Reads a body to its end into {@code sink}, giving up when no byte arrives for the read timeout, and looking
     * at the cancellation flag at least every 50 ms and after every buffer (at most 64 KiB).
     */
    private void readBody(BodyQueue body, URI uri, String verb, BooleanSupplier cancelled, Sink sink,
            LongCounter received) throws Retry {
        long idleLimit = readTimeout.toNanos();
        long lastData = System.nanoTime();
        try {
            while (true) {
                checkCancelled(cancelled, uri, verb);
                List<ByteBuffer> buffers = body.poll(POLL_MILLIS);
                if (buffers == null) {
                    if (System.nanoTime() - lastData >= idleLimit) {
                        throw new Retry("no data for " + human(readTimeout) + " after " + received.get()
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
            throw new Retry("the connection broke after " + received.get() + " bytes: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancellation(uri, verb);
        }
    }

    @FunctionalInterface
    private interface LongCounter {
        long get();
    }

    // ---------------------------------------------------------------------------------------------------------
    // fetch

    private FetchResult fetchAttempt(URI uri, int attempt, BooleanSupplier cancelled,
            java.util.concurrent.atomic.AtomicLong received) throws Retry {
        LOG.log(Level.DEBUG, () -> "GET " + Urls.redact(uri) + " (attempt " + attempt + " of " + maxAttempts + ")");
        HttpResponse<BodyQueue> response = send(request(uri).build(), cancelled, "fetch");
        BodyQueue body = response.body();
        try {
            checkFinalUri(response, uri);
            checkStatus(response, uri);
            checkNotHtml(response, uri);
            long length = contentLength(response);
            if (length > maxFetchBytes) {
                throw tooLargeToFetch(uri);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) length : 8192);
            readBody(body, uri, "fetch", cancelled, buffer -> {
                if (out.size() + (long) buffer.remaining() > maxFetchBytes) {
                    throw tooLargeToFetch(uri);
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.write(bytes, 0, bytes.length);
                received.set(out.size());
            }, out::size);
            byte[] bytes = out.toByteArray();
            if (length >= 0 && bytes.length < length) {
                throw new Retry("the body ended after " + bytes.length + " of " + length + " bytes", null);
            }
            if (looksLikeHtml(bytes, Math.min(bytes.length, SNIFF_BYTES))) {
                throw htmlInstead(uri);
            }
            return new FetchResult(bytes, response.headers().firstValue("ETag"),
                    response.headers().firstValue("Last-Modified"));
        } finally {
            body.close();
        }
    }

    private InvalidConfigurationException tooLargeToFetch(URI uri) {
        return new InvalidConfigurationException(Urls.redact(uri) + " is larger than "
                + (maxFetchBytes >= 1 << 20 ? (maxFetchBytes >> 20) + " MiB" : maxFetchBytes + " bytes")
                + ", far more than a Go release index holds",
                List.of("check that the URL points at a go.dev-style JSON index"));
    }

    private FetchResult fetchFile(URI uri, BooleanSupplier cancelled) {
        checkCancelled(cancelled, uri, "fetch");
        Path path = toPath(uri);
        try {
            RegularFiles.requireRegular(path, Long.MAX_VALUE, "the file");
            if (Files.size(path) > maxFetchBytes) {
                throw tooLargeToFetch(uri);
            }
            return new FetchResult(RegularFiles.readIfExists(path, maxFetchBytes, "the file")
                    .orElseThrow(() -> new NoSuchFileException(path.toString())), Optional.empty(), Optional.empty());
        } catch (NoSuchFileException e) {
            throw missingFile(uri, e);
        } catch (IOException e) {
            throw new GoSetupException("cannot read " + path + ": " + describe(e),
                    List.of("check that the file exists and is readable"), e);
        }
    }

    private static Path toPath(URI uri) {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidConfigurationException("not a usable file: URI: " + Urls.redact(uri) + " ("
                    + describe(e) + ")", List.of("write a local path as file:///absolute/path"), e);
        }
    }

    private static NotFoundException missingFile(URI uri, Throwable cause) {
        return new NotFoundException(Urls.redact(uri) + " does not exist",
                List.of("check the path of the local mirror"), cause);
    }

    // ---------------------------------------------------------------------------------------------------------
    // download

    /** The state of one download call: what is on disk and the hash of exactly those bytes. */
    private final class Transfer {
        private final URI uri;
        private final Path file;
        private final long expected;
        private final Listener listener;
        private BooleanSupplier cancelled;
        private final MessageDigest digest = sha256();
        private long onDisk;
        private long lastReported;
        private Optional<String> validator = Optional.empty();

        // Per response:
        private FileChannel channel;
        private boolean restartPending;
        private long total;
        private ByteArrayOutputStream sniffed;

        Transfer(URI uri, Path file, long expected, Listener listener, BooleanSupplier cancelled) {
            this.uri = uri;
            this.file = file;
            this.expected = expected;
            this.listener = listener;
            this.cancelled = cancelled;
        }

        Result run() {
            adoptExistingFile();
            if (expected >= 0 && onDisk == expected) {
                LOG.log(Level.DEBUG, () -> file + " already holds all " + expected + " bytes of " + Urls.redact(uri)
                        + "; nothing to download");
                return result();
            }
            Duration limit = expected > 0 ? fetchDeadline.plusSeconds(expected / minimumSpeed) : fetchDeadline.multipliedBy(10);
            BooleanSupplier caller = cancelled;
            return withDeadline(uri, "download", limit, caller, () -> onDisk, "minimumSpeed", stop -> {
                cancelled = stop; // the attempts poll this field
                try {
                    return withRetries(uri, "download", listener, stop, this::attempt);
                } finally {
                    cancelled = caller;
                }
            });
        }

        /** Hashes the bytes an earlier attempt or process left, or truncates them when they cannot be a prefix. */
        private void adoptExistingFile() {
            if (!Files.isRegularFile(file)) {
                return;
            }
            try {
                long size = Files.size(file);
                if (expected >= 0 && size > expected) {
                    LOG.log(Level.DEBUG, () -> file + " holds " + size + " bytes, more than the expected " + expected
                            + "; downloading again");
                    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        c.truncate(0);
                    }
                    return;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[CHUNK];
                    long hashed = 0;
                    for (int n = in.read(buffer); n >= 0 && hashed < size; n = in.read(buffer)) {
                        int used = (int) Math.min(n, size - hashed);
                        digest.update(buffer, 0, used);
                        hashed += used;
                        checkCancelled(cancelled, uri, "download");
                    }
                    onDisk = hashed;
                }
                if (onDisk > 0) {
                    LOG.log(Level.DEBUG, () -> "resuming " + file + " from byte " + onDisk);
                }
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }

        private Result attempt(int attempt) throws Retry {
            long offset = onDisk;
            HttpRequest.Builder request = request(uri);
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
                validator.ifPresent(v -> request.header("If-Range", v));
            }
            LOG.log(Level.DEBUG, () -> "GET " + Urls.redact(uri) + " (attempt " + attempt + " of " + maxAttempts
                    + ", from byte " + offset + ")");
            HttpResponse<BodyQueue> response = send(request.build(), cancelled, "download");
            BodyQueue body = response.body();
            try {
                checkFinalUri(response, uri);
                int status = response.statusCode();
                if (status == 416 && offset > 0) {
                    return rangeNotSatisfiable(response);
                }
                checkStatus(response, uri);
                checkNotHtml(response, uri);
                long start;
                if (status == 206) {
                    Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                    if (!range.matches() || number(range.group(1)) != offset) {
                        truncate();
                        throw new Retry("the server sent an unexpected range ("
                                + response.headers().firstValue("Content-Range").orElse("no Content-Range")
                                + ") for bytes " + offset + "-; starting again from the beginning", null);
                    }
                    start = offset;
                    total = number(range.group(3));
                } else if (status == 200) {
                    start = 0;
                    total = contentLength(response);
                    if (offset > 0) {
                        LOG.log(Level.DEBUG, () -> Urls.redact(uri) + " ignored the range request (or the file"
                                + " changed); downloading it again from the start");
                    }
                } else {
                    throw new NetworkException("unexpected HTTP " + status + " from " + Urls.redact(uri),
                            List.of("check the URL"));
                }
                if (expected >= 0 && total >= 0 && total != expected) {
                    throw sizeMismatch(total);
                }
                validator = validatorOf(response);
                return receive(body, start);
            } finally {
                body.close();
            }
        }

        private Result rangeNotSatisfiable(HttpResponse<?> response) throws Retry {
            Matcher m = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            long serverSize = m.matches() ? number(m.group(1)) : -1;
            long target = expected >= 0 ? expected : serverSize;
            if (target >= 0 && onDisk == target && (serverSize < 0 || serverSize == onDisk)) {
                LOG.log(Level.DEBUG, () -> file + " is already complete (" + onDisk + " bytes)");
                return result();
            }
            if (expected >= 0 && serverSize >= 0 && serverSize != expected) {
                throw sizeMismatch(serverSize);
            }
            long from = onDisk;
            truncate();
            throw new Retry("the server cannot serve bytes from " + from + " on (HTTP 416); starting again from"
                    + " the beginning", null);
        }

        private Result receive(BodyQueue body, long start) throws Retry {
            restartPending = start == 0 && onDisk > 0;
            long known = expected >= 0 ? expected : total;
            sniffed = start == 0 ? new ByteArrayOutputStream(SNIFF_BYTES) : null;
            lastReported = start;
            listener.started(uri, start, known);
            try {
                readBody(body, uri, "download", cancelled, this::accept, () -> restartPending ? 0 : onDisk);
                if (sniffed != null) {
                    flushSniffed();
                }
                if (restartPending) {
                    // An empty 200 body: the file is now empty too.
                    openChannel();
                }
            } finally {
                closeChannel();
            }
            if (onDisk != lastReported) {
                listener.progress(onDisk, known);
                lastReported = onDisk;
            }
            if (known >= 0 && onDisk < known) {
                throw new Retry("the body ended after " + onDisk + " of " + known + " bytes", null);
            }
            LOG.log(Level.DEBUG, () -> "downloaded " + Urls.redact(uri) + " (" + onDisk + " bytes) into " + file);
            return result();
        }

        private void accept(ByteBuffer buffer) {
            if (sniffed == null) {
                write(buffer);
                return;
            }
            // Hold back the first bytes until they show the body is not an HTML page.
            int take = Math.min(buffer.remaining(), SNIFF_BYTES - sniffed.size());
            byte[] bytes = new byte[take];
            buffer.get(bytes);
            sniffed.write(bytes, 0, take);
            if (sniffed.size() >= SNIFF_BYTES) {
                flushSniffed();
                if (buffer.hasRemaining()) {
                    write(buffer);
                }
            }
        }

        private void flushSniffed() {
            byte[] head = sniffed.toByteArray();
            sniffed = null;
            if (looksLikeHtml(head, head.length)) {
                throw htmlInstead(uri);
            }
            write(ByteBuffer.wrap(head));
        }

        private void write(ByteBuffer buffer) {
            int n = buffer.remaining();
            if (n == 0) {
                return;
            }
            long base = restartPending ? 0 : onDisk;
            if (expected >= 0 && base + n > expected) {
                throw new VerificationException(Urls.redact(uri) + " is larger than the index says: more than "
                        + expected + " bytes",
                        List.of("the server does not have the file the index describes; check the mirror, or use"
                                + " https://go.dev/dl/"));
            }
            try {
                openChannel();
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw cannotWrite(e);
            }
            onDisk += n;
            if (onDisk - lastReported >= CHUNK) {
                listener.progress(onDisk, expected >= 0 ? expected : total);
                lastReported = onDisk;
            }
        }

        private void openChannel() {
            try {
                if (channel == null) {
                    Path parent = file.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                }
                if (restartPending) {
                    channel.truncate(0);
                    digest.reset();
                    onDisk = 0;
                    restartPending = false;
                }
                channel.position(onDisk);
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }

        private void closeChannel() {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                throw cannotWrite(e);
            } finally {
                channel = null;
            }
        }

        private void truncate() {
            try {
                if (Files.exists(file)) {
                    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        c.truncate(0);
                    }
                }
            } catch (IOException e) {
                throw cannotWrite(e);
            }
            digest.reset();
            onDisk = 0;
            validator = Optional.empty();
        }

        /** Copies a {@code file:} source whole: local, so no resume and no retries. */
        Result copyFile() {
            Path source = toPath(uri);
            checkCancelled(cancelled, uri, "download");
            try {
                if (Files.exists(file) && Files.isSameFile(source, file)) {
                    throw new InvalidConfigurationException("cannot download " + Urls.redact(uri)
                            + " onto itself", List.of("choose another target file"));
                }
                long size = Files.size(source);
                if (expected >= 0 && size != expected) {
                    throw sizeMismatch(size);
                }
                listener.started(uri, 0, size);
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (InputStream in = Files.newInputStream(source);
                     FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                             StandardOpenOption.TRUNCATE_EXISTING)) {
                    byte[] buffer = new byte[CHUNK];
                    long copied = 0;
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        if (expected >= 0 && copied + n > expected) {
                            throw sizeMismatch(copied + n);
                        }
                        digest.update(buffer, 0, n);
                        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                        while (chunk.hasRemaining()) {
                            out.write(chunk);
                        }
                        copied += n;
                        listener.progress(copied, size);
                        checkCancelled(cancelled, uri, "download");
                    }
                    onDisk = copied;
                }
                return result();
            } catch (NoSuchFileException e) {
                if (e.getFile() != null && Path.of(e.getFile()).equals(source)) {
                    throw missingFile(uri, e);
                }
                throw cannotWrite(e);
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }

        private VerificationException sizeMismatch(long serverSize) {
            return new VerificationException(Urls.redact(uri) + " is " + (serverSize > expected ? "larger" : "smaller")
                    + " than the index says: " + serverSize + " bytes instead of " + expected,
                    List.of("the server does not have the file the index describes; check the mirror, or use"
                            + " https://go.dev/dl/"));
        }

        private GoSetupException cannotWrite(IOException e) {
            return new GoSetupException("cannot write " + file + ": " + describe(e),
                    List.of("check free disk space and the permissions of " + file.toAbsolutePath().getParent()),
                    e);
        }

        private Result result() {
            return new Result(onDisk, HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** A strong ETag, else the Last-Modified date: what {@code If-Range} may carry (RFC 9110 13.1.5). */
    private static Optional<String> validatorOf(HttpResponse<?> response) {
        Optional<String> etag = response.headers().firstValue("ETag").map(String::strip);
        if (etag.isPresent() && etag.get().startsWith("\"")) {
            return etag;
        }
        return response.headers().firstValue("Last-Modified").map(String::strip);
    }

    /** A non-negative decimal header field, or -1 when it is {@code *}, malformed or too large. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String version() {
        String v = HttpDownloader.class.getPackage() == null ? null
                : HttpDownloader.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = HttpDownloader.class.getResourceAsStream(
                "/META-INF/maven/dev.gosetup/gosetup-core/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String fromPom = properties.getProperty("version");
                if (fromPom != null && !fromPom.isBlank()) {
                    return fromPom;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot read the gosetup-core version: " + e);
        }
        return "dev";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Public nested types

    /**
     * What {@link #download} left on disk: the file's size and the SHA-256 of its whole content (a resumed prefix
     * included). The caller compares the hash with the trusted index; the downloader does not.
     *
     * @param size      the file's size in bytes
     * @param sha256Hex SHA-256 of the file's content, 64 lower-case hex digits
     */
    public record Result(long size, String sha256Hex) {

        private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

        /**
         * Validates the components.
         *
         * @param size      see the record description
         * @param sha256Hex see the record description
         * @throws IllegalArgumentException if the size is negative or the hash is not 64 lower-case hex digits
         */
        public Result {
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0, was " + size);
            }
            Objects.requireNonNull(sha256Hex, "sha256Hex");
            if (!SHA256_HEX.matcher(sha256Hex).matches()) {
                throw new IllegalArgumentException("not a lower-case hex SHA-256: '" + sha256Hex + "'");
            }
        }

        /**
         * The same as {@link #sha256Hex()}, under the name the release index uses for the field.
         *
         * @return 64 lower-case hex digits
         */
        public String sha256() {
            return sha256Hex;
        }
    }

    /**
     * What {@link #probe} saw: one response's status, how long its headers took, and the start of its body.
     *
     * <p>The body array is not copied; treat it as read-only.
     *
     * @param status    the HTTP status (for {@code file:} URLs 200 or 404)
     * @param latency   the time from sending the request to the response headers
     * @param bodyStart at most the requested number of bytes from the start of the body
     */
    public record ProbeAnswer(int status, Duration latency, byte[] bodyStart) {
        /**
         * Validates the components.
         *
         * @param status    see the record description
         * @param latency   see the record description
         * @param bodyStart see the record description
         */
        public ProbeAnswer {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(bodyStart, "bodyStart");
        }
    }

    /**
     * Told what a download is doing. All methods have no-op defaults; they are called on the thread that called
     * {@code download}, must return quickly, and end the download if they throw.
     */
    public interface Listener {

        /** A listener that ignores everything. */
        Listener NOOP = new Listener() {
        };

        /**
         * A response started to arrive and its body is about to be written.
         *
         * @param uri    the URL asked for
         * @param offset where in the file the body starts: 0, or the length resumed from
         * @param total  the full size, or {@link #UNKNOWN_SIZE}
         */
        default void started(URI uri, long offset, long total) {
        }

        /**
         * More bytes are on disk; called at most once per 64 KiB, and once at the end of each response.
         *
         * @param bytes the file's length so far
         * @param total the full size, or {@link #UNKNOWN_SIZE}
         */
        default void progress(long bytes, long total) {
        }

        /**
         * An attempt failed and another one follows after a pause.
         *
         * @param uri     the URL asked for
         * @param attempt the number of the coming attempt: 2 for the first retry
         * @param delay   the pause before it
         * @param reason  why the last attempt failed, e.g. {@code HTTP 503}
         */
        default void retrying(URI uri, int attempt, Duration delay, String reason) {
        }
    }

    /** Waits between attempts; replaced in tests so that they need not wait. */
    @FunctionalInterface
    public interface Sleeper {

        /**
         * Waits for {@code delay}, or less once {@code cancelled} returns true.
         *
         * @param delay     how long to wait
         * @param cancelled true when the wait should end early (cancellation or interruption)
         * @throws InterruptedException if interrupted while waiting
         */
        void sleep(Duration delay, BooleanSupplier cancelled) throws InterruptedException;

        /**
         * The real clock: sleeps in slices of at most 50 ms, looking at {@code cancelled} between them.
         *
         * @return the sleeper
         */
        static Sleeper system() {
            return (delay, cancelled) -> {
                long deadline = System.nanoTime() + delay.toNanos();
                while (!cancelled.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
                }
            };
        }
    }

    /** Configures an {@link HttpDownloader}; not thread-safe, {@link #build()} may be called more than once. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 4;
        private Duration backoffBase = Duration.ofMillis(250);
        private Duration backoffCap = Duration.ofSeconds(10);
        private boolean allowInsecureHttp;
        private ProxyConfig proxy;
        private Map<String, String> environment;
        private String userAgent = "gosetup/" + VERSION;
        private Sleeper sleeper = Sleeper.system();
        private int maxFetchBytes = MAX_FETCH_BYTES;
        private Duration fetchDeadline = Duration.ofSeconds(60);
        private long minimumSpeed = 50 * 1024;

        private Builder() {
        }

        /**
         * How long to wait for a TCP (and proxy) connection.
         *
         * @param timeout positive; default 30 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for the response headers, and then for each next byte of the body; a server silent for
         * longer counts as a failed attempt (and is retried). A slow but steady transfer never times out.
         *
         * @param timeout positive; default 60 s
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * The total time a {@code fetch} (the release index) may take, all attempts and backoff included, however
         * steadily the server trickles; also the base of a download's deadline (see {@link #minimumSpeed}).
         *
         * @param deadline positive; default 60 s
         * @return this builder
         */
        public Builder fetchDeadline(Duration deadline) {
            this.fetchDeadline = positive(deadline, "fetchDeadline");
            return this;
        }

        /**
         * The slowest average speed a download of known size may have: its total deadline is
         * {@link #fetchDeadline} plus its size divided by this speed (a 70 MB archive at the default: about 24
         * minutes). A download of unknown size gets ten times the fetch deadline.
         *
         * @param bytesPerSecond positive; default 50 KiB/s
         * @return this builder
         */
        public Builder minimumSpeed(long bytesPerSecond) {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("minimumSpeed must be positive, got " + bytesPerSecond);
            }
            this.minimumSpeed = bytesPerSecond;
            return this;
        }

        /**
         * How many requests a call may make in all, the first one included.
         *
         * @param attempts at least 1; default 4
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * The pause before retry n is a random duration between d/2 and d, where d = base * 2^(n-1), at most cap;
         * a {@code Retry-After} header may lengthen it, up to cap.
         *
         * @param base the first delay, not negative; default 250 ms
         * @param cap  the longest delay, at least base; default 10 s
         * @return this builder
         */
        public Builder backoff(Duration base, Duration cap) {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(cap, "cap");
            if (base.isNegative() || cap.compareTo(base) < 0) {
                throw new IllegalArgumentException("backoff needs 0 <= base <= cap, was " + base + " and " + cap);
            }
            this.backoffBase = base;
            this.backoffCap = cap;
            return this;
        }

        /**
         * Whether plain {@code http:} URLs to hosts other than loopback are allowed (for a trusted mirror on the
         * local network). The content is then only as safe as the network; the caller's SHA-256 check against an
         * index fetched over https still protects the archive.
         *
         * @param allow default false
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * The proxy rules.
         *
         * @param config default {@link ProxyConfig#fromEnvironment(Map)} of the {@link #environment(Map)}, read
         *               when {@link #build()} is called; an explicit configuration wins over the environment
         * @return this builder
         */
        public Builder proxy(ProxyConfig config) {
            this.proxy = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The environment whose proxy variables to use when no {@link #proxy(ProxyConfig)} is given; the JVM's
         * default proxy selector stays the fallback.
         *
         * @param env environment variables; default {@code System.getenv()}
         * @return this builder
         */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(Objects.requireNonNull(env, "env"));
            return this;
        }

        /**
         * The {@code User-Agent} header.
         *
         * @param value not blank; default {@code gosetup/<version>}
         * @return this builder
         */
        public Builder userAgent(String value) {
            Objects.requireNonNull(value, "value");
            if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("not a usable User-Agent: '" + value + "'");
            }
            this.userAgent = value;
            return this;
        }

        /**
         * How to wait between attempts.
         *
         * @param value default {@link Sleeper#system()}
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "value");
            return this;
        }

        /** For tests: a smaller cap than {@link #MAX_FETCH_BYTES}. */
        Builder maxFetchBytes(int bytes) {
            if (bytes < 1 || bytes > MAX_FETCH_BYTES) {
                throw new IllegalArgumentException("maxFetchBytes out of range: " + bytes);
            }
            this.maxFetchBytes = bytes;
            return this;
        }

        /**
         * Builds the downloader and its HTTP client.
         *
         * @return the downloader
         * @throws InvalidConfigurationException if no proxy configuration was given and the environment's is
         *     unusable
         */
        public HttpDownloader build() {
            ProxyConfig config = proxy != null ? proxy
                    : ProxyConfig.fromEnvironment(environment != null ? environment : System.getenv());
            return new HttpDownloader(this, config);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
