package dev.gosetup.core.internal;

import dev.gosetup.api.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables that move Go's per-user directories ({@code os.UserConfigDir()}, where Go 1.23+
 * writes telemetry counters, and {@code os.UserCacheDir()}) under a directory of gosetup's
 * choosing, so a {@code go} run leaves nothing in the user's home, and that turn Go's telemetry off
 * there. Stateless.
 *
 * <p>Why telemetry off: in its default mode ({@code local}) Go 1.23+ starts a detached child
 * ({@code go "** telemetry **"}) that outlives the go command and creates {@code telemetry/local}
 * and {@code telemetry/upload} under the config directory afterwards. Where that directory is
 * about to be deleted (a staging directory, a hermetic environment) the child re-creates it after
 * the deletion. With the mode file saying {@code off} the go command neither opens counter files nor
 * starts the child (x/telemetry {@code start.go}, {@code parent}).
 */
public final class GoUserDirectories {
    private GoUserDirectories() {
    }

    /**
     * Returns the variables that put Go's config directory at {@code root/config} and its cache
     * directory at {@code root/cache}: {@code XDG_CONFIG_HOME} and {@code XDG_CACHE_HOME} on
     * Linux and the BSDs, {@code APPDATA} and {@code LOCALAPPDATA} on Windows, and on macOS, where
     * no variable but {@code HOME} moves them, {@code HOME=root/home}.
     *
     * @param platform the platform the go command runs on
     * @param root the directory to hold them; the directories need not exist (go creates them)
     * @return the variables, in a new mutable map
     */
    public static Map<String, String> movedUnder(Platform platform, Path root) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (platform.isWindows()) {
            vars.put("APPDATA", root.resolve("config").toString());
            vars.put("LOCALAPPDATA", root.resolve("cache").toString());
        } else if (platform.os().equals("darwin")) {
            vars.put("HOME", root.resolve("home").toString());
        } else {
            vars.put("XDG_CONFIG_HOME", root.resolve("config").toString());
            vars.put("XDG_CACHE_HOME", root.resolve("cache").toString());
        }
        return vars;
    }

    /**
     * Writes {@code off} to Go's telemetry mode file inside the config directory that
     * {@link #movedUnder} gives for {@code root}, creating the directories it needs.
     *
     * @param platform the platform the go command runs on
     * @param root the same directory as given to {@link #movedUnder}
     * @return the mode file written
     * @throws IOException when it cannot be written
     */
    public static Path turnTelemetryOff(Platform platform, Path root) throws IOException {
        return turnTelemetryOff(platform.os().equals("darwin")
                ? root.resolve("home").resolve("Library").resolve("Application Support")
                : root.resolve("config"));
    }

    /**
     * Writes {@code off} to Go's telemetry mode file, {@code go/telemetry/mode} under a user
     * config directory (what {@code os.UserConfigDir()} returns to the go command), creating the
     * directories it needs: what {@code go telemetry off} writes.
     *
     * @param userConfigDirectory e.g. {@code $XDG_CONFIG_HOME}, {@code ~/.config}, {@code %APPDATA%}
     * @return the mode file written
     * @throws IOException when it cannot be written
     */
    public static Path turnTelemetryOff(Path userConfigDirectory) throws IOException {
        Path mode = Files.createDirectories(userConfigDirectory.resolve("go").resolve("telemetry")).resolve("mode");
        Files.write(mode, "off".getBytes(StandardCharsets.US_ASCII));
        return mode;
    }
}
