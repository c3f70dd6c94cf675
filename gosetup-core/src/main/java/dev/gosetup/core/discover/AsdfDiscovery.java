package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code asdf}: {@code $ASDF_DATA_DIR/installs/golang/VERSION/go}, by default under {@code ~/.asdf}
 * (the asdf-golang plugin unpacks the archive, whose top directory is {@code go}, into the version's directory).
 */
public final class AsdfDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public AsdfDiscovery() {
        super("asdf", Hosts.UNIX);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        glob(found, dir(context, "ASDF_DATA_DIR", context.home().resolve(".asdf")), "installs", "golang", "*", "go");
    }
}
