package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.RealToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gotoolchain-switch with the real go1.22 on PATH: each prediction is checked against what the
 * real go does in the same module with the same settings and {@code GOPROXY=off} (so nothing is
 * downloaded: go names the toolchain it would fetch in its error).
 */
class GoToolchainSwitchCheckTest {
    private static final Path GO122 = Path.of("/usr/lib/go-1.22/bin");

    @TempDir
    Path tmp;

    private Map<String, String> env;
    private Path module;
    private String local;

    @BeforeEach
    void setUp() throws Exception {
        RealToolchains.require(4);
        env = DoctorTestEnv.user(tmp, GO122);
        env.put("GOMODCACHE", tmp.resolve("modcache").toString());
        module = Files.createDirectories(tmp.resolve("work/module"));
        local = realGo(Map.of("GOTOOLCHAIN", "local"), tmp, "env", "GOVERSION").stdout().strip();
        assertThat(local).startsWith("go1.22.");
    }

    private CheckResult check() {
        return new GoToolchainSwitchCheck().check(CheckContext.of(env).withWorkingDirectory(module));
    }

    private ProcessResult realGo(Map<String, String> extra, Path dir, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GOPROXY", "off");
        all.putAll(extra);
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(GO122.resolve("go").toString()));
        command.addAll(java.util.List.of(args));
        return ProcessRunner.run(command, dir, ProcessRunner.exactly(all), Duration.ofSeconds(60), new CancellationToken());
    }

    private void goMod(String text) throws Exception {
        Files.writeString(module.resolve("go.mod"), text);
    }

    @Test
    void aNewerToolchainLineWarnsWithTheInstallCommandAndRealGoWouldDownloadExactlyThat() throws Exception {
        goMod("module example.com/m\r\n\r\ngo 1.21\r\n\r\ntoolchain go1.23.4 // pinned\r\n");

        CheckResult r = check();

        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).isEqualTo(module.resolve("go.mod") + ":5 (go 1.21, toolchain go1.23.4) makes " + local
                + " download go1.23.4 through GOPROXY on its next command");
        assertThat(r.hints()).containsExactly(
                "install it instead: gosetup install 1.23.4, and put its bin directory first on PATH",
                "or keep go from switching: go env -w GOTOOLCHAIN=local");
        assertThat(r.details()).containsEntry("GOTOOLCHAIN", "auto from go's default ($GOROOT/go.env)");
        ProcessResult real = realGo(Map.of(), module, "version");
        assertThat(real.succeeded()).isFalse();
        assertThat(real.stderr()).contains("go: downloading go1.23.4 (linux/amd64)");
    }

    @Test
    void aNewerLanguageVersionMeansItsDotZeroRelease() throws Exception {
        goMod("module example.com/m\n\ngo 1.23\n");
        CheckResult r = check();
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).contains("download go1.23.0 ");
        assertThat(r.hints().get(0)).startsWith("install it instead: gosetup install 1.23.0,");
        assertThat(realGo(Map.of(), module, "version").stderr()).contains("go: downloading go1.23.0 (linux/amd64)");
    }

    @Test
    void theGoLineWinsOverAnOlderToolchainLineAndTheModuleCacheCounts() throws Exception {
        goMod("module example.com/m\ngo 1.23.2\ntoolchain go1.23.1\n");
        assertThat(check().summary()).contains("go.mod:2 (go 1.23.2, toolchain go1.23.1) makes " + local
                + " download go1.23.2 ");
        assertThat(realGo(Map.of(), module, "version").stderr()).contains("go: downloading go1.23.2 (linux/amd64)");

        Files.createDirectories(tmp.resolve("modcache/golang.org/toolchain@v0.0.1-go1.23.2.linux-amd64"));
        CheckResult cached = check();
        assertThat(cached.status()).isEqualTo(CheckStatus.PASS);
        assertThat(cached.summary()).contains("switch to go1.23.2, already downloaded to ");
    }

    @Test
    void aModuleTheLocalGoServesPassesAndNoModuleSkips() throws Exception {
        CheckResult none = new GoToolchainSwitchCheck().check(CheckContext.of(env)
                .withWorkingDirectory(Files.createDirectories(tmp.resolve("empty"))));
        assertThat(none.status()).isEqualTo(CheckStatus.SKIP);

        goMod("module example.com/m\n\ngo 1.21\n\ntoolchain default\n");
        CheckResult r = check();
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).isEqualTo(local + " serves " + module.resolve("go.mod") + " (go 1.21, toolchain default)");
        assertThat(realGo(Map.of(), module, "env", "GOVERSION").stdout().strip()).isEqualTo(local);
    }

    @Test
    void goTooOldUnderGotoolchainLocalWarnsThatEveryCommandFails() throws Exception {
        goMod("module example.com/m\n\ngo 1.23.4\n");
        env.put("GOTOOLCHAIN", "local");
        CheckResult r = check();
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).isEqualTo(module.resolve("go.mod") + ":3 requires go >= 1.23.4 but " + local
                + " runs with GOTOOLCHAIN=local: every go command in this module fails");
        assertThat(r.hints()).containsExactly("install it: gosetup install 1.23.4, and put its bin directory first on PATH");
        assertThat(realGo(Map.of(), module, "build", "./...").stderr())
                .contains("go.mod requires go >= 1.23.4 (running go " + local.substring(2) + "; GOTOOLCHAIN=local)");
    }

    @Test
    void goWorkAboveTheModuleDecidesAndGotoolchainFromGosEnvFileCounts() throws Exception {
        goMod("module example.com/m\n\ngo 1.21\n");
        Files.writeString(tmp.resolve("work/go.work"), "go 1.23.3\n\nuse ./module\n");
        CheckResult r = check();
        assertThat(r.summary()).startsWith(tmp.resolve("work/go.work") + ":1 (go 1.23.3) makes " + local
                + " download go1.23.3");
        assertThat(realGo(Map.of(), module, "version").stderr()).contains("go: downloading go1.23.3 (linux/amd64)");

        Files.delete(tmp.resolve("work/go.work"));
        Files.writeString(DoctorTestEnv.envFile(tmp), "GOTOOLCHAIN=go1.23.1+auto\n");
        CheckResult fromFile = check();
        assertThat(fromFile.status()).isEqualTo(CheckStatus.WARN);
        assertThat(fromFile.summary()).isEqualTo("GOTOOLCHAIN=go1.23.1+auto makes " + local
                + " download go1.23.1 through GOPROXY on its next command");
        assertThat(fromFile.details().get("GOTOOLCHAIN")).isEqualTo("go1.23.1+auto from Go's env file");
        assertThat(realGo(Map.of(), module, "version").stderr()).contains("go: downloading go1.23.1 (linux/amd64)");

        Files.writeString(DoctorTestEnv.envFile(tmp), "GOTOOLCHAIN=go1.23.1+never\n");
        assertThat(check().summary()).contains("only +auto and +path may follow a version");
    }
}
