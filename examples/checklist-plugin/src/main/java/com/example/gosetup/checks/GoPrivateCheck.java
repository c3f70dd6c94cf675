package com.example.gosetup.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.spi.AbstractReadinessCheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A team's own readiness check, {@code team-goprivate}: the team's private modules are covered
 * by {@code GOPRIVATE}, so go neither asks the public proxy for them nor checks them against the
 * public checksum database (which would fail, and leak the module paths).
 *
 * <p>Parameter {@code modules}: the team's module path prefixes, comma-separated, e.g.
 * {@code git.example.com/team}. It depends on nothing but gosetup-api; gosetup finds it through
 * {@code META-INF/services/dev.gosetup.api.spi.ReadinessCheck} when its jar is on the plugin path.
 */
public final class GoPrivateCheck extends AbstractReadinessCheck {

    /** Creates the check; ServiceLoader needs a public no-argument constructor. */
    public GoPrivateCheck() {
    }

    @Override
    public String id() {
        return "team-goprivate";
    }

    /** Declares the one parameter, so that a checklist with a misspelt one is refused. */
    @Override
    public Optional<Set<String>> parameters() {
        return Optional.of(Set.of("modules"));
    }

    @Override
    public String title() {
        return "Private modules";
    }

    @Override
    public String category() {
        return "team";
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        List<String> modules = Arrays.stream(context.requiredParameter("modules").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        String goprivate = context.processEnvironment().getOrDefault("GOPRIVATE", "");
        List<String> uncovered = new ArrayList<>();
        for (String module : modules) {
            if (Arrays.stream(goprivate.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                    .noneMatch(pattern -> matchesPrefix(pattern, module))) {
                uncovered.add(module);
            }
        }
        if (uncovered.isEmpty()) {
            return CheckResult.pass("GOPRIVATE covers " + String.join(", ", modules))
                    .withDetail("GOPRIVATE", goprivate);
        }
        String wanted = (goprivate.isBlank() ? "" : goprivate + ",") + String.join(",", uncovered);
        return CheckResult.warn("GOPRIVATE does not cover " + String.join(", ", uncovered))
                .withDetail("GOPRIVATE", goprivate.isEmpty() ? "(unset)" : goprivate)
                .withHint("go env -w GOPRIVATE=" + wanted);
    }

    /**
     * As Go's module.MatchPrefixPatterns: a pattern matches a module path when it glob-matches
     * as many leading path elements as the pattern has.
     */
    static boolean matchesPrefix(String pattern, String module) {
        String[] p = pattern.split("/");
        String[] m = module.split("/");
        if (m.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            String regex = Arrays.stream(p[i].split("", -1)).map(c -> c.equals("*") ? "[^/]*"
                    : c.equals("?") ? "[^/]" : Pattern.quote(c)).reduce("", String::concat);
            if (!m[i].matches(regex)) {
                return false;
            }
        }
        return true;
    }
}
