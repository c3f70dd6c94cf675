package dev.gosetup.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.testkit.InstallOutcomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ToolchainInstaller} must do, for an installer's test class to extend: a fresh
 * store holds nothing; {@code ensure} installs a toolchain whose {@code go} binary exists; a second {@code ensure} returns the same toolchain; {@code find} and
 * {@code installed} see it; {@code uninstall} removes it (true) and then finds nothing to remove
 * (false); an install cancelled before it starts throws {@link CancelledException}, leaves
 * nothing installed and is not reported to {@link InstallListener#failed}; an install of a release
 * that does not exist throws a {@link GoSetupException} that the listener heard through
 * {@code failed} exactly once.
 */
public abstract class ToolchainInstallerContract {
    /** A fresh directory per test for the installer's store. */
    @TempDir
    protected Path storeDirectory;

    /**
     * Returns the installer under test, working in the given empty store. Two calls with one
     * directory must see the same store.
     *
     * @param store an empty directory
     * @return the installer
     */
    protected abstract ToolchainInstaller installer(Path store);

    /** @return a spec the installer can install here (from a loopback mirror, a local archive, ...) */
    protected abstract VersionSpec spec();

    /** @return whether the installer is listed in META-INF/services (true for a provider) */
    protected boolean registered() {
        return true;
    }

    /**
     * Returns a spec that no release matches, for the failure test; go1.9.99 by default (Go 1.9's
     * last release was go1.9.7).
     *
     * @return the spec, or empty to skip the failure test
     */
    protected Optional<VersionSpec> unavailableSpec() {
        return Optional.of(VersionSpec.parse("1.9.99"));
    }

    @Test
    void isAWellFormedProvider() {
        Contracts.isAWellFormedProvider(ToolchainInstaller.class, installer(storeDirectory), registered());
    }

    @Test
    void aFreshStoreHoldsNothing() {
        ToolchainInstaller installer = installer(storeDirectory);
        assertEquals(List.of(), installer.installed());
        assertEquals(Optional.empty(), installer.find(spec()));
    }

    @Test
    void ensureInstallsOnceAndEveryViewSeesIt() {
        ToolchainInstaller installer = installer(storeDirectory);
        Toolchain go = installer.ensure(spec(), InstallListener.NOOP, new CancellationToken());
        assertTrue(Files.isRegularFile(go.goBinary()) && Files.isExecutable(go.goBinary()),
                go.goBinary() + " is not an executable file");
        assertEquals(go, installer.ensure(spec(), InstallListener.NOOP, new CancellationToken()), "a second ensure");
        assertEquals(Optional.of(go), installer.find(spec()));
        assertEquals(Optional.of(go), installer(storeDirectory).find(spec()), "another instance on the same store");
        assertTrue(installer.installed().stream().map(InstalledToolchain::toolchain).anyMatch(go::equals),
                "installed() lists " + go);
    }

    @Test
    void uninstallRemovesItThenHasNothingToRemove() {
        ToolchainInstaller installer = installer(storeDirectory);
        Toolchain go = installer.ensure(spec(), InstallListener.NOOP, new CancellationToken());
        assertTrue(installer.uninstall(go.version()));
        assertFalse(Files.exists(go.goBinary()), go.goBinary() + " is still there");
        assertEquals(Optional.empty(), installer.find(spec()));
        assertFalse(installer.uninstall(go.version()));
    }

    @Test
    void anInstallCancelledBeforeItStartsLeavesNothing() {
        ToolchainInstaller installer = installer(storeDirectory);
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        InstallOutcomes ends = new InstallOutcomes();
        assertThrows(CancelledException.class, () -> installer.ensure(spec(), ends, cancel));
        assertEquals(List.of(), installer.installed());
        assertEquals(List.of(), ends.failed(), "a cancelled install is not reported as failed");
        assertEquals(List.of(), ends.done());
    }

    @Test
    void aFailedInstallThrowsAGoSetupExceptionTheListenerHeardOnce() {
        Optional<VersionSpec> missing = unavailableSpec();
        Assumptions.assumeTrue(missing.isPresent(), "no unavailable spec for this installer");
        ToolchainInstaller installer = installer(storeDirectory);
        InstallOutcomes ends = new InstallOutcomes();
        GoSetupException thrown = assertThrows(GoSetupException.class,
                () -> installer.ensure(missing.get(), ends, new CancellationToken()));
        assertEquals(List.of(thrown), ends.failed(), "failed() hears the thrown exception exactly once");
        assertEquals(List.of(), ends.done());
        assertEquals(List.of(), installer.installed());
    }
}
