package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;

import java.util.ArrayList;
import java.util.List;

/** Folds the several things one check found into one result. */
final class Findings {
    private Findings() {
    }

    /**
     * Returns {@code passed} when nothing was found; otherwise {@code passed}'s details with every
     * finding's hints, the worst status (FAIL over WARN) and the findings' summaries joined by
     * {@code "; "}.
     */
    static CheckResult combine(CheckResult passed, List<CheckResult> findings) {
        if (findings.isEmpty()) {
            return passed;
        }
        CheckResult r = passed;
        List<String> summaries = new ArrayList<>();
        for (CheckResult f : findings) {
            summaries.add(f.summary());
            r = r.withHints(f.hints());
        }
        CheckStatus worst = findings.stream().anyMatch(f -> f.status() == CheckStatus.FAIL)
                ? CheckStatus.FAIL : CheckStatus.WARN;
        return r.withStatus(worst, String.join("; ", summaries));
    }
}
