package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.HeldSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code fish} store: a file of its own, {@code $XDG_CONFIG_HOME/fish/conf.d/gosetup.fish}
 * ({@code ~/.config/fish/conf.d/gosetup.fish} when {@code XDG_CONFIG_HOME} is unset or not
 * absolute), which every fish 3 shell sources at startup, interactive or not. The file holds the
 * settings in fish syntax ({@link ShellScript}, {@link Shell#FISH}) under a header saying that
 * gosetup manages it and a {@code # gosetup-settings:} comment line ({@link HeldSettings}) from
 * which {@link #held} reads the settings back.
 *
 * <p>gosetup owns the whole file: planning writes it whole, and {@link EnvironmentSettings#NONE}
 * plans its deletion. A symbolic link is followed and its target replaced; a new file gets
 * {@code 0644}. Stateless and thread-safe.
 */
public final class FishStore extends FileStore {
    /** The first lines of the file. */
    static final String HEADER = "# managed by gosetup; changes are overwritten, and the file is deleted when gosetup"
            + " no longer persists anything\n";

    /** Creates the store; does no I/O. */
    public FishStore() {
    }

    /**
     * Returns the id of this store.
     *
     * @return {@code "fish"}
     */
    @Override
    public String id() {
        return "fish";
    }

    /**
     * Tells whether fish's configuration matters on the host.
     *
     * @param host the platform
     * @return true everywhere but Windows
     */
    @Override
    public boolean appliesTo(Platform host) {
        return !host.isWindows();
    }

    /**
     * Describes the file this store writes for the user.
     *
     * @param context whose environment
     * @return e.g. {@code "fish's ~/.config/fish/conf.d/gosetup.fish"}
     */
    @Override
    public String describe(StoreContext context) {
        return "fish's " + shortName(file(context), context);
    }

    /**
     * Plans writing the whole file, or deleting it for {@link EnvironmentSettings#NONE}.
     *
     * @param settings what to persist
     * @param context whose environment
     * @return one change, or none when the file already holds exactly this
     * @throws dev.gosetup.api.InvalidConfigurationException when a PATH entry holds {@code :} or a
     *     value an unpaired surrogate
     * @throws dev.gosetup.api.GoSetupException when the file cannot be read
     */
    @Override
    public List<StoreChange> plan(EnvironmentSettings settings, StoreContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        return planOwnedFile(file(context), "gosetup's fish configuration", settings, s -> render(s, context));
    }

    /**
     * Returns the settings gosetup's fish file holds, read back from the {@code # gosetup-settings:}
     * line it embeds and checked against the rest of the file.
     *
     * @param context whose environment
     * @return the settings; {@link EnvironmentSettings#NONE} when the file is missing, and (with a
     *     logged warning) when it is damaged or was edited by hand
     * @throws dev.gosetup.api.GoSetupException when the file exists but cannot be read
     */
    @Override
    public EnvironmentSettings held(StoreContext context) {
        Objects.requireNonNull(context, "context");
        return heldOwnedFile(file(context), s -> render(s, context));
    }

    /** The file's content for the settings: header, settings line, script. */
    static String render(EnvironmentSettings settings, StoreContext context) {
        String script = ShellScript.render(Shell.FISH, settings, context.host());
        return HEADER + HeldSettings.line(settings) + "\n" + script;
    }

    @Override
    protected List<Path> files(StoreContext context) {
        return List.of(file(context));
    }

    private static Path file(StoreContext context) {
        return configHome(context).resolve("fish").resolve("conf.d").resolve("gosetup.fish");
    }
}
