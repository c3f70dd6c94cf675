package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds the several things one check found into one result: the one way gosetup's built-in checks
 * (core's, the WSL checks) report several findings. Not API.
 */
public final class Findings {
    private Findings() {
    }

    /**
     * Returns {@code passed} when nothing was found; otherwise {@code passed}'s details with every
     * finding's hints in order (each once), the worst status (FAIL over WARN) and the findings'
     * summaries joined by {@code "; "}.
     *
     * @param passed the result when nothing is wrong, with the details to keep
     * @param findings what was found, each a WARN or FAIL result; empty for nothing
     * @return the combined result
     */
    public static CheckResult combine(CheckResult passed, List<CheckResult> findings) {
        if (findings.isEmpty()) {
            return passed;
        }
        CheckResult r = passed;
        List<String> summaries = new ArrayList<>();
        for (CheckResult f : findings) {
            summaries.add(f.summary());
            for (String hint : f.hints()) {
                if (!r.hints().contains(hint)) {
                    r = r.withHint(hint);
                }
            }
        }
        CheckStatus worst = findings.stream().anyMatch(f -> f.status() == CheckStatus.FAIL)
                ? CheckStatus.FAIL : CheckStatus.WARN;
        return r.withStatus(worst, String.join("; ", summaries));
    }
}
