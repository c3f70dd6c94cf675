package dev.gosetup.core.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the go command gets one module under some {@link ModuleSettings}: the sources it tries in
 * order, and whether the checksum database vouches for what it downloads.
 *
 * @param modulePath the module path
 * @param sources the entries tried in order: proxies, {@code direct}, {@code off}; each says when
 *     the next one is tried ({@link GoProxyList.Entry#fallBackOnError()})
 * @param noProxyMatch the {@code GONOPROXY} (or {@code GOPRIVATE}) pattern that sends it direct, if any
 * @param checksumDatabase true when the checksum database is consulted for it
 * @param noSumDbMatch the {@code GONOSUMDB} (or {@code GOPRIVATE}) pattern that exempts it, if any
 * @param insecure true when {@code GOINSECURE} lets a direct fetch skip https verification
 * @param explanation why, one sentence per decision
 */
public record ModuleRoute(String modulePath, List<GoProxyList.Entry> sources, Optional<String> noProxyMatch,
        boolean checksumDatabase, Optional<String> noSumDbMatch, boolean insecure, List<String> explanation) {

    /** Copies the components. */
    public ModuleRoute {
        Objects.requireNonNull(modulePath, "modulePath");
        sources = List.copyOf(sources);
        Objects.requireNonNull(noProxyMatch, "noProxyMatch");
        Objects.requireNonNull(noSumDbMatch, "noSumDbMatch");
        explanation = List.copyOf(explanation);
    }

    /**
     * Tells whether the module is fetched directly from its origin rather than through a proxy.
     *
     * @return true when the only source is {@code direct}
     */
    public boolean direct() {
        return sources.size() == 1 && sources.get(0).kind() == GoProxyList.Kind.DIRECT;
    }

    /**
     * Tells whether the module cannot be downloaded at all ({@code GOPROXY=off} reached first).
     *
     * @return true when the first source is {@code off}
     */
    public boolean disabled() {
        return sources.get(0).kind() == GoProxyList.Kind.OFF;
    }
}
