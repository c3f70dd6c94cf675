package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.HeldSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code environment-d} store: a file of its own,
 * {@code $XDG_CONFIG_HOME/environment.d/50-gosetup.conf}, which systemd's user manager reads
 * (environment.d(5)) for the services it starts and for graphical sessions. SSH and console login
 * shells do not read it: pair it with the {@code posix-profile} store.
 *
 * <p>The format is systemd's env file read by {@code systemd-environment-d-generator}: one
 * {@code KEY=VALUE} per line, the value then expanded ({@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR:+alternate}}). gosetup writes every value in double
 * quotes, inside which systemd takes {@code \"} and {@code \\} for {@code "} and {@code \}, and
 * writes {@code $} as {@code $$}, which the expansion turns back into one {@code $}. So spaces,
 * quotes, backslashes, {@code $}, backticks, {@code #} and non-ASCII text arrive as written. PATH
 * is written {@code PATH="/first:/second:${PATH}"}: the user manager always has a PATH, and a
 * directory already on it is not removed from its later place. Refused, because systemd would
 * ignore or mangle them: control characters (a tab included), unpaired UTF-16 surrogates (not
 * UTF-8), and {@code :} in a PATH entry.
 *
 * <p>After the header, a {@code # gosetup-settings:} comment line ({@link HeldSettings}) records
 * the settings, from which {@link #held} reads them back.
 *
 * <p>gosetup owns the whole file: {@link EnvironmentSettings#NONE} plans its deletion. Changes
 * take effect at the next login (or {@code systemctl --user daemon-reexec}). Stateless and
 * thread-safe.
 */
public final class EnvironmentDStore extends FileStore {
    static final String HEADER = "# managed by gosetup; changes are overwritten, and the file is deleted when gosetup"
            + " no longer persists anything.\n# Read by systemd --user (environment.d(5)) for services and graphical"
            + " sessions, not by SSH or console logins.\n";

    /** Creates the store; does no I/O. */
    public EnvironmentDStore() {
    }

    /**
     * Returns the id of this store.
     *
     * @return {@code "environment-d"}
     */
    @Override
    public String id() {
        return "environment-d";
    }

    /**
     * Tells whether systemd's environment.d can exist on the host.
     *
     * @param host the platform
     * @return true on Linux only
     */
    @Override
    public boolean appliesTo(Platform host) {
        return host.os().equals("linux");
    }

    /**
     * Describes the file this store writes for the user.
     *
     * @param context whose environment
     * @return e.g. {@code "systemd user environment ~/.config/environment.d/50-gosetup.conf"}
     */
    @Override
    public String describe(StoreContext context) {
        return "systemd user environment " + shortName(file(context), context);
    }

    /**
     * Plans writing the whole file, or deleting it for {@link EnvironmentSettings#NONE}.
     *
     * @param settings what to persist
     * @param context whose environment
     * @return one change, or none when the file already holds exactly this
     * @throws InvalidConfigurationException naming the variable or directory when environment.d
     *     cannot express it (see the class comment)
     * @throws dev.gosetup.api.GoSetupException when the file cannot be read
     */
    @Override
    public List<StoreChange> plan(EnvironmentSettings settings, StoreContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        Path file = file(context);
        return planOwnedFile(file, "gosetup's environment.d file", settings, s -> render(s, file));
    }

    /**
     * Returns the settings gosetup's environment.d file holds, read back from the
     * {@code # gosetup-settings:} line it embeds and checked against the rest of the file.
     *
     * @param context whose environment
     * @return the settings; {@link EnvironmentSettings#NONE} when the file is missing, and (with a
     *     logged warning) when it is damaged or was edited by hand
     * @throws dev.gosetup.api.GoSetupException when the file exists but cannot be read
     */
    @Override
    public EnvironmentSettings held(StoreContext context) {
        Objects.requireNonNull(context, "context");
        Path file = file(context);
        return heldOwnedFile(file, s -> render(s, file));
    }

    /** The file's content for the settings. */
    static String render(EnvironmentSettings settings, Path file) {
        StringBuilder out = new StringBuilder(HEADER);
        out.append(HeldSettings.line(settings)).append('\n');
        for (Map.Entry<String, String> e : settings.variables().entrySet()) {
            check(e.getKey(), e.getValue(), false, file);
            out.append(e.getKey()).append("=\"").append(escape(e.getValue())).append("\"\n");
        }
        if (!settings.pathPrepend().isEmpty()) {
            out.append("PATH=\"");
            for (String dir : settings.pathPrepend()) {
                check("PATH", dir, true, file);
                out.append(escape(dir)).append(':');
            }
            out.append("${PATH}\"\n");
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "$$");
    }

    private static void check(String name, String value, boolean pathEntry, Path file) {
        String what = (pathEntry ? "the PATH entry " : "the value of " + name + " ") + ShellScript.show(value);
        String fix = pathEntry ? "Leave the directory out of " + file + ", or move it to a path without that character."
                : "Leave " + name + " out of " + file + " (the posix-profile store can carry it), or change the value.";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c < 0x20 || c == 0x7f) {
                throw new InvalidConfigurationException(what + " holds the character U+" + String.format("%04X", (int) c)
                        + ", which systemd's environment.d cannot carry (" + (Character.isSurrogate(c)
                        ? "it has no UTF-8 form" : "systemd drops or mangles control characters") + ")", List.of(fix));
            } else if (pathEntry && c == ':') {
                throw new InvalidConfigurationException(what + " holds ':', which separates PATH entries",
                        List.of(fix));
            }
        }
    }

    @Override
    protected List<Path> files(StoreContext context) {
        return List.of(file(context));
    }

    private static Path file(StoreContext context) {
        return configHome(context).resolve("environment.d").resolve("50-gosetup.conf");
    }
}
