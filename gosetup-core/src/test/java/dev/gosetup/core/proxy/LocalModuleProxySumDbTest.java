package dev.gosetup.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.install.ToolchainSource;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.ModuleProxyDirectory;
import dev.gosetup.testkit.TestChecksumDatabase;
import dev.gosetup.core.proxy.SumDb;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local proxy answers /sumdb/<name>/supported and serves a database's files, or forwards them. */
class LocalModuleProxySumDbTest {
    @TempDir
    Path temp;

    private final HttpDownloader http = HttpDownloader.builder().maxAttempts(1).build();

    private GoInstaller installer(String goproxy, String gosumdb) {
        return GoInstaller.builder(Map.of()).home(temp.resolve("home")).source(ToolchainSource.PROXY)
                .moduleSettings(ModuleSettings.of(Map.of("GOPROXY", goproxy, "GOSUMDB", gosumdb))).http(http).build();
    }

    private static int status(URI uri) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void servesTheDatabaseFilesInItsDirectorySoAnInstallNeedsOnlyThisProxy() throws Exception {
        TestChecksumDatabase db = TestChecksumDatabase.create("sum.gosetup.test").addFiller(20, "a");
        ModuleProxyDirectory dir = ModuleProxyDirectory.create(temp.resolve("proxy"), db);
        dir.addScriptToolchain("go1.99.1", Map.of());
        dir.publish();
        try (LocalModuleProxy proxy = LocalModuleProxy.start(dir.directory(), 0)) {
            // No URL in GOSUMDB: the database is found through the proxy, or https://sum.gosetup.test (unreachable).
            assertThat(installer(proxy.uri().toString(), db.verifierKey()).ensure(VersionSpec.parse("1.99.1"),
                    InstallListener.NOOP, new CancellationToken()).version()).isEqualTo(GoVersion.parse("1.99.1"));
            assertThat(status(URI.create(proxy.uri() + "/sumdb/sum.gosetup.test/supported"))).isEqualTo(200);
            assertThat(status(URI.create(proxy.uri() + "/sumdb/sum.other.test/supported"))).isEqualTo(404);
            Files.writeString(temp.resolve("secret"), "x");
            for (String hostile : List.of("/sumdb/sum.gosetup.test/../../../secret", "/sumdb/sum.gosetup.test/lookup/../../../../secret",
                    "/sumdb/..%2f..%2fsecret/supported", "/sumdb/sum.gosetup.test/tile/8/0/../../../supported")) {
                assertThat(status(URI.create(proxy.uri() + hostile))).as(hostile).isEqualTo(404);
            }
        }
    }

    @Test
    void theRealGoCommandVerifiesModulesThroughIt() throws Exception {
        List<dev.gosetup.testkit.LocalGoroot> gos = dev.gosetup.testkit.RealToolchains.require(1);
        dev.gosetup.testkit.LocalGoroot go = gos.get(gos.size() - 1);
        Path src = Files.createDirectories(temp.resolve("greeter"));
        Files.writeString(src.resolve("go.mod"), "module example.com/greeter\n\ngo 1.19\n");
        Files.writeString(src.resolve("greeter.go"), "package greeter\n\nconst Hello = \"hello\"\n");
        Path dir = temp.resolve("proxy");
        ModulePacker.Packed packed = ModulePacker.pack(List.of(src), dir, java.util.Optional.of("v1.0.0")).get(0);
        ModulePacker.pack(List.of(src), dir, java.util.Optional.of("v1.0.1"));
        // The database vouches for v1.0.0's hash under v1.0.1: the zip served for v1.0.1 does not match it.
        TestChecksumDatabase db = TestChecksumDatabase.create("sum.gosetup.test").addFiller(40, "a")
                .add("example.com/greeter", "v1.0.0", packed.hash(), packed.goModHash())
                .add("example.com/greeter", "v1.0.1", packed.hash(), packed.goModHash()).addFiller(5, "b");
        db.writeTo(dir.resolve("sumdb").resolve(db.name()));
        // The user (HOME = temp) ran `go telemetry off`: the newest go starts no detached telemetry child that
        // writes temp/.config/go/telemetry while JUnit deletes temp.
        dev.gosetup.core.internal.GoUserDirectories.turnTelemetryOff(temp.resolve(".config"));
        try (LocalModuleProxy proxy = LocalModuleProxy.start(dir, 0)) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", temp.toString(),
                    "GOPATH", temp.resolve("gopath").toString(), "GOCACHE", temp.resolve("gocache").toString(),
                    "GOENV", "off", "GOTOOLCHAIN", "local", "GOFLAGS", "-mod=mod", "GOPROXY", proxy.uri().toString(),
                    "GOSUMDB", db.verifierKey()));
            env.put("GONOSUMDB", "");
            env.put("GOPRIVATE", "");
            String ok = goRun(go.goBinary(), env, "mod", "download", "-json", "example.com/greeter@v1.0.0");
            assertThat(ok).contains("\"Sum\": \"" + packed.hash() + "\"");
            // The database vouches for another hash for v1.0.1: go refuses what gosetup refuses.
            String refused = goRun(go.goBinary(), env, "mod", "download", "-json", "example.com/greeter@v1.0.1");
            assertThat(refused).contains("SECURITY ERROR");
            assertThat(proxy.requestCount()).isGreaterThan(3);
        }
    }

    private String goRun(Path go, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(go.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void forwardsAConfiguredDatabaseToItsUrl() throws Exception {
        TestChecksumDatabase db = TestChecksumDatabase.create("sum.gosetup.test").addFiller(20, "a");
        ModuleProxyDirectory dir = ModuleProxyDirectory.create(temp.resolve("proxy"), db);
        dir.addScriptToolchain("go1.99.1", Map.of());
        Path upstreamDir = temp.resolve("upstream");
        db.writeTo(upstreamDir); // the database lives elsewhere; the proxy directory has no sumdb/
        assertThat(dir.sumdbDirectory()).doesNotExist();
        try (MirrorServer upstream = MirrorServer.start(upstreamDir);
                LocalModuleProxy proxy = LocalModuleProxy.start(dir.directory(), 0,
                        List.of(SumDb.parse(db.verifierKey() + " " + upstream.baseUri())), http::fetch)) {
            assertThat(installer(proxy.uri().toString(), db.verifierKey()).ensure(VersionSpec.parse("1.99.1"),
                    InstallListener.NOOP, new CancellationToken()).version()).isEqualTo(GoVersion.parse("1.99.1"));
            assertThat(upstream.requests().keySet()).anyMatch(p -> p.startsWith("/lookup/golang.org/toolchain@"))
                    .anyMatch(p -> p.startsWith("/tile/8/0/"));
            assertThat(upstream.requestCount("/supported")).isZero();
            assertThat(status(URI.create(proxy.uri() + "/sumdb/sum.gosetup.test/lookup/example.com/none@v1.0.0")))
                    .isEqualTo(404);
        }
        assertThatThrownBy(() -> LocalModuleProxy.start(dir.directory(), 0, List.of(SumDb.parse("off")), http::fetch))
                .isInstanceOf(InvalidConfigurationException.class);
    }
}
