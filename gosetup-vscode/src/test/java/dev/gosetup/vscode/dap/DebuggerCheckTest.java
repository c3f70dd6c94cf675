package dev.gosetup.vscode.dap;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.vscode.tools.TestToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code debugger} doctor check with the real go and Debian's Delve. */
@EnabledOnOs(OS.LINUX)
class DebuggerCheckTest {
    @TempDir
    Path temp;

    @Test
    void isRegisteredForServiceLoaderAfterGoFound() {
        ReadinessCheck check = ProviderRegistry.load(ReadinessCheck.class).byId("debugger").orElseThrow();
        assertThat(check).isInstanceOf(DebuggerCheck.class);
        assertThat(check.prerequisites()).containsExactly("go-found");
        assertThat(check.parameters()).hasValue(java.util.Set.of("dlv"));
        assertThat(check.timeout()).isGreaterThan(ReadinessCheck.DEFAULT_TIMEOUT);
    }

    @Test
    void passesWithGo119FromPathAndDebiansDelve() {
        Toolchain go = TestToolchains.go(19);
        TestToolchains.dlv();
        CheckContext context = CheckContext.of(Map.of("PATH", go.goroot().resolve("bin") + ":/usr/bin:/bin",
                "HOME", temp.toString()));
        CheckResult result = new DebuggerCheck().check(context);
        assertThat(result.status()).as(result.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).startsWith("breakpoint at main.go:8 hit and answer = 42 read through Delve 1.20.2");
        assertThat(result.details()).containsEntry("dlv", "/usr/bin/dlv").containsEntry("Delve", "1.20.2")
                .containsKey("step stopped");
    }

    @Test
    void failsNamingBothVersionsWhenDelveIsTooOldForTheGoFound() {
        Toolchain go = TestToolchains.go(22);
        TestToolchains.dlv();
        CheckContext context = CheckContext.of(Map.of("PATH", "/usr/bin:/bin", "HOME", temp.toString()))
                .withGoEnvironment(GoEnvironment.of(go));
        CheckResult result = new DebuggerCheck().check(context);
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.summary()).startsWith("Delve 1.20.2 supports Go 1.18 to 1.20, but the program is built with "
                + go.version());
        assertThat(result.hints()).first().asString().contains("go install github.com/go-delve/delve/cmd/dlv@v1.25.2");
        assertThat(result.details().get("Delve said")).contains("Version of Delve is too old for Go version");
    }

    @Test
    void skipsWithTheInstallCommandWhenThereIsNoDlv() throws Exception {
        Toolchain go = TestToolchains.go(19);
        Files.createDirectories(temp.resolve("empty"));
        CheckContext context = CheckContext.of(Map.of("PATH", temp.resolve("empty").toString(), "HOME", temp.toString()))
                .withGoEnvironment(GoEnvironment.of(go));
        CheckResult result = new DebuggerCheck().check(context);
        assertThat(result.status()).as(result.toString()).isEqualTo(CheckStatus.SKIP);
        assertThat(result.summary()).isEqualTo("dlv (Delve) was not found on PATH, in GOBIN or in GOPATH/bin");
        assertThat(result.hints()).containsExactly("install it: go install github.com/go-delve/delve/cmd/dlv@v1.21.2 (with "
                + go.version() + "), or: gosetup tools install --goroot " + go.goroot() + " dlv");
    }

    @Test
    void findsDlvInGopathBinLikeTheGoExtension() throws Exception {
        Toolchain go = TestToolchains.go(19);
        Path gopathBin = temp.resolve("gopath/bin");
        Files.createDirectories(gopathBin);
        Files.copy(TestToolchains.dlv(), gopathBin.resolve("dlv"));
        Files.createDirectories(temp.resolve("empty"));
        CheckContext context = CheckContext.of(Map.of("PATH", temp.resolve("empty").toString(), "HOME", temp.toString(),
                "GOPATH", temp.resolve("gopath").toString())).withGoEnvironment(GoEnvironment.of(go)
                .with("GOPATH", temp.resolve("gopath").toString()));
        CheckResult result = new DebuggerCheck().check(context.withParameters(Map.of()));
        assertThat(result.status()).as(result.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(result.details()).containsEntry("dlv", gopathBin.resolve("dlv").toString());
    }
}
