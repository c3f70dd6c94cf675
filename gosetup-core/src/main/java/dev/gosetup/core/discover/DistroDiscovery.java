package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code distro}: toolchains of the system's packages: Debian and Ubuntu's {@code /usr/lib/go-1.N} (and the
 * {@code /usr/lib/go} link to the default one), Fedora's {@code /usr/lib/golang}.
 */
public final class DistroDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public DistroDiscovery() {
        super("distro", Hosts.UNIX);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        glob(found, context.system("/usr/lib"), "go-*");
        glob(found, context.system("/usr/lib/go"));
        glob(found, context.system("/usr/lib/golang"));
    }
}
