package dev.gosetup.core.internal;

import dev.gosetup.api.StorageException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns a failure to read or write a local file into a {@link StorageException} that names the
 * path and says what to do: free space on a full disk, make a directory writable, or choose
 * another home. The cause is told by the operating system's reason (Linux, macOS and Windows word
 * {@code ENOSPC}, {@code EDQUOT}, {@code EACCES}, {@code EPERM} and {@code EROFS} alike enough).
 */
public final class StorageFailures {

    /** What went wrong, as far as the reason tells. */
    public enum Cause {
        /** No space left on the device, or a quota exceeded. */
        FULL,
        /** Permission denied, operation not permitted, read-only file system. */
        DENIED,
        /** Anything else: a missing directory, a broken disk, a file in the way. */
        OTHER
    }

    private static final String HOME_FIX = "or choose another home with --home or GOSETUP_HOME";

    private StorageFailures() {
    }

    /**
     * Classifies a failure by its type and the operating system's reason.
     *
     * @param e the failure
     * @return its cause
     */
    public static Cause causeOf(IOException e) {
        String reason = (e instanceof FileSystemException f && f.getReason() != null ? f.getReason() + " " : "")
                + String.valueOf(e.getMessage());
        String text = reason.toLowerCase(Locale.ROOT);
        if (text.contains("no space left") || text.contains("quota exceeded") || text.contains("disk full")
                || text.contains("not enough space")) {
            return Cause.FULL;
        }
        if (e instanceof AccessDeniedException || text.contains("permission denied")
                || text.contains("operation not permitted") || text.contains("read-only file system")
                || text.contains("access is denied")) {
            return Cause.DENIED;
        }
        return Cause.OTHER;
    }

    /**
     * Builds the exception for a failed file operation.
     *
     * @param action what was being done, e.g. {@code "write"} or {@code "create the staging directory"}
     * @param path the file or directory it was done to
     * @param e the failure
     * @return the exception, with the failure as its cause
     */
    public static StorageException of(String action, Path path, IOException e) {
        Cause cause = causeOf(e);
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
        String message = "cannot " + action + " " + path + ": " + reason;
        List<String> fixes = switch (cause) {
            case FULL -> List.of("free space on the file system of " + existing(path) + free(path)
                    + " (a Go toolchain needs about 300 MB while it is installed; `gosetup prune` removes old ones)",
                    HOME_FIX + " on a file system with room");
            case DENIED -> List.of("make " + existing(path) + " writable for you (it is read-only, immutable or"
                    + " owned by someone else)", HOME_FIX);
            case OTHER -> List.of("check that " + existing(path) + " exists, is a directory you own and that its disk"
                    + " is healthy", HOME_FIX);
        };
        return new StorageException(message, fixes, e);
    }

    /** The path itself when it exists, else its nearest existing ancestor: what a person can act on. */
    private static Path existing(Path path) {
        Path p = path.toAbsolutePath();
        while (p.getParent() != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static String free(Path path) {
        try {
            long usable = Files.getFileStore(existing(path)).getUsableSpace();
            return String.format(Locale.ROOT, " (%.1f MiB free now)", usable / (1024.0 * 1024.0));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
