package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code gotoolchain}: toolchains the go command downloaded itself when {@code GOTOOLCHAIN} asked for a
 * newer one: {@code $GOMODCACHE/golang.org/toolchain@v0.0.1-go1.N.P.GOOS-GOARCH}, the module cache being
 * {@code $GOMODCACHE}, else {@code $GOPATH/pkg/mod} (first GOPATH entry), else {@code ~/go/pkg/mod}.
 * Only the environment is read, not Go's env file.
 */
public final class GoToolchainModuleDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public GoToolchainModuleDiscovery() {
        super("gotoolchain", Hosts.ANY);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        Path gopath = context.variable("GOPATH")
                .map(p -> p.split(context.host().isWindows() ? ";" : ":")[0])
                .filter(p -> !p.isEmpty() && Path.of(p).isAbsolute()).map(Path::of)
                .orElse(context.home().resolve("go"));
        Path modcache = dir(context, "GOMODCACHE", gopath.resolve("pkg").resolve("mod"));
        glob(found, modcache.resolve("golang.org"), "toolchain@*");
    }
}
