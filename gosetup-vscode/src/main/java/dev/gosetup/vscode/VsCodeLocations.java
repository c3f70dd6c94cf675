package dev.gosetup.vscode;

import dev.gosetup.api.spi.StoreContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where VS Code keeps a user's settings: the desktop editions' {@code User/settings.json}
 * (VS Code, Insiders, VSCodium; portable mode) and, inside a WSL or SSH remote, the VS Code
 * server's machine settings, which are the ones that apply to tools running there.
 */
public final class VsCodeLocations {
    /** The desktop editions' directory names, as VS Code's product.json names them. */
    static final List<String> EDITIONS = List.of("Code", "Code - Insiders", "VSCodium");
    /** The servers' directories in a remote's home: VS Code, Insiders, VSCodium. */
    static final List<String> SERVERS = List.of(".vscode-server", ".vscode-server-insiders", ".vscodium-server");

    private VsCodeLocations() {
    }

    /**
     * Returns every user settings file of an installation found for this user: a remote
     * server's machine settings ({@code ~/.vscode-server/data/Machine/settings.json}) when the
     * server is installed, each desktop edition's {@code User/settings.json} whose {@code User}
     * directory exists, and {@code $VSCODE_PORTABLE/user-data/User/settings.json} when set. When
     * none is found: VS Code's own desktop file.
     *
     * @param user whose settings
     * @return absolute paths, at least one; existing or not
     */
    public static List<Path> userSettings(StoreContext user) {
        List<Path> found = new ArrayList<>();
        user.variable("VSCODE_PORTABLE").map(p -> user.home().getFileSystem().getPath(p)).filter(Path::isAbsolute)
                .ifPresent(p -> found.add(p.resolve("user-data").resolve("User").resolve("settings.json")));
        if (!user.host().isWindows()) {
            for (String server : SERVERS) {
                Path data = user.home().resolve(server).resolve("data");
                if (Files.isDirectory(data)) {
                    found.add(data.resolve("Machine").resolve("settings.json"));
                }
            }
        }
        for (String edition : EDITIONS) {
            Path dir = configRoot(user).resolve(edition).resolve("User");
            if (Files.isDirectory(dir)) {
                found.add(dir.resolve("settings.json"));
            }
        }
        if (found.isEmpty()) {
            found.add(configRoot(user).resolve(EDITIONS.get(0)).resolve("User").resolve("settings.json"));
        }
        return List.copyOf(found);
    }

    /**
     * The directory VS Code's desktop editions keep their data in: Linux {@code $XDG_CONFIG_HOME}
     * or {@code ~/.config}; macOS {@code ~/Library/Application Support}; Windows {@code %APPDATA%}.
     */
    static Path configRoot(StoreContext user) {
        if (user.host().isWindows()) {
            return absolute(user, "APPDATA").orElse(user.home().resolve("AppData").resolve("Roaming"));
        }
        if (user.host().os().equals("darwin")) {
            return user.home().resolve("Library").resolve("Application Support");
        }
        return absolute(user, "XDG_CONFIG_HOME").orElse(user.home().resolve(".config"));
    }

    private static Optional<Path> absolute(StoreContext user, String variable) {
        return user.variable(variable).map(v -> user.home().getFileSystem().getPath(v)).filter(Path::isAbsolute);
    }
}
