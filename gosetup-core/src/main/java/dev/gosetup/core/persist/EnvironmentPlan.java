package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.StoreChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What applying settings to a set of environment stores would change, computed without changing
 * anything: the changes in the order they will be applied, and what each store leaves out.
 *
 * @param settings the settings the plan makes persistent
 * @param stores the ids of the stores planned for, in order
 * @param changes the changes, in the order they will be applied; empty when nothing changes
 * @param leftOut per store id, the settings that store cannot hold (e.g. {@code PATH} in Go's env
 *     file); stores that hold everything are absent
 */
public record EnvironmentPlan(EnvironmentSettings settings, List<String> stores, List<StoreChange> changes,
        Map<String, List<String>> leftOut) {

    /** Copies and validates the components. */
    public EnvironmentPlan {
        Objects.requireNonNull(settings, "settings");
        stores = List.copyOf(stores);
        changes = List.copyOf(changes);
        TreeMap<String, List<String>> copy = new TreeMap<>();
        leftOut.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        leftOut = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Tells whether applying the plan would change nothing.
     *
     * @return true when the stores already hold the settings
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * Describes the plan for people, one line per change, e.g. for a dry run.
     *
     * @return the lines; a single "nothing to change" line when empty
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (StoreChange change : changes) {
            lines.add(change.storeId() + ": " + change.target() + ": " + change.summary());
        }
        leftOut.forEach((store, names) -> lines.add(store + ": cannot hold " + String.join(", ", names)
                + "; left out"));
        if (changes.isEmpty()) {
            lines.add(0, "nothing to change: " + String.join(", ", stores) + " already hold these settings");
        }
        return lines;
    }
}
