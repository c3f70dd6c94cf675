package dev.gosetup.api.spi;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;

import java.util.List;
import java.util.Optional;

/**
 * Installs Go toolchains into a store and finds the ones installed there. The core provider,
 * id {@code "official"}, installs go.dev's archives; a plugin can install from elsewhere (a company
 * artifact server, a module proxy).
 *
 * <p>Implementations are thread-safe and safe across processes sharing a store: concurrent calls
 * for one version download it once and all return the same GOROOT.
 */
public interface ToolchainInstaller extends Provider {

    /**
     * Returns a toolchain matching the spec, installing it first when needed. Idempotent: an exact
     * version that is already installed is returned without any network access.
     *
     * @param spec what to install
     * @param listener hears the phases and progress
     * @param cancel stops the install when cancelled; nothing half-installed stays visible
     * @return the installed toolchain
     * @throws dev.gosetup.api.NotFoundException when no release matches or it has no archive for
     *     the platform
     * @throws dev.gosetup.api.VerificationException when the archive does not match the index
     * @throws dev.gosetup.api.NetworkException when no mirror could deliver the archive
     * @throws dev.gosetup.api.CancelledException when cancelled
     */
    Toolchain ensure(VersionSpec spec, InstallListener listener, CancellationToken cancel);

    /**
     * Finds an installed toolchain matching the spec, without network access.
     *
     * @param spec what to look for
     * @return the newest installed toolchain that matches, or empty
     */
    Optional<Toolchain> find(VersionSpec spec);

    /**
     * Lists the installed toolchains, newest first.
     *
     * @return the toolchains; empty when none is installed
     */
    List<InstalledToolchain> installed();

    /**
     * Removes an installed toolchain.
     *
     * @param version the release to remove
     * @return true when it was installed and is now gone, false when it was not installed
     */
    boolean uninstall(GoVersion version);
}
