package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code g} (voidint/g): {@code $G_HOME/versions/*}, by default {@code ~/.g/versions/*}; each version's
 * directory is a GOROOT, or holds one named {@code go} in some releases of g.
 */
public final class GDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public GDiscovery() {
        super("g", Hosts.ANY);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        Path versions = dir(context, "G_HOME", context.home().resolve(".g"));
        glob(found, versions, "versions", "*");
        glob(found, versions, "versions", "*", "go");
    }
}
