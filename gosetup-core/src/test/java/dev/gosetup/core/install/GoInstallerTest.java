package dev.gosetup.core.install;

import static dev.gosetup.core.install.Fixtures.goVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VerificationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.testkit.GoDevIndex;
import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end installs of real Go toolchains from a loopback mirror. */
class GoInstallerTest {
    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(2);
    private static MirrorServer server;
    private static PackedToolchain older;
    private static PackedToolchain newer;

    @TempDir
    Path home;

    @BeforeAll
    static void pickToolchains() {
        List<PackedToolchain> all = MIRROR.toolchains();
        // The two smallest recent ones keep the suite quick; go1.19's archive is twice their size.
        older = all.get(all.size() - 2);
        newer = all.get(all.size() - 1);
        server = MIRROR.server();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
        server.resetCounts();
    }

    private GoInstaller.Builder installerBuilder() {
        return GoInstaller.builder(Map.of()).home(home).index(server.indexUri()).mirrors(List.of(server.baseUri()));
    }

    private GoInstaller installer() {
        return installerBuilder().build();
    }

    /**
     * The staged {@code go version} of Go 1.23+ would write telemetry counters into the user's
     * config directory; the installer moves Go's per-user directories into the staging directory.
     * Nothing else in this JVM runs go while it installs, so the user's Go config tree must be
     * exactly as it was: the same files, sizes and times.
     */
    @Test
    void anInstallLeavesTheUsersGoConfigDirectoryAlone() throws Exception {
        Path userGoConfig = Path.of(System.getProperty("user.home"), ".config", "go");
        Map<Path, String> before = snapshot(userGoConfig);
        installer().ensure(exact(newer), InstallListener.NOOP, new CancellationToken());
        assertThat(snapshot(userGoConfig)).isEqualTo(before);
    }

