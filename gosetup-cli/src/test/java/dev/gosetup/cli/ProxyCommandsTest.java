package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.ToolchainMirror;

import com.sun.net.httpserver.HttpServer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gosetup proxy show, set, probe, serve and pack, with a fake home and the real go command. */
class ProxyCommandsTest extends CliTest {
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private int gosetup(String... args) {
        return gosetup(withOptions(List.of(args), List.of("serve", "pack").contains(args[1]) ? List.of() : storeOption()));
    }

    /** The real go env of the newest toolchain, for the fake home, with no Go variable from outside. */
    private List<String> goEnv(String... names) {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        List<String> cmd = new ArrayList<>(List.of(go.goroot().resolve("bin/go").toString(), "env"));
        cmd.addAll(List.of(names));
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("HOME", Optional.of(home.toString()));
        env.put("PATH", Optional.of("/usr/bin:/bin"));
        env.put("GOTOOLCHAIN", Optional.of("local"));
        env.put("GOROOT", Optional.of(go.goroot().toString()));
        for (String name : List.of("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOFLAGS", "GOENV",
                "XDG_CONFIG_HOME")) {
            env.put(name, Optional.empty());
        }
        ProcessResult r = ProcessRunner.run(cmd, tmp, env, Duration.ofSeconds(60), new CancellationToken());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().lines().toList();
    }

