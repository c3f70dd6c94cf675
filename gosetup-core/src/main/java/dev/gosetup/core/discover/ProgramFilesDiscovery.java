package dev.gosetup.core.discover;

import dev.gosetup.api.DiscoveryContext;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code msi}: the official Windows installer's toolchain: the directory its registry value
 * {@code installLocation} (under {@code HKCU\Software\GoProgrammingLanguage}) names, then the
 * defaults {@code %ProgramFiles%\Go}, {@code %ProgramFiles(x86)%\Go} and, for installers before
 * Go 1.16, {@code %SystemDrive%\Go}.
 */
public final class ProgramFilesDiscovery extends BuiltInDiscovery {
    /** Where the MSI records its install directory (golang.org/x/build's installer.wxs). */
    static final String KEY = "HKCU\\Software\\GoProgrammingLanguage";
    static final String VALUE = "installLocation";

    private final Function<DiscoveryContext, WindowsRegistry> registry;

    /** Creates the discovery, reading this machine's registry through {@code reg.exe}. */
    public ProgramFilesDiscovery() {
        this(context -> WindowsRegistry.system(context.environment()));
    }

    ProgramFilesDiscovery(Function<DiscoveryContext, WindowsRegistry> registry) {
        super("msi", Hosts.WINDOWS);
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    void locate(DiscoveryContext context, List<Path> found) {
        registry.apply(context).read(KEY, VALUE).ifPresent(location -> {
            try {
                Path p = Path.of(location);
                if (p.isAbsolute()) {
                    glob(found, p);
                }
            } catch (InvalidPathException e) {
                // a value that is no path on this system: nothing to find
            }
        });
        path(context, "ProgramFiles").ifPresent(p -> glob(found, p, "Go"));
        path(context, "ProgramFiles(x86)").ifPresent(p -> glob(found, p, "Go"));
        context.variable("SystemDrive").map(d -> d.endsWith(":") ? d + "\\" : d).ifPresent(drive -> {
            try {
                Path p = Path.of(drive);
                if (p.isAbsolute()) {
                    glob(found, p, "Go");
                }
            } catch (InvalidPathException e) {
                // not a drive on this system
            }
        });
    }
}
