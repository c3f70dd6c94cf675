package dev.gosetup.api;

/**
 * The outcome of one readiness check, from best to worst as a person reads a report.
 *
 * <p>A run of checks succeeds when none is {@link #FAIL} or {@link #ERROR}; warnings and skips do
 * not fail it.
 */
public enum CheckStatus {
    /** The check found what it wanted. */
    PASS,
    /** The check found something worth fixing that does not stop work. */
    WARN,
    /** The check found something that stops work. */
    FAIL,
    /** The check did not run: a prerequisite did not pass, it was deselected, or it does not apply. */
    SKIP,
    /** The check itself broke: it threw, or did not finish within its timeout. */
    ERROR;

    /**
     * Tells whether this status fails a run: {@link #FAIL} and {@link #ERROR} do.
     *
     * @return true for FAIL and ERROR
     */
    public boolean isProblem() {
        return this == FAIL || this == ERROR;
    }

    /**
     * Tells whether checks that name this one as a prerequisite may run: only after
     * {@link #PASS} and {@link #WARN}.
     *
     * @return true for PASS and WARN
     */
    public boolean satisfiesDependents() {
        return this == PASS || this == WARN;
    }
}
