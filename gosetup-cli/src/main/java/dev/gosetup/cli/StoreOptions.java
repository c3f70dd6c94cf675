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
