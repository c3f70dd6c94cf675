package dev.gosetup.core.doctor.checks;

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

import dev.gosetup.api.CancellationToken;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.time.Duration;

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
    private volatile String contentType = "text/plain; charset=utf-8";
    private volatile String answer = "not found: golang.org/x/mod";
    private volatile String location;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            if (location != null && !exchange.getRequestURI().getPath().startsWith("/moved")) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
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
        assertThat(requests).containsOnly("/golang.org/x/mod/@v/list");
        assertThat(r.details()).containsEntry("GOPROXY source", "go env");
    }

    @Test
    void aVersionListPasses() {
        status = 200;
        answer = "v0.1.0\nv0.2.0-rc.1\nv0.20.0\n";
        CheckResult r = check(url(), context());
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void unauthorizedOrForbiddenFailsWithTheAuthenticationHint() {
        for (int code : new int[] {401, 403}) {
            status = code;
            CheckResult r = check(url() + ",direct", context());
            assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
            assertThat(r.summary()).contains("answered " + code).contains("credentials");
            assertThat(r.hints().get(0)).contains(".netrc").contains("GOAUTH");
        }
    }

    @Test
    void anHtmlPageOrAnyOtherBodyIsACaptivePortalNotAProxy() {
        status = 200;
        contentType = "text/html; charset=utf-8";
        answer = "<!DOCTYPE html><html><body>Please log in to the guest network</body></html>";
        CheckResult html = check(url(), context());
        assertThat(html.status()).as(html.toString()).isEqualTo(CheckStatus.FAIL);
        assertThat(html.summary()).contains("an HTML page").contains("captive portal");
        assertThat(html.details()).containsEntry("content type", "text/html; charset=utf-8");

        contentType = "application/json";
        answer = "{\"status\": \"ok\"}";
        CheckResult json = check(url(), context());
        assertThat(json.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(json.summary()).contains("not a module version list");
    }

    @Test
    void aRedirectToAnotherHostIsNamed() {
        status = 200;
        answer = "v0.1.0\n";
        // localhost and 127.0.0.1 are one server, two host names.
        location = "http://localhost:" + server.getAddress().getPort() + "/moved/golang.org/x/mod/@v/list";
        CheckResult r = check(url(), context());
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).contains("redirected to another host: localhost");
        assertThat(r.details()).containsKey("redirected to");
    }

    @Test
    void latencyIsTheExchangeNotTheHttpClientsColdStart() {
        // The first exchange of a fresh JVM, against a loopback server that answers at once: the
        // HTTP client's cold start alone took 150-370 ms here, more than a checklist's 100 ms.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessResult run = ProcessRunner.run(List.of(java, "-cp", System.getProperty("java.class.path"),
                ColdStartProbe.class.getName(), url()), Path.of("."), Map.of(), Duration.ofSeconds(60),
                new CancellationToken()).requireSuccess();
        String summary = run.stdout().strip();
        assertThat(summary).matches("http://127\\.0\\.0\\.1:\\d+ answered 404 in \\d+ms");
        assertThat(Integer.parseInt(summary.replaceFirst(".* in (\\d+)ms$", "$1"))).as(summary).isLessThan(100);
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

    /**
     * One HTTP stack: the check asks a plain-http GOPROXY on another host through the forward proxy
     * of the context's environment (the downloader's proxy selection), and a redirect from there to
     * a third host's plain http is refused before anything is sent to it.
     */
    @Test
    void aPlainHttpProxyGoesThroughTheContextsHttpProxyAndNoRedirectReachesAnotherHostsPlainHttp()
            throws Exception {
        List<String> forwarded = new CopyOnWriteArrayList<>();
        HttpServer forward = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        forward.createContext("/", exchange -> {
            forwarded.add(exchange.getRequestURI().toString());
            if (exchange.getRequestURI().getHost().equals("moved.test")) {
                exchange.getResponseHeaders().add("Location", "http://elsewhere.test/golang.org/x/mod/@v/list");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "v0.1.0\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        forward.start();
        try {
            CheckContext context = CheckContext.of(Map.of("PATH", "/usr/bin",
                    "HTTP_PROXY", "http://127.0.0.1:" + forward.getAddress().getPort()));
            CheckResult r = check("http://goproxy.corp.test", context);
            assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
            assertThat(forwarded).contains("http://goproxy.corp.test/golang.org/x/mod/@v/list");

            forwarded.clear();
            CheckResult moved = check("http://moved.test,direct", context);
            assertThat(moved.status()).as(moved.toString()).isEqualTo(CheckStatus.FAIL);
            assertThat(moved.summary()).contains("redirects (HTTP 302) to http://elsewhere.test/")
                    .contains("refused before sending anything there");
            assertThat(forwarded).containsOnly("http://moved.test/golang.org/x/mod/@v/list");
        } finally {
            forward.stop(0);
        }
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
