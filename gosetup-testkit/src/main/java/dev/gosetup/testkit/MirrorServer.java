package dev.gosetup.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server that plays go.dev for tests: it serves the files of one directory and a go.dev-shaped
 * index, counts what it is asked for, and misbehaves on request.
 *
 * <p>Serving: {@code GET} and {@code HEAD} of {@code /<file>} (any regular file below the directory; paths
 * escaping it get 404), and of the index at {@code /index.json} and at go.dev's {@code /dl/?mode=json&include=all}
 * (any {@code /dl/} query with {@code mode=json}). Responses carry {@code Content-Length},
 * {@code Accept-Ranges: bytes}, {@code ETag} and {@code Last-Modified}; {@code Range: bytes=N-}, {@code bytes=N-M}
 * and {@code bytes=-N} get 206 with {@code Content-Range} (416 when unsatisfiable; multi-range requests get the
 * whole file); {@code If-Range} with the ETag or the Last-Modified date is honoured.
 *
 * <p>Misbehaviour, changeable while running and cleared by {@link #reset()}: {@link #failNext fail} the next K
 * requests with a status, {@link #dropAfter drop the connection} after N body bytes, {@link #throttle throttle}
 * bodies, {@link #delayFirstByte delay} responses, and {@link #serveInstead serve another body} (a captive portal).
 * Methods taking a {@code path} match the decoded URL path exactly; a missing leading {@code /} is added.
 *
 * <p>The server listens on {@code 127.0.0.1} on an ephemeral port with its own daemon threads. All methods are
 * thread-safe. Close it (try-with-resources) to stop it; closing aborts transfers in flight.
 */
public final class MirrorServer implements AutoCloseable {

    /** go.dev's download-index path; the index is served there when the query has {@code mode=json}. */
    public static final String GO_DEV_INDEX_PATH = "/dl/";

    private static final System.Logger LOG = System.getLogger(MirrorServer.class.getName());
    private static final String INDEX_PATH = "/" + GoDevIndex.INDEX_FILENAME;
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final int BUFFER = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path directory;
    private final Path indexFile;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RecordedRequest> log = new ConcurrentLinkedQueue<>();
    private final List<CountedRule> failures = new CopyOnWriteArrayList<>();
    private final List<CountedRule> drops = new CopyOnWriteArrayList<>();
    private final List<Replacement> replacements = new CopyOnWriteArrayList<>();
    private volatile long bytesPerSecond;
    private volatile Duration firstByteDelay = Duration.ZERO;

    private MirrorServer(Path directory, Path indexFile) throws IOException {
        this.directory = directory.toAbsolutePath().normalize();
        this.indexFile = indexFile.toAbsolutePath().normalize();
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        AtomicInteger threadNumber = new AtomicInteger();
        int port = server.getAddress().getPort();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mirror-server-" + port + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        this.baseUri = URI.create("http://127.0.0.1:" + port + "/");
    }

    /**
     * Serves a directory, with its {@code index.json} as the index.
     *
     * @param directory the directory whose files to serve
     * @return the running server
     * @throws UncheckedIOException if the server cannot bind
     */
    public static MirrorServer start(Path directory) {
        return start(directory, directory.resolve(GoDevIndex.INDEX_FILENAME));
    }

    /**
     * Serves a toolchain mirror: its directory and its index.
     *
     * @param mirror the mirror to serve
     * @return the running server
     * @throws UncheckedIOException if the server cannot bind
     */
    public static MirrorServer start(ToolchainMirror mirror) {
        return start(mirror.directory(), mirror.indexFile());
    }

    /**
     * Serves a directory, with the index taken from any file (read on every request, so it may be rewritten while
     * the server runs).
     *
     * @param directory the directory whose files to serve
     * @param indexFile the file served at {@code /index.json} and {@code /dl/?mode=json}; 404 while it is missing
     * @return the running server
     * @throws UncheckedIOException if the server cannot bind
     */
    public static MirrorServer start(Path directory, Path indexFile) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(indexFile, "indexFile");
        try {
            MirrorServer mirror = new MirrorServer(directory, indexFile);
            mirror.server.start();
            LOG.log(Level.DEBUG, "serving {0} at {1}", directory, mirror.baseUri);
            return mirror;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a loopback HTTP server for " + directory, e);
        }
    }

    /**
     * The server's root URI.
     *
     * @return e.g. {@code http://127.0.0.1:41234/}
     */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * The URI of a served file.
     *
     * @param filename a path relative to the served directory, e.g. {@code go1.22.12.linux-amd64.tar.gz}; it is
     *                 not encoded, so keep to URL-safe characters
     * @return the file's URI
     */
    public URI uri(String filename) {
        return baseUri.resolve(filename.startsWith("/") ? filename.substring(1) : filename);
    }

    /**
     * The index at go.dev's path.
     *
     * @return {@code <base>/dl/?mode=json&include=all}; the same index is at {@code <base>/index.json}
     */
    public URI indexUri() {
        return baseUri.resolve("dl/?mode=json&include=all");
    }

    /**
     * Answers the next {@code count} requests, of any path, with {@code status} and a short text body.
     *
     * @param count  how many requests to fail
     * @param status HTTP status, e.g. 500 or 503
     * @return this server
     */
    public MirrorServer failNext(int count, int status) {
        return failNext("", count, status);
    }

    /**
     * Answers the next {@code count} requests for one path with {@code status}; other paths are served normally.
     *
     * @param path   URL path, e.g. {@code /go1.22.12.linux-amd64.tar.gz} or {@code /dl/}
     * @param count  how many requests to fail
     * @param status HTTP status
     * @return this server
     */
    public MirrorServer failNext(String path, int count, int status) {
        checkCount(count);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        failures.add(new CountedRule(normalizeFilter(path), new AtomicInteger(count), status, 0));
        return this;
    }

    /**
     * For the next {@code count} {@code GET} responses with a body (any path), announces the full
     * {@code Content-Length}, sends {@code bodyBytes} bytes of the body and then closes the connection, so the
     * client sees a truncated transfer. Bodies no longer than {@code bodyBytes} are sent whole (the rule is still
     * used up).
     *
     * @param bodyBytes bytes to send before dropping, 0 for headers only
     * @param count     how many responses to cut
     * @return this server
     */
    public MirrorServer dropAfter(long bodyBytes, int count) {
        return dropAfter("", bodyBytes, count);
    }

    /**
     * Like {@link #dropAfter(long, int)} for one path only.
     *
     * @param path      URL path
     * @param bodyBytes bytes to send before dropping
     * @param count     how many responses to cut
     * @return this server
     */
    public MirrorServer dropAfter(String path, long bodyBytes, int count) {
        checkCount(count);
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("bodyBytes must be >= 0, was " + bodyBytes);
        }
        drops.add(new CountedRule(normalizeFilter(path), new AtomicInteger(count), 0, bodyBytes));
        return this;
    }

    /**
     * Limits every response body from now on to about {@code bytesPerSecond} (sent in small flushed chunks).
     * Applies to responses that start after the call.
     *
     * @param bytesPerSecond the rate; 0 turns throttling off
     * @return this server
     */
    public MirrorServer throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be >= 0, was " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    /**
     * Waits this long before sending the status line of every response from now on (for client timeouts).
     *
     * @param delay the wait; {@link Duration#ZERO} turns it off
     * @return this server
     */
    public MirrorServer delayFirstByte(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        this.firstByteDelay = delay;
        return this;
    }

    /**
     * Answers every request (any path, index included) with this body instead of the file, until {@link #reset()};
     * e.g. {@code serveInstead(200, "text/html", loginPage)} plays a captive portal. Ranges are ignored.
     *
     * @param status      HTTP status to send, typically 200
     * @param contentType value of {@code Content-Type}
     * @param body        the body
     * @return this server
     */
    public MirrorServer serveInstead(int status, String contentType, byte[] body) {
        return serveInstead("", status, contentType, body);
    }

    /**
     * Like {@link #serveInstead(int, String, byte[])} for one path only; the first matching call made wins.
     *
     * @param path        URL path
     * @param status      HTTP status to send
     * @param contentType value of {@code Content-Type}
     * @param body        the body
     * @return this server
     */
    public MirrorServer serveInstead(String path, int status, String contentType, byte[] body) {
        replacements.add(new Replacement(normalizeFilter(path), status, Objects.requireNonNull(contentType),
                body.clone()));
        return this;
    }

    /**
     * Clears every misbehaviour (failures, drops, throttle, delay, replacements); request counts are kept.
     *
     * @return this server
     */
    public MirrorServer reset() {
        failures.clear();
        drops.clear();
        replacements.clear();
        bytesPerSecond = 0;
        firstByteDelay = Duration.ZERO;
        return this;
    }

    /**
     * How many requests (any method, any outcome) arrived for a path since start or {@link #resetCounts()}.
     *
     * @param path URL path, e.g. {@code /go1.22.12.linux-amd64.tar.gz}; the leading {@code /} may be omitted. The
     *             go.dev index path counts as {@code /dl/}, the plain one as {@code /index.json}.
     * @return the count
     */
    public int requestCount(String path) {
        AtomicInteger count = counts.get(normalizeFilter(path));
        return count == null ? 0 : count.get();
    }

    /**
     * A snapshot of the request counts per path.
     *
     * @return an immutable map sorted by path
     */
    public Map<String, Integer> requests() {
        TreeMap<String, Integer> snapshot = new TreeMap<>();
        counts.forEach((path, count) -> snapshot.put(path, count.get()));
        return Collections.unmodifiableMap(snapshot);
    }

    /**
     * Every request since start or {@link #resetCounts()}, in arrival order, with its headers (e.g. to check that
     * a client resumed with {@code Range}).
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requestLog() {
        return List.copyOf(new ArrayList<>(log));
    }

    /** Forgets the request counts and the request log. */
    public void resetCounts() {
        counts.clear();
        log.clear();
    }

    /** Stops the server at once, aborting transfers in flight; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "mirror server {0} threads did not stop within 5s", baseUri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "MirrorServer[" + baseUri + " -> " + directory + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI requestUri = exchange.getRequestURI();
        String path = requestUri.getPath() == null || requestUri.getPath().isEmpty() ? "/" : requestUri.getPath();
        String query = requestUri.getRawQuery() == null ? "" : requestUri.getRawQuery();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        log.add(new RecordedRequest(method, path, query, exchange.getRequestHeaders()));
        boolean head = method.equals("HEAD");
        try {
            pause(firstByteDelay);
            Optional<CountedRule> failure = consume(failures, path);
            if (failure.isPresent()) {
                sendText(exchange, head, failure.get().status(), "injected failure for " + path);
                return;
            }
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, false, 405, "method " + method + " not allowed");
                return;
            }
            Optional<Replacement> replacement = replacements.stream().filter(r -> r.matches(path)).findFirst();
            if (replacement.isPresent()) {
                Replacement r = replacement.get();
                exchange.getResponseHeaders().set("Content-Type", r.contentType());
                send(exchange, head, r.status(), r.body().length,
                        out -> writeBody(out, new ByteArrayInputStream(r.body()), r.body().length, -1));
                return;
            }
            Optional<Path> target = resolve(path, query);
            if (target.isEmpty()) {
                sendText(exchange, head, 404, "not found: " + path);
                return;
            }
            serveFile(exchange, head, path, target.get());
        } catch (DroppedConnection e) {
            LOG.log(Level.DEBUG, "dropped the connection for {0} as asked", path);
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "request {0} {1} ended with {2}", method, path, e.toString());
            throw e;
        }
    }

    private Optional<Path> resolve(String path, String query) {
        if (path.equals(INDEX_PATH)
                || ((path.equals(GO_DEV_INDEX_PATH) || path.equals("/dl")) && hasParameter(query, "mode", "json"))) {
            return Files.isRegularFile(indexFile) ? Optional.of(indexFile) : Optional.empty();
        }
        String relative = path.substring(1);
        if (relative.isEmpty() || relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        try {
            Path file = directory.resolve(relative).normalize();
            if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(file);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private void serveFile(HttpExchange exchange, boolean head, String path, Path file) throws IOException {
        long size = Files.size(file);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", file.getFileName().toString().endsWith(".json")
                ? "application/json" : "application/octet-stream");
        headers.set("Accept-Ranges", "bytes");
        headers.set("ETag", etag);
        headers.set("Last-Modified", HTTP_DATE.format(modified));

        long start = 0;
        long length = size;
        int status = 200;
        Optional<String> range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"));
        String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
        if (range.isPresent() && (ifRange == null || ifRangeMatches(ifRange, etag, modified))) {
            Matcher m = SINGLE_RANGE.matcher(range.get().strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long[] span = span(m.group(1), m.group(2), size);
                if (span == null) {
                    headers.set("Content-Range", "bytes */" + size);
                    sendText(exchange, head, 416, "range not satisfiable: " + range.get());
                    return;
                }
                if (span.length == 2) {
                    start = span[0];
                    length = span[1] - span[0] + 1;
                    status = 206;
                    headers.set("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
                }
            }
        }
        Optional<CountedRule> drop = head || length == 0 ? Optional.empty() : consume(drops, path);
        long dropAfter = drop.map(CountedRule::bytes).orElse(-1L);
        long offset = start;
        long bodyLength = length;
        send(exchange, head, status, length, out -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(offset);
                writeBody(out, Channels.newInputStream(channel), bodyLength, dropAfter);
            }
        });
    }

    /**
     * The inclusive byte span of a single range: {@code {first, last}}, an empty array to ignore the range
     * (syntactically invalid), or null when it cannot be satisfied.
     */
    private static long[] span(String first, String last, long size) {
        try {
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                return suffix == 0 || size == 0 ? null : new long[] {Math.max(0, size - suffix), size - 1};
            }
            long from = Long.parseLong(first);
            if (!last.isEmpty() && Long.parseLong(last) < from) {
                return new long[0];
            }
            if (from >= size) {
                return null;
            }
            return new long[] {from, last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1)};
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }

    private static boolean ifRangeMatches(String ifRange, String etag, Instant modified) {
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);
        }
        try {
            Instant date = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value));
            return date.getEpochSecond() == modified.getEpochSecond();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private void send(HttpExchange exchange, boolean head, int status, long length, BodyWriter body)
            throws IOException {
        if (head) {
            // The JDK server sends no Content-Length for HEAD unless it is set by hand.
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            // Not try-with-resources: after a deliberate drop the stream must not be closed politely.
            OutputStream out = exchange.getResponseBody();
            body.write(out);
            out.close();
        }
        exchange.close();
    }

    private void sendText(HttpExchange exchange, boolean head, int status, String text) throws IOException {
        byte[] body = (status + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, head, status, body.length,
                out -> writeBody(out, new ByteArrayInputStream(body), body.length, -1));
    }

    private void writeBody(OutputStream out, InputStream in, long length, long dropAfter) throws IOException {
        long rate = bytesPerSecond;
        int chunk = rate > 0 ? (int) Math.max(1, Math.min(BUFFER, rate / 20)) : BUFFER;
        byte[] buffer = new byte[chunk];
        long limit = dropAfter >= 0 ? Math.min(length, dropAfter) : length;
        long sent = 0;
        long startNanos = System.nanoTime();
        while (sent < limit) {
            int n = in.read(buffer, 0, (int) Math.min(chunk, limit - sent));
            if (n < 0) {
                throw new EOFException("file shrank while being served");
            }
            out.write(buffer, 0, n);
            sent += n;
            if (rate > 0) {
                out.flush();
                long due = startNanos + (long) (sent * 1_000_000_000.0 / rate);
                pause(Duration.ofNanos(due - System.nanoTime()));
            }
        }
        if (sent < length) {
            out.flush();
            throw new DroppedConnection(sent, length);
        }
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("mirror server is closing");
        }
    }

    private static Optional<CountedRule> consume(List<CountedRule> rules, String path) {
        for (CountedRule rule : rules) {
            if (rule.matches(path) && rule.tryConsume()) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static boolean hasParameter(String query, String name, String value) {
        for (String pair : query.split("&")) {
            if (pair.equals(name + "=" + value)) {
                return true;
            }
        }
        return false;
    }

    private static String normalizeFilter(String path) {
        Objects.requireNonNull(path, "path");
        return path.isEmpty() || path.startsWith("/") ? path : "/" + path;
    }

    private static void checkCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
    }

    /** A rule used up by {@code remaining} requests; an empty path matches every path. */
    private record CountedRule(String path, AtomicInteger remaining, int status, long bytes) {
        boolean matches(String requestPath) {
            return path.isEmpty() || path.equals(requestPath);
        }

        boolean tryConsume() {
            for (int left = remaining.get(); left > 0; left = remaining.get()) {
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Replacement(String path, int status, String contentType, byte[] body) {
        boolean matches(String requestPath) {
            return path.isEmpty() || path.equals(requestPath);
        }
    }

    /** Thrown out of the handler so the JDK server closes the connection mid-body. */
    private static final class DroppedConnection extends IOException {
        DroppedConnection(long sent, long length) {
            super("dropped the connection after " + sent + " of " + length + " body bytes, as instructed");
        }
    }
}
