package dev.gosetup.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One planned change of an environment store: a target (a file, a registry value) and its content
 * before and after. The content is the store's own encoding of the target, compared byte for byte:
 * applying writes {@link #after()}, rolling back writes {@link #before()} again, exactly.
 *
 * <p>Immutable: the byte arrays are copied in and out.
 */
public final class StoreChange {
    private final String storeId;
    private final String target;
    private final String summary;
    private final byte[] before;
    private final byte[] after;

    /**
     * Creates a change.
     *
     * @param storeId the id of the store that planned it and will apply it
     * @param target what changes, in the store's terms: an absolute file path, a registry value
     * @param summary one line a person reads in a dry run, e.g. "add the gosetup block (4 lines)"
     * @param before the content now; empty when the target does not exist
     * @param after the content wanted; empty to delete the target
     * @throws IllegalArgumentException when before and after are the same (no change) or a text is blank
     */
    public StoreChange(String storeId, String target, String summary, Optional<byte[]> before,
            Optional<byte[]> after) {
        this.storeId = requireText(storeId, "storeId");
        this.target = requireText(target, "target");
        this.summary = requireText(summary, "summary");
        this.before = Objects.requireNonNull(before, "before").map(byte[]::clone).orElse(null);
        this.after = Objects.requireNonNull(after, "after").map(byte[]::clone).orElse(null);
        if (Arrays.equals(this.before, this.after)) {
            throw new IllegalArgumentException("a change of " + target + " must change something");
        }
    }

    /** @return the id of the store that owns the target */
    public String storeId() {
        return storeId;
    }

    /** @return the target, in the store's terms */
    public String target() {
        return target;
    }

    /** @return a one-line description for people */
    public String summary() {
        return summary;
    }

    /** @return a copy of the content before the change; empty when the target did not exist */
    public Optional<byte[]> before() {
        return Optional.ofNullable(before).map(byte[]::clone);
    }

    /** @return a copy of the content after the change; empty when the change deletes the target */
    public Optional<byte[]> after() {
        return Optional.ofNullable(after).map(byte[]::clone);
    }

    /**
     * Tells whether content read from the target equals the content before the change.
     *
     * @param current the content now; empty when the target does not exist
     * @return true when unchanged since planning
     */
    public boolean isBefore(Optional<byte[]> current) {
        return Arrays.equals(before, current.orElse(null));
    }

    /**
     * Tells whether content read from the target equals the content after the change.
     *
     * @param current the content now; empty when the target does not exist
     * @return true when the change is what the target holds
     */
    public boolean isAfter(Optional<byte[]> current) {
        return Arrays.equals(after, current.orElse(null));
    }

    /**
     * Returns the change that undoes this one.
     *
     * @return a change of the same target from {@link #after()} back to {@link #before()}
     */
    public StoreChange reversed() {
        return new StoreChange(storeId, target, "restore: " + summary, after(), before());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreChange c && storeId.equals(c.storeId) && target.equals(c.target)
                && summary.equals(c.summary) && Arrays.equals(before, c.before) && Arrays.equals(after, c.after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storeId, target, Arrays.hashCode(before), Arrays.hashCode(after));
    }

    @Override
    public String toString() {
        return storeId + ": " + target + ": " + summary;
    }

    private static String requireText(String s, String name) {
        Objects.requireNonNull(s, name);
        if (s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return s;
    }
}
