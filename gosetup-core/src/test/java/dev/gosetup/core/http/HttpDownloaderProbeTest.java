package dev.gosetup.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The one exchange the doctor's checks use ({@link HttpDownloader#probe(ProbeRequest, CancellationToken)}): body
 * cap, one deadline for the whole exchange, the redirect rules (refused before sending, loops named), the plain-http
 * rule for a URL the caller names, proxies from the environment, best-of-two timing, cancellation. Real HTTP over
 * loopback; other hosts ({@code *.test}) are reachable only through a loopback forward proxy that records what
 * reaches it.
 */
class HttpDownloaderProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static HttpDownloader direct() {
        return HttpDownloader.builder().proxy(ProxyConfig.direct()).maxAttempts(1).build();
    }

    @Test
    void keepsAtMostTheBodyCapAndReportsMethodHeadersTypeAndTheAnsweringUrl() {
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'v');
        try (ScriptedServer server = new ScriptedServer((x, n) -> {
            if (x.getRequestURI().getPath().equals("/old")) {
                x.getResponseHeaders().set("Location", "/new");
                x.sendResponseHeaders(302, -1);
                return;
            }
            x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            x.sendResponseHeaders(200, x.getRequestMethod().equals("HEAD") ? -1 : big.length);
            if (!x.getRequestMethod().equals("HEAD")) {
                x.getResponseBody().write(big);
            }
        })) {
            HttpDownloader.ProbeAnswer answer = direct().probe(ProbeRequest.get(server.uri("old"), TIMEOUT)
                    .withMaxBody(1000), new CancellationToken());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.bodyStart()).hasSize(1000);
            assertThat(answer.uri()).isEqualTo(server.uri("new"));
            assertThat(answer.contentType()).hasValue("text/plain; charset=utf-8");

            HttpDownloader.ProbeAnswer head = direct().probe(ProbeRequest.get(server.uri("h"), TIMEOUT)
                    .withMethod("head").withHeaders(Map.of("X-Probe", "yes")), new CancellationToken());
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.bodyStart()).isEmpty();
            ScriptedServer.Request last = server.requests.get(server.requests.size() - 1);
            assertThat(last.method()).isEqualTo("HEAD");
            assertThat(last.header("X-Probe")).isEqualTo("yes");
        }
    }

    @Test
    void oneDeadlineCoversTheWholeExchangeBodyIncluded() {
        try (ScriptedServer server = new ScriptedServer((x, n) -> {
            x.sendResponseHeaders(200, 1000);
            OutputStream out = x.getResponseBody();
            try {
                for (int i = 0; i < 1000; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                // the client gave up
            }
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> direct().probe(ProbeRequest.get(server.uri("slow"), Duration.ofSeconds(1)),
                    new CancellationToken()))
                    .isInstanceOfSatisfying(NoAnswerException.class, e -> {
                        assertThat(e.timedOut()).isTrue();
                        assertThat(e.getMessage()).isEqualTo("the body of " + server.uri("slow")
                                + " did not arrive within 1s");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        }
    }

    /** Forwards nothing: records each request and answers with what the test scripts per host. */
    private static ScriptedServer recordingProxy(int port) {
        return new ScriptedServer((x, n) -> {
            URI target = x.getRequestURI();
            if (target.getPath().equals("/start")) {
                x.getResponseHeaders().set("Location", "http://other.test:" + port + "/elsewhere");
                x.sendResponseHeaders(302, -1);
            } else if (target.getPath().equals("/same")) {
                x.getResponseHeaders().set("Location", "/final");
                x.sendResponseHeaders(301, -1);
            } else {
                byte[] body = ("v1.0.0 from " + target.getHost()).getBytes();
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
            }
        });
    }

    @Test
    void aPlainHttpUrlTheCallerNamesIsAskedThroughTheProxyButNoRedirectToAnotherHostsPlainHttp() {
        try (ScriptedServer proxy = recordingProxy(8080)) {
            HttpDownloader http = HttpDownloader.builder().maxAttempts(1)
                    .environment(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port())).build();
            URI named = URI.create("http://corp-proxy.test:8080/same");

            // Without the caller vouching for it, plain http to another host is refused before anything is sent.
            assertThatThrownBy(() -> http.probe(ProbeRequest.get(named, TIMEOUT), new CancellationToken()))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("plain http");
            assertThat(proxy.requests).isEmpty();

            // Named explicitly: asked through the proxy of the environment; a redirect on the same host followed.
            HttpDownloader.ProbeAnswer answer = http.probe(ProbeRequest.get(named, TIMEOUT).withPlainHttpAllowed(true),
                    new CancellationToken());
            assertThat(answer.bodyText()).isEqualTo("v1.0.0 from corp-proxy.test");
            assertThat(answer.uri()).isEqualTo(URI.create("http://corp-proxy.test:8080/final"));
            assertThat(proxy.requests).extracting(r -> r.uri().toString())
                    .containsExactly(named.toString(), "http://corp-proxy.test:8080/final");

            // A redirect to another host's plain http: refused before sending anything there.
            proxy.requests.clear();
            URI start = URI.create("http://corp-proxy.test:8080/start");
            assertThatThrownBy(() -> http.probe(ProbeRequest.get(start, TIMEOUT).withPlainHttpAllowed(true),
                    new CancellationToken()))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("redirects (HTTP 302) to http://other.test:8080/elsewhere")
                    .hasMessageContaining("refused before sending anything there");
            assertThat(proxy.requests).extracting(r -> r.uri().toString()).containsExactly(start.toString());
        }
    }

    @Test
    void aRedirectLoopIsNamedAsOne() {
        try (ScriptedServer server = new ScriptedServer((x, n) -> {
            x.getResponseHeaders().set("Location", x.getRequestURI().getPath().equals("/a") ? "/b" : "/a");
            x.sendResponseHeaders(302, -1);
        })) {
            assertThatThrownBy(() -> direct().probe(ProbeRequest.get(server.uri("a"), TIMEOUT),
                    new CancellationToken()))
                    .isInstanceOf(NetworkException.class)
                    .hasMessageContaining("redirects in a loop")
                    .hasMessageNotContaining("plain http");
            assertThat(server.requests).hasSize(2);
        }
    }

    @Test
    void bestOfTwoSendsAnIdempotentRequestTwiceAndReportsTheFasterExchange() {
        try (ScriptedServer server = new ScriptedServer((x, n) -> {
            if (n == 1) {
                Thread.sleep(300);
            }
            x.sendResponseHeaders(204, -1);
        })) {
            HttpDownloader.ProbeAnswer answer = direct().probe(ProbeRequest.get(server.uri("x"), TIMEOUT)
                    .withBestOfTwo(true), new CancellationToken());
            assertThat(server.requests).hasSize(2);
            assertThat(answer.latency()).isLessThan(Duration.ofMillis(300));

            direct().probe(ProbeRequest.get(server.uri("x"), TIMEOUT).withMethod("POST").withBestOfTwo(true),
                    new CancellationToken());
            assertThat(server.requests).hasSize(3);
        }
    }

    @Test
    void cancellingAProbeEndsItPromptlyWithCancelledException() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ScriptedServer warm = new ScriptedServer((x, n) -> x.sendResponseHeaders(204, -1))) {
            HttpDownloader http = direct();
            http.probe(ProbeRequest.get(warm.uri(""), TIMEOUT), new CancellationToken()); // the JDK client's start-up
            CancellationToken token = new CancellationToken();
            java.util.concurrent.atomic.AtomicLong cancelledAt = new java.util.concurrent.atomic.AtomicLong();
            timer.schedule(() -> {
                cancelledAt.set(System.nanoTime());
                token.cancel();
            }, 300, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> http.probe(ProbeRequest.get(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), Duration.ofSeconds(30)), token))
                    .isInstanceOf(CancelledException.class).hasMessageContaining("was cancelled");
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get())).isLessThan(Duration.ofSeconds(1));
        } finally {
            timer.shutdownNow();
        }
    }
}
