package dev.gosetup.core.persist;

import dev.gosetup.api.StoreChange;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One applied set of changes as the journal keeps it, with the exact bytes before and after each
 * change, so that it can be rolled back byte for byte.
 *
 * @param id the entry's id, unique in its journal and increasing with time, e.g.
 *     {@code 20261203T101530.123Z-0001}
 * @param appliedAt when it was applied
 * @param state how far it got
 * @param changes the changes, in the order they were applied
 */
public record JournalEntry(String id, Instant appliedAt, State state, List<StoreChange> changes) {

    /** How far an entry got. */
    public enum State {
        /** Recorded before the first write; stays so if the process died in the middle. */
        APPLYING,
        /** Every change was written. */
        APPLIED,
        /** Undone by a rollback. */
        ROLLED_BACK
    }

    /** Copies and validates the components. */
    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(state, "state");
        changes = List.copyOf(changes);
    }

    /**
     * Returns this entry in another state.
     *
     * @param newState the state
     * @return the copy
     */
    public JournalEntry withState(State newState) {
        return new JournalEntry(id, appliedAt, newState, changes);
    }
}
