package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code golang-dl}: {@code ~/sdk/go1.N.P}, where the {@code golang.org/dl/go1.N.P} wrappers download
 * their toolchain ({@code go1.22.5 download}).
 */
public final class GolangDlDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public GolangDlDiscovery() {
        super("golang-dl", Hosts.ANY);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        glob(found, context.home().resolve("sdk"), "go*");
    }
}
