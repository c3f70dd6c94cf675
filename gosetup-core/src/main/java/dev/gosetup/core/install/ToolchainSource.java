package dev.gosetup.core.install;

import dev.gosetup.api.InvalidConfigurationException;

import java.util.List;
import java.util.Locale;

/** Where {@link GoInstaller} gets toolchains from. */
public enum ToolchainSource {
    /** go.dev's release index and archives (or a mirror of them), checked against the index's SHA-256. */
    INDEX,
    /**
     * The {@code golang.org/toolchain} module through the GOPROXY list, checked against the checksum
     * database, as the go command's {@code GOTOOLCHAIN} switch fetches toolchains.
     */
    PROXY,
    /** The index first; the module proxy when the index or its archives cannot be reached or lack the release. */
    AUTO;

    /**
     * Parses a source name.
     *
     * @param text {@code index}, {@code proxy} or {@code auto}, in any case
     * @param setting where it came from, for the message, e.g. {@code --source}
     * @return the source
     * @throws InvalidConfigurationException for any other text
     */
    public static ToolchainSource parse(String text, String setting) {
        for (ToolchainSource s : values()) {
            if (s.name().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new InvalidConfigurationException(setting + ": \"" + text + "\" is not a toolchain source",
                List.of("use index (go.dev's archives), proxy (golang.org/toolchain through GOPROXY) or auto"));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
