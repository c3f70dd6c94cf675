package dev.gosetup.core.env;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link PrivateDirectories#check} found for one directory that only its owner should be
 * able to use.
 *
 * @param directory the directory checked
 * @param permissions its actual permissions as text: POSIX {@code rwxr-xr-x}, or the ACL entries
 *     on Windows; empty when it does not exist
 * @param problem what is wrong, {@link Problem#NONE} when nothing is
 * @param detail one sentence on the problem and its fix; empty when there is none
 */
public record DirectoryCheck(Path directory, String permissions, Problem problem, String detail) {

    /** What can be wrong with a private directory. */
    public enum Problem {
        /** Nothing: it exists, is a directory, and only its owner may use it. */
        NONE,
        /** It does not exist. Repair creates it. */
        MISSING,
        /** Something else than a directory is in its place. Not repaired. */
        NOT_A_DIRECTORY,
        /** Others than its owner may read, write or enter it. Repair makes it owner-only. */
        TOO_OPEN,
        /** Its owner cannot read, write or enter it. Repair gives the owner full access. */
        OWNER_LACKS_ACCESS,
        /** Another user owns it. Not repaired: only that user or an administrator can. */
        NOT_OWNED
    }

    /** Validates that nothing is null. */
    public DirectoryCheck {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Tells whether the directory is fine.
     *
     * @return true when {@link #problem()} is {@link Problem#NONE}
     */
    public boolean ok() {
        return problem == Problem.NONE;
    }

    /**
     * Tells whether {@link PrivateDirectories#repair} can fix the problem.
     *
     * @return true for {@link Problem#MISSING}, {@link Problem#TOO_OPEN} and
     *     {@link Problem#OWNER_LACKS_ACCESS}
     */
    public boolean repairable() {
        return problem == Problem.MISSING || problem == Problem.TOO_OPEN || problem == Problem.OWNER_LACKS_ACCESS;
    }
}
