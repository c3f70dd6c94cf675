package dev.gosetup.api.spi;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * Finds where Go toolchains that gosetup did not install may live on a machine: one install method
 * (a version manager, a package manager, the official installer) per provider, whose {@link #id()}
 * is the origin reported for what it finds.
 *
 * <p>A discovery only looks: it never creates, changes or runs anything inside what it finds
 * (except that a provider may run {@code go env GOROOT} to learn where a {@code go} binary's
 * GOROOT is). It returns candidate directories; the caller (gosetup-core's
 * {@code ToolchainDiscoverer}) reads each one's version and platform, checks that it is intact,
 * drops directories that hold no Go at all, and removes duplicates by real path. Implementations
 * read nothing global: every path comes from the context, so tests can build fake layouts in
 * temporary directories. They are thread-safe, must not throw for a missing or unreadable
 * directory (return fewer candidates), and should return quickly.
 */
public interface ToolchainDiscovery extends Provider {

    /**
     * Returns the directories that may be GOROOTs installed by this provider's method.
     *
     * @param context the home, environment, host and file system root to look in
     * @return absolute candidate GOROOT directories, in this provider's preferred order; empty when
     *     none exists
     */
    List<Path> candidates(DiscoveryContext context);
}
