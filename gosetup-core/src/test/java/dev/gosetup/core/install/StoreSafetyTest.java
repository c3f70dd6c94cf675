package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gosetup.api.GoSetupException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "deletion outside the store": a store directory replaced by a symbolic link (or handed
 * to another user) must be refused before anything inside it is listed or deleted; and what the
 * store writes is owner-only.
 */
@DisabledOnOs(OS.WINDOWS)
class StoreSafetyTest {
    private static final String ID = "go1.22.12.linux-amd64";

    @TempDir
    Path dir;

    /** The directory the attacker's link points at, holding names the store would clean. */
    private Path victim() throws Exception {
        Path victim = Files.createDirectories(dir.resolve("victim"));
        Files.writeString(Files.createDirectories(victim.resolve(ID + ".abcd1234")).resolve("precious.txt"), "keep");
        Files.writeString(victim.resolve(ID + ".notes"), "keep too");
        return victim;
    }

    @Test
    void aSymlinkedStagingDirectoryIsRefusedAndNothingBehindItIsDeleted() throws Exception {
        Path victim = victim();
        ToolchainStore store = new ToolchainStore(dir.resolve("store"));
        store.newStaging(ID); // the store exists, with its real staging directory
        Path staging = store.root().resolve("staging");
        ToolchainStore.deleteTree(staging);
        Files.createSymbolicLink(staging, victim);

        assertThatThrownBy(() -> store.cleanStaging(ID))
                .isInstanceOf(GoSetupException.class)
                .hasMessageContaining(staging.toString())
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> store.newStaging(ID)).isInstanceOf(GoSetupException.class);

        assertThat(victim.resolve(ID + ".abcd1234/precious.txt")).hasContent("keep");
        assertThat(victim.resolve(ID + ".notes")).hasContent("keep too");
        assertThat(victim.toFile().list()).hasSize(2);
    }

    @Test
    void aSymlinkedTrashOrToolchainsDirectoryIsRefusedBeforeUninstalling() throws Exception {
        Path victim = victim();
        ToolchainStore store = new ToolchainStore(dir.resolve("store"));
        Path goroot = Files.createDirectories(store.gorootOf(ID).resolve("bin"));
        Files.writeString(goroot.resolve("go"), "binary");
        Path trash = store.root().resolve("trash");
        Files.createSymbolicLink(trash, victim);

        assertThatThrownBy(() -> store.remove(ID)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(trash.toString()).hasMessageContaining("symbolic link");
        assertThat(goroot.resolve("go")).hasContent("binary");
        assertThat(victim.toFile().list()).hasSize(2);

        // The toolchains directory itself is a link to a tree holding a toolchain-like directory.
        Files.delete(trash);
        Path toolchains = store.root().resolve("toolchains");
        Files.move(toolchains, dir.resolve("elsewhere"));
        Files.createSymbolicLink(toolchains, dir.resolve("elsewhere"));
        assertThatThrownBy(() -> store.remove(ID)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(toolchains.toString());
        assertThat(dir.resolve("elsewhere").resolve(ID).resolve("bin/go")).hasContent("binary");
    }

    @Test
    void aStoreDirectoryOwnedBySomeoneElseIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can hand a directory to another user");
        ToolchainStore store = new ToolchainStore(dir.resolve("store"));
        Path staging = store.newStaging(ID).getParent();
        Path planted = Files.createDirectories(staging.resolve(ID + ".planted"));
        UserPrincipal nobody = staging.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(staging, nobody);

        assertThatThrownBy(() -> store.cleanStaging(ID)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(staging + " belongs to nobody");
        assertThat(planted).isDirectory();
    }

    @Test
    void theToolchainsDirectoryAndTheReceiptAreOwnerOnly() throws Exception {
        ToolchainStore store = new ToolchainStore(dir.resolve("store"));
        Path staged = Files.createDirectories(store.newStaging(ID).resolve("go/bin"));
        Files.writeString(staged.resolve("go"), "binary");
        store.commit(staged.getParent(), new dev.gosetup.api.InstalledToolchain(
                new dev.gosetup.api.Toolchain(dev.gosetup.api.GoVersion.parse("1.22.12"),
                        dev.gosetup.api.Platform.parse("linux-amd64"), store.gorootOf(ID)),
                java.net.URI.create("https://go.dev/dl/" + ID + ".tar.gz"), "0".repeat(64), java.time.Instant.EPOCH));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.root().resolve("toolchains"))))
                .isEqualTo("rwx------");
        // Issue 10, "credentials in URLs": the receipt naming the source is owner-only (it was 0644).
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                store.gorootOf(ID).resolve(ToolchainStore.RECEIPT)))).isEqualTo("rw-------");
    }

    /** Issue 10: a mode-000 directory inside a toolchain made uninstall fail with "Collection is empty". */
    @Test
    void aModeZeroDirectoryInsideAToolchainIsUninstalledAndNothingStaysInTheTrash() throws Exception {
        ToolchainStore store = new ToolchainStore(dir.resolve("store"));
        Path locked = Files.createDirectories(store.gorootOf(ID).resolve("pkg/locked"));
        Files.writeString(locked.resolve("f"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        assertThat(store.remove(ID)).isTrue();

        assertThat(store.gorootOf(ID)).doesNotExist();
        assertThat(store.root().resolve("trash").toFile().list()).isEmpty();
    }
}
