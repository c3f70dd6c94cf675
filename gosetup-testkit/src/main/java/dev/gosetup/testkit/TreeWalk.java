package dev.gosetup.testkit;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a GOROOT the way both packers read it ({@link TarGzPacker}, {@link ModuleZipPacker}): depth first, children in
 * name order (so the same tree gives the same archive bytes), symlinks followed as go.dev's archives hold their
 * targets; a dangling or looping symlink, a symlink back to an enclosing directory, and anything that is neither a
 * regular file nor a directory are skipped (logged at DEBUG). Any other error reading the tree is thrown.
 */
final class TreeWalk<A extends BasicFileAttributes> {
    private static final System.Logger LOG = System.getLogger(TreeWalk.class.getName());

    /**
     * What a packer does with each entry.
     *
     * @param <A> the attributes it needs (POSIX ones for the permission bits of a tar)
     */
    interface Visitor<A extends BasicFileAttributes> {
        /**
         * A directory, before its children.
         *
         * @param relative its path below the root with a trailing slash; {@code ""} for the root itself
         */
        void directory(Path dir, String relative, A attributes) throws IOException;

        /**
         * A regular file (or the target of a symlink to one).
         *
         * @param relative its path below the root, {@code /}-separated
         */
        void file(Path file, String relative, A attributes) throws IOException;
    }

    private final Class<A> type;
    private final Visitor<A> visitor;
    private final Set<Object> ancestors = new HashSet<>();

    private TreeWalk(Class<A> type, Visitor<A> visitor) {
        this.type = type;
        this.visitor = visitor;
    }

    /**
     * Walks {@code root}, which must be a directory (or a link to one).
     *
     * @throws IOException if {@code root} is not a directory, or reading the tree or the visitor fails
     */
    static <A extends BasicFileAttributes> void walk(Path root, Class<A> type, Visitor<A> visitor) throws IOException {
        A attributes = Files.readAttributes(root, type);
        if (!attributes.isDirectory()) {
            throw new IOException("not a directory: " + root);
        }
        new TreeWalk<>(type, visitor).directory(root, "", attributes);
    }

    private void directory(Path dir, String relative, A attributes) throws IOException {
        visitor.directory(dir, relative, attributes);
        Object key = keyOf(dir, attributes);
        ancestors.add(key);
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children.add(child.getFileName().toString());
            }
        }
        children.sort(null);
        for (String child : children) {
            Path path = dir.resolve(child);
            A childAttributes;
            try {
                childAttributes = Files.readAttributes(path, type);
            } catch (FileSystemException e) {
                if (Files.isSymbolicLink(path)) {
                    LOG.log(Level.DEBUG, "skipping dangling or looping symlink {0}: {1}", path, e.getMessage());
                    continue;
                }
                throw e;
            }
            if (childAttributes.isDirectory()) {
                if (ancestors.contains(keyOf(path, childAttributes))) {
                    LOG.log(Level.DEBUG, "skipping {0}: symlink cycle back to an enclosing directory", path);
                    continue;
                }
                directory(path, relative + child + "/", childAttributes);
            } else if (childAttributes.isRegularFile()) {
                visitor.file(path, relative + child, childAttributes);
            } else {
                LOG.log(Level.DEBUG, "skipping {0}: neither a regular file nor a directory", path);
            }
        }
        ancestors.remove(key);
    }

    private static Object keyOf(Path dir, BasicFileAttributes attributes) throws IOException {
        return attributes.fileKey() != null ? attributes.fileKey() : dir.toRealPath();
    }
}
