package dev.gosetup.api.spi;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.StoreChange;

import java.util.List;

/**
 * A place where environment variables persist across sessions: Go's own env file, a shell's
 * profile, systemd's {@code environment.d}, the Windows registry. Built-in ids:
 * {@code go-env-file}, {@code posix-profile}, {@code fish}, {@code environment-d}.
 *
 * <p>A store never changes anything while planning. The caller (gosetup's plan, journal and
 * rollback) shows the plan, checks that every target still holds {@link StoreChange#before()},
 * calls {@link #write} for each change, records them, and undoes them exactly by writing
 * {@code before} back. So a store owns only two things: what its targets should contain, and how
 * to read and replace one atomically.
 *
 * <p>An environment store is a {@link TargetStore}: the journal reads and writes its targets.
 *
 * <p>A store changes only the part of a target it owns (a marked block, its own keys) and keeps
 * every other byte. Implementations are stateless and thread-safe.
 */
public interface EnvironmentStore extends TargetStore {

    /**
     * Describes where this store keeps variables for the given user, for listings and messages.
     *
     * @param context whose environment
     * @return one line, e.g. {@code "Go's env file /home/me/.config/go/env"}
     */
    String describe(StoreContext context);

    /**
     * Computes the changes that make this store hold exactly {@code settings} (no more of what
     * gosetup wrote earlier), reading the targets' current content and changing nothing.
     * {@link EnvironmentSettings#NONE} plans the removal of everything gosetup wrote.
     *
     * @param settings what to persist; a store ignores what it cannot hold and says so in
     *     {@link #unsupported}
     * @param context whose environment
     * @return the changes, empty when the store already holds the settings
     * @throws dev.gosetup.api.InvalidConfigurationException when a setting is one this store must
     *     refuse (e.g. a key {@code go env -w} refuses), naming it
     * @throws dev.gosetup.api.GoSetupException when a target cannot be read
     */
    List<StoreChange> plan(EnvironmentSettings settings, StoreContext context);

    /**
     * Returns the settings gosetup's part of this store holds now: what the last applied
     * {@link #plan} was made from, as far as the store holds it, so that a caller changing some
     * settings (e.g. {@code gosetup proxy set}) can keep the others. Reads only, changes nothing.
     *
     * <p>A store returns only what it can know for certain: never a value its targets do not
     * hold. When gosetup's part is damaged or was edited by hand so that the settings cannot be
     * read back exactly, it returns what it can still be sure of, or {@link EnvironmentSettings#NONE},
     * and logs a warning saying why.
     *
     * @param context whose environment
     * @return the settings; {@link EnvironmentSettings#NONE} when the store holds nothing of
     *     gosetup's (a missing target included), and by default, for a store that cannot tell
     * @throws dev.gosetup.api.GoSetupException when a target exists but cannot be read, naming it
     */
    default EnvironmentSettings held(StoreContext context) {
        return EnvironmentSettings.NONE;
    }

    /**
     * Lists what of {@code settings} this store cannot hold, e.g. {@code PATH} in Go's env file.
     *
     * @param settings the settings
     * @return the names that would be left out ({@code "PATH"} for path entries); empty by default
     */
    default List<String> unsupported(EnvironmentSettings settings) {
        return List.of();
    }
}
