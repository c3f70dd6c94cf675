package dev.gosetup.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.CrossProcessLock;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.ProviderRegistry;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import dev.gosetup.core.install.GosetupHome;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.internal.AtomicFiles;
import dev.gosetup.core.internal.Sha256;
import dev.gosetup.core.internal.TestPause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one writer of a user's files and settings: every edit gosetup makes (environment stores,
 * VS Code's files, {@code wsl.conf}, the Windows registry) is a list of {@link StoreChange}s
 * applied here, recorded with the exact content of each target before and after, and undone by
 * {@link #rollback} byte for byte.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Nothing is written unless every target still holds what the plan saw; {@link #apply(String,
 *       Supplier)} plans under the journal's lock, so concurrent gosetup processes never plan
 *       against each other's half-applied state.</li>
 *   <li>A failure in the middle of applying restores the targets already written; a process
 *       killed in the middle leaves an entry in state {@link JournalEntry.State#APPLYING} that
 *       {@link #rollback} completes.</li>
 *   <li>A rollback refuses to overwrite a target edited after gosetup wrote it, unless forced, and
 *       undoes the newest entry of any kind without reading older entries.</li>
 *   <li>A target its owner made read-only ({@link TargetStore#readOnly}) is refused before anything
 *       is written, unless the apply is told to rewrite read-only targets; then it is written
 *       keeping its permissions, the entry records them, and a rollback restores the content and
 *       those permissions exactly.</li>
 *   <li>Contents are kept as separate content-addressed files (one copy per distinct content,
 *       whatever its size, up to {@value #MAX_TARGET_BYTES} bytes per target); a larger target is
 *       refused before anything is written.</li>
 * </ul>
 *
 * <p>Layout under the gosetup home, owner-only (it keeps copies of the user's files):
 * {@code journal/NNNNNN-<time>.json} one small entry per apply, {@code journal/blobs/<sha256>}
 * the contents, files {@code 0600}. Calls on one home are serialised across threads and processes
 * by the home's file lock. Instances are thread-safe.
 */
public final class ChangeJournal {
    /** The largest target content the journal keeps (256 MiB); larger targets are refused up front. */
    public static final long MAX_TARGET_BYTES = 256L * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(ChangeJournal.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRY_FILE = Pattern.compile("(\\d{6})-[0-9TZ]+\\.json");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String LOCK_ID = "journal";
    private static final String OWNER_ONLY_FILE = "rw-------";
    private static final Pattern POSIX_PERMISSIONS = Pattern.compile("([r-][w-][xsS-]){2}[r-][w-][xtT-]");

    private final GosetupHome home;
    private final StoreContext context;
    private final Map<String, TargetStore> stores;
    private final Clock clock;

    private ChangeJournal(GosetupHome home, StoreContext context, List<? extends TargetStore> stores, Clock clock) {
        this.home = Objects.requireNonNull(home, "home");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, TargetStore> byId = new LinkedHashMap<>();
        for (TargetStore store : stores) {
            byId.putIfAbsent(store.id(), store);
        }
        byId.putIfAbsent(FileTargetStore.ID, new FileTargetStore());
        this.stores = Collections.unmodifiableMap(byId);
    }

    /**
     * Uses every target store found by {@link ProviderRegistry} that applies to the context's
     * host: the {@link TargetStore} providers and the {@link EnvironmentStore} providers, so that
     * an entry written by any command can be rolled back by any other.
     *
     * @param store the toolchain store, whose gosetup home keeps the journal
     * @param context whose files and settings
     * @return the journal
     */
    public static ChangeJournal create(ToolchainStore store, StoreContext context) {
        return create(store.home(), context);
    }

    /**
     * Uses every target store found by {@link ProviderRegistry} that applies to the context's
     * host, as {@link #create(ToolchainStore, StoreContext)}.
     *
     * @param home the gosetup home, which keeps the journal
     * @param context whose files and settings
     * @return the journal
     */
    public static ChangeJournal create(GosetupHome home, StoreContext context) {
        List<TargetStore> found = new ArrayList<>();
        ProviderRegistry.load(EnvironmentStore.class).all().stream()
                .filter(s -> s.appliesTo(context.host())).forEach(found::add);
        ProviderRegistry.load(TargetStore.class).all().stream()
                .filter(s -> s.appliesTo(context.host())).forEach(found::add);
        return new ChangeJournal(home, context, found, Clock.systemUTC());
    }

    /**
     * Uses the given target stores (plus {@link FileTargetStore}, always), for tests and embedders
     * that choose their own.
     *
     * @param store the toolchain store, whose gosetup home keeps the journal
     * @param context whose files and settings
     * @param stores the stores; of two with one id the first is used
     * @param clock the clock that stamps entries
     * @return the journal
     */
    public static ChangeJournal create(ToolchainStore store, StoreContext context, List<? extends TargetStore> stores,
            Clock clock) {
        return create(store.home(), context, stores, clock);
    }

    /**
     * Uses the given target stores (plus {@link FileTargetStore}, always), as
     * {@link #create(ToolchainStore, StoreContext, List, Clock)}.
     *
     * @param home the gosetup home, which keeps the journal
     * @param context whose files and settings
     * @param stores the stores; of two with one id the first is used
     * @param clock the clock that stamps entries
     * @return the journal
     */
    public static ChangeJournal create(GosetupHome home, StoreContext context, List<? extends TargetStore> stores,
            Clock clock) {
        return new ChangeJournal(home, context, List.copyOf(stores), clock);
    }

    /**
     * Applies changes planned earlier, e.g. after showing them to a person.
     *
     * @param command what makes the change, for {@link #history} (e.g. {@code "gosetup vscode apply"})
     * @param changes the plan
     * @return the entry, state {@link JournalEntry.State#APPLIED}; for an empty plan an entry with
     *     no changes that is not recorded
     * @throws GoSetupException naming the target when one changed since the plan was made (nothing
     *     is written then), is too large to keep, or cannot be written (every target written
     *     before it is restored)
     * @throws NotFoundException naming a store id no provider has (nothing is written)
     * @throws InvalidConfigurationException naming a target its owner made read-only (nothing is
     *     written; {@link #apply(String, List, boolean)} rewrites it when a person asks for it)
     */
    public JournalEntry apply(String command, List<StoreChange> changes) {
        return apply(command, changes, false);
    }

    /**
     * Applies changes planned earlier, as {@link #apply(String, List)}, optionally rewriting
     * targets their owner made read-only.
     *
     * @param command what makes the change, for {@link #history}
     * @param changes the plan
     * @param rewriteReadOnly write read-only targets too (a person asked for it, e.g. with
     *     {@code --force}), leaving them read-only with the same permissions; when false such a
     *     target is refused before anything is written
     * @return as {@link #apply(String, List)}
     * @throws InvalidConfigurationException naming a read-only target when {@code rewriteReadOnly}
     *     is false (nothing is written)
     * @throws GoSetupException as {@link #apply(String, List)}
     */
    public JournalEntry apply(String command, List<StoreChange> changes, boolean rewriteReadOnly) {
        List<StoreChange> plan = List.copyOf(changes);
        return applyLocked(command, () -> plan, true, rewriteReadOnly);
    }

    /**
     * Plans and applies under the journal's lock, so that what is applied is planned against what
     * the targets hold now, whatever other gosetup processes did just before.
     *
     * @param command what makes the change, for {@link #history}
     * @param planner computes the changes, reading the targets; must not write
     * @return as {@link #apply(String, List)}
     * @throws GoSetupException as {@link #apply(String, List)}, or what the planner throws
     */
    public JournalEntry apply(String command, Supplier<List<StoreChange>> planner) {
        return apply(command, planner, false);
    }

    /**
     * Plans and applies under the journal's lock, as {@link #apply(String, Supplier)}, optionally
     * rewriting targets their owner made read-only.
     *
     * @param command what makes the change, for {@link #history}
     * @param planner computes the changes, reading the targets; must not write
     * @param rewriteReadOnly as {@link #apply(String, List, boolean)}
     * @return as {@link #apply(String, List)}
     * @throws InvalidConfigurationException naming a read-only target when {@code rewriteReadOnly}
     *     is false (nothing is written)
     * @throws GoSetupException as {@link #apply(String, List)}, or what the planner throws
     */
    public JournalEntry apply(String command, Supplier<List<StoreChange>> planner, boolean rewriteReadOnly) {
        return applyLocked(command, planner, false, rewriteReadOnly);
    }

    private JournalEntry applyLocked(String command, Supplier<List<StoreChange>> planner, boolean plannedBefore,
            boolean rewriteReadOnly) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(planner, "planner");
        try (CrossProcessLock lock = home.lock(LOCK_ID)) {
            removeDeadWritersTemporaries();
            List<StoreChange> changes = List.copyOf(planner.get());
            if (changes.isEmpty()) {
                return new JournalEntry("none", clock.instant(), JournalEntry.State.APPLIED, command, List.of());
            }
            for (StoreChange change : changes) {
                store(change.storeId());
                requireKeepable(change, change.before());
                requireKeepable(change, change.after());
            }
            for (StoreChange change : changes) {
                if (!change.isBefore(read(change))) {
                    throw new GoSetupException(change.target() + " changed after the plan was made; nothing was "
                            + "written", List.of(plannedBefore ? "plan again (run the command again) and review the new plan"
                                    : "run the command again; another program is changing " + change.target()));
                }
            }
            Map<StoreChange, Optional<String>> readOnly = new LinkedHashMap<>();
            for (StoreChange change : changes) {
                Optional<String> permissions = store(change.storeId()).readOnly(change.target(), context);
                if (permissions.isPresent() && !rewriteReadOnly) {
                    throw readOnlyRefused(change.target(), permissions.get(), "nothing was written",
                            "run the command again with --force to rewrite it anyway: it stays read-only ("
                                    + permissions.get() + "), and `gosetup rollback` restores its content and mode");
                }
                readOnly.put(change, permissions);
            }
            // The copies this apply adds: no other entry refers to them, so they go when the entry does.
            Set<String> created = new LinkedHashSet<>();
            JournalEntry entry;
            try {
                List<JournalEntry.Change> recorded = new ArrayList<>();
                for (StoreChange change : changes) {
                    recorded.add(new JournalEntry.Change(change.storeId(), change.target(), change.summary(),
                            change.before().map(b -> keep(b, created)), change.after().map(a -> keep(a, created)),
                            readOnly.get(change)));
                }
                entry = new JournalEntry(nextId(), clock.instant(), JournalEntry.State.APPLYING, command, recorded);
                TestPause.at("journal-kept");
                save(entry);
            } catch (RuntimeException e) {
                forget(created, e);
                throw e;
            }
            List<StoreChange> written = new ArrayList<>();
            for (StoreChange change : changes) {
                try {
                    write(change.storeId(), change.target(), change.after(), readOnly.get(change));
                    written.add(change);
                } catch (RuntimeException e) {
                    undo(entry, written, readOnly, created, e);
                    throw new GoSetupException("cannot apply the change to " + change.target() + ": "
                            + e.getMessage() + "; every target written before it was restored",
                            resolutions(e, "fix the cause, then apply again"), e);
                }
            }
            JournalEntry applied = entry.withState(JournalEntry.State.APPLIED);
            save(applied);
            LOG.log(System.Logger.Level.DEBUG, "journal entry {0} ({1}): {2} targets", entry.id(), command,
                    changes.size());
            return applied;
        }
    }

    /**
     * Undoes the newest entry that is not rolled back yet, whatever command made it, writing back
     * the exact content each target held before (deleting targets that did not exist). Older
     * entries are not read.
     *
     * <p>A target recorded as read-only (written because a person forced it) gets back its
     * recorded permissions with its content. A target that became read-only after the entry was
     * applied is refused (nothing is written) unless forced, and then restored keeping its
     * present permissions.
     *
     * @param force overwrite targets that were edited after gosetup wrote them, or made read-only
     * @return the entry rolled back, or empty when there is nothing to roll back
     * @throws GoSetupException naming the target when it was edited since (and {@code force} is
     *     false), or cannot be written; targets already restored are then written again as they
     *     were, so the entry stays whole and can be rolled back later
     * @throws InvalidConfigurationException naming a target made read-only since (and {@code force}
     *     is false); nothing is written
     */
    public Optional<JournalEntry> rollback(boolean force) {
        try (CrossProcessLock lock = home.lock(LOCK_ID)) {
            removeDeadWritersTemporaries();
            Optional<JournalEntry> newest = Optional.empty();
            for (Path file : entryFiles()) {
                JournalEntry entry = load(file);
                if (entry.state() != JournalEntry.State.ROLLED_BACK) {
                    newest = Optional.of(entry);
                    break;
                }
            }
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            JournalEntry entry = newest.get();
            List<JournalEntry.Change> toRestore = new ArrayList<>();
            Map<JournalEntry.Change, Optional<String>> readOnly = new LinkedHashMap<>();
            List<JournalEntry.Change> changes = new ArrayList<>(entry.changes());
            Collections.reverse(changes);
            for (JournalEntry.Change change : changes) {
                store(change.storeId());
                Optional<String> current = read(change.storeId(), change.target()).map(Sha256::hex);
                if (current.equals(change.before())) {
                    continue; // never written (an interrupted apply) or already restored
                }
                if (!current.equals(change.after()) && !force) {
                    throw new GoSetupException(change.target() + " was edited after gosetup changed it (journal entry "
                            + entry.id() + " of " + entry.appliedAt() + ", " + entry.command()
                            + "); rolling back would lose those edits, so nothing was changed",
                            List.of("look at " + change.target() + " and move your edits aside, then roll back again",
                                    "or roll back anyway with --force, which restores it as it was before "
                                            + entry.appliedAt()));
                }
                Optional<String> permissions = change.readOnly();
                if (permissions.isEmpty()) {
                    permissions = store(change.storeId()).readOnly(change.target(), context);
                    if (permissions.isPresent() && !force) {
                        throw readOnlyRefused(change.target(), permissions.get(), "so nothing was rolled back",
                                "roll back anyway with --force, which restores its content and keeps it read-only ("
                                        + permissions.get() + ")");
                    }
                }
                readOnly.put(change, permissions);
                toRestore.add(change);
            }
            Map<JournalEntry.Change, Optional<byte[]>> before = new LinkedHashMap<>();
            for (JournalEntry.Change change : toRestore) {
                before.put(change, change.before().map(this::kept));
            }
            List<JournalEntry.Change> restored = new ArrayList<>();
            for (JournalEntry.Change change : toRestore) {
                try {
                    write(change.storeId(), change.target(), before.get(change), readOnly.get(change));
                    restored.add(change);
                } catch (RuntimeException e) {
                    for (JournalEntry.Change back : restored) {
                        try {
                            write(back.storeId(), back.target(), back.after().map(this::kept), readOnly.get(back));
                        } catch (RuntimeException again) {
                            e.addSuppressed(again);
                        }
                    }
                    throw new GoSetupException("cannot restore " + change.target() + ": " + e.getMessage()
                            + "; the rollback was undone, journal entry " + entry.id() + " is kept",
                            resolutions(e, "fix the cause, then roll back again"), e);
                }
            }
            JournalEntry rolledBack = entry.withState(JournalEntry.State.ROLLED_BACK);
            save(rolledBack);
            LOG.log(System.Logger.Level.DEBUG, "journal entry {0} rolled back", entry.id());
            return Optional.of(rolledBack);
        }
    }

    /**
     * Lists the journal, newest first.
     *
     * @return the entries; empty when nothing was ever applied
     * @throws GoSetupException naming a journal file that cannot be read or is damaged
     */
    public List<JournalEntry> history() {
        return entryFiles().stream().map(ChangeJournal::load).toList();
    }

    /**
     * What {@link #pruneUnreferenced()} deleted.
     *
     * @param removed each deleted copy, {@code <gosetup home>/journal/blobs/<sha256>}
     * @param bytes their size in bytes
     */
    public record Reclaimed(List<Path> removed, long bytes) {
        /** Copies the list and checks the size. */
        public Reclaimed {
            removed = List.copyOf(removed);
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be 0 or more, got " + bytes);
            }
        }
    }

    /**
     * Deletes the kept contents no entry refers to: those of a gosetup process killed after it
     * kept them and before it saved its entry ({@code gosetup prune}). Runs under the journal's
     * lock, so no apply is between keeping and saving meanwhile. Every entry is read first,
     * whatever its state: a copy referred to by a rolled-back entry is kept (history is the
     * user's record). Only regular files named as a SHA-256 are deleted, links not followed;
     * temporary files ({@code *.gosetup-tmp}) are left to the store's debris cleanup.
     *
     * @return what was deleted; empty when nothing was unreferenced or there is no journal
     * @throws GoSetupException naming the entry file that cannot be read or is damaged; nothing is
     *     deleted then, since it might refer to any copy
     */
    public Reclaimed pruneUnreferenced() {
        if (!Files.isDirectory(home.journalDirectory(), LinkOption.NOFOLLOW_LINKS)) {
            return new Reclaimed(List.of(), 0);
        }
        try (CrossProcessLock lock = home.lock(LOCK_ID)) {
            Set<String> referenced = new HashSet<>();
            for (Path file : entryFiles()) {
                JournalEntry entry;
                try {
                    entry = load(file);
                } catch (GoSetupException e) {
                    throw new GoSetupException(e.getMessage() + "; no copy in " + blobDirectory()
                            + " was deleted, since it may refer to any of them", e.resolutions(), e);
                }
                for (JournalEntry.Change change : entry.changes()) {
                    change.before().ifPresent(referenced::add);
                    change.after().ifPresent(referenced::add);
                }
            }
            Path blobs = blobDirectory();
            if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
                return new Reclaimed(List.of(), 0);
            }
            List<Path> removed = new ArrayList<>();
            long bytes = 0;
            List<Path> candidates;
            try (Stream<Path> files = Files.list(blobs)) {
                candidates = files.filter(p -> SHA256.matcher(p.getFileName().toString()).matches())
                        .filter(p -> !referenced.contains(p.getFileName().toString())).sorted().toList();
            } catch (IOException e) {
                throw new GoSetupException("cannot list the journal's copies " + blobs + ": " + e.getMessage(),
                        List.of("check that " + blobs + " is a directory you may read"), e);
            }
            for (Path blob : candidates) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(blob,
                            BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (!attributes.isRegularFile()) {
                        continue; // not a copy the journal wrote
                    }
                    Files.delete(blob);
                    removed.add(blob);
                    bytes += attributes.size();
                    LOG.log(System.Logger.Level.DEBUG, "removed {0} ({1} bytes): no journal entry refers to it",
                            blob, attributes.size());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot remove " + blob, e);
                }
            }
            return new Reclaimed(removed, bytes);
        }
    }

    /**
     * Returns the target stores this journal can write, by id.
     *
     * @return the stores, {@code file} among them
     */
    public Map<String, TargetStore> stores() {
        return stores;
    }

    private TargetStore store(String id) {
        TargetStore store = stores.get(id);
        if (store == null) {
            throw new NotFoundException("no target store \"" + id + "\" on this host to write or restore with",
                    List.of("use one of: " + String.join(", ", stores.keySet()),
                            "or install the gosetup module that provides \"" + id + "\""));
        }
        return store;
    }

    private Optional<byte[]> read(StoreChange change) {
        return read(change.storeId(), change.target());
    }

    private Optional<byte[]> read(String storeId, String target) {
        return store(storeId).read(target, context);
    }

    /** Writes through the store; a read-only target (its permissions given) stays read-only. */
    private void write(String storeId, String target, Optional<byte[]> content, Optional<String> readOnly) {
        if (readOnly.isPresent()) {
            store(storeId).writeReadOnly(target, content, readOnly.get(), context);
        } else {
            store(storeId).write(target, content, context);
        }
    }

    private static InvalidConfigurationException readOnlyRefused(String target, String permissions, String outcome,
            String force) {
        String writable = POSIX_PERMISSIONS.matcher(permissions).matches() ? "chmod u+w " + target
                : "attrib -r \"" + target + "\"";
        return new InvalidConfigurationException(target + " is read-only (" + permissions + "); gosetup does not "
                + "rewrite a file you made read-only, " + outcome,
                List.of(force, "or make it writable first: " + writable));
    }

    private static void requireKeepable(StoreChange change, Optional<byte[]> content) {
        long size = content.map(b -> (long) b.length).orElse(0L);
        if (size > MAX_TARGET_BYTES) {
            throw new InvalidConfigurationException(change.target() + " is " + size + " bytes; gosetup keeps at most "
                    + MAX_TARGET_BYTES + " bytes of a target to restore it exactly, so nothing was written",
                    List.of("make " + change.target() + " smaller, or make the change by hand"));
        }
    }

    /**
     * Restores what was written of a failed apply; when that worked, forgets the entry and the
     * copies the apply added ({@code created}: copies that existed before may be another entry's).
     */
    private void undo(JournalEntry entry, List<StoreChange> written, Map<StoreChange, Optional<String>> readOnly,
            Set<String> created, RuntimeException failure) {
        boolean clean = true;
        for (int i = written.size() - 1; i >= 0; i--) {
            StoreChange change = written.get(i);
            try {
                write(change.storeId(), change.target(), change.before(), readOnly.get(change));
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
                clean = false;
            }
        }
        if (clean) {
            try {
                Files.deleteIfExists(entryFile(entry.id()));
                forget(created, failure);
            } catch (IOException e) {
                failure.addSuppressed(e); // the entry stays, and so do the copies it refers to
            }
        }
        // Otherwise the APPLYING entry stays, and rollback finishes the job.
    }

    /**
     * Deletes copies this apply added and no entry refers to (the apply failed before its entry
     * was saved, or its entry was deleted). What cannot be deleted is left for {@link #pruneUnreferenced}.
     */
    private void forget(Set<String> created, RuntimeException failure) {
        for (String hash : created) {
            try {
                Files.deleteIfExists(blobDirectory().resolve(hash));
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Deletes the temporary files ({@code *.gosetup-tmp}) of entries and copies whose writer was
     * killed before renaming them: the journal writes only under its lock, which this process now
     * holds, so every such file belongs to a process that died, however young it is. Links are not
     * followed; what cannot be deleted is left (it is harmless).
     */
    private void removeDeadWritersTemporaries() {
        for (Path dir : List.of(home.journalDirectory(), blobDirectory())) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.getFileName().toString().endsWith(".gosetup-tmp")
                            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(p);
                        LOG.log(System.Logger.Level.DEBUG, "removed {0}, left by a gosetup process that was killed", p);
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot clean " + dir, e);
            }
        }
    }

    /**
     * Keeps a content in the journal (once per distinct content) and returns its hash, adding it
     * to {@code created} when this call wrote the copy (it did not exist before).
     */
    private String keep(byte[] content, Set<String> created) {
        String hash = Sha256.hex(content);
        Path blob = blobDirectory().resolve(hash);
        if (!Files.isRegularFile(blob)) {
            try {
                AtomicFiles.replace(blob, Optional.of(content), OWNER_ONLY_FILE);
                created.add(hash);
            } catch (GoSetupException e) {
                throw new GoSetupException("cannot keep a copy in the journal " + blob + ": " + e.getMessage()
                        + "; nothing was written", List.of("check that " + blobDirectory() + " is writable and the "
                                + "disk is not full"), e);
            }
        }
        return hash;
    }

    /** Reads a kept content back, checking it is the one recorded. */
    private byte[] kept(String hash) {
        Path blob = blobDirectory().resolve(hash);
        byte[] content = AtomicFiles.read(blob).orElseThrow(() -> new GoSetupException("the journal's copy " + blob
                + " is missing, so this change cannot be restored exactly",
                List.of("restore the file from a backup, or roll back with --force after restoring it by hand")));
        if (!Sha256.hex(content).equals(hash)) {
            throw new GoSetupException("the journal's copy " + blob + " is damaged (its SHA-256 is not " + hash
                    + "), so this change cannot be restored exactly",
                    List.of("restore the file from a backup; gosetup will not write a damaged copy"));
        }
        return content;
    }

    private Path blobDirectory() {
        return journalDirectory().resolve("blobs");
    }

    private List<Path> entryFiles() {
        Path dir = journalDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> ENTRY_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new GoSetupException("cannot list the journal " + dir + ": " + e.getMessage(),
                    List.of("check that " + dir + " is a directory you may read"), e);
        }
    }

    private String nextId() {
        int highest = 0;
        for (Path p : entryFiles()) {
            Matcher m = ENTRY_FILE.matcher(p.getFileName().toString());
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        String stamp = clock.instant().toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
        return String.format("%06d-%s", highest + 1, stamp);
    }

    private Path entryFile(String id) {
        return journalDirectory().resolve(id + ".json");
    }

    /**
     * Renders entries as JSON, the way the journal keeps each one: id, appliedAt, state, command,
     * and per change store, target, summary and the SHA-256 of the content before and after
     * ({@code null} for none), and {@code readOnly} (its permissions) for a read-only target that
     * was written because a person forced it. For tools ({@code gosetup history --json}).
     *
     * @param entries the entries
     * @return a JSON array, pretty-printed
     */
    public static String json(List<JournalEntry> entries) {
        ArrayNode array = JSON.createArrayNode();
        entries.forEach(e -> array.add(node(e)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings always renders", e);
        }
    }

    private static ObjectNode node(JournalEntry entry) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", entry.id());
        root.put("appliedAt", entry.appliedAt().toString());
        root.put("state", entry.state().name());
        root.put("command", entry.command());
        ArrayNode changes = root.putArray("changes");
        for (JournalEntry.Change change : entry.changes()) {
            ObjectNode c = changes.addObject();
            c.put("store", change.storeId());
            c.put("target", change.target());
            c.put("summary", change.summary());
            change.before().ifPresentOrElse(h -> c.put("before", h), () -> c.putNull("before"));
            change.after().ifPresentOrElse(h -> c.put("after", h), () -> c.putNull("after"));
            change.readOnly().ifPresent(p -> c.put("readOnly", p));
        }
        return root;
    }

    private void save(JournalEntry entry) {
        ObjectNode root = node(entry);
        Path file = entryFile(entry.id());
        try {
            AtomicFiles.replace(file, Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)),
                    OWNER_ONLY_FILE);
        } catch (IOException | GoSetupException e) {
            throw new GoSetupException("cannot write the journal entry " + file + ": " + e.getMessage(),
                    List.of("check that " + journalDirectory() + " is writable and the disk is not full"), e);
        }
    }

    private static JournalEntry load(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<JournalEntry.Change> changes = new ArrayList<>();
            for (JsonNode c : required(root, "changes", file)) {
                changes.add(new JournalEntry.Change(required(c, "store", file).asText(),
                        required(c, "target", file).asText(), required(c, "summary", file).asText(),
                        hash(c, "before", file), hash(c, "after", file), readOnly(c, file)));
            }
            return new JournalEntry(required(root, "id", file).asText(),
                    Instant.parse(required(root, "appliedAt", file).asText()),
                    JournalEntry.State.valueOf(required(root, "state", file).asText()),
                    root.path("command").asText("unknown"), changes);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GoSetupException g) {
                throw g;
            }
            throw damaged(file, e.getMessage(), e);
        }
    }

    private static Optional<String> hash(JsonNode change, String field, Path file) {
        JsonNode value = change.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !SHA256.matcher(value.asText()).matches()) {
            throw damaged(file, "\"" + field + "\" is not a SHA-256", null);
        }
        return Optional.of(value.asText());
    }

    private static Optional<String> readOnly(JsonNode change, Path file) {
        JsonNode value = change.get("readOnly");
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw damaged(file, "\"readOnly\" is not a text", null);
        }
        return Optional.of(value.asText());
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw damaged(file, "it has no \"" + field + "\"", null);
        }
        return value;
    }

    private static GoSetupException damaged(Path file, String why, Throwable cause) {
        return new GoSetupException("the journal entry " + file + " is damaged: " + why,
                List.of("move " + file + " out of the journal directory; the changes it recorded can then no "
                        + "longer be rolled back by gosetup"), cause);
    }

    private static List<String> resolutions(RuntimeException e, String fallback) {
        if (e instanceof GoSetupException g && !g.resolutions().isEmpty()) {
            return g.resolutions();
        }
        return List.of(fallback);
    }

    /** The journal's directory in the home, created owner-only on first use. */
    private Path journalDirectory() {
        return home.directory("journal");
    }
}
