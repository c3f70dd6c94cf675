package dev.gosetup.api.spi;

import java.util.Optional;

/**
 * Something whose targets gosetup's change journal reads and replaces: files, registry values.
 * Every edit gosetup makes to a user's files or settings is a {@link dev.gosetup.api.StoreChange}
 * naming a target store by id; the journal checks the target still holds the change's
 * {@code before}, writes {@code after} through the store, records both, and rolls back by writing
 * {@code before} again. Built-in ids: {@code file} (any absolute file path) and the
 * {@link EnvironmentStore}s, which are target stores too.
 *
 * <p>Implementations are stateless and thread-safe; the journal serialises writes across threads
 * and processes.
 */
public interface TargetStore extends Provider {

    /**
     * Reads a target's current content.
     *
     * @param target a target this store planned a change for
     * @param context whose environment
     * @return the content, or empty when the target does not exist
     * @throws dev.gosetup.api.GoSetupException when it exists but cannot be read
     */
    Optional<byte[]> read(String target, StoreContext context);

    /**
     * Replaces a target's content atomically: afterwards it holds exactly {@code content}, or (on
     * failure) exactly what it held before. For a file: a temporary file beside it, flushed to
     * disk, given the original's permissions, renamed over it; a symbolic link is followed and its
     * target replaced.
     *
     * @param target a target this store planned a change for
     * @param content the new content; empty to delete the target
     * @param context whose environment
     * @throws dev.gosetup.api.GoSetupException naming the target when it cannot be written
     */
    void write(String target, Optional<byte[]> content, StoreContext context);

    /**
     * Tells whether the target's owner made it read-only (a file without its owner's write
     * permission). The journal refuses to write such a target unless asked to force it, and then
     * writes it with {@link #writeReadOnly} and keeps what this returned, so that a rollback makes
     * it read-only again in exactly the same way.
     *
     * @param target a target this store planned a change for
     * @param context whose environment
     * @return the target's permissions in the store's terms (for a POSIX file e.g. {@code r--r--r--})
     *     when it exists and is read-only; empty otherwise. The default is empty: for stores whose
     *     targets cannot be read-only (registry values)
     * @throws dev.gosetup.api.GoSetupException naming the target when it exists but cannot be inspected
     */
    default Optional<String> readOnly(String target, StoreContext context) {
        return Optional.empty();
    }

    /**
     * Replaces a target like {@link #write} even though its owner made it read-only, and leaves it
     * read-only with the given permissions (created with them when it did not exist, as when a
     * rollback restores a deleted read-only file). Only the journal calls this, when forced.
     *
     * @param target a target this store planned a change for
     * @param content the new content; empty to delete the target
     * @param permissions what {@link #readOnly} returned for this target
     * @param context whose environment
     * @throws dev.gosetup.api.GoSetupException naming the target when it cannot be written; it then
     *     holds what it held before. The default calls {@link #write}: for stores whose targets
     *     cannot be read-only
     */
    default void writeReadOnly(String target, Optional<byte[]> content, String permissions, StoreContext context) {
        write(target, content, context);
    }
}
