package dev.gosetup.core.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.DiscoveredToolchain;
import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ToolchainDiscovery;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainDiscovererTest {
    private static final Platform LINUX = Platform.parse("linux-amd64");
    private static final Platform WINDOWS = Platform.parse("windows-amd64");

    @TempDir
    Path tmp;

    private DiscoveryContext unix(Map<String, String> env) {
        return new DiscoveryContext(tmp.resolve("home"), env, LINUX, tmp.resolve("root"));
    }

    private static Map<String, DiscoveredToolchain> byGoroot(List<DiscoveredToolchain> found) {
        return found.stream().collect(Collectors.toMap(t -> t.goroot().toString(), t -> t));
    }

    @Test
    void everyBuiltInLoadsThroughServiceLoader() {
        List<String> ids = ServiceLoader.load(ToolchainDiscovery.class).stream().map(p -> p.get().id()).toList();
        assertThat(ids).containsExactlyInAnyOrder("usr-local", "distro", "golang-dl", "gotoolchain", "goenv", "mise",
                "asdf", "g", "gvm", "homebrew", "msi", "scoop", "chocolatey", "path");
        assertThat(ProviderRegistry.load(ToolchainDiscovery.class).problems()).isEmpty();
        assertThat(ToolchainDiscoverer.load().discoveries()).hasSize(14);
    }

    @Test
    void findsTheRealDebianToolchainsWithTheirVersions() throws IOException {
        List<LocalGoroot> real = RealToolchains.require(4).stream()
                .filter(g -> g.goroot().startsWith("/usr/lib")).toList();
        assertThat(real).hasSizeGreaterThanOrEqualTo(4);
        DiscoveryContext context = new DiscoveryContext(Files.createDirectories(tmp.resolve("home")),
                Map.of("PATH", ""), LINUX, Path.of("/"));

        List<DiscoveredToolchain> all = ToolchainDiscoverer.load().discover(context);
        Map<String, DiscoveredToolchain> found = byGoroot(all);

        for (LocalGoroot goroot : real) {
            DiscoveredToolchain t = found.get(goroot.goroot().toRealPath().toString());
            assertThat(t).as("discovered %s", goroot.goroot()).isNotNull();
            assertThat(t.origin()).isEqualTo("distro");
            assertThat(t.intact()).as("problems %s", t.problems()).isTrue();
            assertThat(t.version()).contains(GoVersion.parse(goroot.version()));
            assertThat(t.platform()).contains(Platform.current());
            // what the binary itself says, not only the VERSION file
            String said = ProcessRunner.run(List.of(t.goroot().resolve("bin/go").toString(), "version"), tmp,
                    Map.of("GOTOOLCHAIN", Optional.of("local")), Duration.ofSeconds(30),
                    new dev.gosetup.api.CancellationToken()).requireSuccess().stdout();
            assertThat(said).startsWith("go version " + t.reported() + " ");
            assertThat(t.toolchain()).isPresent();
        }
        assertThat(all.stream().map(DiscoveredToolchain::version).toList())
                .as("newest first").isSortedAccordingTo((a, b) -> b.orElseThrow().compareTo(a.orElseThrow()));
    }

    @Test
    void findsEveryUnixManagersLayoutInATemporaryHome() throws IOException {
        // Fake GOROOTs (a VERSION file and a tiny bin/go script): goenv, mise, asdf, g, gvm,
        // golang.org/dl, Homebrew and GOTOOLCHAIN's downloads are not installed on this machine.
        Path home = tmp.resolve("home");
        Path root = tmp.resolve("root");
        Map<String, String> expected = new HashMap<>();
        expected.put(FakeGoroots.create(root.resolve("usr/local/go"), "go1.23.4").toString(), "usr-local");
        expected.put(FakeGoroots.create(root.resolve("usr/lib/go-1.21"), "go1.21.13").toString(), "distro");
        expected.put(FakeGoroots.create(home.resolve("sdk/go1.22.5"), "go1.22.5").toString(), "golang-dl");
        expected.put(FakeGoroots.create(home.resolve("go/pkg/mod/golang.org/toolchain@v0.0.1-go1.23.1.linux-amd64"),
                "go1.23.1").toString(), "gotoolchain");
        expected.put(FakeGoroots.create(home.resolve(".goenv/versions/1.20.14"), "go1.20.14").toString(), "goenv");
        expected.put(FakeGoroots.create(home.resolve(".local/share/mise/installs/go/1.22.1"), "go1.22.1").toString(), "mise");
        expected.put(FakeGoroots.create(home.resolve(".asdf/installs/golang/1.19.13/go"), "go1.19.13").toString(), "asdf");
        expected.put(FakeGoroots.create(home.resolve(".g/versions/1.21.1"), "go1.21.1").toString(), "g");
        expected.put(FakeGoroots.create(home.resolve(".gvm/gos/go1.21.0"), "go1.21.0-bigcorp").toString(), "gvm");
        expected.put(FakeGoroots.create(root.resolve("opt/homebrew/opt/go/libexec"), "go1.23.2").toString(), "homebrew");
        expected.put(FakeGoroots.create(root.resolve("home/linuxbrew/.linuxbrew/opt/go@1.22/libexec"), "go1.22.12")
                .toString(), "homebrew");
        // a hostile name that would drive a terminal: never reported
        FakeGoroots.create(home.resolve("sdk/go1.22.9\u001b[2J"), "go1.22.9");
        // not Go at all: no bin/go and no VERSION
        Files.createDirectories(home.resolve("sdk/gotools/bin"));
        Files.createDirectories(home.resolve(".goenv/versions/1.18.0/src"));

        List<DiscoveredToolchain> found = ToolchainDiscoverer.load().discover(unix(Map.of("PATH", "")));

        assertThat(byGoroot(found).keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (DiscoveredToolchain t : found) {
            assertThat(t.origin()).as("origin of %s", t.goroot()).isEqualTo(expected.get(t.goroot().toString()));
            assertThat(t.intact()).as("%s: %s", t.goroot(), t.problems()).isTrue();
            assertThat(t.platform()).contains(LINUX);
        }
        DiscoveredToolchain vendor = byGoroot(found).get(home.resolve(".gvm/gos/go1.21.0").toString());
        assertThat(vendor.reported()).isEqualTo("go1.21.0-bigcorp");
        assertThat(vendor.version()).contains(GoVersion.parse("1.21.0"));
        assertThat(found.get(0).version()).contains(GoVersion.parse("1.23.4"));
    }

    @Test
    void managersHonourTheirRootVariables() throws IOException {
        Path custom = tmp.resolve("custom");
        Path goenv = FakeGoroots.create(custom.resolve("goenv/versions/1.22.5"), "go1.22.5");
        Path mise = FakeGoroots.create(custom.resolve("mise/installs/go/1.22.6"), "go1.22.6");
        Path asdf = FakeGoroots.create(custom.resolve("asdf/installs/golang/1.22.7/go"), "go1.22.7");
        Path gvm = FakeGoroots.create(custom.resolve("gvm/gos/go1.22.8"), "go1.22.8");
        Path g = FakeGoroots.create(custom.resolve("g/versions/1.22.9/go"), "go1.22.9");
        Path modcache = FakeGoroots.create(custom.resolve("gopath/pkg/mod/golang.org/toolchain@v0.0.1-go1.22.10.linux-amd64"),
                "go1.22.10");
        Path brew = FakeGoroots.create(custom.resolve("brew/opt/go/libexec"), "go1.22.11");
        Map<String, String> env = Map.of("PATH", "", "GOENV_ROOT", custom.resolve("goenv").toString(),
                "MISE_DATA_DIR", custom.resolve("mise").toString(), "ASDF_DATA_DIR", custom.resolve("asdf").toString(),
                "GVM_ROOT", custom.resolve("gvm").toString(), "G_HOME", custom.resolve("g").toString(),
                "GOPATH", custom.resolve("gopath") + ":/elsewhere", "HOMEBREW_PREFIX", custom.resolve("brew").toString());

        Map<String, DiscoveredToolchain> found = byGoroot(ToolchainDiscoverer.load().discover(unix(env)));

        assertThat(found.keySet()).containsExactlyInAnyOrder(goenv.toString(), mise.toString(), asdf.toString(),
                gvm.toString(), g.toString(), modcache.toString(), brew.toString());
        assertThat(found.get(modcache.toString()).origin()).isEqualTo("gotoolchain");
        assertThat(found.get(g.toString()).origin()).isEqualTo("g");
    }

    @Test
    void findsWindowsLayoutsFromTheEnvironmentAndTheMsiRegistryValue() throws IOException {
        // Windows layouts built on this Linux machine: bin/go.exe is an empty file that is never run.
        Path home = tmp.resolve("Users/gopher");
        Path programFiles = tmp.resolve("Program Files");
        Path programData = tmp.resolve("ProgramData");
        Path msi = FakeGoroots.create(programFiles.resolve("Go"), "go1.23.4", "windows", "amd64");
        Path custom = FakeGoroots.create(tmp.resolve("D/Tools/Go"), "go1.22.12", "windows", "amd64");
        Path oldMsi = FakeGoroots.create(tmp.resolve("C/Go"), "go1.15.15", "windows", "amd64");
        Path scoop = FakeGoroots.create(home.resolve("scoop/apps/go/1.22.5"), "go1.22.5", "windows", "amd64");
        Files.createSymbolicLink(home.resolve("scoop/apps/go/current"), scoop); // scoop's junction
        Path choco = FakeGoroots.create(programData.resolve("chocolatey/lib/golang/tools/go"), "go1.21.13", "windows", "amd64");
        Path mise = FakeGoroots.create(home.resolve("AppData/Local/mise/installs/go/1.23.1"), "go1.23.1", "windows", "amd64");
        // What `reg query HKCU\Software\GoProgrammingLanguage /v installLocation` prints (format of
        // reg.exe's query output: blank line, key, four-space separated name, type and data); the
        // MSI writes INSTALLDIR, with its trailing backslash, which is a custom directory here.
        String recorded = "\r\nHKEY_CURRENT_USER\\Software\\GoProgrammingLanguage\r\n    installLocation    REG_SZ    "
                + custom + "\r\n\r\n";
        WindowsRegistry registry = (key, value) -> key.equals(ProgramFilesDiscovery.KEY)
                ? WindowsRegistry.parseRegQuery(recorded, value) : Optional.empty();
        List<ToolchainDiscovery> discoveries = ToolchainDiscoverer.load().discoveries().stream()
                .map(d -> d instanceof ProgramFilesDiscovery ? new ProgramFilesDiscovery(c -> registry) : d).toList();
        Map<String, String> env = Map.of("Path", "", "USERPROFILE", home.toString(), "ProgramFiles", programFiles.toString(),
                "ProgramData", programData.toString(), "SystemDrive", tmp.resolve("C").toString(),
                "LOCALAPPDATA", home.resolve("AppData/Local").toString());
        DiscoveryContext context = DiscoveryContext.of(env, WINDOWS, tmp);
        assertThat(context.home()).isEqualTo(home);

        Map<String, DiscoveredToolchain> found = byGoroot(ToolchainDiscoverer.of(discoveries).discover(context));

        assertThat(found.keySet()).containsExactlyInAnyOrder(msi.toString(), custom.toString(), oldMsi.toString(),
                scoop.toString(), choco.toString(), mise.toString());
        assertThat(found.get(custom.toString()).origin()).isEqualTo("msi");
        assertThat(found.get(scoop.toString()).origin()).isEqualTo("scoop");
        assertThat(found.get(choco.toString()).origin()).isEqualTo("chocolatey");
        assertThat(found.get(mise.toString()).origin()).isEqualTo("mise");
        assertThat(found.values()).allSatisfy(t -> {
            assertThat(t.intact()).as("%s: %s", t.goroot(), t.problems()).isTrue();
            assertThat(t.platform()).contains(WINDOWS);
        });
        // and none of the Unix managers looks on Windows
        FakeGoroots.create(home.resolve(".goenv/versions/1.22.5"), "go1.22.5", "windows", "amd64");
        assertThat(ToolchainDiscoverer.of(discoveries).discover(context)).hasSize(6);
    }

    @Test
    void readsRegQueryOutputAsReallyPrinted() {
        String recorded = "\r\nHKEY_CURRENT_USER\\Software\\GoProgrammingLanguage\r\n"
                + "    installLocation    REG_SZ    C:\\Program Files\\Go\\\r\n\r\n";
        assertThat(WindowsRegistry.parseRegQuery(recorded, "installLocation")).contains("C:\\Program Files\\Go\\");
        assertThat(WindowsRegistry.parseRegQuery(recorded, "installed")).isEmpty();
        assertThat(WindowsRegistry.parseRegQuery("ERROR: The system was unable to find the specified registry key or value.\r\n",
                "installLocation")).isEmpty();
        assertThat(WindowsRegistry.system(Map.of()).read(ProgramFilesDiscovery.KEY, "installLocation")).isEmpty();
    }

    @Test
    void pathFindsGorootsThroughLinksAndShimsAndManagersNameTheOrigin() throws IOException {
        RealToolchains.require(3);
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("go"), Path.of("/usr/lib/go-1.21/bin/go"));
        Path shims = Files.createDirectories(tmp.resolve("shims"));
        Path shim = shims.resolve("go"); // like goenv's shim: a script outside any GOROOT
        Files.writeString(shim, "#!/bin/sh\nexec /usr/lib/go-1.23/bin/go \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = "/usr/lib/go-1.22/bin:" + links + ":" + shims;
        DiscoveryContext context = new DiscoveryContext(Files.createDirectories(tmp.resolve("home")),
                Map.of("PATH", path), LINUX, Files.createDirectories(tmp.resolve("root")));

        List<DiscoveredToolchain> onlyPath = ToolchainDiscoverer.of(List.of(new PathDiscovery())).discover(context);
        assertThat(onlyPath).extracting(t -> t.goroot().toString())
                .containsExactly("/usr/lib/go-1.23", "/usr/lib/go-1.22", "/usr/lib/go-1.21");
        assertThat(onlyPath).allSatisfy(t -> assertThat(t.origin()).isEqualTo("path"));

        // the distro discovery finds the same GOROOTs (root "/" this time): reported once, as distro
        DiscoveryContext system = new DiscoveryContext(context.home(), context.environment(), LINUX, Path.of("/"));
        List<DiscoveredToolchain> both = ToolchainDiscoverer.of(List.of(new PathDiscovery(), new DistroDiscovery()))
                .discover(system);
        assertThat(both.stream().filter(t -> t.goroot().toString().matches("/usr/lib/go-1\\.2[123]")))
                .hasSize(3).allSatisfy(t -> assertThat(t.origin()).isEqualTo("distro"));
        assertThat(both.stream().map(DiscoveredToolchain::goroot).distinct().count()).isEqualTo(both.size());
    }

    @Test
    void reportsBrokenInstallsWithWhatIsMissing() throws IOException {
        Path home = tmp.resolve("home");
        Path noBinary = FakeGoroots.create(home.resolve("sdk/go1.22.0"), "go1.22.0");
        Files.delete(noBinary.resolve("bin/go"));
        Path noStd = FakeGoroots.create(home.resolve("sdk/go1.22.1"), "go1.22.1");
        Files.delete(noStd.resolve("src/runtime"));
        // no VERSION: the version comes from `go version` (here a fake boringcrypto build)
        Path noVersion = home.resolve("sdk/go1.22.2");
        FakeGoroots.create(noVersion, "go1.22.2");
        Files.delete(noVersion.resolve("VERSION"));
        FakeGoroots.goScript(noVersion, "go1.22.2 X:boringcrypto", "linux/amd64");
        Path garbage = FakeGoroots.create(home.resolve("sdk/go1.22.3"), "\u001b[31mdevel\u0007 +abc");
        Path empty = FakeGoroots.create(home.resolve("sdk/go1.22.4"), "go1.22.4");
        Files.write(empty.resolve("VERSION"), new byte[0]);

        Map<String, DiscoveredToolchain> found = byGoroot(ToolchainDiscoverer.of(List.of(new GolangDlDiscovery()))
                .discover(unix(Map.of())));

        assertThat(found.get(noBinary.toString()).problems()).singleElement().asString().contains("no go in");
        assertThat(found.get(noBinary.toString()).toolchain()).isEmpty();
        assertThat(found.get(noStd.toString()).problems()).singleElement().asString().contains("src/runtime");
        DiscoveredToolchain boring = found.get(noVersion.toString());
        assertThat(boring.reported()).isEqualTo("go1.22.2 X:boringcrypto");
        assertThat(boring.version()).contains(GoVersion.parse("1.22.2"));
        assertThat(boring.problems()).containsExactly("no VERSION file");
        DiscoveredToolchain devel = found.get(garbage.toString());
        assertThat(devel.reported()).isEqualTo("\\u001b[31mdevel\\u0007 +abc").doesNotContain("\u001b");
        assertThat(devel.version()).isEmpty();
        assertThat(devel.problems()).singleElement().asString().startsWith("VERSION names no release");
        assertThat(found.get(empty.toString()).problems()).contains("VERSION is unreadable or empty");
    }

    @Test
    void discoveryChangesNothingItFinds() throws IOException {
        Path goroot = FakeGoroots.create(tmp.resolve("home/.goenv/versions/1.22.5"), "go1.22.5");
        Function<Path, List<String>> snapshot = dir -> {
            try (var files = Files.walk(dir)) {
                return files.map(p -> {
                    try {
                        return p + " " + Files.getLastModifiedTime(p) + " " + (Files.isRegularFile(p) ? Files.size(p) : -1);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).sorted().toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        List<String> before = snapshot.apply(tmp);
        assertThat(ToolchainDiscoverer.load().discover(unix(Map.of("PATH", goroot.resolve("bin").toString()))))
                .hasSize(1).first().satisfies(t -> assertThat(t.origin()).isEqualTo("goenv"));
        assertThat(snapshot.apply(tmp)).isEqualTo(before);
    }

    @Test
    void aThrowingProviderIsSkipped() throws IOException {
        FakeGoroots.create(tmp.resolve("home/.gvm/gos/go1.22.5"), "go1.22.5");
        ToolchainDiscovery broken = new ToolchainDiscovery() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public List<Path> candidates(DiscoveryContext context) {
                throw new IllegalStateException("boom");
            }
        };
        assertThat(ToolchainDiscoverer.of(List.of(broken, new GvmDiscovery())).discover(unix(Map.of())))
                .extracting(DiscoveredToolchain::origin).containsExactly("gvm");
    }
}
