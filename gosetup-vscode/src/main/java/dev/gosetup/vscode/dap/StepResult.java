package dev.gosetup.vscode.dap;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step of a verification did.
 *
 * @param step the step
 * @param status passed, failed, or not run because an earlier step failed
 * @param duration how long it took (zero when not run)
 * @param detail what it found, e.g. {@code "stopped at main.go:8 (main.main)"}, or why it failed
 */
public record StepResult(DapStep step, Status status, Duration duration, String detail) {

    /** How a step ended. */
    public enum Status {
        /** It did what it should. */
        PASSED,
        /** It failed; the verification stopped here. */
        FAILED,
        /** It did not run because an earlier step failed. */
        NOT_RUN
    }

    /** Validates the components. */
    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(detail, "detail");
    }
}
