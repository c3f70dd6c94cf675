package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a doctor run found: one outcome per check, in the order the checks were given (not the
 * order they finished), when the run started and how long it took.
 *
 * @param outcomes the outcomes, in the order of the checks
 * @param started when the run started, from the context's clock
 * @param duration how long the run took
 */
public record DoctorReport(List<CheckOutcome> outcomes, Instant started, Duration duration) {

    /** Copies the outcomes and validates that nothing is null. */
    public DoctorReport {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * Counts the outcomes with a status.
     *
     * @param status the status
     * @return how many checks ended with it
     */
    public int count(CheckStatus status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }

    /**
     * Counts the outcomes of every status.
     *
     * @return a count for each status, zeros included, in the order of {@link CheckStatus}
     */
    public Map<CheckStatus, Integer> counts() {
        Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(status, count(status));
        }
        return counts;
    }

    /**
     * Tells whether the run succeeded: no check failed or broke (warnings and skips are fine).
     *
     * @return true when no outcome is FAIL or ERROR
     */
    public boolean ok() {
        return outcomes.stream().noneMatch(o -> o.status().isProblem());
    }

    /**
     * Returns the exit status a command reports for this run.
     *
     * @return 0 when {@link #ok()}, else 1
     */
    public int exitCode() {
        return ok() ? 0 : 1;
    }

    /**
     * Returns a one-line count of the outcomes, e.g. {@code "3 passed, 1 warning, 1 failed, 0 skipped, 0 errors"}.
     *
     * @return the line
     */
    public String summaryLine() {
        return count(CheckStatus.PASS) + " passed, " + plural(count(CheckStatus.WARN), "warning") + ", "
                + count(CheckStatus.FAIL) + " failed, " + count(CheckStatus.SKIP) + " skipped, "
                + plural(count(CheckStatus.ERROR), "error");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
