package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.spi.ReadinessCheck;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** A check made of a lambda, for runner and report tests. */
public record TestCheck(String id, List<String> prerequisites, Duration timeout, Function<CheckContext, CheckResult> body)
        implements ReadinessCheck {

    public static TestCheck of(String id, Function<CheckContext, CheckResult> body, String... prerequisites) {
        return new TestCheck(id, List.of(prerequisites), DEFAULT_TIMEOUT, body);
    }

    public TestCheck timeout(Duration t) {
        return new TestCheck(id, prerequisites, t, body);
    }

    @Override
    public String title() {
        return "Check " + id;
    }

    @Override
    public String category() {
        return "test";
    }

    @Override
    public CheckResult check(CheckContext context) {
        return body.apply(context);
    }
}
