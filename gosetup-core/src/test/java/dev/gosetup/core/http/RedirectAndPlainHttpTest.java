package dev.gosetup.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.testkit.LogCapture;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, "plain http": a non-loopback http index used with insecure http allowed gave no warning;
 * a redirect from loopback to another host's http URL was followed (the request sent) before being
 * refused; a redirect loop or to {@code file:} was blamed on "https never continues over plain
 * http". The other host is {@code mirror.test}, reachable only through a loopback forward proxy
 * that records what reaches it.
 */
class RedirectAndPlainHttpTest {
    @RegisterExtension
    final LogCapture log = LogCapture.of("dev.gosetup.core.http");

    /** A forward proxy answering every request for mirror.test with a small body. */
    private static ScriptedServer proxy() {
        return new ScriptedServer((exchange, n) -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
    }

    private static HttpDownloader downloader(ScriptedServer proxy, boolean allowInsecure) {
        return HttpDownloader.builder().allowInsecureHttp(allowInsecure).maxAttempts(1)
                .environment(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port())).build();
    }

    @Test
    void everyUseOfANonLoopbackHttpIndexIsWarnedAbout() {
        try (ScriptedServer proxy = proxy()) {
            HttpDownloader http = downloader(proxy, true);
            String url = "http://mirror.test:" + proxy.port() + "/dl/?mode=json";
            http.fetch(java.net.URI.create(url));
            http.fetch(java.net.URI.create(url));
            assertThat(proxy.requests).hasSize(2);
            assertThat(log.messages(System.Logger.Level.WARNING)).filteredOn(w -> w.contains("plain http") && w.contains("mirror.test")).hasSize(2);
        }
    }

    @Test
    void aRedirectFromLoopbackToAnotherHostsHttpUrlIsRefusedBeforeSending() {
        try (ScriptedServer proxy = proxy();
                ScriptedServer local = new ScriptedServer((exchange, n) -> {
                    exchange.getResponseHeaders().set("Location", "http://mirror.test:" + 1 + "/evil.json");
                    exchange.sendResponseHeaders(302, -1);
                })) {
            HttpDownloader http = downloader(proxy, false);
            assertThatThrownBy(() -> http.fetch(local.uri("index.json")))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("redirects (HTTP 302) to http://mirror.test:1/evil.json")
                    .hasMessageContaining("refused before sending");
            assertThat(local.requests).hasSize(1);
            assertThat(proxy.requests).as("nothing may reach the other host").isEmpty();
        }
    }

    @Test
    void aRedirectLoopAndARedirectToAFileUrlNameTheRealCause() {
        try (ScriptedServer local = new ScriptedServer((exchange, n) -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().set("Location", path.equals("/a") ? "/b" : path.equals("/b") ? "/a" : "file:///etc/passwd");
            exchange.sendResponseHeaders(path.equals("/a") ? 301 : 302, -1);
        })) {
            HttpDownloader http = HttpDownloader.builder().maxAttempts(1).build();
            assertThatThrownBy(() -> http.fetch(local.uri("a"))).isInstanceOf(GoSetupException.class)
                    .hasMessageContaining("redirects in a loop")
                    .hasMessageNotContaining("plain http");
            assertThatThrownBy(() -> http.fetch(local.uri("c"))).isInstanceOf(GoSetupException.class)
                    .hasMessageContaining("file:///etc/passwd")
                    .hasMessageContaining("never to file: ones")
                    .hasMessageNotContaining("plain http");
        }
    }
}
