package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code goenv}: {@code $GOENV_ROOT/versions/*}, by default {@code ~/.goenv/versions/*}.
 */
public final class GoenvDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public GoenvDiscovery() {
        super("goenv", Hosts.UNIX);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        glob(found, dir(context, "GOENV_ROOT", context.home().resolve(".goenv")), "versions", "*");
    }
}
