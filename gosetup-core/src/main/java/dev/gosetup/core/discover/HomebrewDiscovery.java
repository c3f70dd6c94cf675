package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code homebrew}: the {@code go} and {@code go@1.N} formulae's {@code libexec} directory (in {@code opt/go} or {@code opt/go@1.N}) under
 * {@code $HOMEBREW_PREFIX} and the default prefixes: {@code /opt/homebrew} (Apple silicon),
 * {@code /usr/local} (Intel macs), {@code /home/linuxbrew/.linuxbrew} and {@code ~/.linuxbrew} (Linux).
 */
public final class HomebrewDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public HomebrewDiscovery() {
        super("homebrew", Hosts.UNIX);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        path(context, "HOMEBREW_PREFIX").ifPresent(prefix -> glob(found, prefix.resolve("opt"), "go*", "libexec"));
        for (String prefix : List.of("/opt/homebrew", "/usr/local", "/home/linuxbrew/.linuxbrew")) {
            glob(found, context.system(prefix).resolve("opt"), "go*", "libexec");
        }
        glob(found, context.home().resolve(".linuxbrew").resolve("opt"), "go*", "libexec");
    }
}
