package dev.gosetup.core.internal;

import dev.gosetup.api.InvalidConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Reads the files a user names or owns (shell profiles, Go's env file, {@code --index},
 * {@code install --from}, checklists, {@code go.mod}) only when they are regular files, and only up
 * to a size limit: a FIFO would block the read forever and {@code /dev/zero} (or a link to it)
 * never ends. Anything else is refused up front, before it is opened, with an
 * {@link InvalidConfigurationException} naming the file and what it is. Stateless.
 */
public final class RegularFiles {
    /** The default limit for the small text files gosetup reads and edits. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private RegularFiles() {
    }

    /**
     * Reads a regular file (symbolic links followed), whole.
     *
     * @param path the file
     * @param maxBytes the largest size accepted
     * @param role what the file is to the user, for messages (e.g. {@code "the checklist"})
     * @return its bytes, or empty when it does not exist (a dangling link included)
     * @throws InvalidConfigurationException when it is not a regular file or is larger than {@code maxBytes}
     * @throws IOException when it cannot be read
     */
    public static Optional<byte[]> readIfExists(Path path, long maxBytes, String role) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        check(path, attrs, maxBytes, role);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(path, maxBytes, role); // it grew while read
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses a path that exists but is not a regular file, or is larger than {@code maxBytes};
     * a missing path passes (the caller reports that in its own words).
     *
     * @param path the file
     * @param maxBytes the largest size accepted
     * @param role what the file is to the user, for messages
     * @throws InvalidConfigurationException as {@link #readIfExists}
     */
    public static void requireRegular(Path path, long maxBytes, String role) {
        try {
            check(path, Files.readAttributes(path, BasicFileAttributes.class), maxBytes, role);
        } catch (IOException e) {
            // missing or unreadable: the read that follows reports it
        }
    }

    private static void check(Path path, BasicFileAttributes attrs, long maxBytes, String role) {
        if (!attrs.isRegularFile()) {
            String kind = attrs.isDirectory() ? "a directory" : "a device, FIFO or socket, not a regular file";
            String shown = Printable.escape(path.toString());
            throw new InvalidConfigurationException(role + " " + shown + (Files.isSymbolicLink(path) ? " (a symbolic link)" : "")
                    + " is " + kind + "; gosetup reads only regular files (a FIFO would block, a device never ends)",
                    List.of("give a regular file instead of " + shown));
        }
        if (attrs.size() > maxBytes) {
            throw tooLarge(path, maxBytes, role);
        }
    }

    private static InvalidConfigurationException tooLarge(Path path, long maxBytes, String role) {
        return new InvalidConfigurationException(role + " " + Printable.escape(path.toString()) + " is larger than "
                + maxBytes / (1024 * 1024) + " MiB, more than such a file can reasonably hold",
                List.of("check that " + Printable.escape(path.toString()) + " is the file you meant"));
    }
}
