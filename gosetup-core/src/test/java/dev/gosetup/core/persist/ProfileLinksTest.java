package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "profiles the journal must respect": a hard-linked {@code ~/.bashrc} lost its link, a
 * dangling symlink made gosetup create directories outside HOME, read-only profiles were
 * rewritten. Driven through the bash profile store exactly as {@code env apply} plans and writes.
 */
@DisabledOnOs(OS.WINDOWS)
class ProfileLinksTest {
    private static final EnvironmentSettings SETTINGS = new EnvironmentSettings(Map.of("GOPATH", "/work/go"),
            List.of("/opt/go/bin"));

    @TempDir
    Path root;

    private final PosixProfileStore store = new PosixProfileStore();

    private Path home() throws Exception {
        return Files.createDirectories(root.resolve("home"));
    }

    private StoreContext context(Path home) {
        return new StoreContext(home, Map.of("SHELL", "/bin/bash"), new Platform("linux", "amd64"));
    }

    private void apply(StoreContext ctx) {
        for (StoreChange c : store.plan(SETTINGS, ctx)) {
            store.write(c.target(), c.after(), ctx);
        }
    }

    private void rollback(StoreContext ctx, List<StoreChange> changes) {
        for (StoreChange c : changes) {
            store.write(c.target(), c.before(), ctx);
        }
    }

    @Test
    void aHardLinkedBashrcKeepsItsLinkAndRollsBackByteForByte() throws Exception {
        Path home = home();
        Path dotfiles = Files.createDirectories(root.resolve("dotfiles"));
        Path shared = Files.writeString(dotfiles.resolve("bashrc"), "# mine\nalias ll='ls -l'\n");
        Path bashrc = Files.createLink(home.resolve(".bashrc"), shared);
        Object inode = Files.getAttribute(bashrc, "unix:ino");
        StoreContext ctx = context(home);
        List<StoreChange> changes = store.plan(SETTINGS, ctx);

        apply(ctx);

        assertThat(Files.getAttribute(bashrc, "unix:ino")).isEqualTo(inode);
        assertThat(Files.getAttribute(shared, "unix:nlink")).isEqualTo(2);
        assertThat(Files.readString(shared)).contains("/work/go").startsWith("# mine\n");
        rollback(ctx, changes);
        assertThat(Files.readString(shared)).isEqualTo("# mine\nalias ll='ls -l'\n");
        assertThat(Files.getAttribute(bashrc, "unix:ino")).isEqualTo(inode);
    }

    @Test
    void aDanglingBashrcLinkNeverCreatesDirectoriesOutsideHome() throws Exception {
        Path home = home();
        Path outside = root.resolve("outside");
        Files.createSymbolicLink(home.resolve(".bashrc"), outside.resolve("newdir/sub/bashrc"));
        StoreContext ctx = context(home);

        assertThatThrownBy(() -> apply(ctx)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(home.resolve(".bashrc") + " is a symbolic link to " + outside.resolve("newdir/sub/bashrc"))
                .hasMessageContaining("which does not exist");

        assertThat(outside).doesNotExist();
        assertThat(Files.isSymbolicLink(home.resolve(".bashrc"))).isTrue();
    }

    @Test
    void readOnlyProfilesAreRefusedAndLeftAsTheyAre() throws Exception {
        for (String mode : List.of("r--r--r--", "r--------")) {
            Path home = Files.createDirectories(root.resolve("home-" + mode.replace('-', '_')));
            Path bashrc = Files.writeString(home.resolve(".bashrc"), "# locked\n");
            Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString(mode));
            StoreContext ctx = context(home);

            assertThatThrownBy(() -> apply(ctx)).as(mode).isInstanceOf(GoSetupException.class)
                    .hasMessageContaining(bashrc + " is read-only (" + mode + ")");

            assertThat(Files.readString(bashrc)).isEqualTo("# locked\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bashrc))).isEqualTo(mode);
        }
    }
}
