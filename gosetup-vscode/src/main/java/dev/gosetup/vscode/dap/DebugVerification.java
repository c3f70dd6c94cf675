package dev.gosetup.vscode.dap;

import dev.gosetup.api.GoVersion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a breakpoint verification: every step with its time, the step that failed (if
 * any) with what to do about it, and what Delve itself said.
 *
 * @param dlv the dlv binary
 * @param delveVersion Delve's version as {@code dlv version} reports it, e.g. {@code 1.20.2}; empty when unread
 * @param go the Go version the program was built with
 * @param target what was debugged: the program, the breakpoint and the variable
 * @param steps every step, in order; those after a failure are {@link StepResult.Status#NOT_RUN}
 * @param failedStep the step that failed, or empty when the breakpoint was hit and the variable read
 * @param summary one line saying what happened
 * @param fixes what to do about a failure, in the order to try them; empty on success
 * @param delveOutput Delve's own words: its standard output and error and the DAP {@code output}
 *     events, one line each, as they came (control characters not yet escaped)
 * @param variableValue the value Delve reported for the target's variable, when read
 * @param total the time the whole verification took
 */
public record DebugVerification(Path dlv, Optional<String> delveVersion, GoVersion go, DebugTarget target,
        List<StepResult> steps, Optional<DapStep> failedStep, String summary, List<String> fixes,
        List<String> delveOutput, Optional<String> variableValue, Duration total) {

    /** Validates and copies the components. */
    public DebugVerification {
        Objects.requireNonNull(dlv, "dlv");
        Objects.requireNonNull(delveVersion, "delveVersion");
        Objects.requireNonNull(go, "go");
        Objects.requireNonNull(target, "target");
        steps = List.copyOf(steps);
        Objects.requireNonNull(failedStep, "failedStep");
        Objects.requireNonNull(summary, "summary");
        fixes = List.copyOf(fixes);
        delveOutput = List.copyOf(delveOutput);
        Objects.requireNonNull(variableValue, "variableValue");
        Objects.requireNonNull(total, "total");
    }

    /**
     * Tells whether the breakpoint was hit and the variable read (and the program ran to its end).
     *
     * @return true on success
     */
    public boolean succeeded() {
        return failedStep.isEmpty();
    }

    /**
     * Returns the result of one step.
     *
     * @param step the step
     * @return its result
     */
    public StepResult step(DapStep step) {
        return steps.stream().filter(s -> s.step() == step).findFirst().orElseThrow();
    }
}
