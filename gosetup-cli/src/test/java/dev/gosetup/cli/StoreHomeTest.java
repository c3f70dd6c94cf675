package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 10: the default store followed Java's {@code user.home} (from passwd) instead of
 * {@code $HOME}; {@code --home ""} installed into the current directory; read-only commands
 * ({@code list}, {@code which}) created store directories.
 */
@DisabledOnOs(OS.WINDOWS)
class StoreHomeTest extends CliTest {
    private int gosetup(Path home, String... args) {
        userEnv.put("HOME", home.toString());
        return gosetup(List.of(args));
    }

    @Test
    void theDefaultStoreFollowsHomeAndReadOnlyCommandsCreateNothing() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path store = home.resolve(".local/share/gosetup");

        assertThat(gosetup(home, "list")).as(err.toString()).isZero();
        assertThat(gosetup(home, "which", "1.22")).isEqualTo(1);
        assertThat(store).as("list and which create nothing").doesNotExist();
        assertThat(createdInHome()).isEmpty();

        // A command that writes does so under $HOME, not under the passwd home of the user running the test.
        assertThat(gosetup(home, "uninstall", "1.22.12")).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("go1.22.12 is not installed in " + store);
        assertThat(gosetup(home, "proxy", "set", "offline")).as(err.toString()).isZero();
        assertThat(store.resolve("journal")).as("the journal of a change is kept in the store under $HOME").isDirectory();
    }

    @Test
    void anEmptyHomeIsRefusedWithExitTwo() {
        assertThat(gosetup(tmp, "list", "--home", "")).isEqualTo(2);
        assertThat(err.toString()).contains("the store home is an empty path").doesNotContain("unexpected");
    }
}
