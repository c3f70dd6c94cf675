package dev.gosetup.core.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.env.AtomicFiles;
import dev.gosetup.core.install.ToolchainStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes environment settings persistent through {@link EnvironmentStore}s, and undoes that
 * exactly: every change goes through a plan (shown in a dry run), is recorded in a journal with
 * the bytes before and after, and {@link #rollback} writes the bytes before back.
 *
 * <p>Guarantees: applying checks first that no target changed since the plan was made; a failure
 * in the middle of applying (an unwritable file) restores the targets already written, so every
 * target holds what it held before; a process killed in the middle leaves an entry in state
 * {@link JournalEntry.State#APPLYING} that {@link #rollback} completes. A rollback refuses to
 * overwrite a target someone edited after gosetup wrote it, unless forced.
 *
 * <p>The journal lives in the gosetup home ({@code <home>/journal}, owner-only, files
 * {@code 0600}: it keeps copies of the user's profile files). Calls on one home are serialised
 * across threads and processes by the home's file lock. Instances are thread-safe.
 */
public final class EnvironmentChanges {
    /** Where Go variables go when this store is among those chosen. */
    public static final String GO_ENV_FILE = "go-env-file";

    private static final System.Logger LOG = System.getLogger(EnvironmentChanges.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRY_FILE = Pattern.compile("(\\d{6})-[0-9TZ]+\\.json");
    private static final String LOCK_ID = "environment-journal";

    private final ToolchainStore home;
    private final StoreContext context;
    private final Map<String, EnvironmentStore> stores;
    private final Clock clock;

    private EnvironmentChanges(ToolchainStore home, StoreContext context, List<EnvironmentStore> stores, Clock clock) {
        this.home = Objects.requireNonNull(home, "home");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, EnvironmentStore> byId = new LinkedHashMap<>();
        for (EnvironmentStore store : stores) {
            if (byId.putIfAbsent(store.id(), store) != null) {
                throw new IllegalArgumentException("two environment stores share the id " + store.id());
            }
        }
        this.stores = byId;
    }

    /**
     * Uses the environment stores found by {@link ProviderRegistry} that apply to the context's host.
     *
     * @param home the gosetup home, which keeps the journal
     * @param context whose environment
     * @return the instance
     */
    public static EnvironmentChanges create(ToolchainStore home, StoreContext context) {
        List<EnvironmentStore> found = ProviderRegistry.load(EnvironmentStore.class).all().stream()
                .filter(s -> s.appliesTo(context.host())).toList();
        return new EnvironmentChanges(home, context, found, Clock.systemUTC());
    }

    /**
     * Uses the given stores, for tests and embedders that choose their own.
     *
     * @param home the gosetup home, which keeps the journal
     * @param context whose environment
     * @param stores the stores, ids unique
     * @param clock the clock that stamps journal entries
     * @return the instance
     */
    public static EnvironmentChanges create(ToolchainStore home, StoreContext context, List<EnvironmentStore> stores,
            Clock clock) {
        return new EnvironmentChanges(home, context, List.copyOf(stores), clock);
    }

    /**
     * Returns the stores available, in order of preference.
     *
     * @return the stores
     */
    public List<EnvironmentStore> stores() {
        return List.copyOf(stores.values());
    }

    /**
     * Plans the changes that make the chosen stores hold {@code settings}, changing nothing.
     *
     * <p>When {@value #GO_ENV_FILE} is among the stores, the Go variables it can hold are planned
     * for it alone: Go's own file is where {@code go env} and every IDE look, and a copy in a
     * shell profile would shadow it. The other stores get the rest (the {@code PATH} entries,
     * variables Go does not own).
     *
     * @param settings what to persist; {@link EnvironmentSettings#NONE} removes what gosetup wrote
     * @param storeIds the stores to use, by id, in order; no duplicates
     * @return the plan
     * @throws NotFoundException naming an unknown store id and listing the known ones
     * @throws InvalidConfigurationException when a store refuses a setting
     */
    public EnvironmentPlan plan(EnvironmentSettings settings, List<String> storeIds) {
        Objects.requireNonNull(settings, "settings");
        if (storeIds.isEmpty()) {
            throw new InvalidConfigurationException("no environment store chosen",
                    List.of("name one or more of: " + String.join(", ", stores.keySet())));
        }
        if (storeIds.stream().distinct().count() != storeIds.size()) {
            throw new InvalidConfigurationException("an environment store is named twice in " + storeIds,
                    List.of("name each store once"));
        }
        List<EnvironmentStore> chosen = storeIds.stream().map(this::store).toList();
        EnvironmentSettings rest = settings;
        if (storeIds.contains(GO_ENV_FILE)) {
            List<String> outside = store(GO_ENV_FILE).unsupported(settings);
            Map<String, String> notGo = new TreeMap<>(settings.variables());
            notGo.keySet().removeIf(name -> !outside.contains(name));
            rest = new EnvironmentSettings(notGo, settings.pathPrepend());
        }
        List<StoreChange> changes = new ArrayList<>();
        Map<String, List<String>> leftOut = new TreeMap<>();
        for (EnvironmentStore store : chosen) {
            EnvironmentSettings forStore = store.id().equals(GO_ENV_FILE) ? settings : rest;
            changes.addAll(store.plan(forStore, context));
            List<String> unsupported = store.unsupported(forStore);
            if (!unsupported.isEmpty()) {
                leftOut.put(store.id(), unsupported);
            }
        }
        // What one store leaves out that another holds is not left out of the plan as a whole.
        List<String> heldSomewhere = new ArrayList<>();
        for (EnvironmentStore store : chosen) {
            EnvironmentSettings forStore = store.id().equals(GO_ENV_FILE) ? settings : rest;
            List<String> unsupported = store.unsupported(forStore);
            forStore.variables().keySet().stream().filter(n -> !unsupported.contains(n)).forEach(heldSomewhere::add);
            if (!forStore.pathPrepend().isEmpty() && !unsupported.contains("PATH")) {
                heldSomewhere.add("PATH");
            }
        }
        leftOut.replaceAll((id, names) -> names.stream().filter(n -> !heldSomewhere.contains(n)).toList());
        leftOut.values().removeIf(List::isEmpty);
        return new EnvironmentPlan(settings, storeIds, changes, leftOut);
    }

    /**
     * Applies a plan and records it in the journal.
     *
     * @param plan a plan from {@link #plan}
     * @return the journal entry, state {@link JournalEntry.State#APPLIED}; for an empty plan an
     *     entry with no changes that is not recorded
     * @throws GoSetupException naming the target when one changed since the plan was made (nothing
     *     is written then) or cannot be written (every target written before it is restored)
     */
    public JournalEntry apply(EnvironmentPlan plan) {
        Objects.requireNonNull(plan, "plan");
        if (plan.isEmpty()) {
            return new JournalEntry("none", clock.instant(), JournalEntry.State.APPLIED, List.of());
        }
        try (ToolchainStore.Lock lock = home.lock(LOCK_ID)) {
            for (StoreChange change : plan.changes()) {
                if (!change.isBefore(read(change))) {
                    throw new GoSetupException(change.target() + " changed after the plan was made; nothing was "
                            + "written", List.of("plan again (run the command again) and review the new plan"));
                }
            }
            JournalEntry entry = new JournalEntry(nextId(), clock.instant(), JournalEntry.State.APPLYING,
                    plan.changes());
            save(entry);
            List<StoreChange> written = new ArrayList<>();
            for (StoreChange change : plan.changes()) {
                try {
                    write(change, change.after());
                    written.add(change);
                } catch (RuntimeException e) {
                    undo(entry, written, e);
                    throw new GoSetupException("cannot apply the change to " + change.target() + ": "
                            + e.getMessage() + "; every file written before it was restored",
                            resolutions(e, "fix the cause, then apply again"), e);
                }
            }
            JournalEntry applied = entry.withState(JournalEntry.State.APPLIED);
            save(applied);
            LOG.log(System.Logger.Level.DEBUG, "applied environment changes {0}: {1} targets", entry.id(),
                    plan.changes().size());
            return applied;
        }
    }

    /**
     * Undoes the newest applied journal entry that is not rolled back yet, writing back the
     * exact bytes each target held before (deleting targets that did not exist).
     *
     * @param force overwrite targets that were edited after gosetup wrote them
     * @return the entry rolled back, or empty when there is nothing to roll back
     * @throws GoSetupException naming the target when it was edited since (and {@code force} is
     *     false), or cannot be written; targets already restored are then written again as they
     *     were, so the entry stays whole and can be rolled back later
     */
    public Optional<JournalEntry> rollback(boolean force) {
        try (ToolchainStore.Lock lock = home.lock(LOCK_ID)) {
            Optional<JournalEntry> newest = history().stream()
                    .filter(e -> e.state() != JournalEntry.State.ROLLED_BACK).findFirst();
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            JournalEntry entry = newest.get();
            List<StoreChange> toRestore = new ArrayList<>();
            List<StoreChange> changes = new ArrayList<>(entry.changes());
            java.util.Collections.reverse(changes);
            for (StoreChange change : changes) {
                Optional<byte[]> current = read(change);
                if (change.isBefore(current)) {
                    continue; // never written (an interrupted apply) or already restored
                }
                if (!change.isAfter(current) && !force) {
                    throw new GoSetupException(change.target() + " was edited after gosetup changed it (journal entry "
                            + entry.id() + " of " + entry.appliedAt() + "); rolling back would lose those edits, "
                            + "so nothing was changed",
                            List.of("look at " + change.target() + " and move your edits aside, then roll back again",
                                    "or roll back anyway with --force, which restores the file as it was before "
                                            + entry.appliedAt()));
                }
                toRestore.add(change);
            }
            List<StoreChange> restored = new ArrayList<>();
            for (StoreChange change : toRestore) {
                try {
                    write(change, change.before());
                    restored.add(change);
                } catch (RuntimeException e) {
                    for (StoreChange back : restored) {
                        try {
                            write(back, back.after());
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
            return Optional.of(rolledBack);
        }
    }

    /**
     * Lists the journal, newest first.
     *
     * @return the entries; empty when nothing was ever applied
     * @throws GoSetupException naming a journal file that cannot be read
     */
    public List<JournalEntry> history() {
        Path dir = home.journalDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> ENTRY_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .map(EnvironmentChanges::load).toList();
        } catch (IOException e) {
            throw new GoSetupException("cannot list the journal " + dir + ": " + e.getMessage(),
                    List.of("check that " + dir + " is a directory you may read"), e);
        }
    }

    /**
     * Returns the store with the given id.
     *
     * @param id a store id, e.g. {@code posix-profile}
     * @return the store
     * @throws NotFoundException naming the id and listing the stores available on this host
     */
    public EnvironmentStore store(String id) {
        Objects.requireNonNull(id, "id");
        EnvironmentStore store = stores.get(id);
        if (store == null) {
            throw new NotFoundException("no environment store \"" + id + "\" on this host",
                    List.of("use one of: " + String.join(", ", stores.keySet())));
        }
        return store;
    }

    private Optional<byte[]> read(StoreChange change) {
        return store(change.storeId()).read(change.target(), context);
    }

    private void write(StoreChange change, Optional<byte[]> content) {
        store(change.storeId()).write(change.target(), content, context);
    }

    /** Restores what was written of a failed apply; forgets the entry when that worked. */
    private void undo(JournalEntry entry, List<StoreChange> written, RuntimeException failure) {
        boolean clean = true;
        for (int i = written.size() - 1; i >= 0; i--) {
            StoreChange change = written.get(i);
            try {
                write(change, change.before());
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
                clean = false;
            }
        }
        if (clean) {
            try {
                Files.deleteIfExists(entryFile(entry.id()));
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        // Otherwise the APPLYING entry stays, and rollback finishes the job.
    }

    private String nextId() {
        int highest = 0;
        try (Stream<Path> files = Files.list(home.journalDirectory())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = ENTRY_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new GoSetupException("cannot list the journal " + home.journalDirectory() + ": " + e.getMessage(),
                    List.of("check that " + home.journalDirectory() + " is a directory you may read"), e);
        }
        String stamp = clock.instant().toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
        return String.format("%06d-%s", highest + 1, stamp);
    }

    private Path entryFile(String id) {
        return home.journalDirectory().resolve(id + ".json");
    }

    private void save(JournalEntry entry) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", entry.id());
        root.put("appliedAt", entry.appliedAt().toString());
        root.put("state", entry.state().name());
        ArrayNode changes = root.putArray("changes");
        Base64.Encoder base64 = Base64.getEncoder();
        for (StoreChange change : entry.changes()) {
            ObjectNode c = changes.addObject();
            c.put("store", change.storeId());
            c.put("target", change.target());
            c.put("summary", change.summary());
            change.before().ifPresentOrElse(b -> c.put("before", base64.encodeToString(b)), () -> c.putNull("before"));
            change.after().ifPresentOrElse(b -> c.put("after", base64.encodeToString(b)), () -> c.putNull("after"));
        }
        try {
            AtomicFiles.replace(entryFile(entry.id()),
                    Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)), "rw-------");
        } catch (IOException e) {
            throw new GoSetupException("cannot write the journal entry " + entryFile(entry.id()) + ": " + e,
                    List.of("check that " + home.journalDirectory() + " is writable"), e);
        }
    }

    private static JournalEntry load(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<StoreChange> changes = new ArrayList<>();
            Base64.Decoder base64 = Base64.getDecoder();
            for (JsonNode c : required(root, "changes", file)) {
                changes.add(new StoreChange(required(c, "store", file).asText(), required(c, "target", file).asText(),
                        required(c, "summary", file).asText(),
                        c.path("before").isTextual() ? Optional.of(base64.decode(c.get("before").asText())) : Optional.empty(),
                        c.path("after").isTextual() ? Optional.of(base64.decode(c.get("after").asText())) : Optional.empty()));
            }
            return new JournalEntry(required(root, "id", file).asText(),
                    Instant.parse(required(root, "appliedAt", file).asText()),
                    JournalEntry.State.valueOf(required(root, "state", file).asText()), changes);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GoSetupException g) {
                throw g;
            }
            throw new GoSetupException("the journal entry " + file + " is damaged: " + e.getMessage(),
                    List.of("move " + file + " out of the journal directory; the changes it recorded can then no "
                            + "longer be rolled back by gosetup"), e);
        }
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new GoSetupException("the journal entry " + file + " has no \"" + field + "\"",
                    List.of("move " + file + " out of the journal directory"));
        }
        return value;
    }

    private static List<String> resolutions(RuntimeException e, String fallback) {
        if (e instanceof GoSetupException g && !g.resolutions().isEmpty()) {
            return g.resolutions();
        }
        return List.of(fallback);
    }
}
