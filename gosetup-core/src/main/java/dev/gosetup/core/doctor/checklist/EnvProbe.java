package dev.gosetup.core.doctor.checklist;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.core.doctor.checks.ContextGo;
import dev.gosetup.core.doctor.checks.GoFoundCheck;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code env:} probe of a checklist: go's environment ({@code go env -json}, as the context's
 * go reports it) has the expected values; an expected empty value means unset.
 * FAIL lists every variable that differs, with the {@code go env -w} line that sets it.
 */
final class EnvProbe extends Probe {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> expected;

    EnvProbe(String id, Optional<String> title, Optional<String> category, Duration timeout,
            Map<String, String> expected) {
        super(id, title.orElse("go env " + String.join(", ", expected.keySet())), category.orElse("configuration"),
                List.of(GoFoundCheck.ID), timeout);
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("env must name at least one variable and its expected value");
        }
        this.expected = Map.copyOf(new LinkedHashMap<>(expected));
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        Map<String, String> actual = ContextGo.locate(context).goEnv(expected.keySet().toArray(String[]::new));
        CheckResult r = CheckResult.pass(expected.size() == 1 ? "go env has the expected value"
                : "go env has the " + expected.size() + " expected values");
        int differ = 0;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(expected).entrySet()) {
            String is = actual.getOrDefault(e.getKey(), "");
            if (!is.equals(e.getValue())) {
                differ++;
                r = r.withDetail(e.getKey(), "expected \"" + e.getValue() + "\", go env has \"" + is + "\"")
                        .withHint("go env -w " + e.getKey() + "=" + e.getValue()
                                + " (an OS environment variable of that name overrides it)");
            } else {
                r = r.withDetail(e.getKey(), is);
            }
        }
        if (differ > 0) {
            return r.withStatus(dev.gosetup.api.CheckStatus.FAIL, differ + " of " + expected.size()
                    + " go env values differ from the checklist");
        }
        return r;
    }
}
