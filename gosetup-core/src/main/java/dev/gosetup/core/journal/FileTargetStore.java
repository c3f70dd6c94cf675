package dev.gosetup.core.journal;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import dev.gosetup.core.internal.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@value #ID} target store: any absolute file path, read and replaced through
 * {@link AtomicFiles} (byte for byte, atomically, through symbolic links, keeping permissions; a
 * new file gets {@code 0644}). What plans edits of files that are not environment stores (VS
 * Code's settings, {@code wsl.conf}, {@code .wslconfig}) names this store in its
 * {@link dev.gosetup.api.StoreChange}s. A file its owner made read-only is reported by
 * {@link #readOnly} and written only through {@link #writeReadOnly}, which keeps its permissions.
 * Stateless and thread-safe.
 */
public final class FileTargetStore implements TargetStore {
    /** The id changes of plain files name. */
    public static final String ID = "file";

    private static final String NEW_FILE_PERMISSIONS = "rw-r--r--";

    /** Creates the store; ServiceLoader uses this. */
    public FileTargetStore() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<byte[]> read(String target, StoreContext context) {
        return AtomicFiles.read(path(target));
    }

    @Override
    public void write(String target, Optional<byte[]> content, StoreContext context) {
        Objects.requireNonNull(content, "content");
        AtomicFiles.replace(path(target), content, NEW_FILE_PERMISSIONS);
    }

    @Override
    public Optional<String> readOnly(String target, StoreContext context) {
        return AtomicFiles.readOnly(path(target));
    }

    @Override
    public void writeReadOnly(String target, Optional<byte[]> content, String permissions, StoreContext context) {
        Objects.requireNonNull(content, "content");
        AtomicFiles.replaceReadOnly(path(target), content, permissions);
    }

    private static Path path(String target) {
        Objects.requireNonNull(target, "target");
        Path path = Path.of(target);
        if (!path.isAbsolute()) {
            throw new dev.gosetup.api.InvalidConfigurationException("the file \"" + target
                    + "\" of a journaled change is not an absolute path", List.of("plan changes of absolute paths"));
        }
        return path;
    }
}
