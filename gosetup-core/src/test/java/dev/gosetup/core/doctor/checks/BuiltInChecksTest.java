package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-found, go-shadowing and build-and-serve against the real toolchains and real directories. */
class BuiltInChecksTest {
    @TempDir
    Path tmp;

    private static Toolchain toolchain(LocalGoroot g) {
        return new Toolchain(GoVersion.parse(g.version()), Platform.current(), g.goroot());
    }

    private static CheckContext withPath(String path) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", path);
        return CheckContext.of(env);
    }

    @Test
    void theBuiltInsAreRegisteredForServiceLoader() {
        ProviderRegistry<ReadinessCheck> registry = ProviderRegistry.load(ReadinessCheck.class);
        assertThat(registry.all()).extracting(ReadinessCheck::id)
                .contains(GoFoundCheck.ID, GoShadowingCheck.ID, BuildAndServeCheck.ID, ModuleProxyCheck.ID,
                        GorootConsistentCheck.ID, GoEnvCheck.ID, GoDirectoriesCheck.ID);
        assertThat(registry.all()).filteredOn(c -> List.of(GorootConsistentCheck.ID, GoEnvCheck.ID,
                GoDirectoriesCheck.ID).contains(c.id())).allSatisfy(c -> assertThat(c.prerequisites())
                        .containsExactly(GoFoundCheck.ID));
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void goFoundPassesForAConfiguredToolchainAndForGoOnPath() {
        List<LocalGoroot> gos = RealToolchains.require(2);
        LocalGoroot newest = gos.get(gos.size() - 1);
        CheckResult configured = new GoFoundCheck().check(withPath("/usr/bin:/bin")
                .withGoEnvironment(GoEnvironment.of(toolchain(newest))));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(configured.summary()).isEqualTo(newest.version() + " at " + newest.goroot().resolve("bin/go"));
        assertThat(configured.details()).containsEntry("found via", "the configured toolchain");

        CheckResult onPath = new GoFoundCheck().check(withPath(newest.goroot().resolve("bin") + ":/usr/bin"));
        assertThat(onPath.status()).isEqualTo(CheckStatus.PASS);
        assertThat(onPath.details()).containsEntry("found via", "PATH").containsEntry("version", newest.version());
    }

    @Test
    void goFoundFailsWithTheCommandThatFixesItWhenThereIsNoGo() {
        CheckResult r = new GoFoundCheck().check(withPath(tmp + ":/usr/bin:/bin"));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).isEqualTo("go was not found: no toolchain is configured and there is no go on PATH");
        assertThat(r.hints()).containsExactly("install Go: gosetup install latest",
                "put it on PATH: export PATH=\"$(gosetup which latest)/bin:$PATH\"");
    }

    @Test
    void goFoundFailsBelowTheMinimum() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot oldest = gos.get(0);
        GoVersion v = GoVersion.parse(oldest.version());
        String above = "1." + (v.minor() + 1);
        CheckResult r = new GoFoundCheck().check(withPath("/usr/bin").withGoEnvironment(GoEnvironment.of(toolchain(oldest)))
                .withParameters(Map.of("minimum", above)));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).endsWith("is older than the minimum go" + above);
        assertThat(r.hints()).contains("install a newer Go: gosetup install latest");
        CheckResult bad = new GoFoundCheck().check(withPath("/usr/bin").withParameters(Map.of("minimum", "one")));
        assertThat(bad.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(bad.summary()).contains("\"minimum\"").contains("\"one\"");
    }

    @Test
    void goFoundFailsForABrokenToolchainDirectory() throws Exception {
        Toolchain empty = new Toolchain(GoVersion.parse("go1.22.5"), Platform.current(), tmp.resolve("empty"));
        Files.createDirectories(empty.goroot());
        CheckResult missing = new GoFoundCheck().check(withPath("/usr/bin").withGoEnvironment(GoEnvironment.of(empty)));
        assertThat(missing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(missing.summary()).contains("has no linux go binary at " + empty.goBinary());
        assertThat(missing.hints()).containsExactly("reinstall it: gosetup install 1.22.5");

        Toolchain garbage = new Toolchain(GoVersion.parse("go1.22.5"), Platform.current(), tmp.resolve("garbage"));
        Files.createDirectories(garbage.goBinary().getParent());
        Files.write(garbage.goBinary(), new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3});
        Files.setPosixFilePermissions(garbage.goBinary(), PosixFilePermissions.fromString("rwxr-xr-x"));
        CheckResult broken = new GoFoundCheck().check(withPath("/usr/bin").withGoEnvironment(GoEnvironment.of(garbage)));
        assertThat(broken.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(broken.summary()).startsWith(garbage.goBinary() + " does not run: ");
    }

    @Test
    void shadowingWarnsAboutSeveralGoBinariesButCountsLinksToOneOnce() throws Exception {
        List<LocalGoroot> gos = RealToolchains.require(2);
        Path a = gos.get(0).goroot().resolve("bin");
        Path b = gos.get(1).goroot().resolve("bin");
        CheckResult two = new GoShadowingCheck().check(withPath(a + ":/usr/bin:" + b));
        assertThat(two.status()).isEqualTo(CheckStatus.WARN);
        assertThat(two.summary()).isEqualTo("2 different go binaries are on PATH; " + a.resolve("go") + " shadows the others");
        assertThat(two.details()).containsEntry("runs", a.resolve("go").toString())
                .containsEntry("shadowed 1", b.resolve("go").toString());
        assertThat(two.hints().get(0)).contains(b.toString());

        Path linkDir = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(linkDir.resolve("go"), a.resolve("go"));
        CheckResult linked = new GoShadowingCheck().check(withPath(linkDir + ":" + a));
        assertThat(linked.status()).isEqualTo(CheckStatus.PASS);
        assertThat(linked.summary()).isEqualTo("one go on PATH: " + linkDir.resolve("go") + " -> " + a.resolve("go").toRealPath());

        CheckResult notConfigured = new GoShadowingCheck().check(withPath(a.toString())
                .withGoEnvironment(GoEnvironment.of(toolchain(gos.get(1)))));
        assertThat(notConfigured.status()).isEqualTo(CheckStatus.WARN);
        assertThat(notConfigured.hints()).containsExactly("put " + b + " first on PATH");

        assertThat(new GoShadowingCheck().check(withPath(tmp.toString())).status()).isEqualTo(CheckStatus.SKIP);
    }

    @Test
    void buildAndServeBuildsTheFixedSeedServerAndGetsItsAnswer() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        assertThat(BuildAndServeCheck.MAIN_GO).contains("r *http.Request").doesNotContain(":8080");
        CheckResult r = new BuildAndServeCheck().check(withPath("/usr/bin:/bin")
                .withGoEnvironment(GoEnvironment.of(toolchain(go))));
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).matches("built a minimal HTTP server; GET http://127\\.0\\.0\\.1:\\d+/ answered "
                + "\"Go is ready!\" in \\d+ms");
        assertThat(r.details()).containsKeys("build time", "address");
    }

    @Test
    void buildAndServeFailsWithTheCompilerMessageWhenTheBuildFails() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        GoEnvironment broken = GoEnvironment.of(toolchain(gos.get(gos.size() - 1))).with("GOFLAGS", "-mod=bogus");
        CheckResult r = new BuildAndServeCheck().check(withPath("/usr/bin:/bin").withGoEnvironment(broken));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).startsWith("go build of a minimal HTTP server failed: ").contains("-mod");
        assertThat(r.details()).containsKey("output");
    }
}
