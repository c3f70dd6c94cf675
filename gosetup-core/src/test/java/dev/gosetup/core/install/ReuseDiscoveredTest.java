package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.discover.DistroDiscovery;
import dev.gosetup.core.discover.FakeGoroots;
import dev.gosetup.core.discover.GvmDiscovery;
import dev.gosetup.core.discover.ToolchainDiscoverer;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ensure} reusing the real Debian toolchains instead of downloading, offline and never changing them. */
class ReuseDiscoveredTest {
    @TempDir
    Path tmp;

    private GoInstaller installer(ToolchainDiscoverer discoverer, Path root) {
        GoInstaller.Builder b = GoInstaller.builder(Map.of()).home(tmp.resolve("store"))
                .index(URI.create("http://127.0.0.1:9/index.json")).offline(true);
        if (discoverer != null) {
            b.reuse(discoverer, new DiscoveryContext(tmp, Map.of("PATH", ""), Platform.current(), root));
        }
        return b.build();
    }

    private static Toolchain ensure(GoInstaller installer, String spec) {
        return installer.ensure(VersionSpec.parse(spec), InstallListener.NOOP, new CancellationToken());
    }

    @Test
    void reusesADiscoveredToolchainAndRecordsItAsExternalWithoutTouchingIt() throws IOException {
        LocalGoroot go121 = RealToolchains.require(3).stream()
                .filter(g -> g.goroot().toString().equals("/usr/lib/go-1.21")).findFirst().orElseThrow();
        List<String> before;
        try (var files = Files.list(go121.goroot())) {
            before = files.map(Path::toString).sorted().toList();
        }
        GoInstaller reusing = installer(ToolchainDiscoverer.of(List.of(new DistroDiscovery())), Path.of("/"));

        Toolchain t = ensure(reusing, go121.version());

        assertThat(t.goroot()).isEqualTo(go121.goroot().toRealPath());
        assertThat(t.version()).isEqualTo(GoVersion.parse(go121.version()));
        assertThat(Fixtures.goVersion(t)).contains(go121.version());
        assertThat(reusing.store().externals()).singleElement()
                .satisfies(e -> assertThat(e.origin()).isEqualTo("distro"))
                .satisfies(e -> assertThat(e.toolchain()).isEqualTo(t));
        assertThat(reusing.installed()).as("not a store install").isEmpty();
        try (var files = Files.list(go121.goroot())) {
            assertThat(files.map(Path::toString).sorted().toList()).as("nothing written into it").isEqualTo(before);
        }

        // the record alone answers the next exact ensure: this discoverer finds nothing
        GoInstaller again = installer(ToolchainDiscoverer.of(List.of()), tmp.resolve("empty-root"));
        assertThat(ensure(again, go121.version())).isEqualTo(t);

        // a line spec takes the newest matching toolchain on the machine
        assertThat(ensure(reusing, "1.22").goroot()).isEqualTo(Path.of("/usr/lib/go-1.22").toRealPath());

        // uninstall forgets the record and leaves the toolchain alone
        assertThat(reusing.uninstall(t.version())).isTrue();
        assertThat(reusing.store().external(t.version(), t.platform())).isEmpty();
        assertThat(t.goBinary()).isExecutable();
        assertThat(reusing.uninstall(t.version())).isFalse();
    }

    @Test
    void withoutReuseOrWithoutAMatchTheIndexIsAskedAsBefore() {
        RealToolchains.require(3);
        assertThatThrownBy(() -> ensure(installer(null, Path.of("/")), "1.22")).isInstanceOf(GoSetupException.class);
        GoInstaller reusing = installer(ToolchainDiscoverer.of(List.of(new DistroDiscovery())), Path.of("/"));
        assertThatThrownBy(() -> ensure(reusing, "1.99.1")).isInstanceOf(GoSetupException.class);
        assertThat(reusing.store().externals()).isEmpty();
    }

    @Test
    void brokenForeignPlatformOrChangedToolchainsAreNotReused() throws IOException {
        // fake gvm layouts (a VERSION file and a script as bin/go): gvm is not installed here
        Path broken = FakeGoroots.create(tmp.resolve(".gvm/gos/go1.22.5"), "go1.22.5");
        Files.delete(broken.resolve("src/runtime"));
        Platform other = Platform.current().arch().equals("arm64") ? Platform.parse("linux-amd64") : Platform.parse("linux-arm64");
        FakeGoroots.create(tmp.resolve(".gvm/gos/go1.22.6"), "go1.22.6", other.os(), other.arch());
        Path good = FakeGoroots.create(tmp.resolve(".gvm/gos/go1.22.4"), "go1.22.4", Platform.current().os(),
                Platform.current().arch());
        GoInstaller reusing = installer(ToolchainDiscoverer.of(List.of(new GvmDiscovery())), tmp.resolve("root"));

        assertThat(ensure(reusing, "1.22").goroot()).isEqualTo(good.toRealPath());
        assertThatThrownBy(() -> ensure(reusing, "1.22.5")).isInstanceOf(GoSetupException.class);

        // its manager replaces it with another version: the record no longer answers
        Files.writeString(good.resolve("VERSION"), "go1.22.7\n");
        assertThat(reusing.store().external(GoVersion.parse("1.22.4"), Platform.current())).isEmpty();
        assertThat(reusing.store().externals()).isEmpty();
    }
}
