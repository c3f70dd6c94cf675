package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.env.PrivateDirectories;
import dev.gosetup.core.env.Profile;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.Unwritable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-directories against the real go env of a real toolchain and real directories. */
class GoDirectoriesCheckTest {
    @TempDir
    Path tmp;

    private Profile profile;

    /** The context: the newest toolchain with a profile's directories under tmp/p. */
    private CheckContext context(String... parameters) {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        Toolchain t = new Toolchain(GoVersion.parse(go.version()), Platform.current(), go.goroot());
        profile = Profile.at("test", tmp.resolve("p"));
        Map<String, String> env = DoctorTestEnv.user(tmp, go.goroot().resolve("bin"));
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            p.put(parameters[i], parameters[i + 1]);
        }
        return CheckContext.of(env).withGoEnvironment(profile.environment(t)).withParameters(p);
    }

    @Test
    void ownerOnlyWritableDirectoriesWithRoomPass() {
        CheckContext c = context("min-free-mb", "1");
        profile.create();
        CheckResult r = new GoDirectoriesCheck().check(c);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).isEqualTo("GOPATH, GOCACHE and GOMODCACHE are writable and owner-only, with at least "
                + "1 MiB free");
        assertThat(r.details().get("GOPATH")).startsWith(profile.gopath() + " (rwx------, ").endsWith(" MiB free)");
        assertThat(r.details()).containsKeys("GOCACHE", "GOMODCACHE");
    }

    @Test
    void missingDirectoriesWarnWithTheMkdirThatCreatesThem() {
        CheckContext c = context("min-free-mb", "1");
        CheckResult r = new GoDirectoriesCheck().check(c);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).startsWith("GOPATH " + profile.gopath() + " does not exist yet (go creates it on first use)");
        assertThat(r.hints()).contains("create it owner-only: mkdir -p -m 700 " + profile.gopath(),
                "create it owner-only: mkdir -p -m 700 " + profile.gocache());
    }

    @Test
    void aFileInTheWayFailsAndAnOpenDirectoryWarnsWithChmod700() throws Exception {
        CheckContext c = context("min-free-mb", "1");
        profile.create();
        Files.delete(profile.gocache());
        Files.writeString(profile.gocache(), "not a directory");
        Files.setPosixFilePermissions(profile.gopath(), PosixFilePermissions.fromString("rwxr-xr-x"));
        CheckResult r = new GoDirectoriesCheck().check(c);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).contains("GOPATH " + profile.gopath() + " is rwxr-xr-x: other users may read it")
                .contains("GOCACHE " + profile.gocache() + " is not a directory, so go cannot write there");
        assertThat(r.hints()).contains("chmod 700 " + profile.gopath(),
                "move it away: mv " + profile.gocache() + " " + profile.gocache() + ".bak");
    }

    @Test
    void anUnwritableDirectoryFails() throws Exception {
        CheckContext c = context("min-free-mb", "1");
        profile.create();
        try (Unwritable ignored = Unwritable.make(profile.gomodcache())) {
            CheckResult r = new GoDirectoriesCheck().check(c);
            assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
            assertThat(r.summary()).contains("GOMODCACHE " + profile.gomodcache() + " is not writable by "
                    + System.getProperty("user.name"));
        }
    }

    @Test
    void lessFreeSpaceThanTheThresholdFailsOncePerFileSystemWithGoClean() throws Exception {
        PrivateDirectories.create(tmp.resolve("p"));
        long usableMb = Files.getFileStore(tmp).getUsableSpace() / (1024 * 1024);
        CheckContext c = context("min-free-mb", String.valueOf(usableMb + 1_000_000));
        profile.create();
        CheckResult r = new GoDirectoriesCheck().check(c);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).startsWith("only ").contains(" MiB free for GOPATH " + profile.gopath())
                .doesNotContain("for GOCACHE");
        assertThat(r.hints()).contains("free space: go clean -cache (the build cache), go clean -modcache (downloaded "
                + "modules)");
    }

    @Test
    void aBadThresholdIsAnErrorNamingTheParameter() {
        CheckResult r = new GoDirectoriesCheck().check(context("min-free-mb", "lots"));
        assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(r.summary()).contains("\"min-free-mb\"").contains("\"lots\"");
    }

    @Test
    void gocacheOffIsReportedNotChecked() {
        CheckContext c = context("min-free-mb", "1");
        profile.create();
        CheckResult r = new GoDirectoriesCheck().check(c.withGoEnvironment(c.goEnvironment().orElseThrow()
                .with("GOCACHE", "off")));
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.details()).containsEntry("GOCACHE", "off: the build cache is disabled");
    }
}