    private static Map<Path, String> snapshot(Path dir) throws java.io.IOException {
        Map<Path, String> files = new java.util.TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(p,
                        java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                files.put(p, a.size() + "@" + a.lastModifiedTime());
            }
        }
        return files;
    }

    private static VersionSpec exact(PackedToolchain t) {
        return VersionSpec.parse(t.version());
    }

    /** Records the phases an install went through. */
    static final class Recorder implements InstallListener {
        final List<String> phases = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong downloaded = new AtomicLong();
        final AtomicLong extractedEntries = new AtomicLong();

        @Override
        public void resolving(VersionSpec spec) {
            phases.add("resolving");
        }

        @Override
        public void resolved(dev.gosetup.api.Release release, dev.gosetup.api.ReleaseFile archive) {
            phases.add("resolved");
        }

        @Override
        public void downloadStarted(URI uri, long offset, long total) {
            phases.add("download");
        }

        @Override
        public void downloadProgress(long bytes, long total) {
            downloaded.set(bytes);
        }

        @Override
        public void retrying(URI uri, int attempt, java.time.Duration delay, String reason) {
            phases.add("retry");
        }

        @Override
        public void verifying(dev.gosetup.api.ReleaseFile archive) {
            phases.add("verifying");
        }

        @Override
        public void extracting(long entries, long bytes) {
            extractedEntries.set(entries);
        }

        @Override
        public void committing(Path goroot) {
            phases.add("committing");
        }

        @Override
        public void done(Toolchain toolchain, boolean alreadyInstalled) {
            phases.add(alreadyInstalled ? "already" : "done");
        }
    }

    @Test
    void installsTwoRealVersionsSideBySideAndEachRuns() throws Exception {
        GoInstaller installer = installer();
        Recorder events = new Recorder();
        Toolchain a = installer.ensure(exact(older), events, new CancellationToken());
        Toolchain b = installer.ensure(exact(newer), new Recorder(), new CancellationToken());

        assertThat(events.phases).containsExactly("resolving", "resolved", "download", "verifying", "committing", "done");
        assertThat(events.downloaded.get()).isEqualTo(older.size());
        assertThat(events.extractedEntries.get()).isGreaterThan(1000);
        assertThat(goVersion(a)).startsWith("go version " + older.version() + " ");
        assertThat(goVersion(b)).startsWith("go version " + newer.version() + " ");
        assertThat(a.goroot()).isEqualTo(home.resolve("toolchains").resolve(older.version() + "." + Platform.current().os()
                + "-" + Platform.current().archiveArch()));
        assertThat(a.goroot().getParent()).isEqualTo(b.goroot().getParent());

        List<InstalledToolchain> installed = installer.installed();
        assertThat(installed).extracting(t -> t.toolchain().version().toString())
                .containsExactly(newer.version(), older.version());
        assertThat(installed.get(1).sha256()).isEqualTo(older.sha256());
        assertThat(installed.get(1).source()).isEqualTo(server.uri(older.filename()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(Fixtures.tree(home.resolve("staging"))).isEmpty();
    }

    @Test
    void ensureOfAnInstalledExactVersionTouchesNoNetwork() {
        GoInstaller installer = installer();
        Toolchain first = installer.ensure(exact(newer), InstallListener.NOOP, new CancellationToken());
        server.resetCounts();
        server.failNext(100, 500); // any request now would fail

        Recorder events = new Recorder();
        Toolchain again = installerBuilder().build().ensure(exact(newer), events, new CancellationToken());

        assertThat(again).isEqualTo(first);
        assertThat(events.phases).containsExactly("resolving", "already");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void lineSpecResolvesThroughTheIndexAndUsesTheInstalledRelease() {
        GoInstaller installer = installer();
        String line = newer.version().replaceFirst("^go(\\d+\\.\\d+).*", "$1");
        Toolchain t = installer.ensure(VersionSpec.parse(line), InstallListener.NOOP, new CancellationToken());
        assertThat(t.version()).hasToString(newer.version());
        assertThat(server.requestCount(newer.filename())).isEqualTo(1);
        assertThat(installer.find(VersionSpec.parse(line))).contains(t);
        assertThat(installer.find(VersionSpec.parse("1.4"))).isEmpty();
    }

    @Test
    void useSwitchesTheCurrentToolchainAndUninstallAndPruneRemove() throws Exception {
        GoInstaller installer = installer();
        Toolchain a = installer.ensure(exact(older), InstallListener.NOOP, new CancellationToken());
        Toolchain b = installer.ensure(exact(newer), InstallListener.NOOP, new CancellationToken());

        assertThat(installer.current()).isEmpty();
        installer.use(exact(older));
        assertThat(installer.current()).contains(a);
        assertThat(Files.isSymbolicLink(home.resolve("current"))).isTrue();
        installer.use(VersionSpec.parse("latest"));
        assertThat(installer.current()).contains(b);
        assertThatThrownBy(() -> installer.use(VersionSpec.parse("1.4.3")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("installed: " + newer.version());

        // prune keeps the newest release of each minor line: both stay, they are different lines.
        assertThat(installer.prune(0)).isEmpty();
        // keeping one removes the older; the current (newer) is kept.
        assertThat(installer.prune(1)).containsExactly(a);
        assertThat(a.goroot()).doesNotExist();
        assertThat(installer.uninstall(b.version())).isTrue();
        assertThat(installer.current()).isEmpty();
        assertThat(installer.uninstall(b.version())).isFalse();
        assertThat(installer.installed()).isEmpty();
        assertThat(Fixtures.tree(home.resolve("trash"))).isEmpty();
    }

    @Test
    void aToolchainDirectoryWithoutReceiptIsNotInstalledAndIsReplaced() throws Exception {
        GoInstaller installer = installer();
        Path debris = installer.store().gorootOf(Toolchain.idOf(GoVersion.parse(newer.version()), Platform.current()));
        Files.createDirectories(debris.resolve("bin"));
        Files.writeString(debris.resolve("bin/go"), "not a go binary");
        assertThat(installer.find(exact(newer))).isEmpty();
        assertThat(installer.installed()).isEmpty();

        Toolchain t = installer.ensure(exact(newer), InstallListener.NOOP, new CancellationToken());

        assertThat(t.goroot()).isEqualTo(debris);
        assertThat(goVersion(t)).contains(newer.version());
    }

    @Test
    void reinstallsOfflineFromTheDownloadCache() {
        GoInstaller online = installer();
        Toolchain t = online.ensure(exact(newer), InstallListener.NOOP, new CancellationToken());
        online.uninstall(t.version());
        server.resetCounts();

        GoInstaller offline = installerBuilder().offline(true).build();
        Toolchain again = offline.ensure(VersionSpec.parse("latest"), InstallListener.NOOP, new CancellationToken());

        assertThat(again).isEqualTo(t);
        assertThat(goVersion(again)).contains(newer.version());
        assertThat(server.requests()).isEmpty();
        assertThatThrownBy(() -> offline.ensure(exact(older), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("offline")
                .hasMessageContaining(older.filename());
    }

    @Test
    void resumesAfterTheConnectionDropsAndRetriesServerErrors() {
        server.failNext(newer.filename(), 2, 500);
        server.dropAfter(newer.filename(), 5_000_000, 1);
        Recorder events = new Recorder();
        Toolchain t = installer().ensure(exact(newer), events, new CancellationToken());

        assertThat(goVersion(t)).contains(newer.version());
        assertThat(events.phases).contains("retry");
        assertThat(server.requestLog()).filteredOn(r -> r.path().endsWith(newer.filename()))
                .anySatisfy(r -> assertThat(r.header("Range")).hasValueSatisfying(v -> assertThat(v).startsWith("bytes=")));
    }

    @Test
    void tamperedArchiveIsRefusedAndDeleted(@TempDir Path site) throws Exception {
        // The mirror serves the real archive, but the index vouches for other bytes.
        Files.copy(newer.archive(), site.resolve(newer.filename()));
        String bogus = "0".repeat(64);
        GoDevIndex.write(site.resolve("index.json"), List.of(newer.indexEntry().withSha256(bogus)));
        try (MirrorServer tampered = MirrorServer.start(site)) {
            GoInstaller installer = GoInstaller.builder(Map.of()).home(home).index(tampered.indexUri())
                    .mirrors(List.of(tampered.baseUri())).build();
            assertThatThrownBy(() -> installer.ensure(exact(newer), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class)
                    .hasMessageContaining(tampered.uri(newer.filename()).toString())
                    .hasMessageContaining("expected sha256 " + bogus)
                    .hasMessageContaining("got sha256 " + newer.sha256());
            assertThat(installer.installed()).isEmpty();
            assertThat(Fixtures.tree(home.resolve("downloads"))).isEmpty();
            assertThat(Fixtures.tree(home.resolve("toolchains"))).isEmpty();
        }
    }

    @Test
    void truncatedArchiveIsRefused(@TempDir Path site) throws Exception {
        // A mirror whose file is cut short: the size and hash cannot match what the index says.
        byte[] whole = Files.readAllBytes(newer.archive());
        Files.write(site.resolve(newer.filename()), java.util.Arrays.copyOf(whole, whole.length / 3));
        GoDevIndex.write(site.resolve("index.json"), List.of(newer.indexEntry()));
        try (MirrorServer cut = MirrorServer.start(site)) {
            GoInstaller installer = GoInstaller.builder(Map.of()).home(home).index(cut.indexUri())
                    .mirrors(List.of(cut.baseUri())).build();
            assertThatThrownBy(() -> installer.ensure(exact(newer), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOfAny(VerificationException.class, dev.gosetup.api.NetworkException.class)
                    .hasMessageContaining(newer.filename());
            assertThat(installer.installed()).isEmpty();
            assertThat(Fixtures.tree(home.resolve("toolchains"))).isEmpty();
        }
    }

    @Test
    void fallsBackToTheNextMirrorWhenOneIsMissingTheFile(@TempDir Path empty) {
        try (MirrorServer nothing = MirrorServer.start(empty)) {
            GoInstaller installer = installerBuilder().mirrors(List.of(nothing.baseUri(), server.baseUri())).build();
            Toolchain t = installer.ensure(exact(newer), InstallListener.NOOP, new CancellationToken());
            assertThat(t.version()).hasToString(newer.version());
            assertThat(nothing.requestCount(newer.filename())).isEqualTo(1);
            assertThat(installer.installed().get(0).source()).isEqualTo(server.uri(newer.filename()));
        }
    }

    @Test
    void unknownVersionsAndPlatformsAreNamedWithWhatExists() {
        GoInstaller installer = installer();
        assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.4.3"), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no Go release matches \"1.4.3\"")
                .hasMessageContaining(newer.version());
        String line = newer.version().replaceFirst("^go(\\d+\\.\\d+).*", "$1");
        assertThatThrownBy(() -> installer.ensure(VersionSpec.parse(line + ".99"), InstallListener.NOOP,
                new CancellationToken()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("releases of that line: " + newer.version());
        GoInstaller windows = installerBuilder().platform(Platform.parse("windows-amd64")).build();
        assertThatThrownBy(() -> windows.ensure(exact(newer), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("has no archive for windows-amd64")
                .hasMessageContaining("linux-amd64");
    }

    @Test
    void cancellationDuringDownloadLeavesNothingInstalled() throws Exception {
        server.throttle(2_000_000);
        CancellationToken cancel = new CancellationToken();
        InstallListener cancelEarly = new InstallListener() {
            @Override
            public void downloadProgress(long bytes, long total) {
                if (bytes > 1_000_000) {
                    cancel.cancel();
                }
            }
        };
        GoInstaller installer = installer();
        assertThatThrownBy(() -> installer.ensure(exact(newer), cancelEarly, cancel))
                .isInstanceOf(CancelledException.class);
        assertThat(installer.installed()).isEmpty();
        assertThat(Fixtures.tree(home.resolve("toolchains"))).isEmpty();
        server.reset();
        // The partial download is resumed by the next install.
        Toolchain t = installer.ensure(exact(newer), InstallListener.NOOP, new CancellationToken());
        assertThat(t.version()).isEqualTo(GoVersion.parse(newer.version()));
    }

    @Test
    void locationsAreUrlsOrPlainPaths() {
        assertThat(GoInstaller.location("https://go.dev/dl/?mode=json", "--index"))
                .isEqualTo(URI.create("https://go.dev/dl/?mode=json"));
        assertThat(GoInstaller.location("mirror/index.json", "--index"))
                .isEqualTo(Path.of("mirror/index.json").toAbsolutePath().toUri());
        assertThat(GoInstaller.location("C:\\mirror\\index.json", "--index").getScheme()).isEqualTo("file");
        assertThatThrownBy(() -> GoInstaller.location("https://bad host/x", "GOSETUP_MIRRORS"))
                .isInstanceOf(dev.gosetup.api.InvalidConfigurationException.class)
                .hasMessageContaining("GOSETUP_MIRRORS: \"https://bad host/x\" is neither a URL nor a path");
    }

    @Test
    void cachedIndexIsUsedWithinItsTtlAndWhenTheServerIsDown() {
        GoInstaller installer = installer();
        installer.releases();
        installer.releases();
        assertThat(server.requestCount("/dl/")).isEqualTo(1);

        server.failNext(100, 503);
        GoInstaller expired = installerBuilder().indexTtl(java.time.Duration.ZERO).build();
        assertThat(expired.releases()).isNotEmpty(); // stale cache beats no index
    }
}
