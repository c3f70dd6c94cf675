package dev.gosetup.core.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.ToolchainDiscovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered discovery promises (the SPI's contract), run against each one. */
class ToolchainDiscoveryContractTest {
    @TempDir
    Path tmp;

    static Stream<ToolchainDiscovery> discoveries() {
        return ServiceLoader.load(ToolchainDiscovery.class).stream().map(ServiceLoader.Provider::get);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discoveries")
    void hasAnIdAndFindsNothingInAnEmptyMachineOnEitherHost(ToolchainDiscovery discovery) throws Exception {
        assertThat(discovery.id()).matches("[a-z][a-z0-9-]*");
        for (Platform host : List.of(Platform.parse("linux-amd64"), Platform.parse("darwin-arm64"),
                Platform.parse("windows-amd64"))) {
            Path home = Files.createDirectories(tmp.resolve(host.os() + "/home"));
            Path root = Files.createDirectories(tmp.resolve(host.os() + "/root"));
            Map<String, String> env = Map.of("PATH", "", "ProgramFiles", root.resolve("Program Files").toString(),
                    "ProgramData", root.resolve("ProgramData").toString(), "SystemDrive", root.toString());
            assertThat(discovery.candidates(new DiscoveryContext(home, env, host, root))).as("%s on %s", discovery.id(), host)
                    .isEmpty();
            // unreadable or odd settings are not errors either
            Map<String, String> odd = Map.of("PATH", "relative/bin:" + tmp.resolve("missing"), "GOPATH", "relative",
                    "GOMODCACHE", "\u0000", "GOENV_ROOT", "", "HOMEBREW_PREFIX", "not/absolute", "SCOOP", "C:");
            assertThat(discovery.candidates(new DiscoveryContext(tmp.resolve("missing-home"), odd, host,
                    tmp.resolve("missing-root")))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discoveries")
    void returnsOnlyAbsoluteExistingDirectories(ToolchainDiscovery discovery) {
        // every layout the built-ins know, at once, for the host each applies to
        Path home = tmp.resolve("home");
        Path root = tmp.resolve("root");
        for (String dir : List.of("home/sdk/go1.22.5", "home/.goenv/versions/1.22.5", "home/.g/versions/1.22.5",
                "home/.gvm/gos/go1.22.5", "home/.asdf/installs/golang/1.22.5/go", "home/.local/share/mise/installs/go/1.22.5",
                "home/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64", "root/usr/local/go",
                "root/usr/lib/go-1.22", "root/opt/homebrew/opt/go/libexec", "home/scoop/apps/go/1.22.5",
                "root/ProgramData/chocolatey/lib/golang/tools/go", "root/Program Files/Go")) {
            FakeGoroots.create(tmp.resolve(dir), "go1.22.5");
        }
        for (Platform host : List.of(Platform.parse("linux-amd64"), Platform.parse("windows-amd64"))) {
            Map<String, String> env = Map.of("PATH", "", "ProgramFiles", root.resolve("Program Files").toString(),
                    "ProgramData", root.resolve("ProgramData").toString(), host.isWindows() ? "USERPROFILE" : "HOME",
                    home.toString());
            List<Path> found = discovery.candidates(new DiscoveryContext(home, env, host, root));
            assertThat(found).allSatisfy(p -> assertThat(p).isAbsolute().isDirectory());
            if (!discovery.appliesTo(host)) {
                assertThat(found).isEmpty();
            }
        }
    }
}
