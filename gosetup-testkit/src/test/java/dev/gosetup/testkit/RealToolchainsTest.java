package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealToolchainsTest {

    @TempDir
    Path temp;

    @Test
    void tooFewToolchainsFailInCiNamingThePackagesToInstall() {
        List<LocalGoroot> one = List.of(new LocalGoroot(temp, "go1.22.12"));

        assertThatThrownBy(() -> RealToolchains.require(2, one, Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("at least 2")
                .hasMessageContaining(".ci/install-toolchains.sh")
                .hasMessageContaining("golang-1.19-go")
                .hasMessageContaining("golang-1.23-go")
                .hasMessageContaining("GOSETUP_TEST_GOROOTS")
                .hasMessageContaining("go1.22.12");
    }

    @Test
    void tooFewToolchainsAbortTheTestOutsideCi() {
        assertThatThrownBy(() -> RealToolchains.require(1, List.of(), Map.of()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(".ci/install-toolchains.sh");
        assertThatThrownBy(() -> RealToolchains.require(1, List.of(), Map.of("CI", "false")))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void requireCountsDistinctVersionsKeepsTheFirstFoundAndSortsThem() {
        LocalGoroot fromEnv = new LocalGoroot(temp.resolve("env"), "go1.22.12");
        LocalGoroot system = new LocalGoroot(temp.resolve("system"), "go1.22.12");
        LocalGoroot older = new LocalGoroot(temp.resolve("old"), "go1.19.8");

        assertThat(RealToolchains.require(2, List.of(fromEnv, system, older), Map.of()))
                .containsExactly(older, fromEnv);
        assertThatThrownBy(() -> RealToolchains.require(2, List.of(fromEnv, system), Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void discoveryReadsTheEnvironmentListDeduplicatesByRealPathAndSkipsBrokenDirectories() throws Exception {
        Path good = Fixtures.fakeGoroot(temp, "go1.30.1");
        Path alias = Files.createSymbolicLink(temp.resolve("alias"), good);
        Path noVersion = Fixtures.fakeGoroot(temp, "go1.30.2");
        Files.delete(noVersion.resolve("VERSION"));
        Path noGo = Fixtures.fakeGoroot(temp, "go1.30.3");
        Files.delete(noGo.resolve("bin/go"));
        String list = String.join(File.pathSeparator, good.toString(), alias.toString(), noVersion.toString(),
                noGo.toString(), temp.resolve("missing").toString(), "");
        Path emptySystemDir = Files.createDirectories(temp.resolve("usr-lib"));

        List<LocalGoroot> found = RealToolchains.discover(
                Map.of("GOSETUP_TEST_GOROOTS", list, "PATH", ""), emptySystemDir);

        assertThat(found).containsExactly(new LocalGoroot(good, "go1.30.1"));
    }

    @Test
    void discoveryAsksTheGoOnPathForItsGorootWithoutToolchainSwitching() throws Exception {
        Path goroot = Fixtures.fakeGoroot(temp, "go1.31.0");
        Path bin = Files.createDirectories(temp.resolve("path-bin"));
        Path go = bin.resolve("go");
        Files.writeString(go, "#!/bin/sh\n"
                + "if [ \"$1 $2\" = \"env GOROOT\" ] && [ \"$GOTOOLCHAIN\" = local ]; then echo '" + goroot + "'; "
                + "else echo wrong; exit 3; fi\n");
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path emptySystemDir = Files.createDirectories(temp.resolve("usr-lib"));

        List<LocalGoroot> found = RealToolchains.discover(
                Map.of("PATH", temp.resolve("nothing-here") + File.pathSeparator + bin), emptySystemDir);

        assertThat(found).containsExactly(new LocalGoroot(goroot, "go1.31.0"));
    }

    @Test
    void discoveryGlobsGoDirectoriesOfTheSystemDirectoryAndSortsByVersion() throws Exception {
        Path system = Files.createDirectories(temp.resolve("usr-lib"));
        Path v10 = Files.move(Fixtures.fakeGoroot(temp, "go1.10.1"), system.resolve("go-1.10"));
        Path v9 = Files.move(Fixtures.fakeGoroot(temp, "go1.9.7"), system.resolve("go-1.9"));
        Path broken = Files.move(Fixtures.fakeGoroot(temp, "go1.11.0"), system.resolve("go-1.11"));
        Files.delete(broken.resolve("VERSION"));
        Files.move(Fixtures.fakeGoroot(temp, "go1.12.0"), system.resolve("golang-other"));

        List<LocalGoroot> found = RealToolchains.discover(Map.of("PATH", ""), system);

        assertThat(found).containsExactly(new LocalGoroot(v9, "go1.9.7"), new LocalGoroot(v10, "go1.10.1"));
    }

    @Test
    void realDiscoveryFindsUsableToolchains() throws Exception {
        List<LocalGoroot> toolchains = RealToolchains.require(1);

        assertThat(toolchains).isSortedAccordingTo(LocalGoroot.BY_VERSION);
        for (LocalGoroot toolchain : toolchains) {
            assertThat(toolchain.goBinary()).isExecutable();
            assertThat(Files.readAllLines(toolchain.goroot().resolve("VERSION")).get(0).strip())
                    .isEqualTo(toolchain.version());
        }
        assertThat(RealToolchains.discover()).isSameAs(RealToolchains.discover());
    }

    @Test
    void readRejectsDirectoriesThatAreNoGoroot() {
        assertThatThrownBy(() -> LocalGoroot.read(temp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bin/go")
                .hasMessageContaining(temp.toString());
        assertThatThrownBy(() -> new LocalGoroot(temp, "1.22"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
