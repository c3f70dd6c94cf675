package dev.gosetup.api.spi;

import dev.gosetup.api.Platform;

/**
 * What every gosetup provider has in common: a stable id, a priority, and whether it applies to
 * the host it runs on. The capability interfaces (installer, environment store, ...) extend it.
 *
 * <p>Implementations are created by {@link java.util.ServiceLoader}: they need a public
 * no-argument constructor (or a public static {@code provider()} method on the module path) that
 * does no I/O and cannot fail. Expensive work belongs in the capability methods.
 */
public interface Provider {

    /**
     * Returns the id by which users and configuration files select this provider.
     *
     * <p>Stable across releases, lower-case, words separated by {@code -}, e.g.
     * {@code "go-env-file"}. Two providers of the same kind must not share an id.
     *
     * @return the id, never blank
     */
    String id();

    /**
     * Returns the priority used when several applicable providers could serve; higher wins.
     *
     * <p>The built-in providers use 0; a plugin that means to replace one returns more.
     *
     * @return the priority, 0 by default
     */
    default int priority() {
        return 0;
    }

    /**
     * Tells whether this provider can work on the given host at all, e.g. a Windows registry
     * store only on {@code windows}. Must be quick and must not throw.
     *
     * @param host the platform gosetup runs on
     * @return {@code true} (the default) when the provider applies
     */
    default boolean appliesTo(Platform host) {
        return true;
    }
}
