package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one way a built-in check (core's, the WSL checks) folds several findings into its result. */
class FindingsTest {
    private static final CheckResult PASSED = CheckResult.pass("all good").withDetail("GOPATH", "/home/me/go");

    @Test
    void nothingFoundIsThePassingResultItself() {
        assertThat(Findings.combine(PASSED, List.of())).isSameAs(PASSED);
    }

    @Test
    void theWorstStatusWinsSummariesJoinAndEachHintComesOnceInOrder() {
        CheckResult combined = Findings.combine(PASSED, List.of(
                CheckResult.warn("GOPATH is inside GOROOT").withHint("move GOPATH").withHint("see go help gopath"),
                CheckResult.fail("GOBIN is not writable").withHint("chmod u+w GOBIN").withHint("see go help gopath"),
                CheckResult.warn("GOCACHE is on a network drive").withHint("move GOPATH")));
        assertThat(combined.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(combined.summary()).isEqualTo("GOPATH is inside GOROOT; GOBIN is not writable; GOCACHE is on a "
                + "network drive");
        assertThat(combined.hints()).containsExactly("move GOPATH", "see go help gopath", "chmod u+w GOBIN");
        assertThat(combined.details()).containsEntry("GOPATH", "/home/me/go");

        CheckResult warned = Findings.combine(PASSED, List.of(CheckResult.warn("only a warning")));
        assertThat(warned.status()).isEqualTo(CheckStatus.WARN);
        assertThat(warned.summary()).isEqualTo("only a warning");
    }
}
