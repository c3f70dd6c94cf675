package dev.gosetup.core.http;

import static dev.gosetup.core.http.Recorders.randomFile;
import static dev.gosetup.core.http.Recorders.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.testkit.LogCapture;
import dev.gosetup.testkit.MirrorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads through a real (tiny, loopback) forward proxy that alone knows the host {@code mirror.test}: the request
 * can only succeed by going through it.
 */
class ProxyForwardingTest {

    private static final String ARCHIVE = "go1.99.0.linux-amd64.tar.gz";
    private static final int SIZE = 1024 * 1024 + 5;
    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path temp;

    private byte[] content;
    private MirrorServer mirror;
    private final HttpClient upstream = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    @RegisterExtension
    final LogCapture log = LogCapture.of("dev.gosetup.core.http");

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("mirror"));
        content = randomFile(dir, ARCHIVE, SIZE);
        mirror = MirrorServer.start(dir);
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    /** Forwards absolute-URI GETs for http://mirror.test:PORT/... to the mirror; optionally demands Basic auth. */
    private ScriptedServer proxy(String requiredCredentials) {
        return new ScriptedServer((exchange, n) -> {
            URI target = exchange.getRequestURI();
            if (requiredCredentials != null) {
                String expected = "Basic " + Base64.getEncoder()
                        .encodeToString(requiredCredentials.getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                    exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"test proxy\"");
                    exchange.sendResponseHeaders(407, -1);
                    return;
                }
            }
            if (!"mirror.test".equals(target.getHost())) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            forward(exchange, URI.create("http://127.0.0.1:" + mirror.baseUri().getPort() + target.getRawPath()));
        });
    }

    private void forward(HttpExchange exchange, URI to) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(10));
        for (String name : List.of("Range", "If-Range", "User-Agent")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        for (String name : List.of("Content-Type", "Content-Range", "ETag", "Last-Modified", "Accept-Ranges")) {
            response.headers().firstValue(name).ifPresent(v -> exchange.getResponseHeaders().set(name, v));
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private URI viaName(String file) {
        return URI.create("http://mirror.test:" + mirror.baseUri().getPort() + "/" + file);
    }

    @Test
    void downloadsThroughTheProxyFromTheEnvironment() {
        try (ScriptedServer proxy = proxy(null)) {
            HttpDownloader http = HttpDownloader.builder().allowInsecureHttp(true)
                    .environment(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port())).build();

            HttpDownloader.Result result = http.download(viaName(ARCHIVE), temp.resolve("a"), SIZE);

            assertThat(result.sha256Hex()).isEqualTo(sha256(content));
            assertThat(proxy.requests).hasSize(1);
            assertThat(proxy.requests.get(0).uri()).isEqualTo(viaName(ARCHIVE));
            assertThat(mirror.requestCount(ARCHIVE)).isEqualTo(1);
        }
    }

    @Test
    void proxyCredentialsAnswerTheChallengeAndNeverShow() {
        try (ScriptedServer proxy = proxy("alice:" + PASSWORD)) {
            HttpDownloader http = HttpDownloader.builder().allowInsecureHttp(true).maxAttempts(1)
                    .environment(Map.of("HTTP_PROXY", "http://alice:" + PASSWORD + "@127.0.0.1:" + proxy.port()))
                    .build();

            HttpDownloader.Result result = http.download(viaName(ARCHIVE), temp.resolve("a"), SIZE);
            assertThat(result.sha256Hex()).isEqualTo(sha256(content));
            assertThat(proxy.requests).extracting(r -> r.header("Proxy-Authorization") != null)
                    .containsExactly(false, true);

            assertThatThrownBy(() -> http.download(viaName("missing.tar.gz"), temp.resolve("b"), 10))
                    .isInstanceOf(NotFoundException.class)
                    .message().doesNotContain(PASSWORD);
            assertThat(http.toString()).contains("***@127.0.0.1").doesNotContain(PASSWORD);
        }
        assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(PASSWORD));
    }

    @Test
    void wrongProxyCredentialsEndWithAClearError() {
        try (ScriptedServer proxy = proxy("alice:right")) {
            HttpDownloader http = HttpDownloader.builder().allowInsecureHttp(true)
                    .environment(Map.of("HTTP_PROXY", "http://alice:wrong@127.0.0.1:" + proxy.port())).build();

            assertThatThrownBy(() -> http.download(viaName(ARCHIVE), temp.resolve("a"), SIZE))
                    .isInstanceOf(NetworkException.class)
                    .hasMessageContaining("407")
                    .message().doesNotContain("wrong");
        }
    }

    @Test
    void loopbackTargetsBypassTheProxy() {
        HttpDownloader http = HttpDownloader.builder()
                .environment(Map.of("HTTP_PROXY", "http://127.0.0.1:9", "HTTPS_PROXY", "http://127.0.0.1:9")).build();

        assertThat(http.download(mirror.uri(ARCHIVE), temp.resolve("a"), SIZE).sha256Hex())
                .isEqualTo(sha256(content));
    }
}
