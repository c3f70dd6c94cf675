package dev.gosetup.core.proxy;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.core.internal.ModulePath;
import dev.gosetup.core.proxy.SumDb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a directory in the GOPROXY protocol over HTTP on loopback, for air-gapped teams and
 * hermetic tests: {@code <module>/@v/list}, {@code <module>/@v/<version>.info}, {@code .mod},
 * {@code .zip} and {@code <module>/@latest}, with module paths and versions case-encoded as the go
 * command sends them. The directory is laid out as {@link ModulePacker} writes it (the same
 * layout {@code GOPROXY=file:///dir} reads, and the module cache's {@code cache/download}).
 *
 * <p>Only GET and HEAD; paths are decoded and checked as module paths and versions before any
 * file is touched, and a file is served only when its real path (symbolic links resolved) lies
 * inside the directory's, so nothing outside the directory is ever served, even through a link
 * planted in the served tree. Anything missing is a 404 with a plain-text reason, which the go
 * command reads as "try the next GOPROXY entry".
 *
 * <p>Checksum databases ({@code /sumdb/<name>/supported}, {@code latest}, {@code lookup/...},
 * {@code tile/...}): a database whose files lie under {@code <dir>/sumdb/<name>/} is served from
 * them; a database given to {@link #start(Path, int, List, Function)} is forwarded to its URL;
 * any other is a 404, so the go command reaches it directly. Forwarding needs no trust in this
 * proxy: clients check every answer against the database's key.
 * {@code @latest} is the {@code .info} of the newest release in {@code list}, else the newest
 * pre-release.
 *
 * <p>Binds to {@code 127.0.0.1} only. Slow or idle clients cannot stop it answering others: up to
 * {@value #MAX_THREADS} requests are served at once, {@value #MAX_QUEUED} more wait (beyond that a
 * connection is closed at once), and a connection that has not sent its whole request head within
 * the read timeout ({@link #DEFAULT_READ_TIMEOUT} unless given) is closed. Thread-safe;
 * {@link #close()} stops it.
 */
public final class LocalModuleProxy implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalModuleProxy.class.getName());
    private static final Pattern VERSION_FILE = Pattern.compile("(.+)\\.(info|mod|zip)");
    /** How long a client may take to send its request line and headers. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_THREADS = 32;
    static final int MAX_QUEUED = 256;

    private final Path root;
    private final Path realRoot;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService watchdog;
    private final AtomicLong requests = new AtomicLong();
    private final List<SumDb> forwarded;
    private final Function<URI, byte[]> upstream;

    private LocalModuleProxy(Path root, Path realRoot, HttpServer server, ExecutorService executor,
            ScheduledExecutorService watchdog, List<SumDb> forwarded, Function<URI, byte[]> upstream) {
        this.root = root;
        this.realRoot = realRoot;
        this.forwarded = List.copyOf(forwarded);
        this.upstream = upstream;
        this.server = server;
        this.executor = executor;
        this.watchdog = watchdog;
    }

    /**
     * Starts serving a directory on {@code 127.0.0.1}.
     *
     * @param directory the proxy directory
     * @param port the port, or 0 for any free one
     * @return the running server; close it to stop
     * @throws InvalidConfigurationException when the directory does not exist or the port is out of range
     * @throws GoSetupException when the port cannot be bound (in use)
     */
    public static LocalModuleProxy start(Path directory, int port) {
        return start(directory, port, DEFAULT_READ_TIMEOUT);
    }

    /**
     * Starts serving a directory on {@code 127.0.0.1}, closing connections that do not send their
     * request head within {@code readTimeout}.
     *
     * @param directory the proxy directory
     * @param port the port, or 0 for any free one
     * @param readTimeout how long a client may take to send its request line and headers; positive
     * @return the running server; close it to stop
     * @throws InvalidConfigurationException when the directory does not exist or the port is out of range
     * @throws GoSetupException when the port cannot be bound (in use)
     */
    public static LocalModuleProxy start(Path directory, int port, Duration readTimeout) {
        return start(directory, port, List.of(), uri -> {
            throw new NotFoundException("not forwarded: " + uri, List.of());
        }, readTimeout);
    }

    /**
     * Starts serving a directory on {@code 127.0.0.1}, forwarding checksum database requests.
     *
     * @param directory the proxy directory
     * @param port the port, or 0 for any free one
     * @param forwarded the databases to forward ({@code /sumdb/<name>/...} to {@code <url>/...},
     *     where the URL is the one in GOSUMDB, else {@code https://<name>}); none is {@code off}
     * @param upstream fetches a forwarded URL: the body of a 200, {@link NotFoundException} for 404/410
     * @return the running server; close it to stop
     * @throws InvalidConfigurationException when the directory does not exist, the port is out of
     *     range, or a database is {@code off}
     * @throws GoSetupException when the port cannot be bound (in use)
     */
    public static LocalModuleProxy start(Path directory, int port, List<SumDb> forwarded, Function<URI, byte[]> upstream) {
        return start(directory, port, forwarded, upstream, DEFAULT_READ_TIMEOUT);
    }

    private static LocalModuleProxy start(Path directory, int port, List<SumDb> forwarded,
            Function<URI, byte[]> upstream, Duration readTimeout) {
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive, got " + readTimeout);
        }
        for (SumDb db : forwarded) {
            if (db.off()) {
                throw new InvalidConfigurationException("GOSUMDB=off: there is no checksum database to forward",
                        List.of("set GOSUMDB to the database to forward, or do not ask to forward one"));
            }
        }
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidConfigurationException("cannot serve " + root + ": not a directory",
                    List.of("create it with: gosetup proxy pack SRC_DIR --out " + root));
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot serve " + root + ": " + e.getMessage(),
                    List.of("check that " + root + " is readable by you"));
        }
        if (port < 0 || port > 65535) {
            throw new InvalidConfigurationException("port " + port + " is out of range", List.of("use 0 to 65535"));
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new GoSetupException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(),
                    List.of("choose another port with --port, or 0 for any free one"), e);
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gosetup-module-proxy-watchdog");
            t.setDaemon(true);
            return t;
        });
        ExecutorService executor = new ReadDeadlineExecutor(watchdog, readTimeout);
        LocalModuleProxy proxy = new LocalModuleProxy(root, realRoot, server, executor, watchdog, forwarded, upstream);
        server.createContext("/", proxy::handle);
        server.setExecutor(executor);
        server.start();
        LOG.log(System.Logger.Level.DEBUG, "serving {0} as a module proxy at {1}", root, proxy.uri());
        return proxy;
    }

    /**
     * Returns the URL to put in GOPROXY.
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Returns the directory served.
     *
     * @return the absolute directory
     */
    public Path directory() {
        return root;
    }

    /**
     * Returns how many requests were answered so far.
     *
     * @return the count
     */
    public long requestCount() {
        return requests.get();
    }

    /** Stops serving, waiting at most a second for requests in progress. Idempotent. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        watchdog.shutdownNow();
    }

    /**
     * Runs the server's exchanges on a bounded pool, and interrupts a worker still reading a request
     * head when the read timeout passes: the JDK server reads the head on the worker through a
     * blocking {@link java.nio.channels.SocketChannel}, which an interrupt closes, freeing the worker
     * (the JDK's own timeouts are global system properties). When pool and queue are full the
     * executor refuses, and the server closes that connection at once.
     */
    private static final class ReadDeadlineExecutor extends ThreadPoolExecutor {
        private static final ThreadLocal<Future<?>> DEADLINE = new ThreadLocal<>();
        private final ScheduledExecutorService watchdog;
        private final Duration readTimeout;

        ReadDeadlineExecutor(ScheduledExecutorService watchdog, Duration readTimeout) {
            super(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
                Thread t = new Thread(r, "gosetup-module-proxy");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
            allowCoreThreadTimeOut(true);
            this.watchdog = watchdog;
            this.readTimeout = readTimeout;
        }

        @Override
        protected void beforeExecute(Thread worker, Runnable exchange) {
            DEADLINE.set(watchdog.schedule(() -> {
                LOG.log(System.Logger.Level.DEBUG, "closing a connection that sent no request within " + readTimeout);
                worker.interrupt();
            }, readTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }

        @Override
        protected void afterExecute(Runnable exchange, Throwable failure) {
            requestRead();
            Thread.interrupted(); // an interrupt that came late must not hit the next exchange
        }

        /** Called once the request head is read: the deadline no longer applies. */
        static void requestRead() {
            Future<?> deadline = DEADLINE.get();
            if (deadline != null) {
                deadline.cancel(false);
                DEADLINE.remove();
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        ReadDeadlineExecutor.requestRead();
        try (exchange) {
            requests.incrementAndGet();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            LOG.log(System.Logger.Level.DEBUG, () -> method + " " + path);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            if (path.startsWith("/sumdb/")) {
                sumdb(exchange, path.substring("/sumdb/".length()));
                return;
            }
            Optional<Path> file = resolve(path).filter(this::insideRoot);
            if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: " + path + "\n");
                return;
            }
            String name = file.get().getFileName().toString();
            String type = name.endsWith(".zip") ? "application/zip"
                    : name.endsWith(".info") ? "application/json" : "text/plain; charset=utf-8";
            exchange.getResponseHeaders().add("Content-Type", type);
            long size = Files.size(file.get());
            exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : size == 0 ? -1 : size);
            if (method.equals("GET")) {
                try (InputStream in = Files.newInputStream(file.get()); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "module proxy request failed: " + e, e);
        }
    }

    private static final Pattern SUMDB_NAME = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(/[A-Za-z0-9_-]+)*");
    private static final Pattern SUMDB_PATH = Pattern.compile("supported|latest"
            + "|lookup/[A-Za-z0-9._~!-]+(/[A-Za-z0-9._~!-]+)*@[A-Za-z0-9._~!+-]+"
            + "|tile/[0-9]+/(data|[0-9]+)/(x[0-9]{3}/)*[0-9]{3}(\\.p/[0-9]+)?");

    /** Serves {@code /sumdb/<name>/<path>} from the directory, or forwards it; 404 for anything else. */
    private void sumdb(HttpExchange exchange, String rest) throws IOException {
        for (int slash = rest.indexOf('/'); slash > 0; slash = rest.indexOf('/', slash + 1)) {
            String name = rest.substring(0, slash);
            String sub = rest.substring(slash + 1);
            if (!SUMDB_NAME.matcher(name).matches() || !SUMDB_PATH.matcher(sub).matches()
                    || List.of(sub.split("/")).stream().anyMatch(seg -> seg.equals("..") || seg.equals("."))) {
                continue;
            }
            Path dir = root.resolve("sumdb").resolve(name).normalize();
            if (dir.startsWith(root.resolve("sumdb")) && Files.isRegularFile(dir.resolve("supported"), LinkOption.NOFOLLOW_LINKS)) {
                Path file = dir.resolve(sub).normalize();
                if (file.startsWith(dir) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && insideRoot(file)) {
                    byte[] body = Files.readAllBytes(file);
                    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") || body.length == 0
                            ? -1 : body.length);
                    if (!exchange.getRequestMethod().equals("HEAD")) {
                        exchange.getResponseBody().write(body);
                    }
                } else {
                    send(exchange, 404, "text/plain; charset=utf-8", "not found: /sumdb/" + rest + "\n");
                }
                return;
            }
            Optional<SumDb> db = forwarded.stream().filter(d -> d.name().equals(name)).findFirst();
            if (db.isPresent()) {
                if (sub.equals("supported")) {
                    send(exchange, 200, "text/plain; charset=utf-8", "");
                    return;
                }
                String base = db.get().url().orElse("https://" + name);
                URI target = URI.create((base.endsWith("/") ? base : base + "/") + sub);
                try {
                    byte[] body = upstream.apply(target);
                    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") || body.length == 0
                            ? -1 : body.length);
                    if (!exchange.getRequestMethod().equals("HEAD")) {
                        exchange.getResponseBody().write(body);
                    }
                } catch (NotFoundException e) {
                    send(exchange, 404, "text/plain; charset=utf-8", "not found upstream: " + target + "\n");
                } catch (GoSetupException e) {
                    LOG.log(System.Logger.Level.WARNING, () -> "forwarding " + target + " failed: " + e.getMessage());
                    send(exchange, 502, "text/plain; charset=utf-8", "upstream failed: " + target + "\n");
                }
                return;
            }
        }
        send(exchange, 404, "text/plain; charset=utf-8", "not found: /sumdb/" + rest
                + " (this proxy does not serve that checksum database; go reaches it directly)\n");
    }

    /** Maps a request path to a file under the root, or empty when it names nothing the protocol knows. */
    private Optional<Path> resolve(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        String rest = path.substring(1);
        if (rest.endsWith("/@latest")) {
            Optional<String> module = module(rest.substring(0, rest.length() - "/@latest".length()));
            return module.flatMap(this::latest);
        }
        int at = rest.indexOf("/@v/");
        if (at < 0) {
            return Optional.empty();
        }
        String escapedModule = rest.substring(0, at);
        String file = rest.substring(at + "/@v/".length());
        if (module(escapedModule).isEmpty()) {
            return Optional.empty();
        }
        Path dir = root.resolve(escapedModule).resolve("@v").normalize();
        if (!dir.startsWith(root)) {
            return Optional.empty();
        }
        if (file.equals("list")) {
            return Optional.of(dir.resolve("list"));
        }
        Matcher m = VERSION_FILE.matcher(file);
        if (!m.matches() || m.group(1).contains("/")) {
            return Optional.empty();
        }
        Optional<String> version = ModulePath.unescape(m.group(1));
        if (version.isEmpty() || !ModulePath.isCanonicalVersion(version.get())) {
            return Optional.empty();
        }
        return Optional.of(dir.resolve(m.group(1) + "." + m.group(2)));
    }

    /**
     * True when the file's real location, symbolic links resolved, is inside the served directory:
     * a module directory in the tree that links elsewhere must not serve what it points at.
     */
    private boolean insideRoot(Path file) {
        try {
            return file.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false; // missing or unreadable: a 404 either way
        }
    }

    private static Optional<String> module(String escaped) {
        Optional<String> path = ModulePath.unescape(escaped);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            ModulePath.checkModulePath(path.get());
            return Optional.of(escaped);
        } catch (InvalidConfigurationException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> latest(String escapedModule) {
        Path dir = root.resolve(escapedModule).resolve("@v").normalize();
        if (!dir.startsWith(root)) {
            return Optional.empty();
        }
        List<String> versions;
        if (!insideRoot(dir.resolve("list"))) {
            return Optional.empty();
        }
        try {
            versions = Files.readAllLines(dir.resolve("list"), StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(ModulePath::isCanonicalVersion).toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<String> best = versions.stream().filter(v -> !ModulePath.isPrerelease(v))
                .max(ModulePath::compareVersions)
                .or(() -> versions.stream().max(ModulePath::compareVersions));
        return best.map(v -> dir.resolve(ModulePath.escapeVersion(v) + ".info"));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public String toString() {
        return "LocalModuleProxy[" + root + " at " + uri() + "]";
    }
}
