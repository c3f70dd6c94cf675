package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the default store followed Java's {@code user.home} (from passwd) instead of
 * {@code $HOME}; {@code --home ""} installed into the current directory; read-only commands
 * ({@code list}, {@code which}) created store directories.
 */
@DisabledOnOs(OS.WINDOWS)
class StoreHomeTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gosetup(Map<String, String> env, String... args) {
        return GoSetupCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    private Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    @Test
    void theDefaultStoreFollowsHomeAndReadOnlyCommandsCreateNothing() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path store = home.resolve(".local/share/gosetup");

        assertThat(gosetup(env(home), "list")).as(err.toString()).isZero();
        assertThat(gosetup(env(home), "which", "1.22")).isEqualTo(1);
        assertThat(store).as("list and which create nothing").doesNotExist();
        assertThat(home.toFile().list()).isEmpty();

        // A command that writes does so under $HOME, not under the passwd home of the user running the test.
        assertThat(gosetup(env(home), "uninstall", "1.22.12")).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("go1.22.12 is not installed in " + store);
        assertThat(gosetup(env(home), "proxy", "set", "offline")).as(err.toString()).isZero();
        assertThat(store.resolve("journal")).as("the journal of a change is kept in the store under $HOME").isDirectory();
    }

    @Test
    void anEmptyHomeIsRefusedWithExitTwo() {
        assertThat(gosetup(env(tmp), "list", "--home", "")).isEqualTo(2);
        assertThat(err.toString()).contains("the store home is an empty path").doesNotContain("unexpected");
    }
}
