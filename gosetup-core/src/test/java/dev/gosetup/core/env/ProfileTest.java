package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.install.LoopbackInstaller;
import dev.gosetup.core.internal.GoUserDirectories;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
    private static final Platform LINUX = Platform.parse("linux/amd64");
    private static final Path USER_HOME = Path.of("/home/fallback");

    @TempDir
    Path dir;

    @Test
    void devOnLinuxFollowsHomeAndXdgCacheHome() {
        Profile p = Profile.dev(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/xdg/cache"), LINUX, USER_HOME);
        assertThat(p.name()).isEqualTo("dev");
        assertThat(p.gopath()).isEqualTo(Path.of("/home/u/go"));
        assertThat(p.gocache()).isEqualTo(Path.of("/xdg/cache/go-build"));
        assertThat(p.gomodcache()).isEqualTo(Path.of("/home/u/go/pkg/mod"));
        assertThat(p.gobin()).isEqualTo(Path.of("/home/u/go/bin"));

        assertThat(Profile.dev(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "relative"), LINUX, USER_HOME).gocache())
                .isEqualTo(Path.of("/home/u/.cache/go-build"));
        assertThat(Profile.dev(Map.of(), LINUX, USER_HOME).gopath()).isEqualTo(Path.of("/home/fallback/go"));
    }

    @Test
    void devOnMacosAndWindowsUseTheirCacheDirectories() {
        assertThat(Profile.dev(Map.of("HOME", "/Users/u", "XDG_CACHE_HOME", "/ignored"), Platform.parse("darwin/arm64"),
                USER_HOME).gocache()).isEqualTo(Path.of("/Users/u/Library/Caches/go-build"));
        // Paths in the same syntax as the test's file system; the logic is what is under test.
        Profile windows = Profile.dev(Map.of("USERPROFILE", "/Users/u", "HOME", "/ignored", "LocalAppData", "/Local"),
                Platform.parse("windows/amd64"), USER_HOME);
        assertThat(windows.gopath()).isEqualTo(Path.of("/Users/u/go"));
        assertThat(windows.gocache()).isEqualTo(Path.of("/Local/go-build"));
        assertThat(Profile.dev(Map.of("USERPROFILE", "/Users/u"), Platform.parse("windows/amd64"), USER_HOME).gocache())
                .isEqualTo(Path.of("/Users/u/AppData/Local/go-build"));
    }

    @Test
    void devMatchesWhatTheRealGoComputes() throws Exception {
        Toolchain go = LoopbackInstaller.ensure(LoopbackInstaller.mirror().newest());
        for (boolean xdg : new boolean[] {false, true}) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("HOME", dir.resolve("home").toString());
            env.remove("XDG_CACHE_HOME");
            if (xdg) {
                env.put("XDG_CACHE_HOME", dir.resolve("xdg-cache").toString());
            }
            env.put("XDG_CONFIG_HOME", dir.resolve("config").toString()); // keep telemetry out of the real home
            GoUserDirectories.turnTelemetryOff(dir.resolve("config")); // and no telemetry child writing into dir
            Profile dev = Profile.dev(env, Platform.current(), USER_HOME);

            Map<String, String> real = GoRunner.of(GoEnvironment.of(go).with("GOTOOLCHAIN", "local"), env).in(dir).goEnv();

            assertThat(real).containsEntry("GOPATH", dev.gopath().toString())
                    .containsEntry("GOCACHE", dev.gocache().toString())
                    .containsEntry("GOMODCACHE", dev.gomodcache().toString());
        }
    }

    @Test
    void ciAndNamedProfilesLiveUnderTheGosetupHome() {
        Profile ci = Profile.ci(dir);
        assertThat(ci.name()).isEqualTo("ci");
        assertThat(ci.gopath()).isEqualTo(dir.resolve("profiles/ci/go"));
        assertThat(ci.gocache()).isEqualTo(dir.resolve("profiles/ci/cache/go-build"));
        assertThat(ci.gomodcache()).isEqualTo(dir.resolve("profiles/ci/go/pkg/mod"));
        assertThat(ci.gobin()).isEqualTo(dir.resolve("profiles/ci/go/bin"));
        assertThat(Profile.named("nightly", dir).gopath()).isEqualTo(dir.resolve("profiles/nightly/go"));
        assertThat(ci.variables()).containsOnlyKeys("GOPATH", "GOCACHE", "GOMODCACHE", "GOBIN");
    }

    @Test
    void badNamesAndDevAsACustomNameAreRefused() {
        for (String bad : new String[] {"", "Dev", "../x", "a/b", ".hidden", "x".repeat(65)}) {
            assertThatThrownBy(() -> Profile.named(bad, dir)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a profile name");
        }
        assertThatThrownBy(() -> Profile.named("dev", dir)).hasMessageContaining("Profile.dev()");
    }

    @Test
    void gobinSharedAcrossVersionsAndNeverInsideAGoroot() {
        Path goroot = dir.resolve("toolchains/go1.22.5.linux-amd64");
        Toolchain t = new Toolchain(GoVersion.parse("go1.22.5"), LINUX, goroot);
        Toolchain u = new Toolchain(GoVersion.parse("go1.23.1"), LINUX, dir.resolve("toolchains/go1.23.1.linux-amd64"));
        Profile ci = Profile.ci(dir);
        assertThat(ci.environment(t).get("GOBIN")).isEqualTo(ci.environment(u).get("GOBIN"));
        assertThat(ci.environment(t).pathEntries()).containsExactly(goroot.resolve("bin"), ci.gobin());
        assertThatThrownBy(() -> Profile.at("inside", goroot.resolve("profile")).environment(t))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("inside the GOROOT of go1.22.5");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void createsOwnerOnlyDirectoriesReportsATooOpenGopathAndRepairsIt() throws Exception {
        Profile ci = Profile.ci(dir);

        PermissionReport created = ci.create();

        assertThat(created.ok()).as(created.toString()).isTrue();
        for (Path p : ci.directories()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("profiles/ci/cache"))))
                .isEqualTo("rwx------");

        Files.setPosixFilePermissions(ci.gopath(), PosixFilePermissions.fromString("rwxrwxrwx"));
        PermissionReport open = ci.check();

        assertThat(open.ok()).isFalse();
        assertThat(open.problems()).singleElement().satisfies(c -> {
            assertThat(c.directory()).isEqualTo(ci.gopath());
            assertThat(c.permissions()).isEqualTo("rwxrwxrwx");
            assertThat(c.problem()).isEqualTo(DirectoryCheck.Problem.TOO_OPEN);
            assertThat(c.detail()).contains("other users may write to").contains("chmod 700");
            assertThat(c.repairable()).isTrue();
        });

        PermissionReport repaired = ci.repair();

        assertThat(repaired.ok()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ci.gopath()))).isEqualTo("rwx------");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void reportsMissingDirectoriesAndFilesInTheWay() throws Exception {
        Profile p = Profile.at("custom", dir.resolve("root"));
        Files.createDirectories(p.gopath());
        Files.setPosixFilePermissions(p.gopath(), PosixFilePermissions.fromString("r-x------"));
        Files.createDirectories(p.gocache().getParent());
        Files.writeString(p.gocache(), "not a directory");

        PermissionReport report = p.check();

        assertThat(report.directories()).extracting(DirectoryCheck::problem).containsExactly(
                DirectoryCheck.Problem.OWNER_LACKS_ACCESS, DirectoryCheck.Problem.NOT_A_DIRECTORY,
                DirectoryCheck.Problem.MISSING, DirectoryCheck.Problem.MISSING);
        PermissionReport repaired = p.repair();
        assertThat(repaired.problems()).singleElement()
                .satisfies(c -> assertThat(c.problem()).isEqualTo(DirectoryCheck.Problem.NOT_A_DIRECTORY));
        assertThat(p.gomodcache()).isDirectory();
    }
}
