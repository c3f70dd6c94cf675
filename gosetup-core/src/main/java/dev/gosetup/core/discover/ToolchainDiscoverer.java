package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveredToolchain;
import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ToolchainDiscovery;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the Go toolchains on a machine that gosetup did not install, through every
 * {@link ToolchainDiscovery} provider, without changing any of them.
 *
 * <p>Each provider's candidates are inspected once: the version from {@code VERSION} (else
 * {@code go version}), the platform from {@code pkg/tool} (else {@code go version}), and what is
 * missing for the install to be intact. Directories with neither {@code bin/go} nor {@code VERSION}
 * are dropped. A GOROOT found by several providers (through links, junctions, {@code PATH}) is
 * reported once, by real path, with the origin of the first provider that found it, except that a
 * manager's origin replaces {@code path}. A provider that throws is logged and skipped. Thread-safe.
 */
public final class ToolchainDiscoverer {
    private static final System.Logger LOG = System.getLogger(ToolchainDiscoverer.class.getName());

    private final List<ToolchainDiscovery> discoveries;

    private ToolchainDiscoverer(List<ToolchainDiscovery> discoveries) {
        this.discoveries = List.copyOf(discoveries);
    }

    /**
     * Uses the providers registered through {@link java.util.ServiceLoader}.
     *
     * @return the discoverer
     */
    public static ToolchainDiscoverer load() {
        return of(ProviderRegistry.load(ToolchainDiscovery.class, ToolchainDiscoverer.class.getClassLoader()).all());
    }

    /**
     * Uses the given providers, in order.
     *
     * @param discoveries the providers
     * @return the discoverer
     */
    public static ToolchainDiscoverer of(List<? extends ToolchainDiscovery> discoveries) {
        return new ToolchainDiscoverer(new ArrayList<>(discoveries));
    }

    /**
     * Returns the providers this discoverer runs.
     *
     * @return the providers, in order
     */
    public List<ToolchainDiscovery> discoveries() {
        return discoveries;
    }

    /**
     * Finds the toolchains. Blocks while it reads directories and, for installs without a
     * {@code VERSION} file or {@code pkg/tool}, runs their {@code go version} (with
     * {@code GOTOOLCHAIN=local}).
     *
     * @param context where to look
     * @return the toolchains, newest first (those without a version last), then by GOROOT
     */
    public List<DiscoveredToolchain> discover(DiscoveryContext context) {
        Objects.requireNonNull(context, "context");
        Map<Path, DiscoveredToolchain> byRealPath = new LinkedHashMap<>();
        for (ToolchainDiscovery discovery : discoveries) {
            if (!discovery.appliesTo(context.host())) {
                continue;
            }
            List<Path> candidates;
            try {
                candidates = discovery.candidates(context);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "toolchain discovery " + discovery.id() + " failed: " + e, e);
                continue;
            }
            for (Path candidate : candidates) {
                Path real = GorootInspector.realPath(candidate);
                DiscoveredToolchain known = byRealPath.get(real);
                if (known != null) {
                    if (known.origin().equals("path") && !discovery.id().equals("path")) {
                        byRealPath.put(real, withOrigin(known, discovery.id()));
                    }
                    continue;
                }
                GorootInspector.inspect(real, discovery.id(), context).ifPresent(t -> byRealPath.put(real, t));
            }
        }
        List<DiscoveredToolchain> result = new ArrayList<>(byRealPath.values());
        result.sort(Comparator.comparing((DiscoveredToolchain t) -> t.version(),
                Comparator.comparing((Optional<GoVersion> v) -> v.isEmpty())
                        .thenComparing(v -> v.orElse(null), Comparator.nullsLast(Comparator.reverseOrder())))
                .thenComparing(t -> t.goroot().toString()));
        return List.copyOf(result);
    }

    /**
     * Asks a {@code go} binary where its GOROOT is ({@code go env GOROOT}), in the context's
     * environment with {@code GOTOOLCHAIN=local}.
     *
     * @param go the binary
     * @param context the environment to run it in
     * @return the GOROOT it believes, or empty when it cannot run or answers nothing absolute
     */
    public static Optional<Path> reportedGoroot(Path go, DiscoveryContext context) {
        return GorootInspector.reportedGoroot(go, context);
    }

    private static DiscoveredToolchain withOrigin(DiscoveredToolchain t, String origin) {
        return new DiscoveredToolchain(t.goroot(), origin, t.reported(), t.version(), t.platform(), t.problems());
    }
}
