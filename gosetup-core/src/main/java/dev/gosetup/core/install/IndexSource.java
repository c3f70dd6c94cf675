package dev.gosetup.core.install;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Release;
import dev.gosetup.core.internal.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The release index, fetched from its URL and cached on disk with a time to live.
 *
 * <p>Online, a cache younger than the TTL is used as is; an older one is refreshed, and kept in use
 * (with a warning) when the refresh fails on the network. Offline, the cache is used whatever its
 * age. A fetched index is parsed before it replaces the cache, so a broken answer (an HTML error
 * page, truncated JSON) never overwrites a good cache. Thread-safe; the cache file is replaced
 * atomically, so concurrent processes each see a whole index.
 */
final class IndexSource {
    /** Fetches the raw bytes behind a URL; the installer plugs its HTTP client in here. */
    @FunctionalInterface
    interface Fetcher {
        byte[] fetch(URI uri);
    }

    private static final System.Logger LOG = System.getLogger(IndexSource.class.getName());

    private final URI uri;
    private final Path cacheDirectory;
    /** Named on first use: its SHA-256 would load the security providers for installers that never read the index. */
    private volatile Path cacheFile;
    private final Duration ttl;
    private final Clock clock;
    private final Fetcher fetcher;

    IndexSource(URI uri, Path cacheDirectory, Duration ttl, Clock clock, Fetcher fetcher) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    private Path cacheFile() {
        Path file = cacheFile;
        if (file == null) {
            file = cacheDirectory.resolve(cacheName(uri));
            cacheFile = file;
        }
        return file;
    }

    URI uri() {
        return uri;
    }

    /**
     * Returns the releases of the index.
     *
     * @param offline true to use only the cache
     * @return the releases, newest first
     * @throws NotFoundException offline with no cache
     * @throws NetworkException online when the index cannot be fetched and there is no cache
     * @throws InvalidConfigurationException when the fetched index is malformed
     */
    List<Release> releases(boolean offline) {
        boolean cached = Files.isRegularFile(cacheFile());
        if (offline) {
            if (!cached) {
                throw new NotFoundException("no cached copy of the release index " + uri + " (offline)",
                        List.of("run once without --offline so gosetup can cache the index",
                                "or install a version that is already in the store"));
            }
            return readCache().orElseThrow(() -> new NotFoundException(
                    "the cached release index " + cacheFile() + " is unreadable (offline)",
                    List.of("run once without --offline to refresh it")));
        }
        if (cached && age().compareTo(ttl) < 0) {
            var fresh = readCache();
            if (fresh.isPresent()) {
                return fresh.get();
            }
        }
        byte[] body;
        try {
            body = fetcher.fetch(uri);
        } catch (NetworkException e) {
            if (cached) {
                var stale = readCache();
                if (stale.isPresent()) {
                    LOG.log(Level.DEBUG, () -> "cannot refresh the release index " + uri + " (" + e.getMessage()
                            + "); using the copy cached " + age().toMinutes() + " minutes ago");
                    return stale.get();
                }
            }
            throw e;
        }
        List<Release> releases = ReleaseIndex.parse(body, uri.toString());
        writeCache(body);
        return releases;
    }

    private Duration age() {
        try {
            Instant modified = Files.getLastModifiedTime(cacheFile()).toInstant();
            Duration age = Duration.between(modified, clock.instant());
            return age.isNegative() ? Duration.ZERO : age;
        } catch (IOException e) {
            return Duration.ofDays(365_000);
        }
    }

    private java.util.Optional<List<Release>> readCache() {
        try {
            return java.util.Optional.of(ReleaseIndex.parse(Files.readAllBytes(cacheFile()), cacheFile().toString()));
        } catch (IOException | UncheckedIOException | InvalidConfigurationException e) {
            LOG.log(Level.DEBUG, () -> "ignoring the cached release index " + cacheFile() + ": " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void writeCache(byte[] body) {
        Path temp = cacheFile().resolveSibling(cacheFile().getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // Created only now: a command that only reads (list, which) leaves the store as it was.
            ToolchainStore.createOwnerOnly(cacheFile().getParent());
            Files.write(temp, body);
            Files.setLastModifiedTime(temp, FileTime.from(clock.instant()));
            Files.move(temp, cacheFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot cache the release index in " + cacheFile() + ": " + e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do; the cache is an optimisation
            }
        }
    }

    /** One cache file per index URL, so switching --index never mixes two indexes. */
    private static String cacheName(URI uri) {
        return "index-" + Sha256.hex(uri.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".json";
    }
}
