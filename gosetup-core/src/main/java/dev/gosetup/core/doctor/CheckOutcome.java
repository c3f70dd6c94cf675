package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.spi.ReadinessCheck;

import java.util.Objects;

/**
 * One line of a doctor report: which check ran and what it found.
 *
 * @param id the check's id
 * @param title the check's title
 * @param category the check's category
 * @param result what it found
 */
public record CheckOutcome(String id, String title, String category, CheckResult result) {

    /** Validates that nothing is null. */
    public CheckOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(result, "result");
    }

    /**
     * Returns the outcome of a check.
     *
     * @param check the check
     * @param result what it found
     * @return the outcome
     */
    public static CheckOutcome of(ReadinessCheck check, CheckResult result) {
        return new CheckOutcome(check.id(), check.title(), check.category(), result);
    }

    /**
     * Returns the status of the result.
     *
     * @return the status
     */
    public CheckStatus status() {
        return result.status();
    }
}
