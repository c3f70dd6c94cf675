package dev.gosetup.cli;

import dev.gosetup.api.Platform;
import dev.gosetup.core.install.GoInstaller;

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

    GoInstaller installer(java.util.Map<String, String> environment) {
        return builder(environment).build();
    }

    GoInstaller.Builder builder(java.util.Map<String, String> environment) {
        GoInstaller.Builder builder = GoInstaller.builder(environment).offline(offline).allowInsecureHttp(allowInsecureHttp);
        if (home != null) {
            builder.home(home);
        }
        if (index != null) {
            builder.index(GoInstaller.location(index, "--index"));
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
