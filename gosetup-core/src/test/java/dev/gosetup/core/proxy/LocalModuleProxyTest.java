package dev.gosetup.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.env.HermeticGo;
import dev.gosetup.core.install.LoopbackInstaller;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.core.internal.ModuleZip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * pack and the local proxy end to end with the real go command (the newest toolchain on the
 * machine, from the testkit's loopback mirror): a consumer requiring modules served only by the
 * local proxy builds, go.sum holds the hashes gosetup computed, and GOPROXY fall-through and
 * GOPRIVATE routing behave as {@link ModuleSettings#route} predicts.
 */
@DisabledOnOs(OS.WINDOWS)
class LocalModuleProxyTest {
    private static final Path BUILD_CACHE = Path.of("target", "hermetic-go-build-cache").toAbsolutePath();
    private static final Duration GO_TIMEOUT = Duration.ofMinutes(3);
    private static Toolchain toolchain;

    @TempDir
    Path temp;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void install() {
        toolchain = LoopbackInstaller.ensure(LoopbackInstaller.mirror().newest());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static void git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        cmd.addAll(List.of(args));
        ProcessRunner.run(cmd, dir, Map.of("GIT_CONFIG_NOSYSTEM", Optional.of("1")), Duration.ofSeconds(30),
                new CancellationToken()).requireSuccess();
    }

    /** example.com/greeter, a git repository tagged v0.9.0 and v1.0.0, with things Go leaves out of zips. */
    private Path greeter() throws IOException {
        Path src = Files.createDirectories(temp.resolve("greeter"));
        Files.writeString(src.resolve("go.mod"), "module example.com/greeter // the greeter\n\ngo 1.19\n");
        Files.writeString(src.resolve("greeter.go"), """
                package greeter

                // Hello greets.
                func Hello(name string) string { return "hello, " + name }
                """);
        Files.writeString(src.resolve("LICENSE"), "MIT\n");
        Files.createDirectories(src.resolve("vendor/example.org/dep"));
        Files.writeString(src.resolve("vendor/modules.txt"), "# example.org/dep v1.0.0\n");
        Files.writeString(src.resolve("vendor/example.org/dep/dep.go"), "package dep\n");
        Files.createDirectories(src.resolve("tools"));
        Files.writeString(src.resolve("tools/go.mod"), "module example.com/greeter/tools\n");
        Files.writeString(src.resolve("tools/tool.go"), "package tools\n");
        Files.createSymbolicLink(src.resolve("link.go"), src.resolve("greeter.go"));
        git(src, "init", "-q");
        git(src, "add", "-A");
        git(src, "commit", "-q", "-m", "first");
        git(src, "tag", "v0.9.0");
        git(src, "tag", "v1.0.0");
        git(src, "tag", "not-a-version");
        return src;
    }

    private Path shout() throws IOException {
        Path src = Files.createDirectories(temp.resolve("shout"));
        Files.writeString(src.resolve("go.mod"), "module example.com/Shout\n\ngo 1.19\n");
        Files.writeString(src.resolve("shout.go"), """
                package shout

                import "strings"

                // Up shouts.
                func Up(s string) string { return strings.ToUpper(s) + "!" }
                """);
        return src;
    }

    private Path consumer() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("consumer"));
        Files.writeString(dir.resolve("go.mod"), """
                module example.com/consumer

                go 1.19

                require (
                	example.com/Shout v1.1.0
                	example.com/greeter v1.0.0
                )
                """);
        Files.writeString(dir.resolve("main.go"), """
                package main

                import (
                	"fmt"

                	"example.com/Shout"
                	"example.com/greeter"
                )

                func main() { fmt.Println(shout.Up(greeter.Hello("proxy"))) }
                """);
        return dir;
    }

    private HermeticGo go(String goproxy, Map<String, String> more) {
        HermeticGo.Builder b = HermeticGo.builder().toolchain(toolchain).sharedBuildCache(BUILD_CACHE).proxy(goproxy)
                .variable("GOFLAGS", "-modcacherw -mod=mod").variable("GONOSUMDB", "example.com");
        more.forEach(b::variable);
        HermeticGo go = b.build();
        closing.add(0, go);
        return go;
    }

    private LocalModuleProxy packAndServe() throws IOException {
        Path out = temp.resolve("proxy");
        List<ModulePacker.Packed> packed = ModulePacker.pack(List.of(greeter()), out, Optional.empty());
        packed = new ArrayList<>(packed);
        packed.addAll(ModulePacker.pack(List.of(shout()), out, Optional.of("v1.1.0")));
        LocalModuleProxy proxy = LocalModuleProxy.start(out, 0);
        closing.add(proxy);
        return proxy;
    }

    @Test
    void theRealGoCommandBuildsAgainstPackedModulesServedLocally() throws Exception {
        Path out = temp.resolve("proxy");
        ModulePacker.Packed greeter = ModulePacker.pack(List.of(greeter()), out, Optional.empty()).get(0);
        ModulePacker.Packed shout = ModulePacker.pack(List.of(shout()), out, Optional.of("v1.1.0")).get(0);
        assertThat(greeter.version()).as("the newest semver tag").isEqualTo("v1.0.0");
        assertThat(greeter.omitted()).anySatisfy(o -> assertThat(o).startsWith(".git:"))
                .anySatisfy(o -> assertThat(o).startsWith("tools: directory is in another module"))
                .anySatisfy(o -> assertThat(o).startsWith("vendor/example.org/dep: file is in vendor"))
                .anySatisfy(o -> assertThat(o).startsWith("link.go: file is not a regular file"));
        try (ZipFile zip = new ZipFile(greeter.zip().toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).containsExactly(
                    "example.com/greeter@v1.0.0/LICENSE", "example.com/greeter@v1.0.0/go.mod",
                    "example.com/greeter@v1.0.0/greeter.go", "example.com/greeter@v1.0.0/vendor/modules.txt");
        }
        assertThat(out.resolve("example.com/!shout/@v/v1.1.0.zip")).isRegularFile();
        assertThat(Files.readString(out.resolve("example.com/greeter/@v/list"))).isEqualTo("v1.0.0\n");
        assertThat(ModuleZip.hashZip(greeter.zip())).isEqualTo(greeter.hash());

        LocalModuleProxy proxy = LocalModuleProxy.start(out, 0);
        closing.add(proxy);
        HermeticGo go = go(proxy.uri().toString(), Map.of());
        Path consumer = consumer();
        ProcessResult build = go.runner().in(consumer).timeout(GO_TIMEOUT).go("build", "-o", "app", ".");
        assertThat(build.exitCode()).as(build.stderr()).isZero();
        ProcessResult run = ProcessRunner.run(List.of(consumer.resolve("app").toString()), consumer, Map.of(),
                Duration.ofSeconds(30), new CancellationToken());
        assertThat(run.stdout().strip()).isEqualTo("HELLO, PROXY!");
        assertThat(Files.readString(consumer.resolve("go.sum"))).contains(
                "example.com/greeter v1.0.0 " + greeter.hash() + "\n",
                "example.com/greeter v1.0.0/go.mod " + greeter.goModHash() + "\n",
                "example.com/Shout v1.1.0 " + shout.hash() + "\n");

        ProcessResult download = go.runner().timeout(GO_TIMEOUT).go("mod", "download", "-json", "example.com/greeter@v1.0.0");
        assertThat(download.exitCode()).as(download.stdout() + download.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(download.stdout());
        assertThat(json.path("Sum").asText()).isEqualTo(greeter.hash());
        assertThat(json.path("GoModSum").asText()).isEqualTo(greeter.goModHash());
        assertThat(json.path("Zip").asText()).endsWith("cache/download/example.com/greeter/@v/v1.0.0.zip");
        ProcessResult verify = go.runner().in(consumer).timeout(GO_TIMEOUT).go("mod", "verify");
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(proxy.requestCount()).isPositive();

        // Packing the same version again changes nothing; other content under that version is refused.
        assertThat(ModulePacker.pack(List.of(temp.resolve("shout")), out, Optional.of("v1.1.0")).get(0).notes())
                .anySatisfy(n -> assertThat(n).contains("already packed with the same content"));
        Files.writeString(temp.resolve("shout/extra.go"), "package shout\n");
        assertThatThrownBy(() -> ModulePacker.pack(List.of(temp.resolve("shout")), out, Optional.of("v1.1.0")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("with other content");
    }

    @Test
    void refusesWhatTheGoCommandWouldRefuse() throws Exception {
        Path src = Files.createDirectories(temp.resolve("bad"));
        Files.writeString(src.resolve("go.mod"), "module example.com/bad\n");
        Files.writeString(src.resolve("a.go"), "package bad\n");
        Files.writeString(src.resolve("A.go"), "package bad\n");
        Files.writeString(src.resolve("what?.txt"), "?\n");
        assertThatThrownBy(() -> ModulePacker.pack(List.of(src), temp.resolve("out"), Optional.of("v1.0.0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("case-insensitive file name collision")
                .hasMessageContaining("what?.txt: malformed file path");
        assertThatThrownBy(() -> ModulePacker.pack(List.of(src), temp.resolve("out"), Optional.of("v2.0.0")))
                .hasMessageContaining("it should be v0 or 1");
        assertThatThrownBy(() -> ModulePacker.pack(List.of(temp), temp.resolve("out"), Optional.of("v1.0.0")))
                .hasMessageContaining("holds no go.mod");
    }

    @Test
    void servesTheProtocolAndNothingElse() throws Exception {
        LocalModuleProxy proxy = packAndServe();
        HttpClient http = HttpClient.newHttpClient();
        String base = proxy.uri().toString();
        java.util.function.Function<String, HttpResponse<String>> get = path -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(get.apply("/example.com/!shout/@v/list").body()).isEqualTo("v1.1.0\n");
        assertThat(get.apply("/example.com/!shout/@latest").body()).contains("\"Version\":\"v1.1.0\"");
        assertThat(get.apply("/example.com/greeter/@v/v1.0.0.info").headers().firstValue("Content-Type"))
                .contains("application/json");
        assertThat(get.apply("/example.com/greeter/@v/v1.0.0.mod").body()).startsWith("module example.com/greeter");
        assertThat(get.apply("/example.com/Shout/@v/list").statusCode()).as("not case-encoded").isEqualTo(404);
        assertThat(get.apply("/example.com/greeter/@v/v9.9.9.zip").statusCode()).isEqualTo(404);
        assertThat(get.apply("/example.com/greeter/@v/../../../../etc/passwd.info").statusCode()).isEqualTo(404);
        assertThat(get.apply("/%2e%2e/%2e%2e/@v/list").statusCode()).isEqualTo(404);
        assertThat(get.apply("/sumdb/sum.golang.org/supported").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/example.com/greeter/@v/list"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    /** A loopback server answering every request with one status, recording the paths. */
    private String fixedStatus(int status, List<String> paths) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getRawPath());
            byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        closing.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String greeterRequest(List<String> paths) {
        return paths.stream().filter(p -> p.startsWith("/example.com/greeter/")).findFirst().orElse("none");
    }

    @Test
    void fallThroughAndPrivateRoutingMatchTheModel() throws Exception {
        LocalModuleProxy proxy = packAndServe();
        String ours = proxy.uri().toString();
        List<String> notFoundPaths = new CopyOnWriteArrayList<>();
        List<String> failingPaths = new CopyOnWriteArrayList<>();
        String notFound = fixedStatus(404, notFoundPaths);
        String failing = fixedStatus(500, failingPaths);
        String module = "example.com/greeter@v1.0.0";

        // "," falls through on 404.
        String list = notFound + "," + ours;
        assertThat(ModuleSettings.of(Map.of("GOPROXY", list)).route("example.com/greeter").sources())
                .extracting(GoProxyList.Entry::url).containsExactly(notFound, ours);
        ProcessResult r = go(list, Map.of()).runner().timeout(GO_TIMEOUT).go("mod", "download", "-json", module);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(greeterRequest(notFoundPaths)).isNotEqualTo("none");

        // "," does not fall through on 500.
        long before = proxy.requestCount();
        r = go(failing + "," + ours, Map.of()).runner().timeout(GO_TIMEOUT).go("mod", "download", "-json", module);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("500");
        assertThat(proxy.requestCount()).as("never asked").isEqualTo(before);
        assertThat(ModuleSettings.of(Map.of("GOPROXY", failing + "," + ours)).route("example.com/greeter")
                .sources().get(0).fallBackOnError()).isFalse();

        // "|" falls through on any error.
        r = go(failing + "|" + ours, Map.of()).runner().timeout(GO_TIMEOUT).go("mod", "download", "-json", module);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();

        // GOPRIVATE sends the module direct even with GOPROXY=off: the go command asks its origin
        // (through HTTPS_PROXY, a loopback recorder here) and never the proxies.
        List<String> connects = new CopyOnWriteArrayList<>();
        String recorder = connectRecorder(connects);
        Map<String, String> privateEnv = new LinkedHashMap<>(Map.of("GOPRIVATE", "example.com", "HTTPS_PROXY", recorder,
                "NO_PROXY", "", "GONOSUMDB", ""));
        ModuleRoute route = ModuleSettings.of(Map.of("GOPROXY", "off", "GOPRIVATE", "example.com"))
                .route("example.com/greeter");
        assertThat(route.direct()).isTrue();
        assertThat(route.checksumDatabase()).isFalse();
        before = proxy.requestCount();
        r = go("off", privateEnv).runner().timeout(GO_TIMEOUT).go("mod", "download", "-json", module);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).doesNotContain("disabled by GOPROXY=off");
        assertThat(connects).anySatisfy(line -> assertThat(line).startsWith("CONNECT example.com:443"));
        assertThat(proxy.requestCount()).isEqualTo(before);
        // ... and without GOPRIVATE, GOPROXY=off stops it before any network use.
        r = go("off", Map.of()).runner().timeout(GO_TIMEOUT).go("mod", "download", "-json", module);
        assertThat(r.stdout() + r.stderr()).contains("disabled by GOPROXY=off");
        assertThat(ModuleSettings.of(Map.of("GOPROXY", "off")).route("example.com/greeter").disabled()).isTrue();
    }

    /** A loopback "HTTPS proxy" that records each request line and refuses it; a bounded accept loop. */
    private String connectRecorder(List<String> lines) throws IOException {
        ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        closing.add(socket);
        Thread t = new Thread(() -> {
            for (int i = 0; i < 20 && !socket.isClosed(); i++) {
                try (Socket s = socket.accept()) {
                    s.setSoTimeout(5_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    lines.add(String.valueOf(in.readLine()));
                    OutputStream o = s.getOutputStream();
                    o.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    o.flush();
                } catch (IOException e) {
                    return;
                }
            }
        }, "connect-recorder");
        t.setDaemon(true);
        t.start();
        return "http://127.0.0.1:" + socket.getLocalPort();
    }
}
