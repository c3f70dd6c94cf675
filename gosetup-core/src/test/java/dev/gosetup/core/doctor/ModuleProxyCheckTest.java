package dev.gosetup.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** module-proxy against loopback servers that answer, fail and stay silent. */
class ModuleProxyCheckTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 404;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] body = "not found: golang.org/x/mod".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static CheckResult check(String goproxy, CheckContext context) {
        return new ModuleProxyCheck(c -> Map.of("GOPROXY", goproxy)).check(context);
    }

    private static CheckContext context(String... parameters) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            p.put(parameters[i], parameters[i + 1]);
        }
        return CheckContext.of(Map.of("PATH", "/usr/bin")).withParameters(p);
    }

    @Test
    void aProxyThatAnswersPassesEvenWith404() {
        CheckResult r = check(url() + "/,direct", context());
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).matches("http://127\\.0\\.0\\.1:\\d+/ answered 404 in \\d+ms");
        assertThat(requests).containsExactly("/golang.org/x/mod/@v/list");
        assertThat(r.details()).containsEntry("GOPROXY source", "go env");
    }

    @Test
    void aFailingProxyFailsButOnlyWarnsWhenGoFallsBackOnAnyError() {
        status = 503;
        assertThat(check(url() + ",direct", context()).status()).isEqualTo(CheckStatus.FAIL);
        CheckResult piped = check(url() + "|https://proxy.golang.org,direct", context());
        assertThat(piped.status()).isEqualTo(CheckStatus.WARN);
        assertThat(piped.hints().get(0)).startsWith("go falls back to https://proxy.golang.org,direct");
    }

    @Test
    void aProxyThatAcceptsButNeverAnswersFailsAtTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String proxy = "http://127.0.0.1:" + silent.getLocalPort();
            long t0 = System.nanoTime();
            CheckResult r = check(proxy, context("timeout", "700ms"));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
            assertThat(r.summary()).isEqualTo(proxy + "/golang.org/x/mod/@v/list did not answer within 700ms");
            assertThat(millis).isBetween(600L, 5_000L);
            assertThat(check(proxy + "|direct", context("timeout", "300ms")).status()).isEqualTo(CheckStatus.WARN);
        }
    }

    @Test
    void aRefusedConnectionFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CheckResult r = check("http://127.0.0.1:" + port, context());
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).startsWith("cannot reach http://127.0.0.1:" + port);
    }

    @Test
    void offOrDirectOrOfflineSkip(@TempDir Path dir) {
        assertThat(check("off", context()).status()).isEqualTo(CheckStatus.SKIP);
        assertThat(check("direct", context()).summary()).startsWith("GOPROXY starts with direct");
        assertThat(check(url(), context().withOffline(true)).summary()).isEqualTo("offline: " + url() + " was not contacted");
        assertThat(requests).isEmpty();
        assertThat(check("proxy", context()).summary()).contains("missing scheme");
        assertThat(check(dir.toUri().toString(), context()).status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(dir.resolve("none").toUri().toString(), context()).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void readsGoproxyThroughTheRealGoEnv() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        Toolchain t = new Toolchain(GoVersion.parse(go.version()), Platform.current(), go.goroot());
        CheckContext c = CheckContext.of(System.getenv())
                .withGoEnvironment(GoEnvironment.of(t).with("GOPROXY", url() + ",direct"));
        CheckResult r = new ModuleProxyCheck().check(c);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.details()).containsEntry("GOPROXY", url() + ",direct").containsEntry("GOPROXY source", "go env");

        Map<String, String> env = ContextGo.locate(c).goEnv("GOROOT", "GOMODCACHE");
        assertThat(env).containsEntry("GOROOT", go.goroot().toString()).containsKey("GOMODCACHE");

        CheckResult noHome = new ModuleProxyCheck().check(context().withGoEnvironment(GoEnvironment.of(t)
                .with("GOPROXY", url())));
        assertThat(noHome.status()).as("go env -json GOPROXY needs no HOME").isEqualTo(CheckStatus.PASS);
        assertThat(noHome.details()).containsEntry("GOPROXY source", "go env");

        CheckResult noGo = new ModuleProxyCheck().check(CheckContext.of(Map.of("PATH", "/nonexistent",
                "GOPROXY", url())));
        assertThat(noGo.status()).as("without go, GOPROXY still comes from the environment").isEqualTo(CheckStatus.PASS);
        assertThat(noGo.details().get("GOPROXY source")).startsWith("the environment (go env failed: go was not found");
    }
}
