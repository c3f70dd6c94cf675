package dev.gosetup.core.install;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;

import java.util.List;
import java.util.Optional;

/**
 * The {@link ToolchainInstaller} that {@link java.util.ServiceLoader} finds: a {@link GoInstaller}
 * configured from the environment ({@code GOSETUP_HOME}, {@code GOSETUP_INDEX_URL},
 * {@code GOSETUP_MIRRORS} and their system properties), created on first use so that constructing
 * the provider can never fail. Embedders who configure more use {@link GoInstaller#builder()}.
 */
public final class OfficialInstallerProvider implements ToolchainInstaller {
    private volatile GoInstaller delegate;

    /** Creates the provider; reads no configuration yet. */
    public OfficialInstallerProvider() {
    }

    private GoInstaller installer() {
        GoInstaller d = delegate;
        if (d == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = GoInstaller.builder().build();
                }
                d = delegate;
            }
        }
        return d;
    }

    @Override
    public String id() {
        return "official";
    }

    @Override
    public Toolchain ensure(VersionSpec spec, InstallListener listener, CancellationToken cancel) {
        return installer().ensure(spec, listener, cancel);
    }

    @Override
    public Optional<Toolchain> find(VersionSpec spec) {
        return installer().find(spec);
    }

    @Override
    public List<InstalledToolchain> installed() {
        return installer().installed();
    }

    @Override
    public boolean uninstall(GoVersion version) {
        return installer().uninstall(version);
    }
}
