package dev.gosetup.core.http;

import dev.gosetup.core.internal.RegularFiles;
import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.StorageException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.Failures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Downloads Go archives and fetches small documents (the release index) over https, with retries, resume, timeouts
 * and proxies; built on the JDK's {@link HttpClient}. See the package documentation for the rules it follows.
 *
 * <p>Create one with {@link #builder()} and share it: an instance is immutable and thread-safe, and concurrent
 * calls are independent (but two calls must not write the same file at once; the caller locks). Every call blocks
 * the calling thread until it is done, and reports progress to the listener on that same thread. Nothing global is
 * changed: no default {@link java.net.ProxySelector}, {@link java.net.Authenticator} or system property is set.
 *
 * <p>Cancellation: {@code download}, {@code fetch} and {@code probe} take a {@link CancellationToken} (and then throw
 * {@link CancelledException}) or a {@link BooleanSupplier} (then {@link CancellationException}); once it is cancelled,
 * or once the calling thread is interrupted, the call ends within about 50 ms, whether it is connecting, reading or
 * waiting to retry. An interrupt stays set on the thread. A cancelled download leaves the bytes received so far in
 * the file, ready to be resumed.
 */
public final class HttpDownloader {

    /** Pass as {@code expectedSize} when the size is not known in advance. */
    public static final long UNKNOWN_SIZE = -1;

    /** The largest body {@link #fetch} accepts: 64 MiB, far above go.dev's full index. */
    public static final int MAX_FETCH_BYTES = 64 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(HttpDownloader.class.getName());
    private static final String VERSION = version();

    private final Exchange exchange;
    private final RetryPolicy retries;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean allowInsecureHttp;
    private final ProxyConfig proxy;
    private final String userAgent;
    private final int maxFetchBytes;
    private final Duration fetchDeadline;
    private final long minimumSpeed;

    private HttpDownloader(Builder b, ProxyConfig proxy) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.proxy = proxy;
        this.userAgent = b.userAgent;
        this.maxFetchBytes = b.maxFetchBytes;
        this.fetchDeadline = b.fetchDeadline;
        this.minimumSpeed = b.minimumSpeed;
        this.exchange = new Exchange(b.connectTimeout, b.readTimeout, b.allowInsecureHttp, proxy, b.userAgent);
        this.retries = new RetryPolicy(b.maxAttempts, b.backoffBase, b.backoffCap, b.sleeper, proxy);
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
     * Refuses a URL that a downloader built with this insecure-http setting would refuse, without
     * building one; see {@link #checkAllowed(URI)}.
     *
     * @param uri the URL to check
     * @param allowInsecureHttp as {@link Builder#allowInsecureHttp}
     * @throws InvalidConfigurationException as {@link #checkAllowed(URI)}
     */
    public static void checkAllowed(URI uri, boolean allowInsecureHttp) {
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
     * Fetches a small document whole, cancellable through a token; see {@link #fetchWithValidators}.
     *
     * @param uri    an https URL (http only to loopback or when allowed), or a {@code file:} URI
     * @param cancel cancels the call: every blocking wait (connecting, the headers, the body, the pause before a
     *               retry) looks at it at least every 50 ms
     * @return the body
     * @throws CancelledException when cancelled or interrupted
     */
    public byte[] fetch(URI uri, CancellationToken cancel) {
        return fetchWithValidators(uri, cancel).body();
    }

    /**
     * Fetches a small document whole with its validators, cancellable through a token; otherwise the same as
     * {@link #fetchWithValidators(URI, BooleanSupplier)}.
     *
     * @param uri    an https URL (http only to loopback or when allowed), or a {@code file:} URI
     * @param cancel cancels the call: every blocking wait looks at it at least every 50 ms
     * @return the body and its validators
     * @throws CancelledException when cancelled or interrupted
     */
    public FetchResult fetchWithValidators(URI uri, CancellationToken cancel) {
        Objects.requireNonNull(cancel, "cancel");
        try {
            return fetchWithValidators(uri, cancel::isCancelled);
        } catch (CancellationException e) {
            throw cancelled(e, "");
        }
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
                stop -> retries.run(uri, "fetch", Listener.NOOP, stop, attempt -> fetchAttempt(uri, attempt, stop, received)));
    }

    /**
     * Runs a fetch or download under a total deadline as well as the idle timeout: a server trickling a byte a
     * second never ends otherwise. Past the deadline the call is cancelled and a NetworkException gives the
     * figures (deadline, bytes received) and the setting that changes it.
     */
    private <T> T withDeadline(URI uri, String verb, Duration limit, BooleanSupplier cancelled, Exchange.LongCounter received,
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
                    + Durations.human(limit) + " (" + received.get() + " bytes received); the server is too slow or stalls",
                    List.of("try again later or use another mirror",
                            setting.equals("fetchDeadline")
                                    ? "or allow more time: --fetch-timeout DURATION (CLI),"
                                            + " HttpDownloader.builder().fetchDeadline(...) (API)"
                                    : "or allow more time: --min-speed RATE and --fetch-timeout DURATION (CLI),"
                                            + " HttpDownloader.builder().minimumSpeed(...) and fetchDeadline(...) (API)"),
                    e);
        }
    }

    /**
     * Sends one GET and reports what came back, for measuring a server (a module proxy's
     * {@code @v/list}); the same as {@link #probe(ProbeRequest, CancellationToken)} with
     * {@link ProbeRequest#get} and {@code maxBody}, but cancelled through a flag.
     *
     * @param uri       an https URL (http only to loopback or when allowed), or a {@code file:} URI
     * @param timeout   the limit for the whole exchange: connecting, the headers, and the body kept
     * @param maxBody   how many body bytes to keep, at least 0
     * @param cancelled polled every 50 ms while the call blocks; true cancels it
     * @return the status, the latency and the start of the body
     * @throws InvalidConfigurationException if the URL is not allowed (checked before any connection)
     * @throws NoAnswerException naming the URL when no answer came within {@code timeout} or the
     *     connection failed
     * @throws NetworkException when the TLS handshake failed or a redirect was refused
     * @throws CancellationException when cancelled or interrupted
     */
    public ProbeAnswer probe(URI uri, Duration timeout, int maxBody, BooleanSupplier cancelled) {
        Objects.requireNonNull(cancelled, "cancelled");
        ProbeRequest request = ProbeRequest.get(uri, timeout).withMaxBody(maxBody);
        Urls.checkAllowed(uri, allowInsecureHttp);
        return exchange.probe(request, cancelled);
    }

    /**
     * Sends one request and reports what came back, for measuring or checking a server: no retries, any status
     * accepted, redirects followed by the download rules (each target checked before anything is sent to it;
     * never from https to http, never to another host's plain http, never to {@code file:}; a loop named as one),
     * proxies from this downloader's configuration (loopback always direct), and one deadline, the request's
     * timeout, for the whole exchange. A {@code file:} URL answers 200 when the file exists and 404 when not.
     *
     * @param request what to send; see {@link ProbeRequest}
     * @param cancel  cancels the call; looked at every 50 ms while it blocks
     * @return the status, the latency (time to the response headers; with {@link ProbeRequest#bestOfTwo()} the
     *     faster of two exchanges), the start of the body, the URL that answered and its Content-Type
     * @throws InvalidConfigurationException if the URL is not allowed (checked before any connection), or a
     *     redirect leads to a URL that is not
     * @throws NoAnswerException naming the URL when no answer (or not the body kept) came within the timeout, or
     *     the connection failed
     * @throws NetworkException when the TLS handshake failed, or on a redirect loop or an invalid redirect
     * @throws CancelledException when cancelled or interrupted
     */
    public ProbeAnswer probe(ProbeRequest request, CancellationToken cancel) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cancel, "cancel");
        Urls.checkAllowed(request.uri(), allowInsecureHttp
                || (request.allowPlainHttp() && Urls.scheme(request.uri()).equals("http")));
        try {
            return exchange.probe(request, cancel::isCancelled);
        } catch (CancellationException e) {
            throw cancelled(e, "");
        }
    }

    /** The library's cancellation: a {@link CancelledException} carrying the message, and what was kept. */
    private static CancelledException cancelled(CancellationException e, String kept) {
        return new CancelledException(e.getMessage() + kept, List.of());
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
     * @throws StorageException naming the file, with the fix, when it cannot be written (a full disk, no
     *     permission); the bytes written so far stay for a later resume
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
        ResumableTransfer transfer = new ResumableTransfer(exchange, retries.maxAttempts(), uri, file, expectedSize,
                listener);
        if (Urls.scheme(uri).equals("file")) {
            return transfer.copyFile(cancelled);
        }
        if (transfer.adoptExistingFile(cancelled)) {
            return transfer.result();
        }
        Duration limit = expectedSize > 0 ? fetchDeadline.plusSeconds(expectedSize / minimumSpeed)
                : fetchDeadline.multipliedBy(10);
        return withDeadline(uri, "download", limit, cancelled, transfer::onDisk, "minimumSpeed",
                stop -> retries.run(uri, "download", listener, stop, attempt -> transfer.attempt(attempt, stop)));
    }

    /** The pause before the retry after attempt {@code failedAttempt}; see {@link RetryPolicy#backoff}. */
    Duration backoff(int failedAttempt, Optional<Duration> retryAfter) {
        return retries.backoff(failedAttempt, retryAfter);
    }

    /**
     * Downloads a binary archive into a file, cancellable through a token; otherwise the same as
     * {@link #download(URI, Path, long, Listener, BooleanSupplier)}.
     *
     * @param uri          the archive's URL
     * @param file         where to write (the caller's {@code .part}); bytes already there are resumed
     * @param expectedSize the size the trusted index gives, or {@link #UNKNOWN_SIZE}
     * @param listener     told about starts, progress and retries, on the calling thread
     * @param cancel       cancels the download: every blocking wait (connecting, the headers, each gap in the body,
     *                     the pause before a retry) looks at it at least every 50 ms
     * @return the file's size and the SHA-256 of its whole content
     * @throws CancelledException when cancelled or interrupted; the bytes received stay in {@code file}, and a
     *     later call resumes from them
     */
    public Result download(URI uri, Path file, long expectedSize, Listener listener, CancellationToken cancel) {
        Objects.requireNonNull(cancel, "cancel");
        try {
            return download(uri, file, expectedSize, listener, cancel::isCancelled);
        } catch (CancellationException e) {
            long kept = sizeOf(file);
            throw cancelled(e, kept > 0 ? "; the " + kept + " bytes received stay in " + file + " for a later resume"
                    : "");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "HttpDownloader[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", "
                + retries + ", allowInsecureHttp="
                + allowInsecureHttp + ", userAgent=" + userAgent + ", " + proxy + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // fetch

    private FetchResult fetchAttempt(URI uri, int attempt, BooleanSupplier cancelled,
            java.util.concurrent.atomic.AtomicLong received) throws RetryPolicy.Retry {
        LOG.log(Level.DEBUG, () -> "GET " + Urls.redact(uri) + " (attempt " + attempt + " of " + retries.maxAttempts() + ")");
        HttpResponse<BodyQueue> response = exchange.send(exchange.request(uri).build(), cancelled, "fetch");
        BodyQueue body = response.body();
        try {
            ResponseChecks.checkFinalUri(response, uri, allowInsecureHttp);
            ResponseChecks.checkStatus(response, uri);
            ResponseChecks.checkNotHtml(response, uri);
            long length = ResponseChecks.contentLength(response);
            if (length > maxFetchBytes) {
                throw tooLargeToFetch(uri);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) length : 8192);
            exchange.readBody(body, uri, "fetch", cancelled, buffer -> {
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
                throw new RetryPolicy.Retry("the body ended after " + bytes.length + " of " + length + " bytes", null);
            }
            if (ResponseChecks.looksLikeHtml(bytes, Math.min(bytes.length, ResponseChecks.SNIFF_BYTES))) {
                throw ResponseChecks.htmlInstead(uri);
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
        Exchange.checkCancelled(cancelled, uri, "fetch");
        Path path = Urls.toPath(uri);
        try {
            RegularFiles.requireRegular(path, Long.MAX_VALUE, "the file");
            if (Files.size(path) > maxFetchBytes) {
                throw tooLargeToFetch(uri);
            }
            return new FetchResult(RegularFiles.readIfExists(path, maxFetchBytes, "the file")
                    .orElseThrow(() -> new NoSuchFileException(path.toString())), Optional.empty(), Optional.empty());
        } catch (NoSuchFileException e) {
            throw Urls.missingFile(uri, e);
        } catch (IOException e) {
            throw new GoSetupException("cannot read " + path + ": " + Failures.oneLine(e),
                    List.of("check that the file exists and is readable"), e);
        }
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
     * @param status      the HTTP status (for {@code file:} URLs 200 or 404)
     * @param latency     the time from sending the request to the response headers (redirects included)
     * @param bodyStart   at most the requested number of bytes from the start of the body
     * @param uri         the URL that answered: another than the one asked when redirects were followed
     * @param contentType the response's {@code Content-Type}, when it had one
     */
    public record ProbeAnswer(int status, Duration latency, byte[] bodyStart, URI uri, Optional<String> contentType) {
        /**
         * Validates the components.
         *
         * @param status      see the record description
         * @param latency     see the record description
         * @param bodyStart   see the record description
         * @param uri         see the record description
         * @param contentType see the record description
         */
        public ProbeAnswer {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(bodyStart, "bodyStart");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(contentType, "contentType");
        }

        /**
         * The body kept, decoded as UTF-8 (malformed bytes replaced).
         *
         * @return the text
         */
        public String bodyText() {
            return new String(bodyStart, java.nio.charset.StandardCharsets.UTF_8);
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
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(Exchange.POLL_MILLIS)));
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
