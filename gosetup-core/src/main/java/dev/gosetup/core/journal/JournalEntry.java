package dev.gosetup.core.journal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One applied set of changes as the journal keeps it: when, by which command, how far it got,
 * and for each change the target and the SHA-256 of its exact content before and after (the
 * contents themselves are kept beside the entry, so that it can be rolled back byte for byte).
 *
 * @param id the entry's id, unique in its journal and increasing with time, e.g.
 *     {@code 000042-20261203T101530Z}; {@code "none"} for an apply that changed nothing (never
 *     recorded)
 * @param appliedAt when it was applied
 * @param state how far it got
 * @param command what made the change, for people, e.g. {@code "gosetup env apply --profile ci"}
 * @param changes the changes, in the order they were applied
 */
public record JournalEntry(String id, Instant appliedAt, State state, String command, List<Change> changes) {

    /** How far an entry got. */
    public enum State {
        /** Recorded before the first write; stays so if the process died in the middle. */
        APPLYING,
        /** Every change was written. */
        APPLIED,
        /** Undone by a rollback. */
        ROLLED_BACK
    }

    /**
     * One recorded change.
     *
     * @param storeId the target store that wrote it, e.g. {@code file}, {@code posix-profile}
     * @param target the target, in that store's terms (a file path, a registry value)
     * @param summary one line for people
     * @param before SHA-256 (hex) of the content before; empty when the target did not exist
     * @param after SHA-256 (hex) of the content after; empty when the change deleted the target
     * @param readOnly the target's permissions when it was read-only and written because a person
     *     forced it (e.g. {@code r--r--r--}): it was left read-only, and a rollback restores these
     *     permissions with the content; empty for a target that was writable
     */
    public record Change(String storeId, String target, String summary, Optional<String> before,
            Optional<String> after, Optional<String> readOnly) {

        /** Validates the components. */
        public Change {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(readOnly, "readOnly");
        }

        /**
         * A change of a target that was writable.
         *
         * @param storeId as the record's
         * @param target as the record's
         * @param summary as the record's
         * @param before as the record's
         * @param after as the record's
         */
        public Change(String storeId, String target, String summary, Optional<String> before, Optional<String> after) {
            this(storeId, target, summary, before, after, Optional.empty());
        }

        /** @return {@code store: target: summary}, as a plan shows it */
        public String describe() {
            return storeId + ": " + target + ": " + summary;
        }
    }

    /** Copies and validates the components. */
    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(command, "command");
        changes = List.copyOf(changes);
    }

    /**
     * Returns this entry in another state.
     *
     * @param newState the state
     * @return the copy
     */
    public JournalEntry withState(State newState) {
        return new JournalEntry(id, appliedAt, newState, command, changes);
    }

    /** @return true for the entry of an apply that had nothing to change (never recorded) */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
