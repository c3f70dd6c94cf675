package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code mise}: {@code $MISE_DATA_DIR/installs/go/*}, by default
 * {@code $XDG_DATA_HOME/mise} or {@code ~/.local/share/mise} (on Windows {@code %LOCALAPPDATA%\mise}).
 */
public final class MiseDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public MiseDiscovery() {
        super("mise", Hosts.ANY);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        Path fallback = context.host().isWindows()
                ? dir(context, "LOCALAPPDATA", context.home().resolve("AppData").resolve("Local")).resolve("mise")
                : dir(context, "XDG_DATA_HOME", context.home().resolve(".local").resolve("share")).resolve("mise");
        glob(found, dir(context, "MISE_DATA_DIR", fallback), "installs", "go", "*");
    }
}
