package dev.gosetup.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EnvironmentStore} must do, for a provider's test class to extend, on top of
 * {@link TargetStoreContract} (its targets are the ones its plan names): planning, {@code held}
 * and {@code describe} write nothing; every change names this store and starts from what its
 * target holds; applying a plan then planning again changes nothing; planning
 * {@link EnvironmentSettings#NONE} after applying gives every target back its exact bytes (the
 * user's own content, seeded by {@link #seed}, survives); {@code held} returns what was applied or
 * nothing; {@code unsupported} names only what the settings hold.
 */
public abstract class EnvironmentStoreContract extends TargetStoreContract {

    @Override
    protected abstract EnvironmentStore store();

    @Override
    protected Class<? extends TargetStore> serviceType() {
        return EnvironmentStore.class;
    }

    /**
     * Returns the settings the contract persists; by default Go variables with spaces, quotes and
     * {@code $}, and two PATH entries.
     *
     * @return the settings
     */
    protected EnvironmentSettings settings() {
        return new EnvironmentSettings(Map.of("GOPATH", "/home/me/my go", "GOFLAGS", "-tags=it's \"x\" $y",
                "GOTOOLCHAIN", "local"), List.of("/usr/local/go/bin", "/home/me/my go/bin"));
    }

    /**
     * Puts the user's own content into the home before a test (profile lines, registry values),
     * which every test then expects to survive byte for byte. It must not set what
     * {@link #settings()} sets: a store that keeps variables by name replaces the user's value
     * of a variable gosetup sets (only the journal's rollback brings that back). Nothing by default.
     *
     * @param home the temporary home
     * @param context its context
     * @throws Exception when seeding fails
     */
    protected void seed(Path home, StoreContext context) throws Exception {
    }

    /** The first target the store plans for {@link #settings()}: a target it may write. */
    @Override
    protected String newTarget(StoreContext context) {
        List<StoreChange> plan = store().plan(settings(), context);
        assertFalse(plan.isEmpty(), "planning " + settings() + " in an empty home must change something");
        return plan.get(0).target();
    }

    private void apply(List<StoreChange> plan) {
        for (StoreChange change : plan) {
            store().write(change.target(), change.after(), context);
        }
    }

    private Map<String, Optional<byte[]>> read(List<StoreChange> plan) {
        Map<String, Optional<byte[]>> contents = new TreeMap<>();
        for (StoreChange change : plan) {
            contents.put(change.target(), store().read(change.target(), context));
        }
        return contents;
    }

    @Test
    void planningHeldAndDescribeWriteNothing() throws Exception {
        seed(home, context);
        Map<String, String> before = Contracts.snapshot(home);
        store().plan(settings(), context);
        store().plan(EnvironmentSettings.NONE, context);
        store().held(context);
        assertFalse(store().describe(context).isBlank(), "describe() must say where the store keeps variables");
        assertEquals(before, Contracts.snapshot(home), "planning changed files under " + home);
    }

    @Test
    void everyChangeNamesThisStoreAndStartsFromWhatItsTargetHolds() throws Exception {
        seed(home, context);
        List<StoreChange> plan = store().plan(settings(), context);
        assertFalse(plan.isEmpty());
        for (StoreChange change : plan) {
            assertEquals(store().id(), change.storeId(), "the store id of " + change);
            assertTrue(change.isBefore(store().read(change.target(), context)),
                    change + ": its content before is not what the target holds");
        }
    }

    @Test
    void applyingThenPlanningAgainChangesNothing() throws Exception {
        seed(home, context);
        apply(store().plan(settings(), context));
        assertEquals(List.of(), store().plan(settings(), context), "a second plan for the same settings");
    }

    @Test
    void removingWhatWasAppliedGivesEveryTargetBackItsExactBytes() throws Exception {
        seed(home, context);
        List<StoreChange> plan = store().plan(settings(), context);
        Map<String, Optional<byte[]>> original = read(plan);
        apply(plan);
        apply(store().plan(EnvironmentSettings.NONE, context));
        Map<String, Optional<byte[]>> after = read(plan);
        for (Map.Entry<String, Optional<byte[]>> e : original.entrySet()) {
            assertEquals(e.getValue().isPresent(), after.get(e.getKey()).isPresent(),
                    e.getKey() + (e.getValue().isPresent() ? " was deleted" : " was left behind"));
            if (e.getValue().isPresent()) {
                assertArrayEquals(e.getValue().get(), after.get(e.getKey()).get(), e.getKey() + " is not as it was");
            }
        }
        assertEquals(List.of(), store().plan(EnvironmentSettings.NONE, context), "nothing is left to remove");
    }

    @Test
    void heldIsWhatWasAppliedOrNothing() throws Exception {
        seed(home, context);
        apply(store().plan(settings(), context));
        EnvironmentSettings held = store().held(context);
        if (held.isEmpty()) {
            return; // a store may not be able to tell
        }
        List<String> unsupported = store().unsupported(settings());
        Map<String, String> expected = new TreeMap<>(settings().variables());
        expected.keySet().removeAll(unsupported);
        assertEquals(expected, new TreeMap<>(held.variables()), "the variables held() returns");
        assertEquals(unsupported.contains("PATH") ? List.of() : settings().pathPrepend(), held.pathPrepend(),
                "the PATH entries held() returns");
    }

    @Test
    void unsupportedNamesOnlyWhatTheSettingsHold() {
        List<String> names = new ArrayList<>(settings().variables().keySet());
        names.add("PATH");
        for (String name : store().unsupported(settings())) {
            assertTrue(names.contains(name), "unsupported() names " + name + ", which the settings do not hold");
        }
    }
}
