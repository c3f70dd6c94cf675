package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.StorageException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VerificationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.testkit.GoDevIndex;
import dev.gosetup.testkit.InstallOutcomes;
import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.Unwritable;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an install fails, with real toolchain archives from the testkit's loopback mirror: each
 * failure is a {@link GoSetupException} kind naming the path or URL with a fix, the listener hears
 * {@link InstallListener#failed} exactly once (and not on cancel), and nothing is left in staging or
 * visible in the store.
 */
class InstallFailureTest {
    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(1);
    private static MirrorServer server;
    private static PackedToolchain go;

    @TempDir
    Path home;

    @BeforeAll
    static void pickToolchain() {
        go = MIRROR.newest();
        server = MIRROR.server();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
    }

    private GoInstaller installer(MirrorServer from) {
        return GoInstaller.builder(Map.of()).home(home).index(from.indexUri()).mirrors(List.of(from.baseUri())).build();
    }

    private void assertNothingInstalledAndNoStagingDebris(GoInstaller installer) throws IOException {
        assertThat(installer.installed()).isEmpty();
        assertThat(Fixtures.tree(home.resolve("toolchains"))).isEmpty();
        assertThat(Fixtures.tree(home.resolve("staging"))).isEmpty();
    }

    @Test
    void anUnwritableStagingDirectoryIsAStorageExceptionNamingItWithTheFix() throws Exception {
        Path staging = Files.createDirectories(home.resolve("staging"));
        installIntoUnwritable(staging, staging.toString());
    }

    @Test
    void anUnwritableDownloadDirectoryIsAStorageExceptionNamingItWithTheFix() throws Exception {
        Path downloads = Files.createDirectories(home.resolve("downloads"));
        installIntoUnwritable(downloads, "cannot write " + downloads.resolve(go.filename() + ".part"));
    }

    /** Installs with {@code dir} unwritable: a StorageException saying {@code message}, with the fixes, nothing left. */
    private void installIntoUnwritable(Path dir, String message) throws Exception {
        GoInstaller installer = installer(server);
        InstallOutcomes ends = new InstallOutcomes();
        Throwable thrown;
        try (Unwritable ignored = Unwritable.make(dir)) {
            thrown = catchThrowable(() -> installer.ensure(VersionSpec.parse(go.version()), ends, new CancellationToken()));
        }
        assertThat(thrown).isInstanceOf(StorageException.class).hasMessageContaining(message);
        assertThat(((GoSetupException) thrown).resolutions()).first().asString()
                .contains("make " + dir + " writable");
        assertThat(((GoSetupException) thrown).resolutions()).anySatisfy(fix -> assertThat(fix).contains("--home"));
        assertThat(ends.failed()).containsExactly((GoSetupException) thrown);
        assertThat(ends.done()).isEmpty();
        assertNothingInstalledAndNoStagingDebris(installer);
    }

    /**
     * A real full disk: a 16 MiB tmpfs mounted on the store's staging directory, too small for a
     * toolchain (about 250 MB). Needs root and mount permission; skipped where there is neither.
     */
    @Test
    void aFullDiskWhileExtractingIsAStorageExceptionSayingWhereToFreeSpace() throws Exception {
        Path staging = Files.createDirectories(home.resolve("staging"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", staging.toString()),
                "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)");
        GoInstaller installer = installer(server);
        InstallOutcomes ends = new InstallOutcomes();
        Throwable thrown;
        List<String> debris;
        try {
            thrown = catchThrowable(() -> installer.ensure(VersionSpec.parse(go.version()), ends, new CancellationToken()));
            debris = Fixtures.tree(staging);
        } finally {
            run("umount", staging.toString());
        }
        assertThat(thrown).isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot write " + staging)
                .hasMessageContaining("No space left on device");
        assertThat(((GoSetupException) thrown).resolutions()).first().asString()
                .startsWith("free space on the file system of " + staging);
        assertThat(ends.failed()).containsExactly((GoSetupException) thrown);
        assertThat(debris).isEmpty();
        assertNothingInstalledAndNoStagingDebris(installer);
        // The verified download is kept: once there is room, the install needs no network.
        assertThat(home.resolve("downloads").resolve(go.filename())).exists();
    }

    /**
     * A real full disk while downloading: a 16 MiB tmpfs mounted on the store's download directory, smaller than the
     * archive. The {@code .part} write fails with ENOSPC: a {@link StorageException} naming the {@code .part} with the
     * free-space fix (not a plain {@link GoSetupException}), and the bytes written stay for a later resume.
     */
    @Test
    void aFullDiskWhileDownloadingIsAStorageExceptionNamingThePartWithTheFreeSpaceFix() throws Exception {
        assertThat(Files.size(go.archive())).as("the archive is larger than the tmpfs").isGreaterThan(16L << 20);
        Path downloads = Files.createDirectories(home.resolve("downloads"));
        Path part = downloads.resolve(go.filename() + ".part");
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", downloads.toString()),
                "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)");
        GoInstaller installer = installer(server);
        InstallOutcomes ends = new InstallOutcomes();
        Throwable thrown;
        long kept;
        try {
            thrown = catchThrowable(() -> installer.ensure(VersionSpec.parse(go.version()), ends, new CancellationToken()));
            kept = Files.exists(part) ? Files.size(part) : -1;
        } finally {
            run("umount", downloads.toString());
        }
        assertThat(thrown).isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot write " + part)
                .hasMessageContaining("No space left on device");
        assertThat(((GoSetupException) thrown).resolutions()).first().asString()
                .startsWith("free space on the file system of " + part).contains("MiB free now");
        assertThat(((GoSetupException) thrown).resolutions()).anySatisfy(fix -> assertThat(fix).contains("--home"));
        assertThat(ends.failed()).containsExactly((GoSetupException) thrown);
        // As after any failed attempt, the bytes received stay in the .part: the next install resumes from them.
        assertThat(kept).as("bytes kept in " + part).isPositive().isLessThanOrEqualTo(16L << 20);
        assertNothingInstalledAndNoStagingDebris(installer);
    }

    @Test
    void aCorruptArchiveThatMatchesItsIndexIsAVerificationException(@TempDir Path site) throws Exception {
        // The index vouches for the damaged bytes, so only extraction can tell: the gzip data is broken.
        byte[] bytes = Files.readAllBytes(go.archive());
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) {
            bytes[i] ^= 0x5a;
        }
        Path archive = Files.write(site.resolve(go.filename()), bytes);
        GoDevIndex.write(site.resolve("index.json"), List.of(GoDevIndex.entry(archive, go.version())));
        try (MirrorServer corrupt = MirrorServer.start(site)) {
            GoInstaller installer = installer(corrupt);
            InstallOutcomes ends = new InstallOutcomes();
            Throwable thrown = catchThrowable(() -> installer.ensure(VersionSpec.parse(go.version()), ends,
                    new CancellationToken()));
            assertThat(thrown).isInstanceOf(VerificationException.class)
                    .hasMessageContaining(go.filename()).hasMessageContaining("corrupt");
            assertThat(((GoSetupException) thrown).resolutions()).isNotEmpty();
            assertThat(ends.failed()).containsExactly((GoSetupException) thrown);
            assertNothingInstalledAndNoStagingDebris(installer);
        }
    }

    @Test
    void aCancelInTheMiddleOfExtractionStopsItLeavesNoDebrisAndIsNotReportedAsFailed() throws Exception {
        CancellationToken cancel = new CancellationToken();
        long[] entriesAtCancel = {-1};
        InstallOutcomes ends = new InstallOutcomes() {
            @Override
            public void extracting(long entries, long bytes) {
                if (entries > 2000 && entriesAtCancel[0] < 0) {
                    entriesAtCancel[0] = entries;
                    cancel.cancel();
                }
            }
        };
        GoInstaller installer = installer(server);
        Throwable thrown = catchThrowable(() -> installer.ensure(VersionSpec.parse(go.version()), ends, cancel));
        assertThat(thrown).isInstanceOf(CancelledException.class);
        assertThat(entriesAtCancel[0]).as("extraction had started").isPositive();
        assertThat(ends.failed()).isEmpty();
        assertThat(ends.done()).isEmpty();
        assertNothingInstalledAndNoStagingDebris(installer);
        // Nothing half-done blocks the next install.
        Toolchain t = installer.ensure(VersionSpec.parse(go.version()), InstallListener.NOOP, new CancellationToken());
        assertThat(installer.store().installed(t.version(), t.platform())).isPresent();
    }

    @Test
    void aCancelWhileExtractingACachedArchiveStopsInsideItToo() throws Exception {
        GoInstaller installer = installer(server);
        Toolchain first = installer.ensure(VersionSpec.parse(go.version()), InstallListener.NOOP, new CancellationToken());
        installer.uninstall(first.version()); // the archive stays in the download cache
        assertThat(home.resolve("downloads").resolve(go.filename())).exists();
        CancellationToken cancel = new CancellationToken();
        InstallOutcomes ends = new InstallOutcomes() {
            @Override
            public void extracting(long entries, long bytes) {
                if (bytes > 20L * 1024 * 1024) {
                    cancel.cancel();
                }
            }
        };
        GoInstaller offline = GoInstaller.builder(Map.of()).home(home).index(server.indexUri())
                .mirrors(List.of(server.baseUri())).offline(true).build();
        Throwable thrown = catchThrowable(() -> offline.ensure(VersionSpec.parse(go.version()), ends, cancel));
        assertThat(thrown).isInstanceOf(CancelledException.class).hasMessageContaining(go.filename());
        assertThat(ends.failed()).isEmpty();
        assertNothingInstalledAndNoStagingDebris(offline);
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
