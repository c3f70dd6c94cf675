package dev.gosetup.core.install;

import static dev.gosetup.core.install.Fixtures.Entry.executable;
import static dev.gosetup.core.install.Fixtures.Entry.file;
import static dev.gosetup.core.install.Fixtures.Entry.hardlink;
import static dev.gosetup.core.install.Fixtures.Entry.special;
import static dev.gosetup.core.install.Fixtures.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.VerificationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.testkit.GoDevIndex;
import dev.gosetup.testkit.HostPlatform;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.ToolchainMirror;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and bogus archives served with a correct index entry (so they pass the checksum, as an
 * archive from a compromised index would): the installer must refuse each, write nothing outside
 * its store, and mark nothing installed.
 */
class HostileArchiveInstallTest {
    private static final String VERSION = "go1.22.99";
    private static final String GO = "#!/bin/sh\necho go version " + VERSION + " linux/amd64\n";

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                Arguments.of("parent traversal", List.of(executable("go/bin/go", GO), file("go/../../evil-parent", "x")),
                        "evil-parent"),
                Arguments.of("absolute path", List.of(executable("go/bin/go", GO), file("/tmp/gosetup-evil-absolute", "x")),
                        "gosetup-evil-absolute"),
                Arguments.of("backslash traversal", List.of(executable("go/bin/go", GO), file("go\\..\\..\\evil-bs", "x")),
                        "evil-bs"),
                Arguments.of("symlink out", List.of(executable("go/bin/go", GO), symlink("go/out", "../../..")), "go/out"),
                Arguments.of("write through symlink", List.of(executable("go/bin/go", GO), symlink("go/lib", "bin"),
                        file("go/lib/x", "x")), "go/lib"),
                Arguments.of("hard link out", List.of(executable("go/bin/go", GO), hardlink("go/passwd", "/etc/passwd")),
                        "go/passwd"),
                Arguments.of("device", List.of(executable("go/bin/go", GO), special("go/dev", TarArchiveEntry.LF_CHR)),
                        "go/dev"),
                Arguments.of("fifo", List.of(executable("go/bin/go", GO), special("go/fifo", TarArchiveEntry.LF_FIFO)),
                        "go/fifo"),
                Arguments.of("not a toolchain", List.of(file("go/README", "hello")), "bin/go"),
                Arguments.of("extra top-level directory", List.of(executable("go/bin/go", GO), file("other/x", "x")),
                        "other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void refusesAndLeavesNothingBehind(String attack, List<Fixtures.Entry> entries, String named, @TempDir Path sandbox)
            throws Exception {
        Path site = Files.createDirectories(sandbox.resolve("site"));
        Path home = sandbox.resolve("home");
        String filename = HostPlatform.archiveFilename(VERSION);
        Path archive = Fixtures.tarGz(site.resolve(filename), entries);
        GoDevIndex.write(site.resolve("index.json"), List.of(GoDevIndex.entry(archive, VERSION)));

        try (MirrorServer server = MirrorServer.start(site)) {
            GoInstaller installer = GoInstaller.builder(Map.of()).home(home).index(server.indexUri())
                    .mirrors(List.of(server.baseUri())).build();
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse(VERSION), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class)
                    .hasMessageContaining(filename)
                    .hasMessageContaining(named);
            assertThat(installer.installed()).isEmpty();
        }
        List<String> outside = new ArrayList<>(Fixtures.tree(sandbox));
        outside.removeIf(p -> p.equals("home") || p.startsWith("home/") || p.equals("site") || p.startsWith("site/"));
        assertThat(outside).as("nothing written beside the store").isEmpty();
        assertThat(Fixtures.tree(home.resolve("toolchains"))).isEmpty();
        assertThat(Fixtures.tree(home.resolve("staging"))).isEmpty();
        assertThat(Path.of("/tmp/gosetup-evil-absolute")).doesNotExist();
    }

    @ParameterizedTest(name = "archive of {0} labelled as another release")
    @MethodSource("realToolchain")
    void aRealToolchainThatReportsAnotherVersionIsRefused(PackedToolchain real, @TempDir Path sandbox) throws Exception {
        Path site = Files.createDirectories(sandbox.resolve("site"));
        String filename = HostPlatform.archiveFilename(VERSION);
        Files.copy(real.archive(), site.resolve(filename));
        GoDevIndex.write(site.resolve("index.json"), List.of(GoDevIndex.entry(site.resolve(filename), VERSION)));
        try (MirrorServer server = MirrorServer.start(site)) {
            GoInstaller installer = GoInstaller.builder(Map.of()).home(sandbox.resolve("home")).index(server.indexUri())
                    .mirrors(List.of(server.baseUri())).build();
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse(VERSION), InstallListener.NOOP, new CancellationToken()))
                    .isInstanceOf(VerificationException.class)
                    .hasMessageContaining("does not report " + VERSION)
                    .hasMessageContaining(real.version());
            assertThat(installer.installed()).isEmpty();
        }
    }

    static Stream<PackedToolchain> realToolchain() {
        return Stream.of(ToolchainMirror.of(RealToolchains.require(1)).newest());
    }
}
