package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code scoop}: {@code %SCOOP%\apps\go\*} (by default {@code ~\scoop}) and the global
 * {@code %SCOOP_GLOBAL%\apps\go\*} (by default {@code %ProgramData%\scoop}); the {@code current} junction
 * is the same GOROOT as one version and is reported once.
 */
public final class ScoopDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public ScoopDiscovery() {
        super("scoop", Hosts.WINDOWS);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        glob(found, dir(context, "SCOOP", context.home().resolve("scoop")), "apps", "go", "*");
        path(context, "SCOOP_GLOBAL").or(() -> path(context, "ProgramData").map(p -> p.resolve("scoop")))
                .ifPresent(global -> glob(found, global, "apps", "go", "*"));
    }
}
