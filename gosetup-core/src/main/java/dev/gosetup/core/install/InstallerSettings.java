package dev.gosetup.core.install;

import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.Platform;
import dev.gosetup.api.UserHome;
import dev.gosetup.core.archive.SafeExtractor;
import dev.gosetup.core.discover.ToolchainDiscoverer;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.proxy.ModuleSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@link GoInstaller} was configured with, every default resolved: the store root, where
 * releases and archives come from, the target platform, and the limits. {@link Draft} holds what
 * {@link GoInstaller.Builder} was told and resolves the rest from system properties, then the
 * environment, then the defaults ({@link #resolve}).
 *
 * @param home the store root
 * @param indexUri the release index
 * @param mirrors where archives are downloaded from, each ending in {@code /}, tried in order
 * @param platform the platform toolchains are installed for
 * @param host this machine's platform
 * @param offline no network access at all
 * @param httpClient the HTTP client, built on first use (an installed toolchain needs none)
 * @param maxExpandedBytes the most bytes an archive may expand to
 * @param indexTtl how long a cached index is used
 * @param clock for receipts and cache ages
 * @param reuse the discoverer and where it looks, when toolchains outside the store may be reused
 * @param source where toolchains come from
 * @param moduleSettings GOPROXY and GOSUMDB for the proxy source; empty for the index source
 * @param insecureNoSumDb whether the proxy source may install what no checksum database vouches for
 */
record InstallerSettings(Path home, URI indexUri, List<URI> mirrors, Platform platform, Platform host,
        boolean offline, Supplier<HttpDownloader> httpClient, long maxExpandedBytes, Duration indexTtl, Clock clock,
        Optional<Reuse> reuse, ToolchainSource source, Optional<ModuleSettings> moduleSettings,
        boolean insecureNoSumDb) {

    /** Reusing toolchains found outside the store: who finds them, and where. */
    record Reuse(ToolchainDiscoverer discoverer, DiscoveryContext context) {
        Reuse {
            Objects.requireNonNull(discoverer, "discoverer");
            Objects.requireNonNull(context, "context");
        }
    }

    /** The HTTP client, built on the first call. */
    HttpDownloader http() {
        return httpClient.get();
    }

    /** A supplier that computes its value once, on the first call, safely across threads. */
    static <T> Supplier<T> once(Supplier<T> compute) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = Objects.requireNonNull(compute.get());
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    InstallerSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(indexUri, "indexUri");
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(indexTtl, "indexTtl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reuse, "reuse");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(moduleSettings, "moduleSettings");
    }

    /** What the builder was told; {@code null} means "not set: resolve the default". Not thread-safe. */
    static final class Draft {
        final Map<String, String> env;
        Path home;
        URI indexUri;
        List<URI> mirrors;
        Platform platform;
        Platform host = Platform.current();
        boolean offline;
        boolean allowInsecureHttp;
        HttpDownloader http;
        long maxExpandedBytes = SafeExtractor.DEFAULT_MAX_EXPANDED_BYTES;
        Duration indexTtl = GoInstaller.DEFAULT_INDEX_TTL;
        Clock clock = Clock.systemUTC();
        Reuse reuse;
        ToolchainSource source;
        Optional<ModuleSettings> moduleSettings = Optional.empty();
        boolean insecureNoSumDb;

        Draft(Map<String, String> environment) {
            this.env = Map.copyOf(environment);
        }

        /**
         * Resolves every unset setting: a system property, then an environment variable, then the
         * default; checks every URL against the HTTP client's rules.
         */
        InstallerSettings resolve() {
            Platform target = platform != null ? platform : host;
            Path root = home;
            if (root == null) {
                String property = System.getProperty("gosetup.home");
                root = property != null && !property.isBlank() ? Path.of(property.strip())
                        : GosetupHome.of(env, host, UserHome.resolveOrJvm(env, host), UserHome.jvmUserName()).root();
            }
            URI index = indexUri;
            if (index == null) {
                String configured = setting("gosetup.index.url", "GOSETUP_INDEX_URL");
                index = configured != null ? GoInstaller.location(configured, "GOSETUP_INDEX_URL") : GoInstaller.DEFAULT_INDEX;
            }
            List<URI> sources = mirrors;
            if (sources == null) {
                String configured = setting("gosetup.mirrors", "GOSETUP_MIRRORS");
                sources = configured == null ? List.of() : Arrays.stream(configured.split("[,\\s]+"))
                        .filter(s -> !s.isBlank()).map(s -> asDirectory(GoInstaller.location(s, "GOSETUP_MIRRORS")))
                        .toList();
                if (sources.isEmpty()) {
                    sources = List.of(GoInstaller.DEFAULT_MIRROR);
                }
            }
            List<URI> all = new ArrayList<>(sources);
            all.add(0, index);
            for (URI uri : all) {
                if (http != null) {
                    http.checkAllowed(uri);
                } else {
                    HttpDownloader.checkAllowed(uri, allowInsecureHttp);
                }
            }
            // Built when first needed: its proxy configuration and the JDK's HTTP classes cost
            // milliseconds that a toolchain already installed (the common case) never needs.
            HttpDownloader given = http;
            Supplier<HttpDownloader> client = given != null ? () -> given
                    : once(() -> HttpDownloader.builder().allowInsecureHttp(allowInsecureHttp).environment(env).build());
            ToolchainSource from = source;
            if (from == null) {
                String configured = setting("gosetup.source", "GOSETUP_SOURCE");
                from = configured == null ? ToolchainSource.INDEX : ToolchainSource.parse(configured, "GOSETUP_SOURCE");
            }
            Optional<ModuleSettings> modules = moduleSettings;
            if (from != ToolchainSource.INDEX && modules.isEmpty()) {
                // Go's env file lives in the home of the user gosetup acts for, as `gosetup proxy show` reads it.
                dev.gosetup.api.spi.StoreContext user = dev.gosetup.api.spi.StoreContext.of(env);
                modules = Optional.of(ModuleSettings.of(ModuleSettings.goVariables(env, user.host().os(), user.home())));
            }
            return new InstallerSettings(root, index, sources, target, host, offline, client, maxExpandedBytes,
                    indexTtl, clock, Optional.ofNullable(reuse), from, modules, insecureNoSumDb);
        }

        private String setting(String property, String variable) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = env.get(variable);
            }
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** A mirror is a directory: the archive's file name is appended to it. */
    static URI asDirectory(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }
}
