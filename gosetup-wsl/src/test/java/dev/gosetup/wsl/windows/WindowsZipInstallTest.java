package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.testkit.GoDevIndex;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.WindowsZip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's zip branch end to end: a Windows-shaped zip built from a real toolchain
 * ({@link WindowsZip}), served with a go.dev index by the loopback mirror, downloaded, verified,
 * extracted and committed for {@code windows-amd64} by the real {@link GoInstaller}; its
 * {@code go version} check is skipped with a note because the toolchain cannot run on this host.
 * Then {@code gosetup use} with junction semantics is left to {@code CurrentLinkTest} (core).
 */
class WindowsZipInstallTest {
    @TempDir
    Path tmp;

    @Test
    void aWindowsZipInstallsForWindowsAndSaysTheVersionCheckWasSkipped() throws Exception {
        LocalGoroot real = Collections.max(RealToolchains.require(1), LocalGoroot.BY_VERSION);
        Path mirror = tmp.resolve("mirror");
        Path zip = WindowsZip.pack(real, mirror);
        Path index = GoDevIndex.write(mirror.resolve(GoDevIndex.INDEX_FILENAME), List.of(WindowsZip.entry(zip, real.version())));
        List<String> notes = new ArrayList<>();
        InstallListener listener = new InstallListener() {
            @Override
            public void skipped(String check, String reason) {
                notes.add(check + ": " + reason);
            }
        };
        try (MirrorServer server = MirrorServer.start(mirror, index)) {
            GoInstaller installer = GoInstaller.builder(Map.of()).home(tmp.resolve("home")).index(server.indexUri())
                    .mirrors(List.of(server.baseUri())).platform(Platform.parse("windows-amd64")).build();
            Toolchain t = installer.ensure(VersionSpec.parse(real.version()), listener, new CancellationToken());
            assertThat(t.platform()).isEqualTo(Platform.parse("windows-amd64"));
            assertThat(t.goroot().getFileName().toString()).isEqualTo(real.version() + ".windows-amd64");
            assertThat(t.goroot().resolve("bin/go.exe")).hasSameBinaryContentAs(real.goroot().resolve("bin/go"));
            assertThat(t.goroot().resolve("VERSION")).hasSameBinaryContentAs(real.goroot().resolve("VERSION"));
            assertThat(t.goroot().resolve(ToolchainStore.RECEIPT)).content().contains("\"os\" : \"windows\"");
            assertThat(notes).singleElement().satisfies(n -> assertThat(n).startsWith("go version: the toolchain is for"
                    + " windows-amd64 and cannot run on this").contains("SHA-256 was checked"));
            assertThat(server.requestCount(zip.getFileName().toString())).isEqualTo(1);
            // Again: already installed, nothing downloaded.
            installer.ensure(VersionSpec.parse(real.version()), InstallListener.NOOP, new CancellationToken());
            assertThat(server.requestCount(zip.getFileName().toString())).isEqualTo(1);
        }
    }

    @Test
    void aZipThatIsNotWhatTheIndexSaysIsRefusedAndNothingIsInstalled() throws Exception {
        LocalGoroot real = Collections.max(RealToolchains.require(1), LocalGoroot.BY_VERSION);
        Path mirror = tmp.resolve("mirror");
        Path zip = WindowsZip.pack(real, mirror);
        Path index = GoDevIndex.write(mirror.resolve(GoDevIndex.INDEX_FILENAME),
                List.of(WindowsZip.entry(zip, real.version()).withSha256("0".repeat(64))));
        try (MirrorServer server = MirrorServer.start(mirror, index)) {
            GoInstaller installer = GoInstaller.builder(Map.of()).home(tmp.resolve("home")).index(server.indexUri())
                    .mirrors(List.of(server.baseUri())).platform(Platform.parse("windows-amd64")).build();
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse(real.version()), InstallListener.NOOP,
                    new CancellationToken())).isInstanceOf(GoSetupException.class).hasMessageContaining(zip.getFileName().toString());
            assertThat(tmp.resolve("home/toolchains/" + real.version() + ".windows-amd64")).doesNotExist();
            assertThat(Files.exists(tmp.resolve("home/current"))).isFalse();
        }
    }
}
