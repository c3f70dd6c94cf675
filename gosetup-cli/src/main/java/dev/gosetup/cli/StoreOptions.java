package dev.gosetup.cli;

import dev.gosetup.api.Platform;
import dev.gosetup.core.install.GoInstaller;

import dev.gosetup.api.InvalidConfigurationException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The options every toolchain command shares: where the store is and where releases come from. */
final class StoreOptions {
    @Option(names = "--home", paramLabel = "DIR",
            description = "The gosetup store (default: $GOSETUP_HOME, else the platform's data directory).")
    Path home;

    @Option(names = "--index", paramLabel = "URL",
            description = "The release index, go.dev's JSON format (default: $GOSETUP_INDEX_URL, else go.dev).")
    String index;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "A mirror to download archives from; repeat for fallbacks, tried in order "
                    + "(default: $GOSETUP_MIRRORS, else dl.google.com). Checksums always come from the index.")
    List<String> mirrors = new ArrayList<>();

    @Option(names = "--offline", description = "Use only the cached index and downloaded archives.")
    boolean offline;

    @Option(names = "--os", paramLabel = "GOOS", description = "Install for another operating system.")
    String os;

    @Option(names = "--arch", paramLabel = "GOARCH", description = "Install for another architecture.")
    String arch;

    @Option(names = "--allow-insecure-http", description = "Allow plain http: to hosts other than loopback.")
    boolean allowInsecureHttp;

    @Option(names = "--fetch-timeout", paramLabel = "DURATION",
            description = "The most time fetching the release index may take, retries included, however steadily "
                    + "the server trickles (default 60s); an archive download gets this plus its size divided by "
                    + "--min-speed. Examples: 90s, 5m, PT2M.")
    String fetchTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "The longest wait for a response, or between two bytes of a body, before the attempt "
                    + "counts as failed and is retried (default 60s).")
    String idleTimeout;

    @Option(names = "--min-speed", paramLabel = "RATE",
            description = "The slowest average speed an archive download may keep, in bytes per second with an "
                    + "optional k or m (KiB/s, MiB/s) (default 50k); sets the archive's deadline with --fetch-timeout.")
    String minSpeed;

    private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile("(\\d{1,12})([kKmM]?)");

    /**
     * A duration option given as text, parsed as checklists and {@code debug verify --timeout} are
     * ({@link dev.gosetup.api.CheckContext#parseDuration}); refused naming the option when it is
     * malformed or zero.
     */
    static java.time.Duration duration(String option, String text) {
        try {
            java.time.Duration d = dev.gosetup.api.CheckContext.parseDuration(text);
            if (d.isZero()) {
                throw new IllegalArgumentException("\"" + text + "\" is zero");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(option + ": " + e.getMessage(),
                    List.of("write a duration such as 90s, 5m or PT5M"), e);
        }
    }

    /** {@code --min-speed}: bytes per second, with k (KiB) or m (MiB); refused naming the option. */
    static long rate(String option, String text) {
        java.util.regex.Matcher m = RATE.matcher(text.strip());
        long value = m.matches() ? Long.parseLong(m.group(1)) * switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            default -> 1L;
        } : 0;
        if (value <= 0) {
            throw new InvalidConfigurationException(option + ": \"" + dev.gosetup.core.internal.Printable.escape(text)
                    + "\" is not a positive rate in bytes per second",
                    List.of("write a number of bytes per second, optionally with k or m, e.g. 50k or 2m"));
        }
        return value;
    }

    /**
     * The downloader the fetch options ask for, or empty when none was given (the installer then
     * builds its default one). Validates every option before anything is fetched or written.
     */
    java.util.Optional<dev.gosetup.core.http.HttpDownloader> downloader(java.util.Map<String, String> environment) {
        if (fetchTimeout == null && idleTimeout == null && minSpeed == null) {
            return java.util.Optional.empty();
        }
        dev.gosetup.core.http.HttpDownloader.Builder http = dev.gosetup.core.http.HttpDownloader.builder()
                .allowInsecureHttp(allowInsecureHttp).environment(environment);
        if (fetchTimeout != null) {
            http.fetchDeadline(duration("--fetch-timeout", fetchTimeout));
        }
        if (idleTimeout != null) {
            http.readTimeout(duration("--idle-timeout", idleTimeout));
        }
        if (minSpeed != null) {
            http.minimumSpeed(rate("--min-speed", minSpeed));
        }
        return java.util.Optional.of(http.build());
    }

    /**
     * The store directory of --home, refused when it names something that is not a directory; the
     * store itself creates a missing one.
     */
    static Path checkedHome(Path home) {
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new InvalidConfigurationException("--home: " + home + " is not a directory",
                    List.of("give the gosetup store's directory (created when missing), or leave --home out to use "
                            + "$GOSETUP_HOME or the default"));
        }
        return home;
    }

    GoInstaller installer(java.util.Map<String, String> environment) {
        return builder(environment).build();
    }

    GoInstaller.Builder builder(java.util.Map<String, String> environment) {
        GoInstaller.Builder builder = GoInstaller.builder(environment).offline(offline).allowInsecureHttp(allowInsecureHttp);
        downloader(environment).ifPresent(builder::http);
        if (home != null) {
            builder.home(checkedHome(home));
        }
        if (index != null) {
            URI location = GoInstaller.location(index, "--index");
            if ("file".equals(location.getScheme())) {
                // A FIFO or device: refused in the words every regular-file check uses.
                dev.gosetup.core.internal.RegularFiles.requireRegular(Path.of(location),
                        dev.gosetup.core.internal.RegularFiles.DEFAULT_MAX_BYTES, "--index:");
            }
            if ("file".equals(location.getScheme()) && !Files.isRegularFile(Path.of(location))) {
                throw new InvalidConfigurationException("--index: " + Path.of(location) + " does not exist",
                        List.of("give the path of a release index in go.dev's JSON format, or its URL, e.g. "
                                + GoInstaller.DEFAULT_INDEX));
            }
            builder.index(location);
        }
        if (!mirrors.isEmpty()) {
            builder.mirrors(mirrors.stream().map(m -> GoInstaller.location(m, "--mirror")).toList());
        }
        if (os != null || arch != null) {
            Platform host = Platform.current();
            builder.platform(Platform.parse((os != null ? os : host.os()) + "-" + (arch != null ? arch : host.arch())));
        }
        return builder;
    }
}
