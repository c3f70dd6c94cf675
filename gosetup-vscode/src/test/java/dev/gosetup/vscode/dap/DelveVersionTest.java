package dev.gosetup.vscode.dap;

import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dlv version and Delve's version errors, from recorded real outputs: `dlv version` of Debian's
 * delve 1.20.2 (this machine), and the messages of pkg/goversion/compat.go at v1.20.2 (dlvTooOldErr,
 * goTooOldErr) as Delve formats them.
 */
class DelveVersionTest {
    private static final String DEBIAN_DLV_VERSION = """
            Delve Debugger
            Version: 1.20.2
            Build: $Id: e0c278ad8e0126a312b553b8e171e81bcbd37f60 $
            """;

    private static Toolchain tc(GoVersion go) {
        return new Toolchain(go, Platform.parse("linux/amd64"), Path.of("/usr/lib/go").toAbsolutePath());
    }

    @Test
    void readsDlvVersion() {
        assertThat(DelveVersion.parse(DEBIAN_DLV_VERSION)).hasValue(new DelveVersion("1.20.2"));
        assertThat(DelveVersion.parse("Delve Debugger\r\nVersion: 1.25.2\r\nBuild: $Id: x $\r\n"))
                .hasValue(new DelveVersion("1.25.2"));
        assertThat(DelveVersion.parse("dlv: command not found")).isEmpty();
        assertThat(DelveVersion.parse("")).isEmpty();
    }

    @Test
    void tooNewAGoNamesBothVersionsAndTheDelveToInstall() {
        DelveVersion debian = new DelveVersion("1.20.2");
        GoVersion go = GoVersion.parse("go1.22.12");
        assertThat(debian.knownToRefuse(go)).isTrue();
        DelveVersion.Mismatch m = debian.mismatch(tc(go), "Failed to launch: Version of Delve is too old for Go version "
                + "1.22.12 (maximum supported version 1.20, suppress this error with --check-go-version=false)").orElseThrow();
        assertThat(m.message()).isEqualTo("Delve 1.20.2 supports Go 1.18 to 1.20, but the program is built with go1.22.12: "
                + "this Delve is too old for it");
        assertThat(m.fixes().get(0)).isEqualTo("install a Delve that supports go1.22.12 (Delve 1.25.2 supports Go 1.22 "
                + "to 1.25): go install github.com/go-delve/delve/cmd/dlv@v1.25.2 (run with go1.22.12's go; or: gosetup "
                + "tools install --goroot " + Path.of("/usr/lib/go").toAbsolutePath() + " dlv)");
    }

    @Test
    void tooOldAGoSaysSo() {
        DelveVersion newer = new DelveVersion("1.26.3");
        GoVersion go = GoVersion.parse("go1.22.12");
        DelveVersion.Mismatch m = newer.mismatch(tc(go), "Failed to launch: Go version 1.22.12 is too old for this version of "
                + "Delve (minimum supported version 1.24, suppress this error with --check-go-version=false)").orElseThrow();
        assertThat(m.message()).isEqualTo("Delve 1.26.3 supports Go 1.24 to 1.26, but the program is built with go1.22.12: "
                + "this Go is too old for this Delve");
        assertThat(m.fixes().get(0)).contains("dlv@v1.25.2");
    }

    @Test
    void aDelveTheTableDoesNotKnowIsJudgedByItsOwnWords() {
        DelveVersion future = new DelveVersion("1.40.0");
        GoVersion go = GoVersion.parse("go1.41.0");
        assertThat(future.knownToRefuse(go)).isFalse();
        assertThat(future.mismatch(tc(go), "some other failure")).isEmpty();
        assertThat(future.mismatch(tc(go), "Version of Delve is too old for Go version 1.41.0 (maximum supported version 1.40,"
                + " suppress this error with --check-go-version=false)").orElseThrow().message())
                .isEqualTo("Delve 1.40.0 supports Go up to 1.40, but the program is built with go1.41.0: this Delve is too "
                        + "old for it");
    }

    @Test
    void aSupportedPairIsNoMismatch() {
        assertThat(new DelveVersion("1.20.2").mismatch(tc(GoVersion.parse("go1.19.8")), "")).isEmpty();
    }
}
