package dev.gosetup.core.doctor;

import dev.gosetup.api.spi.ReadinessCheck;

/**
 * Hears a doctor run as it goes: each check as it starts, each outcome as it arrives.
 *
 * <p>Every method has a no-op default, so a listener overrides only what it needs. The runner
 * calls a listener from the thread that called {@link DoctorRunner#run}, one call at a time, in
 * the order things happen (outcomes arrive in the order checks finish, not the report's order).
 * A listener that throws is logged and otherwise ignored; it should return quickly.
 */
public interface DoctorListener {

    /** A listener that ignores everything. */
    DoctorListener NOOP = new DoctorListener() {
    };

    /**
     * A check was handed to a thread and is about to run.
     *
     * @param check the check
     */
    default void started(ReadinessCheck check) {
    }

    /**
     * A check finished, was skipped, or was given up on at its timeout.
     *
     * @param outcome what it found
     */
    default void finished(CheckOutcome outcome) {
    }
}
