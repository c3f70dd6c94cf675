package dev.gosetup.core.env;

import java.util.List;

/**
 * The result of checking several private directories: one {@link DirectoryCheck} per directory,
 * in the order they were given.
 *
 * @param directories every directory checked, with what was found
 */
public record PermissionReport(List<DirectoryCheck> directories) {

    /** Copies the list. */
    public PermissionReport {
        directories = List.copyOf(directories);
    }

    /**
     * Tells whether every directory is fine.
     *
     * @return true when no check found a problem
     */
    public boolean ok() {
        return directories.stream().allMatch(DirectoryCheck::ok);
    }

    /**
     * Returns the checks that found a problem.
     *
     * @return those checks, in order; empty when all is well
     */
    public List<DirectoryCheck> problems() {
        return directories.stream().filter(c -> !c.ok()).toList();
    }
}
