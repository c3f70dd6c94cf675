package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.journal.ChangeJournal;
import dev.gosetup.core.journal.JournalEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes environment settings persistent through {@link EnvironmentStore}s, and undoes that
 * exactly: every change goes through a plan (shown in a dry run) and is applied, recorded and
 * rolled back by the {@link ChangeJournal}, the one writer of a user's files, with the exact
 * bytes before and after. Instances are thread-safe.
 */
public final class EnvironmentChanges {
    /** Where Go variables go when this store is among those chosen. */
    public static final String GO_ENV_FILE = "go-env-file";

    private final StoreContext context;
    private final Map<String, EnvironmentStore> stores;
    private final ChangeJournal journal;

    private EnvironmentChanges(StoreContext context, List<EnvironmentStore> stores, ChangeJournal journal) {
        this.context = Objects.requireNonNull(context, "context");
        this.journal = Objects.requireNonNull(journal, "journal");
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
        return new EnvironmentChanges(context, found, ChangeJournal.create(home, context));
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
        return new EnvironmentChanges(context, List.copyOf(stores), ChangeJournal.create(home, context, stores, clock));
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
     * Applies a plan made earlier (e.g. shown to a person first) and records it in the journal.
     *
     * @param plan a plan from {@link #plan}
     * @param command what makes the change, for the journal's history
     * @return the journal entry, state {@link JournalEntry.State#APPLIED}; for an empty plan an
     *     entry with no changes that is not recorded
     * @throws GoSetupException naming the target when one changed since the plan was made (nothing
     *     is written then) or cannot be written (every target written before it is restored)
     */
    public JournalEntry apply(EnvironmentPlan plan, String command) {
        return apply(plan, command, false);
    }

    /**
     * Applies a plan made earlier, as {@link #apply(EnvironmentPlan, String)}, optionally rewriting
     * files their owner made read-only (what the CLI's {@code --force} does).
     *
     * @param plan a plan from {@link #plan}
     * @param command what makes the change, for the journal's history
     * @param rewriteReadOnly write read-only targets too, leaving them read-only with the same
     *     permissions (a rollback restores them the same way); when false such a target is refused
     * @return as {@link #apply(EnvironmentPlan, String)}
     * @throws InvalidConfigurationException naming a read-only target when
     *     {@code rewriteReadOnly} is false; nothing is written then
     * @throws GoSetupException as {@link #apply(EnvironmentPlan, String)}
     */
    public JournalEntry apply(EnvironmentPlan plan, String command, boolean rewriteReadOnly) {
        Objects.requireNonNull(plan, "plan");
        return journal.apply(command, plan.changes(), rewriteReadOnly);
    }

    /**
     * Plans and applies under the journal's lock: what is applied is planned against what the
     * targets hold at that moment, so concurrent identical applies all succeed (the later ones
     * find nothing left to change).
     *
     * @param settings what to persist
     * @param storeIds the stores to use, as for {@link #plan}
     * @param command what makes the change, for the journal's history
     * @return the journal entry; an unrecorded entry with no changes when nothing had to change
     * @throws GoSetupException as {@link #plan} and {@link #apply(EnvironmentPlan, String)}
     */
    public JournalEntry apply(EnvironmentSettings settings, List<String> storeIds, String command) {
        return apply(settings, storeIds, command, false);
    }

    /**
     * Plans and applies under the journal's lock, as {@link #apply(EnvironmentSettings, List, String)},
     * optionally rewriting files their owner made read-only (what the CLI's {@code --force} does).
     *
     * @param settings what to persist
     * @param storeIds the stores to use, as for {@link #plan}
     * @param command what makes the change, for the journal's history
     * @param rewriteReadOnly as {@link #apply(EnvironmentPlan, String, boolean)}
     * @return the journal entry; an unrecorded entry with no changes when nothing had to change
     * @throws InvalidConfigurationException naming a read-only target when
     *     {@code rewriteReadOnly} is false; nothing is written then
     * @throws GoSetupException as {@link #plan} and {@link #apply(EnvironmentPlan, String)}
     */
    public JournalEntry apply(EnvironmentSettings settings, List<String> storeIds, String command,
            boolean rewriteReadOnly) {
        plan(settings, storeIds); // refuse bad input before taking the lock
        return journal.apply(command, () -> plan(settings, storeIds).changes(), rewriteReadOnly);
    }

    /**
     * Undoes the newest journal entry of any kind (see {@link ChangeJournal#rollback}).
     *
     * @param force overwrite targets that were edited after gosetup wrote them
     * @return the entry rolled back, or empty when there is nothing to roll back
     */
    public Optional<JournalEntry> rollback(boolean force) {
        return journal.rollback(force);
    }

    /**
     * Lists the journal, newest first.
     *
     * @return the entries
     */
    public List<JournalEntry> history() {
        return journal.history();
    }

    /** @return the journal this instance writes through */
    public ChangeJournal journal() {
        return journal;
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
}
