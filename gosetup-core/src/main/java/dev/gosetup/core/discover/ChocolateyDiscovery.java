package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code chocolatey}: the {@code golang} package under {@code %ChocolateyInstall%\lib\golang} (by
 * default {@code %ProgramData%\chocolatey}). Recent versions of the package run the official MSI, whose
 * toolchain {@link ProgramFilesDiscovery} finds; older ones unpacked the archive under {@code tools}.
 */
public final class ChocolateyDiscovery extends BuiltInDiscovery {
    /** Creates the discovery. */
    public ChocolateyDiscovery() {
        super("chocolatey", Hosts.WINDOWS);
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        path(context, "ChocolateyInstall").or(() -> path(context, "ProgramData").map(p -> p.resolve("chocolatey")))
                .ifPresent(choco -> {
                    glob(found, choco, "lib", "golang", "tools", "go");
                    glob(found, choco, "lib", "golang");
                });
    }
}
