package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code usr-local}: {@code /usr/local/go}, where go.dev's installation instructions unpack the archive.
 */
public final class UsrLocalDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public UsrLocalDiscovery() {
        super("usr-local", Hosts.UNIX);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        glob(found, context.system("/usr/local/go"));
    }
}
