package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.core.process.Executables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code path}: the GOROOT of every {@code go} on the context's {@code PATH}: the directory above
 * its {@code bin} when that holds a Go tree (links followed, so {@code /usr/bin/go} leads to
 * {@code /usr/lib/go-1.22}), else what {@code go env GOROOT} answers (for shims and wrappers such
 * as goenv's, which are not inside a GOROOT). When another discovery finds the same GOROOT, its
 * origin is the one reported.
 */
public final class PathDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public PathDiscovery() {
        super("path", Hosts.ANY);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        for (Path go : Executables.findAll("go", context.environment(), context.host().isWindows())) {
            Path real = GorootInspector.realPath(go);
            Path bin = real.getParent();
            Path goroot = bin == null ? null : bin.getParent();
            if (goroot != null && bin.getFileName().toString().equals("bin")
                    && (Files.isRegularFile(goroot.resolve("VERSION")) || Files.isDirectory(goroot.resolve("src").resolve("runtime")))) {
                found.add(goroot);
            } else {
                GorootInspector.reportedGoroot(go, context).ifPresent(found::add);
            }
        }
    }
}
