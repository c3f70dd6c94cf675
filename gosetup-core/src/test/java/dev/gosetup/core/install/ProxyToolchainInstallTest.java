package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VerificationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.proxy.GoProxyList;
import dev.gosetup.core.proxy.ModuleSettings;
import dev.gosetup.core.proxy.SumDb;
import dev.gosetup.core.sumdb.ChecksumDatabase;
import dev.gosetup.testkit.HostPlatform;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.ModuleProxyDirectory;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.TestChecksumDatabase;
import dev.gosetup.testkit.ToolchainModules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs through a loopback GOPROXY and checksum database built by the testkit: the real go1.22 toolchain as a
 * {@code golang.org/toolchain} module for the end-to-end case, small hand-made modules (a shell script as bin/go)
 * for the pipeline's other paths, and each way the trust chain can be broken.
 */
class ProxyToolchainInstallTest {
    private static final String MODULE = ToolchainModules.MODULE;

    @TempDir
    Path temp;

    private TestChecksumDatabase db;
    private ModuleProxyDirectory proxy;

    @BeforeEach
    void database() {
        db = TestChecksumDatabase.create("sum.gosetup.test").addFiller(300, "a");
        proxy = ModuleProxyDirectory.create(temp.resolve("proxy"), db);
    }

    private GoInstaller installer(String goproxy, String gosumdb, boolean insecure) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GOPROXY", goproxy);
        vars.put("GOSUMDB", gosumdb);
        return GoInstaller.builder(Map.of()).home(temp.resolve("home")).source(ToolchainSource.PROXY)
                .moduleSettings(ModuleSettings.of(vars)).insecureNoSumDb(insecure)
                .http(HttpDownloader.builder().maxAttempts(1).build()).build();
    }

    private static String url(MirrorServer server) {
        return server.baseUri().toString().replaceAll("/$", "");
    }

    private Path fakeToolchain(String goVersion, Map<String, byte[]> extra) {
        return proxy.addScriptToolchain(goVersion, extra);
    }

    private void assertNothingInstalled(GoInstaller installer) throws Exception {
        assertThat(installer.installed()).isEmpty();
        Path staging = temp.resolve("home").resolve("staging");
        if (Files.isDirectory(staging)) {
            try (Stream<Path> s = Files.list(staging)) {
                assertThat(s).isEmpty();
            }
        }
    }

    @Test
    void installsTheRealToolchainThroughTheProxyAndChecksumDatabaseThenBuilds() throws Exception {
        LocalGoroot go122 = RealToolchains.require(1).stream().filter(g -> g.version().startsWith("go1.22."))
                .findFirst().orElseGet(() -> RealToolchains.require(1).get(0));
        ToolchainModules.Module module = ToolchainModules.of(List.of(go122)).get(0);
        proxy.add(module);
        db.addFiller(200, "b");
        proxy.publish();
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            GoInstaller installer = installer(url(server), db.verifierKey(), false);
            Toolchain go = installer.ensure(VersionSpec.parse(go122.version()), InstallListener.NOOP, new CancellationToken());
            assertThat(go.version()).isEqualTo(GoVersion.parse(go122.version()));
            assertThat(Files.isExecutable(go.goBinary())).isTrue();
            assertThat(go.goroot().resolve("src/go.mod")).isRegularFile();
            assertThat(go.goroot().resolve("src/_go.mod")).doesNotExist();
            try (Stream<Path> all = Files.walk(go.goroot())) {
                assertThat(all.filter(p -> p.getFileName().toString().equals("_go.mod"))).isEmpty();
            }
            InstalledToolchain receipt = installer.installed().get(0);
            assertThat(receipt.source().toString()).isEqualTo(url(server) + "/" + MODULE + "/@v/" + module.version() + ".zip");
            assertThat(server.requestCount("/sumdb/" + db.name() + "/lookup/" + MODULE + "@" + module.version())).isEqualTo(1);

            // A line spec is resolved through the proxy's list, and finds it installed.
            server.resetCounts();
            assertThat(installer.ensure(VersionSpec.parse(go122.version().replaceAll("\\.\\d+$", "")), InstallListener.NOOP,
                    new CancellationToken()).goroot()).isEqualTo(go.goroot());
            assertThat(server.requestCount("/" + MODULE + "/@v/list")).isEqualTo(1);
            assertThat(server.requestCount(ModuleProxyDirectory.zipPath(MODULE, module.version()))).isZero();

            // The installed toolchain builds and runs a program (pkg/tool lost its exec bits in the zip).
            Path src = Files.createDirectories(temp.resolve("hello"));
            Files.writeString(src.resolve("go.mod"), "module hello\n\ngo 1.21\n");
            Files.writeString(src.resolve("main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello from the proxy\") }\n");
            String out = run(src, go.goBinary().toString(), "run", ".");
            assertThat(out).contains("hello from the proxy");
        }
    }

    private String run(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", temp.resolve("user").toString());
        // This user ran `go telemetry off`: no Go 1.23+ telemetry child writes under temp after go ends.
        GoUserDirectories.turnTelemetryOff(temp.resolve("user/.config"));
        env.put("GOPATH", temp.resolve("gopath").toString());
        env.put("GOCACHE", temp.resolve("gocache").toString());
        env.put("GOTOOLCHAIN", "local");
        env.put("GOENV", "off");
        env.put("GOFLAGS", "");
        env.put("GOPROXY", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void restoresExecBitsAndGoModAndFallsThroughAsGoproxySays() throws Exception {
        fakeToolchain("go1.99.1", Map.of());
        proxy.publish();
        Files.createDirectories(temp.resolve("empty"));
        try (MirrorServer empty = MirrorServer.start(temp.resolve("empty"));
                MirrorServer server = MirrorServer.start(proxy.directory())) {
            // ",": a 404 moves on; the second proxy also serves the checksum database.
            GoInstaller installer = installer(url(empty) + "," + url(server), db.verifierKey(), false);
            Toolchain go = installer.ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken());
            assertThat(Files.isExecutable(go.goBinary())).isTrue();
            assertThat(Files.isExecutable(go.goroot().resolve("pkg/tool/" + HostPlatform.goos() + "_"
                    + HostPlatform.goarch() + "/compile"))).isTrue();
            assertThat(Files.isExecutable(go.goroot().resolve("VERSION"))).isFalse();
            assertThat(go.goroot().resolve("src/go.mod")).hasContent("module std");
            assertThat(go.goroot().resolve("src/cmd/go.mod")).hasContent("module cmd");
            assertThat(empty.requestCount(ModuleProxyDirectory.zipPath(MODULE, ToolchainModules.moduleVersion("go1.99.1"))))
                    .isEqualTo(1);
            installer.uninstall(GoVersion.parse("1.99.1"));

            // ",": a 500 ends the list; "|": any error moves on.
            empty.failNext(100, 500);
            assertThatThrownBy(() -> installer(url(empty) + "," + url(server), db.verifierKey(), false)
                    .ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(NetworkException.class).hasMessageContaining("GOPROXY=");
            assertThat(installer(url(empty) + "|" + url(server), db.verifierKey(), false)
                    .ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken()).version())
                    .isEqualTo(GoVersion.parse("1.99.1"));
        }
    }

    @Test
    void autoFallsBackToTheProxyWhenTheIndexFails() throws Exception {
        fakeToolchain("go1.99.1", Map.of());
        proxy.publish();
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            GoInstaller installer = GoInstaller.builder(Map.of()).home(temp.resolve("home")).source(ToolchainSource.AUTO)
                    .index(java.net.URI.create(url(server) + "/no-such-index.json"))
                    .mirrors(List.of(java.net.URI.create(url(server) + "/")))
                    .moduleSettings(ModuleSettings.of(Map.of("GOPROXY", url(server), "GOSUMDB", db.verifierKey())))
                    .http(HttpDownloader.builder().maxAttempts(1).build()).build();
            assertThat(installer.source()).isEqualTo(ToolchainSource.AUTO);
            Toolchain go = installer.ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken());
            assertThat(go.version()).isEqualTo(GoVersion.parse("1.99.1"));
            assertThat(server.requestCount("/no-such-index.json")).isEqualTo(1);
            assertThat(installer.installed().get(0).source().toString()).contains("/golang.org/toolchain/@v/");
        }
    }

    @Test
    void aTamperedZipIsRefused() throws Exception {
        fakeToolchain("go1.99.1", Map.of());
        proxy.publish();
        Path other = temp.resolve("other.zip");
        String prefix = MODULE + "@" + ToolchainModules.moduleVersion("go1.99.1") + "/";
        ToolchainModules.writeZip(Map.of(prefix + "bin/go", "#!/bin/sh\necho pwned\n".getBytes(StandardCharsets.UTF_8)), other);
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            server.serveInstead(ModuleProxyDirectory.zipPath(MODULE, ToolchainModules.moduleVersion("go1.99.1")), 200,
                    "application/zip", Files.readAllBytes(other));
            GoInstaller installer = installer(url(server), db.verifierKey(), false);
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("SECURITY ERROR")
                    .hasMessageContaining("vouches for");
            assertNothingInstalled(installer);
        }
    }

    @Test
    void aRecordSignedByAnotherKeyIsRefused() throws Exception {
        fakeToolchain("go1.99.1", Map.of());
        proxy.publish();
        String trusted = db.verifierKey();
        // The impostor holds the same records under the same name, signed with its own key.
        TestChecksumDatabase impostor = db.impostor();
        ModuleProxyDirectory.create(temp.resolve("proxy"), impostor);
        impostor.addFiller(300, "a");
        impostor.add(MODULE, ToolchainModules.moduleVersion("go1.99.1"), "h1:x", "h1:y");
        impostor.writeTo(proxy.sumdbDirectory());
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            GoInstaller installer = installer(url(server), trusted, false);
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("not signed by the trusted key");
            assertNothingInstalled(installer);
        }
    }

    @Test
    void aTreeHeadInconsistentWithTheRememberedOneIsRefused() throws Exception {
        fakeToolchain("go1.99.1", Map.of());
        db.addFiller(50, "b");
        proxy.publish();
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            // gosetup saw this log before (its tree head is remembered under the store)...
            ChecksumDatabase.open(SumDb.parse(db.verifierKey()), GoProxyList.parse(url(server)),
                    temp.resolve("home").resolve("sumdb"), HttpDownloader.builder().build()::fetch)
                    .lookup("example.com/fillera/m5", "v1.0.0");
            // ...and now the database shows a log that rewrote history after record 300.
            TestChecksumDatabase fork = db.forkAt(300);
            fork.add(MODULE, ToolchainModules.moduleVersion("go1.99.1"),
                    db.lookupHash(MODULE, ToolchainModules.moduleVersion("go1.99.1")), "h1:y").addFiller(80, "forked");
            fork.writeTo(proxy.sumdbDirectory());
            GoInstaller installer = installer(url(server), db.verifierKey(), false);
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("forked");
            assertNothingInstalled(installer);
        }
    }

    @Test
    void anInclusionProofThatFailsIsRefused() throws Exception {
        fakeToolchain("go1.99.1", Map.of());
        db.addFiller(50, "b");
        proxy.publish();
        Path tile = proxy.sumdbDirectory().resolve("tile/8/0/001.p/95");
        byte[] data = Files.readAllBytes(tile);
        data[(301 - 256) * 32 + 7] ^= 0x40; // the record (300) has its neighbour's hash as first proof step
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            server.serveInstead("/sumdb/" + db.name() + "/tile/8/0/001.p/95", 200, "application/octet-stream", data);
            GoInstaller installer = installer(url(server), db.verifierKey(), false);
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("inclusion proof");
            assertNothingInstalled(installer);
        }
    }

    @Test
    void aZipWithPathsOutsideItsPrefixIsRefusedEvenWhenTheDatabaseVouchesForIt() throws Exception {
        String version = ToolchainModules.moduleVersion("go1.99.2");
        Map<String, byte[]> extra = new LinkedHashMap<>();
        extra.put(MODULE + "@" + version + "-evil/bin/go", new byte[] {1});
        extra.put("evil.sh", new byte[] {2});
        fakeToolchain("go1.99.2", extra);
        proxy.publish();
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            GoInstaller installer = installer(url(server), db.verifierKey(), false);
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.99.2"), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("outside its prefix")
                    .hasMessageContaining("evil.sh");
            assertNothingInstalled(installer);
            try (Stream<Path> all = Files.walk(temp)) {
                assertThat(all.filter(p -> p.getFileName().toString().equals("evil.sh"))).isEmpty();
            }
        }
    }

    @Test
    void gosumdbOffIsRefusedBeforeAnyRequestUnlessInsecure() throws Exception {
        fakeToolchain("go1.99.1", Map.of());
        proxy.publish();
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            assertThatThrownBy(() -> installer(url(server), "off", false)
                    .ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("GOSUMDB=off")
                    .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions())
                            .anyMatch(r -> r.contains("--insecure-no-sumdb")));
            assertThat(server.requests()).isEmpty();
            // GONOSUMDB does not exempt golang.org/toolchain (Go's rule): the database is still asked.
            Map<String, String> vars = Map.of("GOPROXY", url(server), "GOSUMDB", db.verifierKey(),
                    "GONOSUMDB", "golang.org");
            GoInstaller withNoSum = GoInstaller.builder(Map.of()).home(temp.resolve("home")).source(ToolchainSource.PROXY)
                    .moduleSettings(ModuleSettings.of(vars)).build();
            withNoSum.ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP, new CancellationToken());
            assertThat(server.requests().keySet()).anyMatch(p -> p.contains("/lookup/"));
            withNoSum.uninstall(GoVersion.parse("1.99.1"));
            server.resetCounts();
            assertThat(installer(url(server), "off", true).ensure(VersionSpec.parse("1.99.1"), InstallListener.NOOP,
                    new CancellationToken()).version()).isEqualTo(GoVersion.parse("1.99.1"));
            assertThat(server.requests().keySet()).noneMatch(p -> p.contains("/sumdb/"));
        }
    }
}
