package dev.gosetup.core.internal;

import dev.gosetup.api.Platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables that move Go's per-user directories ({@code os.UserConfigDir()}, where Go 1.23+
 * writes telemetry counters, and {@code os.UserCacheDir()}) under a directory of gosetup's
 * choosing, so a {@code go} run leaves nothing in the user's home. Stateless.
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
}
