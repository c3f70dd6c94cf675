package dev.gosetup.core.http;

import static dev.gosetup.core.http.Recorders.randomFile;
import static dev.gosetup.core.http.Recorders.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.http.Recorders.RecordingListener;
import dev.gosetup.core.http.Recorders.RecordingSleeper;
import dev.gosetup.testkit.MirrorServer;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Downloads and fetches that go right at once, the URL rules, file: URIs and the errors that are never retried. */
class HttpDownloaderTest {

    private static final String ARCHIVE = "go1.99.0.linux-amd64.tar.gz";
    private static final int SIZE = 3 * 1024 * 1024 + 123;

    @TempDir
    Path temp;

    private Path mirrorDir;
    private byte[] content;
    private MirrorServer mirror;
    private RecordingSleeper sleeper;
    private HttpDownloader http;

    @BeforeEach
    void start() throws Exception {
        mirrorDir = Files.createDirectories(temp.resolve("mirror"));
        content = randomFile(mirrorDir, ARCHIVE, SIZE);
        mirror = MirrorServer.start(mirrorDir);
        sleeper = new RecordingSleeper();
        http = HttpDownloader.builder().proxy(ProxyConfig.direct()).sleeper(sleeper).build();
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    @Test
    void downloadsAFileAndReturnsItsSha256() throws Exception {
        Path target = temp.resolve("out/" + ARCHIVE);
        RecordingListener listener = new RecordingListener();

        HttpDownloader.Result result = http.download(mirror.uri(ARCHIVE), target, SIZE, listener, () -> false);

        assertThat(result.size()).isEqualTo(SIZE);
        assertThat(result.sha256Hex()).isEqualTo(sha256(content)).isEqualTo(result.sha256());
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(mirror.requestCount(ARCHIVE)).isEqualTo(1);
        assertThat(listener.starts).containsExactly(new Recorders.Start(mirror.uri(ARCHIVE), 0, SIZE));
        assertThat(listener.retries).isEmpty();
        // At most one report per 64 KiB, and the last one says "all of it".
        assertThat(listener.progress).hasSizeLessThanOrEqualTo(SIZE / (64 * 1024) + 1).isSorted();
        assertThat(listener.progress.get(listener.progress.size() - 1)).isEqualTo(SIZE);
        for (int i = 1; i < listener.progress.size() - 1; i++) {
            assertThat(listener.progress.get(i) - listener.progress.get(i - 1)).isGreaterThanOrEqualTo(64 * 1024);
        }
    }

    @Test
    void sendsUserAgentAndAsksForTheIdentityEncoding() {
        http.download(mirror.uri(ARCHIVE), temp.resolve("a"), SIZE);

        var request = mirror.requestLog().get(0);
        assertThat(request.header("User-Agent")).hasValueSatisfying(v -> assertThat(v).startsWith("gosetup/"));
        assertThat(request.header("Accept-Encoding")).contains("identity");
        assertThat(request.header("Range")).isEmpty();
    }

    @Test
    void downloadsWithAnUnknownSize() throws Exception {
        Path target = temp.resolve("a");

        HttpDownloader.Result result = http.download(mirror.uri(ARCHIVE), target, HttpDownloader.UNKNOWN_SIZE);

        assertThat(result).isEqualTo(new HttpDownloader.Result(SIZE, sha256(content)));
    }

    @Test
    void acceptsLocalhostByName() {
        URI byName = URI.create("http://localhost:" + mirror.baseUri().getPort() + "/" + ARCHIVE);

        assertThat(http.download(byName, temp.resolve("a"), SIZE).sha256Hex()).isEqualTo(sha256(content));
    }

    @Test
    void notFoundIsNotRetried() {
        URI missing = mirror.uri("go0.0.0.linux-amd64.tar.gz");

        assertThatThrownBy(() -> http.download(missing, temp.resolve("a"), 10))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("404");
        assertThat(mirror.requestCount("go0.0.0.linux-amd64.tar.gz")).isEqualTo(1);
        assertThat(sleeper.delays).isEmpty();
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void goneIsNotFoundToo() {
        mirror.failNext(ARCHIVE, 1, 410);

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), temp.resolve("a"), SIZE))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("410");
        assertThat(mirror.requestCount(ARCHIVE)).isEqualTo(1);
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        mirror.failNext(ARCHIVE, 5, 403);

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), temp.resolve("a"), SIZE))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining(mirror.uri(ARCHIVE).toString());
        assertThat(mirror.requestCount(ARCHIVE)).isEqualTo(1);
    }

    @Test
    void anHtmlPageIsAClearErrorAndNotRetried() {
        mirror.serveInstead(ARCHIVE, 200, "text/html; charset=utf-8",
                "<html><body>Please log in to the hotel Wi-Fi</body></html>".getBytes(StandardCharsets.UTF_8));
        Path target = temp.resolve("a");

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), target, SIZE))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("got an HTML page instead of " + ARCHIVE);
        assertThat(mirror.requestCount(ARCHIVE)).isEqualTo(1);
        assertThat(target).doesNotExist();
    }

    @Test
    void anHtmlBodyIsRecognisedWhateverItsContentType() {
        byte[] page = ("\n  <!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>" + " ".repeat(100))
                .getBytes(StandardCharsets.UTF_8);
        mirror.serveInstead(ARCHIVE, 200, "application/octet-stream", page);

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), temp.resolve("a"), page.length))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("got an HTML page instead of " + ARCHIVE);
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void aShortBinaryBodyIsNotMistakenForHtml() throws Exception {
        randomFile(mirrorDir, "tiny.bin", 10);

        assertThat(http.download(mirror.uri("tiny.bin"), temp.resolve("tiny"), 10).size()).isEqualTo(10);
    }

    @Test
    void aServerAnnouncingMoreBytesThanTheIndexIsRefusedBeforeWriting() {
        Path target = temp.resolve("a");

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), target, SIZE - 1))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("larger than the index says");
        assertThat(target).doesNotExist();
    }

    @Test
    void aServerAnnouncingFewerBytesThanTheIndexIsAVerificationFailure() {
        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), temp.resolve("a"), SIZE + 1))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("smaller than the index says");
        assertThat(mirror.requestCount(ARCHIVE)).isEqualTo(1);
    }

    @Test
    void aChunkedBodyLongerThanExpectedStopsAtTheExpectedSize() throws Exception {
        byte[] body = new byte[256 * 1024];
        try (ScriptedServer server = new ScriptedServer((exchange, n) -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            exchange.getResponseBody().write(body);
        })) {
            Path target = temp.resolve("a");

            assertThatThrownBy(() -> http.download(server.uri("x.tar.gz"), target, 100_000))
                    .isInstanceOf(VerificationException.class)
                    .hasMessageContaining("larger than the index says");
            assertThat(Files.size(target)).isLessThanOrEqualTo(100_000);
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void followsRedirectsBetweenLoopbackServers() throws Exception {
        try (ScriptedServer redirector = new ScriptedServer((exchange, n) -> {
            exchange.getResponseHeaders().set("Location", mirror.uri(ARCHIVE).toString());
            exchange.sendResponseHeaders(302, -1);
        })) {
            HttpDownloader.Result result = http.download(redirector.uri("latest"), temp.resolve("a"), SIZE);

            assertThat(result.sha256Hex()).isEqualTo(sha256(content));
            assertThat(mirror.requestCount(ARCHIVE)).isEqualTo(1);
        }
    }

    @Test
    void plainHttpToAnotherHostIsRefusedBeforeAnyLookup() {
        List<URI> asked = new CopyOnWriteArrayList<>();
        ProxySelector recording = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                asked.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
        HttpDownloader strict = HttpDownloader.builder()
                .proxy(ProxyConfig.fromEnvironment(Map.of(), recording)).sleeper(sleeper).build();
        RecordingListener listener = new RecordingListener();
        URI insecure = URI.create("http://example.invalid/x");
        long start = System.nanoTime();

        assertThatThrownBy(() -> strict.download(insecure, temp.resolve("x"), 1, listener, () -> false))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("http://example.invalid/x")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions())
                        .anySatisfy(r -> assertThat(r).contains("https"))
                        .anySatisfy(r -> assertThat(r).contains("allowInsecureHttp")));
        assertThatThrownBy(() -> strict.fetch(insecure)).isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> strict.checkAllowed(insecure)).isInstanceOf(InvalidConfigurationException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(asked).isEmpty();
        assertThat(listener.starts).isEmpty();
        assertThat(sleeper.delays).isEmpty();
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://127.1.2.3:8080/x", "http://[::1]/x", "http://localhost/x",
            "http://LOCALHOST./x", "https://example.com/x", "file:///tmp/x"})
    void allowedUrls(String url) {
        http.checkAllowed(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/x", "http://128.0.0.1/x", "http://10.0.0.1/x", "http://[::2]/x",
            "http://localhost.example.com/x", "ftp://example.com/x", "jar:file:/x!/y", "relative/path",
            "https:///no-host"})
    void refusedUrls(String url) {
        assertThatThrownBy(() -> http.checkAllowed(URI.create(url))).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void allowInsecureHttpLetsPlainHttpThrough() {
        HttpDownloader lax = HttpDownloader.builder().allowInsecureHttp(true).proxy(ProxyConfig.direct()).build();

        lax.checkAllowed(URI.create("http://mirror.example.com/go.tar.gz"));
    }

    @Test
    void refusedUrlsHideCredentials() {
        assertThatThrownBy(() -> http.checkAllowed(URI.create("http://alice:s3cret@example.com/x")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("http://***@example.com/x")
                .message().doesNotContain("s3cret").doesNotContain("alice");
    }

    @Test
    void fileUrisAreCopiedWithProgressAndHash() throws Exception {
        Path source = mirrorDir.resolve(ARCHIVE);
        Path target = temp.resolve("copy/" + ARCHIVE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "stale bytes from before");
        RecordingListener listener = new RecordingListener();

        HttpDownloader.Result result = http.download(source.toUri(), target, SIZE, listener, () -> false);

        assertThat(result).isEqualTo(new HttpDownloader.Result(SIZE, sha256(content)));
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(listener.starts).hasSize(1);
        assertThat(listener.progress).isNotEmpty().last().isEqualTo((long) SIZE);
    }

    @Test
    void aMissingFileUriIsNotFound() {
        URI missing = temp.resolve("nope.tar.gz").toUri();

        assertThatThrownBy(() -> http.download(missing, temp.resolve("a"), 1))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nope.tar.gz");
        assertThatThrownBy(() -> http.fetch(missing))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nope.tar.gz");
    }

    @Test
    void aFileUriOfTheWrongSizeIsAVerificationFailure() {
        assertThatThrownBy(() -> http.download(mirrorDir.resolve(ARCHIVE).toUri(), temp.resolve("a"), SIZE + 5))
                .isInstanceOf(VerificationException.class).hasMessageContaining("smaller than the index says");
    }

    @Test
    void fetchesSmallBodiesWithTheirValidators() throws Exception {
        Files.writeString(mirrorDir.resolve("index.json"), "[]");

        FetchResult result = http.fetchWithValidators(mirror.indexUri(), () -> false);

        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("[]");
        assertThat(result.etag()).isPresent();
        assertThat(result.lastModified()).isPresent();
        assertThat(http.fetch(mirror.indexUri())).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
        assertThat(http.fetch(mirrorDir.resolve("index.json").toUri())).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fetchRetriesLikeDownload() throws Exception {
        Files.writeString(mirrorDir.resolve("index.json"), "[]");
        mirror.failNext(1, 503);

        assertThat(http.fetch(mirror.indexUri())).hasSize(2);
        assertThat(sleeper.delays).hasSize(1);
    }

    @Test
    void fetchRefusesHtml() {
        mirror.serveInstead(200, "text/html", "<!doctype html><p>portal".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> http.fetch(mirror.indexUri()))
                .isInstanceOf(NetworkException.class).hasMessageContaining("got an HTML page");
    }

    @Test
    void fetchRefusesBodiesAboveTheCap() throws Exception {
        HttpDownloader small = HttpDownloader.builder().proxy(ProxyConfig.direct()).maxFetchBytes(1000).build();
        randomFile(mirrorDir, "big.json", 1001);

        assertThatThrownBy(() -> small.fetch(mirror.uri("big.json")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("larger than 1000 bytes");
        assertThatThrownBy(() -> small.fetch(mirrorDir.resolve("big.json").toUri()))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void builderRejectsNonsense() {
        HttpDownloader.Builder builder = HttpDownloader.builder();

        assertThatThrownBy(() -> builder.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.readTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.userAgent("bad\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), temp.resolve("a"), -5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderReadsProxiesFromTheInjectedEnvironment() {
        HttpDownloader withEnv = HttpDownloader.builder()
                .environment(Map.of("HTTPS_PROXY", "http://alice:s3cret@proxy.example:3128")).build();

        assertThat(withEnv.toString()).contains("http://***@proxy.example:3128 (HTTPS_PROXY)")
                .doesNotContain("s3cret");
    }
}
