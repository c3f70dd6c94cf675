package dev.gosetup.core.internal;

import dev.gosetup.api.GoSetupException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and replaces a user's files the way every file-based environment store must: byte for
 * byte, atomically, through symbolic links, keeping permissions. Stateless.
 *
 * <p>What the user set up is respected: a symbolic link is followed only to a file that exists
 * (no directory is ever created through a link); a file with more than one hard link is
 * rewritten in place, so every name keeps seeing it (the journal holds the bytes before, so
 * rollback still restores them); a file its owner made read-only is refused, not rewritten, unless
 * the caller forces it with {@link #replaceReadOnly}, which leaves it exactly as read-only as it was.
 */
public final class AtomicFiles {
    private static final int MAX_LINK_HOPS = 40;
    /** What {@link #readOnly} says of a read-only file where there are no POSIX permissions (Windows). */
    static final String DOS_READ_ONLY = "read-only attribute";

    private AtomicFiles() {
    }

    /**
     * Reads a file; only a regular file of at most 16 MiB is read (a FIFO would block forever, a
     * link to {@code /dev/zero} never ends), anything else is refused before it is opened.
     *
     * @param path the file (symbolic links are followed)
     * @return its bytes, or empty when it does not exist (a dangling link included)
     * @throws dev.gosetup.api.InvalidConfigurationException naming the file when it is not a
     *     regular file or is too large
     * @throws GoSetupException naming the file when it exists but cannot be read
     */
    public static Optional<byte[]> read(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return RegularFiles.readIfExists(path, RegularFiles.DEFAULT_MAX_BYTES, "the file");
        } catch (IOException e) {
            throw new GoSetupException("cannot read " + path + ": " + e,
                    List.of("check that " + path + " is a readable file"), e);
        }
    }

    /**
     * Replaces a file's content atomically, or deletes it. A temporary file in the same directory
     * is written, forced to disk, given the existing file's POSIX permissions (a new file gets
     * {@code newFilePermissions}), and renamed over the file; a symbolic link is followed and its
     * target replaced, the link kept. Missing parent directories are created owner-only
     * ({@code 0700}) where POSIX permissions exist, but never through a symbolic link: a link whose
     * target does not exist is refused. A file with several hard links is written in place (same
     * inode) instead of renamed over. A file without its owner's write permission is refused.
     *
     * @param path the file
     * @param content the new content; empty deletes the file (the link's target, for a link)
     * @param newFilePermissions permissions of a file that does not exist yet, e.g. {@code rw-r--r--}
     * @throws GoSetupException naming the file when it cannot be written; the file then holds what
     *     it held before
     */
    public static void replace(Path path, Optional<byte[]> content, String newFilePermissions) {
        replace(path, content, newFilePermissions, false);
    }

    /**
     * Tells whether a file's owner made it read-only: no owner write permission (POSIX), or the
     * read-only attribute (Windows). Symbolic links are followed.
     *
     * @param path the file
     * @return its permissions (e.g. {@code r--r--r--}) when it exists and is read-only, for
     *     {@link #replaceReadOnly}; empty when it is writable or does not exist
     * @throws GoSetupException naming the file when its permissions cannot be read
     */
    public static Optional<String> readOnly(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            Path target = resolveLinks(path);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> perms = posix.readAttributes().permissions();
                return perms.contains(PosixFilePermission.OWNER_WRITE) ? Optional.empty()
                        : Optional.of(PosixFilePermissions.toString(perms));
            }
            DosFileAttributeView dos = Files.getFileAttributeView(target, DosFileAttributeView.class);
            return dos != null && dos.readAttributes().isReadOnly() ? Optional.of(DOS_READ_ONLY) : Optional.empty();
        } catch (IOException e) {
            throw new GoSetupException("cannot read the permissions of " + path + ": " + e,
                    List.of("check that " + path + " and its directory are readable"), e);
        }
    }

    /**
     * Replaces a file like {@link #replace} even though its owner made it read-only, and leaves it
     * with exactly the given permissions: a file written (or re-created) is read-only again
     * afterwards, a hard-linked one keeps its inode. For the journal, when a person forced it.
     *
     * @param path the file
     * @param content the new content; empty deletes the file
     * @param permissions what {@link #readOnly} returned for it, e.g. {@code r--r--r--}
     * @throws GoSetupException naming the file when it cannot be written; the file then holds what
     *     it held before
     * @throws IllegalArgumentException when {@code permissions} is neither POSIX permissions nor
     *     what {@link #readOnly} says of a Windows read-only file
     */
    public static void replaceReadOnly(Path path, Optional<byte[]> content, String permissions) {
        Objects.requireNonNull(permissions, "permissions");
        if (!permissions.equals(DOS_READ_ONLY)) {
            PosixFilePermissions.fromString(permissions); // refuses anything else up front
        }
        replace(path, content, permissions, true);
    }

    private static void replace(Path path, Optional<byte[]> content, String newFilePermissions, boolean forced) {
        Objects.requireNonNull(content, "content");
        Path target;
        try {
            target = resolveLinks(path);
            boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (!exists && !target.equals(path.toAbsolutePath())) {
                if (content.isEmpty()) {
                    return; // nothing behind the link to delete
                }
                throw new GoSetupException(path + " is a symbolic link to " + target + ", which does not exist;"
                        + " gosetup edits a link's target only when it exists, and never creates directories through a link",
                        List.of("create " + target + " (an empty file will do) if that is where the settings belong",
                                "or replace the link " + path + " by a regular file"));
            }
            if (exists && !forced) {
                refuseReadOnly(path, target);
            }
            if (forced && newFilePermissions.equals(DOS_READ_ONLY)) {
                replaceDosReadOnly(target, exists, content);
                return;
            }
            if (content.isEmpty()) {
                Files.deleteIfExists(target);
                syncDirectory(target.getParent());
                return;
            }
            if (exists && linkCount(target) > 1) {
                if (forced) {
                    writeInPlaceReadOnly(target, content.get(), PosixFilePermissions.fromString(newFilePermissions));
                } else {
                    writeInPlace(target, content.get());
                }
                return;
            }
            write(target, content.get(), newFilePermissions, forced);
        } catch (IOException e) {
            throw new GoSetupException("cannot write " + path + ": " + e,
                    List.of("check that you may write to " + path + " and its directory, and that the disk is not full"),
                    e);
        }
    }

    /**
     * Follows symbolic links to the file they end at (which need not exist).
     *
     * @param path a path
     * @return the absolute path of the last link's target, or {@code path} made absolute
     * @throws IOException when there are more than 40 links in a row
     */
    public static Path resolveLinks(Path path) throws IOException {
        Path target = path.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops >= MAX_LINK_HOPS) {
                throw new IOException("too many levels of symbolic links: " + path);
            }
            Path link = Files.readSymbolicLink(target);
            target = target.getParent().resolve(link).toAbsolutePath();
        }
        return target;
    }

    /** A file its owner made read-only (0444, 0400) stays as it is: renaming over it would ignore that. */
    private static void refuseReadOnly(Path path, Path target) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        boolean readOnly;
        String mode;
        if (posix != null) {
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            readOnly = !perms.contains(PosixFilePermission.OWNER_WRITE);
            mode = PosixFilePermissions.toString(perms);
        } else {
            DosFileAttributeView dos = Files.getFileAttributeView(target, DosFileAttributeView.class);
            readOnly = dos != null && dos.readAttributes().isReadOnly();
            mode = "read-only attribute";
        }
        if (readOnly) {
            throw new GoSetupException(path + (target.equals(path.toAbsolutePath()) ? "" : " (" + target + ")")
                    + " is read-only (" + mode + "); gosetup does not rewrite a file you made read-only",
                    List.of("if gosetup may edit it, make it writable first: chmod u+w " + target,
                            "or leave this file out (choose other stores with --store)"));
        }
    }

    private static long linkCount(Path file) {
        try {
            Object n = Files.getAttribute(file, "unix:nlink");
            return n instanceof Number number ? number.longValue() : 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 1; // no such attribute here (Windows): treat as one name
        }
    }

    /**
     * Rewrites a hard-linked file in place: a rename would give this name a new inode and the
     * other names would keep the old content. Not atomic; the journal's copy of the bytes before
     * is what restores it.
     */
    private static void writeInPlace(Path target, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.truncate(bytes.length);
            channel.force(true);
        }
    }

    /**
     * Rewrites a hard-linked read-only file in place: its owner may not open it for writing (root
     * may), so owner write is added for the write and the permissions set as asked afterwards,
     * whatever happens.
     */
    private static void writeInPlaceReadOnly(Path target, byte[] bytes, Set<PosixFilePermission> permissions)
            throws IOException {
        Set<PosixFilePermission> writable = java.util.EnumSet.copyOf(permissions.isEmpty()
                ? Set.of(PosixFilePermission.OWNER_WRITE) : permissions);
        writable.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(target, writable);
        try {
            writeInPlace(target, bytes);
        } finally {
            Files.setPosixFilePermissions(target, permissions);
        }
    }

    /**
     * Windows: a read-only file can be neither replaced nor deleted, so the attribute is cleared,
     * the file written (or deleted) as usual, and the attribute set again on what was written. If
     * the write fails, the old file gets its attribute back.
     */
    private static void replaceDosReadOnly(Path target, boolean exists, Optional<byte[]> content) throws IOException {
        if (exists) {
            Files.setAttribute(target, "dos:readonly", false);
        }
        boolean written = false;
        try {
            if (content.isEmpty()) {
                Files.deleteIfExists(target);
            } else if (exists && linkCount(target) > 1) {
                writeInPlace(target, content.get());
            } else {
                write(target, content.get(), "rw-r--r--", false);
            }
            written = true;
        } finally {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && (written || exists)) {
                Files.setAttribute(target, "dos:readonly", true);
            }
        }
    }

    /** How old a temporary file of a write must be to count as left behind by a killed process. */
    static final java.time.Duration STALE_TEMPORARY = java.time.Duration.ofMinutes(10);

    /**
     * Deletes temporary files of earlier writes of this file that a killed process left beside it
     * ({@code .<name>.<random>.gosetup-tmp}): a write renames its temporary file within
     * milliseconds, so one older than {@link #STALE_TEMPORARY} belongs to nobody. Links are not
     * followed; a file that cannot be deleted is left.
     */
    static void removeStaleTemporaries(Path dir, String name) {
        String prefix = "." + name + ".";
        java.time.Instant cutoff = java.time.Instant.now().minus(STALE_TEMPORARY);
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".gosetup-tmp")
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: debris is harmless, and the write itself must not fail because of it.
        }
    }

    /**
     * Writes a temporary file and renames it over the target. Its permissions are the existing
     * file's, or {@code permissions} for a new file, or (when {@code exactly}) {@code permissions}
     * in any case: set on the temporary file after it is written, so a read-only mode does not
     * stop the write.
     */
    private static void write(Path target, byte[] bytes, String permissions, boolean exactly) throws IOException {
        Path dir = target.getParent();
        boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
        createDirectories(dir, posix);
        Set<PosixFilePermission> perms = null;
        if (posix) {
            perms = Files.exists(target) && !exactly
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString(permissions);
        }
        removeStaleTemporaries(dir, target.getFileName().toString());
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".gosetup-tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (perms != null) {
                Files.setPosixFilePermissions(temp, perms);
            }
            dev.gosetup.core.internal.TestPause.at("before-rename:" + dir.getFileName() + "/" + target.getFileName());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            if (posix) {
                syncDirectory(dir);
            }
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: some file systems (and Windows) cannot sync directories.
        }
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    private static void createDirectories(Path dir, boolean posix) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent, posix);
        }
        try {
            if (posix) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(ownerOnly));
                Files.setPosixFilePermissions(dir, ownerOnly); // whatever the umask
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
