package dev.gosetup.cli;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.env.AtomicFiles;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.persist.EnvironmentChanges;
import dev.gosetup.core.persist.EnvironmentPlan;
import dev.gosetup.core.persist.JournalEntry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies planned changes of store {@code file} (absolute paths; VS Code's files) through the
 * change journal, so they can be rolled back byte for byte.
 *
 * <p>STOPGAP until the shared {@code ChangeJournal} and its built-in {@code file} target store
 * are on main: then {@link #apply} becomes {@code ChangeJournal.create(home, context).apply(command,
 * () -> changes)}, and this class and {@link FileStore} go. Until then it uses the environment
 * journal with a {@code file} store of its own, which {@code gosetup env rollback} does not know.
 */
final class JournaledFiles {
    private JournaledFiles() {
    }

    static JournalEntry apply(ToolchainStore home, StoreContext context, String command, List<StoreChange> changes) {
        return journal(home, context).apply(new EnvironmentPlan(EnvironmentSettings.NONE, List.of(FileStore.ID),
                changes, Map.of()));
    }

    static Optional<JournalEntry> rollback(ToolchainStore home, StoreContext context, boolean force) {
        return journal(home, context).rollback(force);
    }

    private static EnvironmentChanges journal(ToolchainStore home, StoreContext context) {
        return EnvironmentChanges.create(home, context, List.of(new FileStore()), Clock.systemUTC());
    }

    /** Any absolute file, read and replaced atomically; plans nothing itself. */
    static final class FileStore implements EnvironmentStore {
        static final String ID = "file";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String describe(StoreContext context) {
            return "files named by absolute path";
        }

        @Override
        public List<StoreChange> plan(EnvironmentSettings settings, StoreContext context) {
            return List.of();
        }

        @Override
        public Optional<byte[]> read(String target, StoreContext context) {
            return AtomicFiles.read(Path.of(target));
        }

        @Override
        public void write(String target, Optional<byte[]> content, StoreContext context) {
            AtomicFiles.replace(Path.of(target), content, "rw-r--r--");
        }
    }
}
