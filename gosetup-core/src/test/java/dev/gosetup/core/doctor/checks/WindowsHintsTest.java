package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.Platform;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Doctor's hints on Windows are PowerShell (checked by hand against PowerShell's rules: single
 * quotes verbatim with {@code '} doubled, {@code $env:NAME} for variables, {@code ${env:USERNAME}:}
 * braced because {@code :} would otherwise end the name), never cmd's {@code set}/{@code for /f}
 * or POSIX {@code chmod}.
 */
class WindowsHintsTest {
    @Test
    void powerShellSyntaxOnWindowsPosixElsewhere() {
        assertThat(Hints.unset("GOROOT", true)).containsExactly(
                "Remove-Item Env:GOROOT (or $env:GOROOT = $null) for this terminal",
                "[Environment]::SetEnvironmentVariable('GOROOT', $null, 'User') for new terminals");
        assertThat(Hints.unset("GOROOT", false)).containsExactly("unset GOROOT");
        assertThat(Hints.set("GOPROXY", "https://proxy.golang.org,direct", true))
                .isEqualTo("$env:GOPROXY = 'https://proxy.golang.org,direct'");
        assertThat(Hints.set("GOFLAGS", "-ldflags=-X 'main.v=1'", true)).isEqualTo("$env:GOFLAGS = '-ldflags=-X ''main.v=1'''");
        assertThat(Hints.prependPath(Path.of("C:\\Program Files\\Go\\bin"), true))
                .isEqualTo("$env:Path = 'C:\\Program Files\\Go\\bin;' + $env:Path");
        assertThat(Hints.makeOwnerOnlyDirectory(Path.of("C:\\Users\\O'Neil\\go"), true)).isEqualTo(
                "New-Item -ItemType Directory -Force -Path 'C:\\Users\\O''Neil\\go'; "
                        + "icacls 'C:\\Users\\O''Neil\\go' /inheritance:r /grant:r \"${env:USERNAME}:(OI)(CI)F\"");
        assertThat(Hints.ownerOnly(Path.of("/home/me/go"), false)).isEqualTo("chmod 700 /home/me/go");
    }

    @Test
    void goNotFoundOnWindowsSaysHowToFixItInPowerShell() {
        CheckContext windows = new CheckContext(Optional.empty(), Map.of("Path", "C:\\Windows\\system32"), Map.of(), false,
                new CancellationToken(), Clock.systemUTC(), new Platform("windows", "amd64"), java.nio.file.Path.of("").toAbsolutePath());
        CheckResult r = new GoFoundCheck().check(windows);
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(String.join("\n", r.hints())).contains("gosetup env apply").contains("$env:Path = \"$(gosetup which latest)\\bin;$env:Path\"")
                .doesNotContain("for /f").doesNotContain("set \"PATH");
    }
}