    @Test
    void setChinaReachesTheRealGoEnvAndEnvRollbackRestoresTheFile() throws Exception {
        Path envFile = home.resolve(".config/go/env");
        Files.createDirectories(envFile.getParent());
        byte[] original = "# my settings\nGOFLAGS=-mod=mod\n".getBytes(StandardCharsets.UTF_8);
        Files.write(envFile, original);

        assertThat(gosetup("proxy", "set", "china", "--dry-run")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("preset china").contains("go-env-file").contains("dry run");
        assertThat(Files.readAllBytes(envFile)).isEqualTo(original);

        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("undo with: gosetup rollback");
        assertThat(goEnv("GOPROXY", "GOSUMDB", "GOFLAGS")).containsExactly("https://goproxy.cn,direct",
                "sum.golang.google.cn", "-mod=mod");

        // A second set replaces the proxy settings gosetup wrote, and keeps the user's own lines.
        assertThat(gosetup("proxy", "set", "corporate", "--url", "https://goproxy.corp.example.com",
                "--private", "*.corp.example.com")).as(err.toString()).isZero();
        assertThat(goEnv("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB")).containsExactly(
                "https://goproxy.corp.example.com,direct", "sum.golang.org", "*.corp.example.com", "none",
                "*.corp.example.com");

        assertThat(gosetup("env", "rollback")).as(err.toString()).isZero();
        assertThat(gosetup("env", "rollback")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(envFile)).isEqualTo(original);
        assertThat(goEnv("GOPROXY", "GOSUMDB")).containsExactly("https://proxy.golang.org,direct", "sum.golang.org");
    }

    /**
     * gosetup env apply writes the PATH lines and GOPATH to ~/.profile; proxy set with the same store
     * adds GOPROXY and GOSUMDB to that block and keeps the rest; a real sh sourcing the profile finds the
     * toolchain and the new settings; two rollbacks give the profile back byte for byte.
     */
    @Test
    void setWithAShellStoreKeepsWhatEnvApplyWroteAndRollbackRestoresTheProfile() throws Exception {
        userEnv.put("SHELL", "/bin/sh");
        Path profile = home.resolve(".profile");
        byte[] original = "# my profile\nexport EDITOR=vi\n".getBytes(StandardCharsets.UTF_8);
        Files.write(profile, original);
        PackedToolchain newest;
        ToolchainMirror mirror = ToolchainMirror.of(RealToolchains.require(1));
        newest = mirror.newest();
        try (MirrorServer server = MirrorServer.start(mirror)) {
            String[] remote = {"--index", server.indexUri().toString(), "--mirror", server.baseUri().toString()};
            assertThat(gosetup(concat(new String[] {"install", newest.version(), "--quiet"}, remote)))
                    .as(err.toString()).isZero();
            assertThat(gosetup(concat(new String[] {"use", newest.version()}, remote))).as(err.toString()).isZero();
            assertThat(gosetup(concat(new String[] {"env", "apply", "--store", "posix-profile", "--quiet"}, remote)))
                    .as(err.toString()).isZero();
        }
        String applied = Files.readString(profile);
        List<String> block = applied.lines().dropWhile(l -> !l.equals("# >>> gosetup >>>"))
                .filter(l -> !l.startsWith("# gosetup-settings: ")).toList();
        assertThat(block).contains("export PATH").anySatisfy(l -> assertThat(l).startsWith("export GOPATH="))
                .noneSatisfy(l -> assertThat(l).contains("GOPROXY"));

        assertThat(gosetup("proxy", "set", "china", "--store", "posix-profile")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("preset china").contains(profile.toString());
        assertThat(err.toString()).doesNotContain("cannot tell");
        String set = Files.readString(profile);
        assertThat(set).startsWith("# my profile\nexport EDITOR=vi\n")
                .contains("export GOPROXY='https://goproxy.cn,direct'\n")
                .contains("export GOSUMDB='sum.golang.google.cn'\n");
        assertThat(set.lines().toList()).containsAll(block);
        assertThat(home.resolve(".config/go/env")).doesNotExist();

        // A second set replaces the proxy settings in the block and still keeps the rest.
        assertThat(gosetup("proxy", "set", "https://goproxy.io,direct", "--store", "posix-profile"))
                .as(err.toString()).isZero();
        String again = Files.readString(profile);
        assertThat(again).contains("export GOPROXY='https://goproxy.io,direct'\n").doesNotContain("GOSUMDB");
        assertThat(again.lines().toList()).containsAll(block);
        assertThat(gosetup("proxy", "set", "https://goproxy.io,direct", "--store", "posix-profile"))
                .as(err.toString()).isZero();
        assertThat(Files.readString(profile)).as("setting the same again changes nothing").isEqualTo(again);
        assertThat(gosetup("env", "rollback")).as(err.toString()).isZero();
        assertThat(Files.readString(profile)).isEqualTo(set);

        // The real sh reads the profile: the toolchain from the PATH lines, the proxy from the block.
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("HOME", Optional.of(home.toString()));
        env.put("PATH", Optional.of("/usr/bin:/bin"));
        for (String name : List.of("GOPROXY", "GOSUMDB", "GOPATH", "GOFLAGS", "GOROOT", "GOENV", "XDG_CONFIG_HOME",
                "GOTOOLCHAIN")) {
            env.put(name, Optional.empty());
        }
        ProcessResult sh = ProcessRunner.run(List.of("sh", "-c", ". \"$HOME/.profile\"; command -v go; "
                + "go env GOPROXY GOSUMDB GOPATH"), tmp, env, Duration.ofSeconds(60), new CancellationToken());
        assertThat(sh.exitCode()).as(sh.stderr()).isZero();
        String gopath = block.stream().filter(l -> l.startsWith("export GOPATH='")).findFirst().orElseThrow()
                .replaceAll("^export GOPATH='(.*)'$", "$1");
        assertThat(sh.stdout().lines().toList()).containsExactly(store.resolve("current/bin/go").toString(),
                "https://goproxy.cn,direct", "sum.golang.google.cn", gopath);

        assertThat(gosetup("env", "rollback")).as(err.toString()).isZero();
        assertThat(Files.readString(profile)).isEqualTo(applied);
        assertThat(gosetup("env", "rollback")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(profile)).isEqualTo(original);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void setRefusesMalformedInputNamingIt() {
        assertThat(gosetup("proxy", "set", "https://proxy.example.com;direct")).isEqualTo(2);
        assertThat(err.toString()).contains("has no host");
        assertThat(gosetup("proxy", "set", "chinaa")).isEqualTo(2);
        assertThat(err.toString()).contains("neither a preset nor a GOPROXY list").contains("china");
        assertThat(gosetup("proxy", "set", "corporate")).isEqualTo(2);
        assertThat(err.toString()).contains("needs the company's module proxy URL").contains("fix:");
        assertThat(gosetup("proxy", "set", "default", "--private", "github.com/acme/[x")).isEqualTo(2);
        assertThat(err.toString()).contains("GOPRIVATE pattern \"github.com/acme/[x\" is malformed");
        assertThat(gosetup("proxy", "set", "offline", "--store", "registry-of-mars")).isEqualTo(2);
        assertThat(err.toString()).contains("registry-of-mars").contains("posix-profile").contains("go-env-file");
        assertThat(Files.exists(home.resolve(".config/go/env"))).isFalse();
    }

    @Test
    void showExplainsTheSettingsAndARoute() {
        userEnv.put("GOPROXY", "https://goproxy.io|https://proxy.golang.org,direct");
        userEnv.put("GOPRIVATE", "*.corp.example.com");
        assertThat(gosetup("proxy", "show", "--module", "git.corp.example.com/team/lib")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("GOPROXY=https://goproxy.io|https://proxy.golang.org,direct\n")
                .contains("GONOPROXY=*.corp.example.com (Go's default)")
                .contains("GOSUMDB=sum.golang.org (Go's default)")
                .contains("  source direct\n").contains("checksum database: not consulted")
                .contains("GOPRIVATE pattern \"*.corp.example.com\" matches");
        assertThat(gosetup("proxy", "show", "--json", "--module", "git.corp.example.com/team/lib")).isZero();
        com.fasterxml.jackson.databind.JsonNode json = readJson(out.toString());
        assertThat(json.path("variables").path("GOPROXY").path("value").asText())
                .isEqualTo("https://goproxy.io|https://proxy.golang.org,direct");
        assertThat(json.path("variables").path("GONOPROXY").path("goDefault").asBoolean()).isTrue();
        assertThat(json.path("route").path("sources").get(0).path("kind").asText()).isEqualTo("direct");
        assertThat(json.path("route").path("checksumDatabase").asBoolean()).isFalse();
        assertThat(json.path("problems")).isEmpty();

        userEnv.put("GONOSUMDB", "a.example, b.example");
        assertThat(gosetup("proxy", "show")).isEqualTo(1);
        assertThat(err.toString()).contains("GONOSUMDB pattern \" b.example\" holds a space");
        assertThat(gosetup("proxy", "show", "--json")).isEqualTo(1);
        assertThat(readJson(out.toString()).path("problems").get(0).path("message").asText())
                .contains("\" b.example\" holds a space");
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private String server(int status, long delayMillis) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "v0.14.0\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void probeNamesTheFastestHealthyProxy() throws Exception {
        String slow = server(200, 3_000);
        String failing = server(503, 0);
        String healthy = server(200, 0);
        assertThat(gosetup("proxy", "probe", slow, failing, healthy, "--timeout", "1")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("1. ok     " + healthy + ": HTTP 200 in ")
                .contains("2. FAILED " + failing + ": HTTP 503").contains("fastest: " + healthy);
        assertThat(gosetup("proxy", "probe", failing, "--timeout", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("none of the 1 proxies answered");
        assertThat(gosetup("proxy", "probe", "--offline")).isEqualTo(2);
        assertThat(err.toString()).contains("--offline forbids network use");
    }

    @Test
    void packThenServeUntilInterrupted() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("greeter"));
        Files.writeString(src.resolve("go.mod"), "module example.com/greeter\n\ngo 1.19\n");
        Files.writeString(src.resolve("greeter.go"), "package greeter\n");
        Path dir = tmp.resolve("proxy");
        assertThat(gosetup("proxy", "pack", src.toString(), "--out", dir.toString(), "--version", "v1.0.0"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).matches("(?s)example.com/greeter v1.0.0 h1:\\S+=\nexample.com/greeter v1.0.0/go.mod h1:\\S+=\n");
        assertThat(gosetup("proxy", "pack", src.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--version v1.0.0");

        StringWriter serveOut = new StringWriter();
        StringWriter serveErr = new StringWriter();
        int[] status = {-1};
        Thread serving = new Thread(() -> status[0] = GoSetupCommand.run(new String[] {"proxy", "serve", dir.toString()},
                new PrintWriter(serveOut, true), new PrintWriter(serveErr, true), userEnv));
        serving.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!serveOut.toString().contains("\n") && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        String url = serveOut.toString().strip();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/example.com/greeter/@v/list")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).isEqualTo("v1.0.0\n");
        serving.interrupt();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(status[0]).isZero();
    }
}
