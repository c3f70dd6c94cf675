package dev.gosetup.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.http.ProxyConfig;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe against loopback proxies: one slow, one failing, one healthy, one silent. */
class ProxyProbeTest {
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        servers.forEach(s -> s.stop(0));
    }

    private String server(int status, long delayMillis, String body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getRawPath());
            try {
                release.await(delayMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ProxyProbe probe() {
        return ProxyProbe.using(HttpDownloader.builder().proxy(ProxyConfig.direct()).maxAttempts(1).build());
    }

    @Test
    void picksTheHealthyOneOverTheSlowAndTheFailing() throws Exception {
        String slow = server(200, 5_000, "v0.3.0\nv0.14.0\n");
        String failing = server(500, 0, "internal error");
        String healthy = server(200, 0, "v0.3.0\nv0.14.0\n");
        long t0 = System.nanoTime();
        ProbeReport report = probe().probe(List.of(slow, failing, healthy), ProxyProbe.DEFAULT_MODULE,
                Duration.ofMillis(800), new CancellationToken());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(millis).as("in parallel, bounded by the timeout").isLessThan(3_500);
        assertThat(report.fastest()).map(ProxyMeasurement::proxy).contains(healthy);
        assertThat(report.ranked()).extracting(ProxyMeasurement::proxy).containsExactly(healthy, failing, slow);
        ProxyMeasurement bad = report.ranked().get(1);
        assertThat(bad.status()).contains(500);
        assertThat(bad.error()).hasValueSatisfying(e -> assertThat(e).startsWith("HTTP 500"));
        ProxyMeasurement timedOut = report.ranked().get(2);
        assertThat(timedOut.status()).isEmpty();
        assertThat(timedOut.error()).hasValueSatisfying(e -> assertThat(e).contains("did not answer within"));
        assertThat(report.ranked().get(0).latency()).isPresent();
        assertThat(paths).contains("/golang.org/x/text/@v/list");
    }

    @Test
    void escapesTheModulePathAndCountsHtmlAndNotFoundAsUnhealthy() throws Exception {
        String html = server(200, 0, "<!DOCTYPE html><html>login</html>");
        String notFound = server(404, 0, "not found");
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = s.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + refusedPort;
        ProbeReport report = probe().probe(List.of(html, notFound, refused), "github.com/Azure/go-autorest",
                Duration.ofSeconds(3), new CancellationToken());
        assertThat(report.fastest()).isEmpty();
        assertThat(paths).contains("/github.com/!azure/go-autorest/@v/list");
        assertThat(report.ranked()).filteredOn(m -> m.proxy().equals(html)).singleElement()
                .satisfies(m -> assertThat(m.error().orElseThrow()).contains("HTML"));
        assertThat(report.ranked()).filteredOn(m -> m.proxy().equals(notFound)).singleElement()
                .satisfies(m -> assertThat(m.error().orElseThrow()).contains("does not have"));
        assertThat(report.ranked().get(2).proxy()).isEqualTo(refused);
        assertThat(report.ranked().get(2).describe()).startsWith(refused + ": no answer from");
    }

    @Test
    void refusesWhatIsNotAProxy() {
        assertThatThrownBy(() -> probe().probe(List.of("direct"), ProxyProbe.DEFAULT_MODULE, Duration.ofSeconds(1),
                new CancellationToken())).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("not one proxy URL");
        assertThatThrownBy(() -> probe().probe(List.of("http://proxy.example.com"), ProxyProbe.DEFAULT_MODULE,
                Duration.ofSeconds(1), new CancellationToken())).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("plain http");
        assertThatThrownBy(() -> probe().probe(List.of(), ProxyProbe.DEFAULT_MODULE, Duration.ofSeconds(1),
                new CancellationToken())).hasMessageContaining("no module proxy to probe");
    }
}
