package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.ModuleProxyDirectory;
import dev.gosetup.testkit.TestChecksumDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gosetup install --source proxy}: settings read as go reads them, refusals before any request. */
class ProxySourceCommandTest extends CliTest {
    private int gosetup(Map<String, String> env, String... args) {
        userEnv.clear();
        userEnv.putAll(env);
        return gosetup(withOptions(List.of(args), storeOption()));
    }

    private Map<String, String> userEnvironment() {
        return new HashMap<>(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"));
    }

    @Test
    void helpNamesTheSourcesAndTheInsecureOption() {
        assertThat(gosetup(Map.of(), "install", "--help")).isZero();
        assertThat(out.toString()).contains("--source", "proxy", "auto", "--insecure-no-sumdb");
    }

    @Test
    void installsFromTheProxyNamedInGosEnvFileAndTheEnvironmentWins() throws Exception {
        TestChecksumDatabase db = TestChecksumDatabase.create("sum.gosetup.test").addFiller(10, "a");
        ModuleProxyDirectory proxy = ModuleProxyDirectory.create(tmp.resolve("proxy"), db);
        proxy.addScriptToolchain("go1.99.1", Map.of());
        proxy.publish();
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            String url = server.baseUri().toString().replaceAll("/$", "");
            Path envFile = home.resolve(".config/go/env");
            Files.createDirectories(envFile.getParent());
            Files.writeString(envFile, "GOPROXY=" + url + "\nGOSUMDB=" + db.verifierKey() + "\n");
            Map<String, String> env = userEnvironment();

            // The environment's GOSUMDB=off wins over the file's database: refused, nothing fetched.
            env.put("GOSUMDB", "off");
            assertThat(gosetup(env, "install", "--source", "proxy", "1.99.1")).isEqualTo(2);
            assertThat(err.toString()).contains("GOSUMDB=off", "fix:", "--insecure-no-sumdb");
            assertThat(server.requests()).isEmpty();
            assertThat(store.resolve("toolchains")).satisfiesAnyOf(
                    p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());

            env.remove("GOSUMDB");
            assertThat(gosetup(env, "install", "--source", "proxy", "1.99.1")).as(err.toString()).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(Path.of(lines.get(lines.size() - 1)).resolve("bin/go")).isExecutable();
            assertThat(server.requests().keySet()).anyMatch(p -> p.startsWith("/sumdb/sum.gosetup.test/lookup/"));
        }
    }

    @Test
    void proxyServeForwardsTheChecksumDatabaseOfGosumdb() throws Exception {
        TestChecksumDatabase db = TestChecksumDatabase.create("sum.gosetup.test").addFiller(10, "a");
        Path upstreamDir = tmp.resolve("upstream");
        db.writeTo(upstreamDir);
        Path dir = Files.createDirectories(tmp.resolve("proxy"));
        try (MirrorServer upstream = MirrorServer.start(upstreamDir)) {
            Map<String, String> env = userEnvironment();
            env.put("GOSUMDB", db.verifierKey() + " " + upstream.baseUri());
            StringWriter serveOut = new StringWriter();
            StringWriter serveErr = new StringWriter();
            Thread serving = new Thread(() -> GoSetupCommand.run(new String[] {"proxy", "serve", dir.toString(),
                    "--forward-sumdb"}, new PrintWriter(serveOut, true), new PrintWriter(serveErr, true), env));
            serving.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!serveOut.toString().contains("\n") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String url = serveOut.toString().strip();
            try {
                java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpResponse<byte[]> supported = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url + "/sumdb/sum.gosetup.test/supported")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertThat(supported.statusCode()).isEqualTo(200);
                java.net.http.HttpResponse<byte[]> latest = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url + "/sumdb/sum.gosetup.test/latest")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertThat(latest.body()).isEqualTo(Files.readAllBytes(upstreamDir.resolve("latest")));
                assertThat(client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url
                        + "/sumdb/sum.other.test/supported")).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(404);
                assertThat(serveErr.toString()).contains("forwarding the checksum database sum.gosetup.test");
                assertThat(upstream.requestCount("/latest")).isEqualTo(1);
            } finally {
                serving.interrupt();
                serving.join(10_000);
            }
            assertThat(serving.isAlive()).isFalse();
        }
    }

    @Test
    void anUnknownSourceIsBadInput() {
        assertThat(gosetup(userEnvironment(), "install", "--source", "carrier-pigeon", "1.22")).isEqualTo(2);
        assertThat(err.toString()).contains("carrier-pigeon", "fix:");
    }
}
