package dev.gosetup.wsl;

import dev.gosetup.api.StoreChange;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What editing a WSL configuration file would do, before anything is written: the change (a
 * {@link StoreChange} of store {@code "file"} with the exact bytes before and after, applied and
 * rolled back through gosetup's change journal), keys gosetup does not know, and what a person must
 * do for the change to take effect.
 *
 * @param file the file
 * @param kind which WSL file it is
 * @param changes the change of the file; empty when it already holds the settings
 * @param unknown keys and sections gosetup does not know, as {@code section.key}: those already in
 *     the file (kept as they are) and those the settings add (written only when forced)
 * @param notes what a person must know, e.g. that WSL reads the file only when it starts again
 */
public record ConfigPlan(Path file, WslConfigKind kind, List<StoreChange> changes, List<String> unknown,
        List<String> notes) {

    /** Validates and copies the components. */
    public ConfigPlan {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        changes = List.copyOf(changes);
        unknown = List.copyOf(unknown);
        notes = List.copyOf(notes);
    }

    /**
     * Tells whether the file already holds the settings.
     *
     * @return true when there is nothing to write
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
