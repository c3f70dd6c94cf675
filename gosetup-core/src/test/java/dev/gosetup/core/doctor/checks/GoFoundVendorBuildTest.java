package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.core.discover.FakeGoroots;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-found with vendor builds, whose {@code go version} carries a suffix. A fake go script stands in
 * for them (no vendor build is installed here); the output format is the real one:
 * {@code go version <runtime.Version()> <GOOS>/<GOARCH>}.
 */
class GoFoundVendorBuildTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"go1.21.0-bigcorp, go1.21.0", "'go1.22.5 X:boringcrypto', go1.22.5"})
    void readsTheReleaseOfAVendorBuild(String reported, String release) {
        Path goroot = tmp.resolve("vendor-go");
        FakeGoroots.create(goroot, reported.split(" ")[0]);
        FakeGoroots.goScript(goroot, reported, "linux/amd64");

        CheckResult r = new GoFoundCheck().check(CheckContext.of(Map.of("PATH", goroot.resolve("bin").toString(),
                "HOME", tmp.toString())));

        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.details()).containsEntry("version", release);
    }
}
