package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code gvm}: {@code $GVM_ROOT/gos/*}, by default {@code ~/.gvm/gos/*}.
 */
public final class GvmDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public GvmDiscovery() {
        super("gvm", Hosts.UNIX);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        glob(found, dir(context, "GVM_ROOT", context.home().resolve(".gvm")), "gos", "*");
    }
}
