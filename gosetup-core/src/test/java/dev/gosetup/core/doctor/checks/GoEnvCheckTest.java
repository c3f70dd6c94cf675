package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-env against the real go env of real toolchains, with settings in the environment and in Go's env file. */
class GoEnvCheckTest {
    @TempDir
    Path tmp;

    private LocalGoroot newest() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        return gos.get(gos.size() - 1);
    }

    /** A user with go on PATH, no Go variables, and Go's env file at tmp/config/go/env. */
    private Map<String, String> env(LocalGoroot go) {
        return DoctorTestEnv.user(tmp, go.goroot().resolve("bin"));
    }

    private Path envFile(String content) throws Exception {
        Path file = DoctorTestEnv.envFile(tmp);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static CheckResult check(Map<String, String> env) {
        return new GoEnvCheck().check(CheckContext.of(env));
    }

    @Test
    void goDefaultsPassAndGotoolchainIsReportedNotWarnedAbout() {
        LocalGoroot go = newest();
        CheckResult r = check(env(go));
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).isEqualTo("modules on, GOPROXY https://proxy.golang.org,direct, GOSUMDB sum.golang.org, "
                + "GOTOOLCHAIN auto");
        assertThat(r.details()).containsEntry("GOPROXY", "https://proxy.golang.org,direct (go's default)")
                .containsEntry("env file", tmp.resolve("config/go/env").toString());
        assertThat(r.details().get("GOTOOLCHAIN")).startsWith("auto (go's default): go downloads the newer toolchain");
    }

    @Test
    void go111moduleOffFailsAndAutoWarnsWithTheCommandForWhereItIsSet() throws Exception {
        LocalGoroot go = newest();
        Map<String, String> env = env(go);
        env.put("GO111MODULE", "off");
        CheckResult off = check(env);
        assertThat(off.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(off.summary()).isEqualTo("GO111MODULE=off (from the environment): go ignores go.mod files and builds "
                + "in GOPATH mode");
        assertThat(off.hints().get(0)).isEqualTo("unset GO111MODULE");

        Path file = envFile("GO111MODULE=auto\n");
        CheckResult auto = check(env(go));
        assertThat(auto.status()).isEqualTo(CheckStatus.WARN);
        assertThat(auto.summary()).startsWith("GO111MODULE=auto (from Go's env file " + file + ")");
        assertThat(auto.hints()).containsExactly("go env -u GO111MODULE");
    }

    @Test
    void aMalformedGoproxyEntryFailsNamingItAndSchemelessOrEmptyEntriesWarn() throws Exception {
        LocalGoroot go = newest();
        Map<String, String> env = env(go);
        env.put("GOPROXY", "https://goproxy.example|foo,direct");
        CheckResult bad = check(env);
        assertThat(bad.status()).as(bad.toString()).isEqualTo(CheckStatus.FAIL);
        assertThat(bad.summary()).contains("\"foo\"").contains("missing scheme");
        assertThat(bad.hints()).containsExactly("export GOPROXY=\"https://proxy.golang.org,direct\"");

        envFile("GOPROXY=goproxy.example,,direct\n");
        CheckResult lax = check(env(go));
        assertThat(lax.status()).as(lax.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(lax.summary()).isEqualTo("GOPROXY entry \"goproxy.example\" has no scheme; go reads it as "
                + "https://goproxy.example; GOPROXY=goproxy.example,,direct has an empty entry, which go skips");
        assertThat(lax.hints()).containsExactly("go env -w GOPROXY=https://goproxy.example,direct");

    }

    @Test
    void aGoproxyWithCredentialsFailsWithTheNetrcFixAndItsPasswordIsNeverReported() throws Exception {
        // Issue 10: the doctor's summary, details and hints (text, JSON, JUnit reports, -o files)
        // quoted GOPROXY raw, password included.
        LocalGoroot go = newest();
        envFile("GOPROXY=https://alice:S3cretPASS@file.example/go,direct\n");
        Map<String, String> env = env(go);
        env.put("GOPROXY", "https://alice:S3cretPASS@goproxy.example,,direct");

        CheckResult r = check(env);

        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).contains("https://***@goproxy.example holds credentials")
                .contains("GOPROXY=https://***@file.example/go,direct in Go's env file is shadowed");
        assertThat(r.hints()).anyMatch(h -> h.contains("~/.netrc (machine goproxy.example"));
        assertThat(r.summary() + r.details() + r.hints()).doesNotContain("S3cretPASS");
    }

    @Test
    void gosumdbOffWarnsUnlessPrivateModulesExplainIt() {
        LocalGoroot go = newest();
        Map<String, String> env = env(go);
        env.put("GOSUMDB", "off");
        CheckResult off = check(env);
        assertThat(off.status()).isEqualTo(CheckStatus.WARN);
        assertThat(off.summary()).isEqualTo("GOSUMDB=off (from the environment): no downloaded module is checked "
                + "against the checksum database, public ones included");
        assertThat(off.hints()).contains("unset GOSUMDB", "to keep private modules out of the checksum database, "
                + "name them instead: go env -w GOPRIVATE=example.com/private (or GONOSUMDB)");

        // GOPRIVATE keeps the private modules out already; GOSUMDB=off still turns off every public check.
        env.put("GOPRIVATE", "git.corp.example/*");
        CheckResult privateModules = check(env);
        assertThat(privateModules.status()).as(privateModules.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(privateModules.hints()).contains("unset GOSUMDB", "GOPRIVATE=git.corp.example/* already keeps the "
                + "private modules out of the checksum database; GOSUMDB=off is not needed for them");
    }

    @Test
    void goflagsGoRefusesFailWithGosOwnWords() throws Exception {
        LocalGoroot go = newest();
        String seed = "-gcflags='all=-N -l'";
        // In Go's env file: go version fails too, so go-found names GOFLAGS instead of a broken toolchain.
        envFile("GOFLAGS=" + seed + "\n");
        Map<String, String> env = env(go);
        CheckResult found = new GoFoundCheck().check(CheckContext.of(env));
        assertThat(found.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(found.summary()).startsWith("go refuses GOFLAGS=" + seed + " (from Go's env file")
                .endsWith("go: parsing $GOFLAGS: unknown flag -l'");
        assertThat(found.hints()).contains("go env -u GOFLAGS").noneMatch(h -> h.contains("install"));
        CheckResult r = check(env);
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).contains("GOFLAGS=" + seed).contains("go: parsing $GOFLAGS: unknown flag -l'");

        // In the environment: the hint is the one for the environment.
        Files.delete(DoctorTestEnv.envFile(tmp));
        env.put("GOFLAGS", seed);
        CheckResult fromEnvironment = check(env);
        assertThat(fromEnvironment.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(fromEnvironment.summary()).contains("(from the environment)").contains("unknown flag -l'");
        assertThat(fromEnvironment.hints()).contains("unset GOFLAGS");

        env.put("GOFLAGS", "-mod=mod -modcacherw");
        assertThat(check(env).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aPinnedGotoolchainWarnsWithoutDownloadingAnything() {
        LocalGoroot go = newest();
        Map<String, String> env = env(go);
        env.put("GOTOOLCHAIN", "go1.99.0");
        env.put("GOPROXY", "off"); // any download attempt would fail the check instead of warning
        CheckResult r = check(env);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).isEqualTo("GOTOOLCHAIN=go1.99.0 (from the environment): every go command runs go1.99.0, "
                + "downloading it first, instead of " + go.version());
        assertThat(r.hints()).first().isEqualTo("unset GOTOOLCHAIN");
    }

    @Test
    void anOldGoWithoutGotoolchainStillPasses() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot oldest = gos.get(0);
        CheckResult r = check(env(oldest));
        assertThat(r.status()).as(r.toString()).isNotIn(CheckStatus.FAIL, CheckStatus.ERROR);
        if (GoVersion.parse(oldest.version()).compareTo(GoVersion.parse("go1.21")) < 0) {
            assertThat(r.details().get("GOTOOLCHAIN")).isEqualTo("not supported by " + oldest.version());
        }
    }

    @Test
    void anEnvFileValueShadowedByTheEnvironmentWarns() throws Exception {
        LocalGoroot go = newest();
        Path file = envFile("GOPROXY=https://file.example,direct\nGOFLAGS=-mod=mod\n");
        Map<String, String> env = env(go);
        env.put("GOPROXY", "https://env.example,direct");
        CheckResult r = check(env);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).isEqualTo("GOPROXY=https://file.example,direct in Go's env file is shadowed by the "
                + "environment's GOPROXY=https://env.example,direct");
        assertThat(r.hints()).containsExactly("unset GOPROXY (and remove it from your shell profile) to use the file's value",
                "or go env -u GOPROXY to drop the file's value");
        assertThat(r.details()).containsEntry("env file", file.toString());

        Toolchain t = new Toolchain(GoVersion.parse(go.version()), Platform.current(), go.goroot());
        CheckResult configured = new GoEnvCheck().check(CheckContext.of(env(go))
                .withGoEnvironment(GoEnvironment.of(t).with("GOPROXY", "https://env.example,direct")));
        assertThat(configured.status()).as("a configured environment's variables shadow the file too")
                .isEqualTo(CheckStatus.WARN);
    }
}
