package dev.gosetup.core.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Deletes directory trees that fight back: read-only directories and files (Go's module cache
 * makes both), files an antivirus scanner or indexer holds open for a moment on Windows, entries
 * that vanish while the walk runs. Symbolic links are deleted, never followed. Stateless.
 */
public final class FileTrees {
    private static final int ATTEMPTS = 6;

    private FileTrees() {
    }

    /**
     * Deletes a file or directory tree, making read-only entries writable first and retrying
     * a failed deletion a few times with backoff (about 3 s in all).
     *
     * @param root the tree; nothing happens when it does not exist
     * @throws IOException naming the first entry that could not be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteOnce(root);
                return;
            } catch (AccessDeniedException | DirectoryNotEmptyException e) {
                // DirectoryNotEmpty: something wrote into the tree while it was deleted (a process
                // still exiting); AccessDenied on Windows: a scanner holds a file. Both pass.
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                pause(attempt, e);
            } catch (FileSystemException e) {
                if (attempt >= ATTEMPTS || !isWindows()) {
                    throw e;
                }
                pause(attempt, e);
            }
        }
    }

    private static void pause(int attempt, IOException e) throws IOException {
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private static void deleteOnce(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                makeWritable(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                if (e instanceof AccessDeniedException && file.getParent() != null) {
                    // An unreadable directory: open it up and delete it with its contents next attempt.
                    makeWritable(file);
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (AccessDeniedException e) {
            // Windows refuses to delete a file with the read-only attribute.
            DosFileAttributeView dos = Files.getFileAttributeView(path, DosFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (dos == null) {
                throw e;
            }
            dos.setReadOnly(false);
            Files.deleteIfExists(path);
        }
    }

    private static void makeWritable(Path dir) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
            // Not EnumSet.copyOf: a mode-000 directory has no permissions, and copyOf(empty set) throws.
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            perms.addAll(posix.readAttributes().permissions());
            if (perms.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE))) {
                posix.setPermissions(perms);
            }
            return;
        }
        DosFileAttributeView dos = Files.getFileAttributeView(dir, DosFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (dos != null && dos.readAttributes().isReadOnly()) {
            dos.setReadOnly(false);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
