package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.journal.ChangeJournal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One home decides the store root, the journal's and the index's directories and the locks they share. */
class GosetupHomeTest {
    private static final Platform LINUX = Platform.parse("linux-amd64");
    private static final Path PASSWD_HOME = Path.of("/nonexistent/passwd-home").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void gosetupHomeWinsThenXdgThenHomeNotUserHome() {
        Path home = dir.resolve("me");
        assertThat(GosetupHome.of(Map.of("HOME", home.toString(), "GOSETUP_HOME", dir.resolve("g").toString()), LINUX,
                PASSWD_HOME, "me").root()).isEqualTo(dir.resolve("g"));
        assertThat(GosetupHome.of(Map.of("HOME", home.toString(), "XDG_DATA_HOME", dir.resolve("xdg").toString()), LINUX,
                PASSWD_HOME, "me").root()).isEqualTo(dir.resolve("xdg").resolve("gosetup"));
        // $HOME, like every shell tool, not Java's user.home (the password database's)
        assertThat(GosetupHome.of(Map.of("HOME", home.toString(), "GOSETUP_HOME", " "), LINUX, PASSWD_HOME, "me").root())
                .isEqualTo(home.resolve(".local/share/gosetup"));
        assertThat(GosetupHome.of(Map.of(), LINUX, PASSWD_HOME, "me").root())
                .isEqualTo(PASSWD_HOME.resolve(".local/share/gosetup"));
    }

    @Test
    void anEmptyPathIsRefusedNamingIt() {
        assertThatThrownBy(() -> GosetupHome.at(Path.of("")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("empty path");
    }

    @Test
    void readingPathsCreatesNothing() {
        GosetupHome home = GosetupHome.at(dir.resolve("store"));
        assertThat(home.journalDirectory()).isEqualTo(dir.resolve("store/journal"));
        assertThat(home.indexDirectory()).isEqualTo(dir.resolve("store/index"));
        new ToolchainStore(home).list();
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void storeAndJournalShareTheHomeAndItsLocks() throws Exception {
        GosetupHome home = GosetupHome.at(dir.resolve("store"));
        ToolchainStore store = new ToolchainStore(home);
        assertThat(store.home()).isSameAs(home);
        assertThat(store.root()).isEqualTo(home.root());

        // The journal keeps its entries in the home's journal directory, whichever object opened it.
        Path target = dir.resolve("profile");
        Files.writeString(target, "before\n");
        StoreContext user = new StoreContext(dir, Map.of(), Platform.current());
        ChangeJournal journal = ChangeJournal.create(store, user, List.of(), Clock.systemUTC());
        journal.apply("test", () -> List.of(new StoreChange("file", target.toString(), "write profile",
                Optional.of("before\n".getBytes(StandardCharsets.UTF_8)), Optional.of("after\n".getBytes(StandardCharsets.UTF_8)))));
        assertThat(Files.readString(target)).isEqualTo("after\n");
        try (var entries = Files.list(home.journalDirectory())) {
            assertThat(entries.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".json"));
        }
        assertThat(ChangeJournal.create(home, user, List.of(), Clock.systemUTC()).history()).hasSize(1);

        // A toolchain lock taken through the store is the home's lock of that name.
        try (ToolchainStore.Lock held = store.lock("go1.22.5.linux-amd64")) {
            assertThat(home.tryLock("go1.22.5.linux-amd64")).isEmpty();
        }
        home.tryLock("go1.22.5.linux-amd64").orElseThrow().close();
    }
}
