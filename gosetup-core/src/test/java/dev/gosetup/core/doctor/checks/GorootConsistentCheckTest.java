package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** goroot-consistent against real toolchains, a stale GOROOT in the environment and in Go's env file, and a wrapper. */
class GorootConsistentCheckTest {
    @TempDir
    Path tmp;

    /** The user's environment with go on PATH and no Go variables, Go's config and cache in the temp dir. */
    private Map<String, String> env(Path goBin) {
        return DoctorTestEnv.user(tmp, goBin);
    }

    private static CheckResult check(Map<String, String> env) {
        return new GorootConsistentCheck().check(CheckContext.of(env));
    }

    @Test
    void goFromItsOwnGorootPassesOnPathAndConfigured() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        CheckResult onPath = check(env(go.goroot().resolve("bin")));
        assertThat(onPath.status()).as(onPath.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(onPath.details()).containsEntry("GOROOT source", "go's default").doesNotContainKey("note");

        Toolchain t = new Toolchain(GoVersion.parse(go.version()), Platform.current(), go.goroot());
        CheckResult configured = new GorootConsistentCheck().check(CheckContext.of(env(tmp))
                .withGoEnvironment(GoEnvironment.of(t)));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(configured.summary()).isEqualTo("GOROOT " + go.goroot() + " is the one " + t.goBinary()
                + " belongs to");
    }

    @Test
    void aStaleGorootInTheEnvironmentFailsWithUnsetGoroot() throws Exception {
        List<LocalGoroot> gos = RealToolchains.require(2);
        LocalGoroot old = gos.get(0);
        LocalGoroot current = gos.get(gos.size() - 1);
        Map<String, String> env = env(current.goroot().resolve("bin"));
        env.put("GOROOT", old.goroot().toString());

        CheckResult r = check(env);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).isEqualTo("GOROOT is set to " + old.goroot() + " (" + old.version()
                + ", in the environment) but " + current.goBinary() + " belongs to " + current.goroot() + " ("
                + current.version() + "); builds fail with \"compile: version ... does not match go tool version ...\"");
        assertThat(r.hints().get(0)).isEqualTo("unset GOROOT");
        assertThat(r.hints().get(1)).startsWith("and remove the line that sets GOROOT from your shell profile");

        // what the check predicts is what really happens
        Path module = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(module.resolve("go.mod"), "module example.com/m\n\ngo 1.18\n");
        Files.writeString(module.resolve("main.go"), "package main\n\nfunc main() {}\n");
        env.put("GOTOOLCHAIN", "local");
        ProcessResult build = ProcessRunner.run(List.of(current.goBinary().toString(), "build", "."), module,
                ProcessRunner.exactly(env), Duration.ofMinutes(2), new CancellationToken());
        assertThat(build.succeeded()).isFalse();
        assertThat(build.stderr()).contains("does not match go tool version");
    }

    @Test
    void aStaleGorootInGosEnvFileFailsWithGoEnvU() throws Exception {
        List<LocalGoroot> gos = RealToolchains.require(2);
        LocalGoroot old = gos.get(0);
        LocalGoroot current = gos.get(gos.size() - 1);
        Map<String, String> env = env(current.goroot().resolve("bin"));
        Path file = Files.writeString(DoctorTestEnv.envFile(tmp), "GOROOT=" + old.goroot() + "\n");
        CheckResult r = check(env);
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.details()).containsEntry("GOROOT source", "Go's env file " + file);
        assertThat(r.hints()).first().isEqualTo("go env -u GOROOT");
    }

    @Test
    void aGorootThatDoesNotExistFailsGoFoundWithUnsetGoroot() {
        List<LocalGoroot> gos = RealToolchains.require(1);
        Map<String, String> env = env(gos.get(0).goroot().resolve("bin"));
        env.put("GOROOT", tmp.resolve("gone").toString());
        CheckResult r = new GoFoundCheck().check(CheckContext.of(env));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).contains("cannot find GOROOT directory");
        assertThat(r.hints()).contains("unset GOROOT");
    }

    @Test
    void aWrapperOutsideGorootBinWarns() throws Exception {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        Path bin = Files.createDirectories(tmp.resolve("shims"));
        Path wrapper = Files.writeString(bin.resolve("go"), "#!/bin/sh\nexec " + go.goBinary() + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        CheckResult r = check(env(bin));
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).isEqualTo(wrapper + " is not in its GOROOT's bin directory "
                + go.goroot().toRealPath().resolve("bin") + " (a wrapper script or a copy?)");
        assertThat(r.hints()).containsExactly("put it first on PATH: export PATH=\"" + go.goroot().toRealPath()
                .resolve("bin") + ":$PATH\"");

        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("go"), go.goBinary());
        assertThat(check(env(links)).status()).as("a link into GOROOT/bin is fine").isEqualTo(CheckStatus.PASS);
    }
}
