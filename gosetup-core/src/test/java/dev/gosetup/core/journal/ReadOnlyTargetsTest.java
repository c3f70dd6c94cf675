package dev.gosetup.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.persist.EnvironmentChanges;
import dev.gosetup.core.persist.PosixProfileStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, read-only profiles: a {@code ~/.bashrc} its owner made read-only (0444, 0400) is refused
 * with nothing written, unless the apply is forced ({@code --force}); then it is written, stays
 * read-only with the same mode, the journal records the mode, and rollback restores the bytes and
 * the mode exactly. Real files; the tests run as root, whom permission bits do not stop, so every
 * refusal here comes from gosetup reading the mode bits.
 */
@DisabledOnOs(OS.WINDOWS)
class ReadOnlyTargetsTest {
    private static final byte[] LOCKED = "# locked by me\r\nexport EDITOR=vi\r\n\uFEFFodd\n".getBytes(StandardCharsets.UTF_8);
    private static final EnvironmentSettings SETTINGS = new EnvironmentSettings(Map.of("GOPATH", "/work/go"),
            List.of("/opt/go/bin"));

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    Path home;
    Path bashrc;
    StoreContext context;
    ToolchainStore gosetupHome;
    EnvironmentChanges changes;
    ChangeJournal journal;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        bashrc = home.resolve(".bashrc");
        context = new StoreContext(home, Map.of("HOME", home.toString(), "SHELL", "/bin/bash"),
                Platform.parse("linux-amd64"));
        gosetupHome = new ToolchainStore(tmp.resolve("gosetup"));
        changes = EnvironmentChanges.create(gosetupHome, context, List.of(new PosixProfileStore()), Clock.systemUTC());
        journal = changes.journal();
    }

    private Path readOnly(Path file, byte[] content, String mode) throws Exception {
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private List<StoreChange> plan() {
        return changes.plan(SETTINGS, List.of("posix-profile")).changes();
    }

    private List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"r--r--r--", "r--------"})
    void withoutForceAReadOnlyProfileIsRefusedUpFrontAndNothingIsWrittenOrJournaled(String mode) throws Exception {
        readOnly(bashrc, LOCKED, mode);
        List<String> homeBefore = filesIn(home);

        assertThatThrownBy(() -> journal.apply("gosetup env apply", this::plan))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(bashrc + " is read-only (" + mode + ")")
                .hasMessageContaining("nothing was written")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions())
                        .anyMatch(r -> r.contains("--force") && r.contains("stays read-only"))
                        .anyMatch(r -> r.contains("chmod u+w " + bashrc)));

        assertThat(Files.readAllBytes(bashrc)).isEqualTo(LOCKED);
        assertThat(mode(bashrc)).isEqualTo(mode);
        // ~/.profile is writable, but the plan is refused as a whole: not a byte of it either.
        assertThat(filesIn(home)).isEqualTo(homeBefore);
        assertThat(journal.history()).isEmpty();
        assertThat(filesIn(gosetupHome.journalDirectory())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"r--r--r--", "r--------", "r-xr-x---"})
    void forcedTheProfileIsWrittenStaysReadOnlyAndRollbackRestoresBytesAndModeExactly(String mode) throws Exception {
        readOnly(bashrc, LOCKED, mode);
        JournalEntry entry = journal.apply("gosetup env apply --force", this::plan, true);

        assertThat(Files.readString(bashrc)).contains("/opt/go/bin").startsWith("# locked by me\r\n");
        assertThat(mode(bashrc)).as("still read-only, same mode").isEqualTo(mode);
        assertThat(entry.changes()).filteredOn(c -> c.target().equals(bashrc.toString()))
                .singleElement().satisfies(c -> assertThat(c.readOnly()).contains(mode));
        assertThat(entry.changes()).filteredOn(c -> c.target().equals(home.resolve(".profile").toString()))
                .singleElement().satisfies(c -> assertThat(c.readOnly()).isEmpty());
        // What the journal keeps on disk, and what `gosetup history` reads back from it.
        assertThat(ChangeJournal.json(journal.history())).contains("\"readOnly\" : \"" + mode + "\"");
        assertThat(journal.history().get(0).changes()).anySatisfy(c -> assertThat(c.readOnly()).contains(mode));

        assertThat(journal.rollback(false)).isPresent();

        assertThat(Files.readAllBytes(bashrc)).isEqualTo(LOCKED);
        assertThat(mode(bashrc)).isEqualTo(mode);
        assertThat(home.resolve(".profile")).as("created by the apply, so deleted by the rollback").doesNotExist();
        assertThat(filesIn(home)).as("no temporary files left").containsExactly(".bashrc");
    }

    @Test
    void rollbackPutsBackTheRecordedModeEvenWhenTheFileWasMadeWritableSince() throws Exception {
        readOnly(bashrc, LOCKED, "r--r-----");
        journal.apply("gosetup env apply --force", this::plan, true);
        Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString("rw-rw-rw-"));

        journal.rollback(false);

        assertThat(Files.readAllBytes(bashrc)).isEqualTo(LOCKED);
        assertThat(mode(bashrc)).isEqualTo("r--r-----");
    }

    @Test
    void aHardLinkedReadOnlyProfileKeepsItsInodeItsOtherNameAndItsMode() throws Exception {
        Path shared = readOnly(Files.createDirectories(tmp.resolve("dotfiles")).resolve("bashrc"), LOCKED, "r--r--r--");
        Files.createLink(bashrc, shared);
        Object inode = Files.getAttribute(shared, "unix:ino");

        assertThatThrownBy(() -> journal.apply("gosetup env apply", this::plan))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(bashrc + " is read-only");
        assertThat(Files.readAllBytes(shared)).isEqualTo(LOCKED);

        journal.apply("gosetup env apply --force", this::plan, true);

        assertThat(Files.getAttribute(bashrc, "unix:ino")).isEqualTo(inode);
        assertThat(Files.getAttribute(shared, "unix:nlink")).isEqualTo(2);
        assertThat(Files.readString(shared)).contains("/opt/go/bin").startsWith("# locked by me\r\n");
        assertThat(mode(shared)).isEqualTo("r--r--r--");

        journal.rollback(false);

        assertThat(Files.readAllBytes(shared)).isEqualTo(LOCKED);
        assertThat(Files.getAttribute(bashrc, "unix:ino")).isEqualTo(inode);
        assertThat(mode(shared)).isEqualTo("r--r--r--");
    }

    @Test
    void aReadOnlyProfileBehindASymbolicLinkIsRefusedAndForcedLikeTheFileItself() throws Exception {
        Path real = readOnly(Files.createDirectories(tmp.resolve("dotfiles")).resolve("bashrc"), LOCKED, "r--------");
        Files.createSymbolicLink(bashrc, real);

        assertThatThrownBy(() -> journal.apply("gosetup env apply", this::plan))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(bashrc + " is read-only");

        journal.apply("gosetup env apply --force", this::plan, true);
        assertThat(Files.isSymbolicLink(bashrc)).isTrue();
        assertThat(mode(real)).isEqualTo("r--------");
        journal.rollback(false);
        assertThat(Files.readAllBytes(real)).isEqualTo(LOCKED);
        assertThat(mode(real)).isEqualTo("r--------");
        assertThat(Files.isSymbolicLink(bashrc)).isTrue();
    }

    @Test
    void aReadOnlyFileDeletedWhenForcedComesBackWithItsModeOnRollback() throws Exception {
        Path conf = readOnly(home.resolve("wsl.conf"), LOCKED, "r--------");
        StoreChange delete = new StoreChange(FileTargetStore.ID, conf.toString(), "delete wsl.conf",
                Optional.of(LOCKED), Optional.empty());

        assertThatThrownBy(() -> journal.apply("delete", List.of(delete)))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThat(conf).exists();

        journal.apply("delete", List.of(delete), true);
        assertThat(conf).doesNotExist();

        journal.rollback(false);
        assertThat(Files.readAllBytes(conf)).isEqualTo(LOCKED);
        assertThat(mode(conf)).isEqualTo("r--------");
    }

    @Test
    void aFailureAfterAForcedReadOnlyWriteRestoresItsBytesAndMode() throws Exception {
        Path conf = readOnly(home.resolve("settings.json"), LOCKED, "r--r--r--");
        // Reads as missing, but cannot be written: gosetup creates nothing through a dangling link.
        Path dangling = Files.createSymbolicLink(home.resolve("dangling"), tmp.resolve("nowhere/file"));
        List<StoreChange> plan = List.of(
                new StoreChange(FileTargetStore.ID, conf.toString(), "rewrite", Optional.of(LOCKED),
                        Optional.of("{}".getBytes(StandardCharsets.UTF_8))),
                new StoreChange(FileTargetStore.ID, dangling.toString(), "create", Optional.empty(),
                        Optional.of("y".getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> journal.apply("two files", plan, true)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining("every target written before it was restored");

        assertThat(Files.readAllBytes(conf)).isEqualTo(LOCKED);
        assertThat(mode(conf)).isEqualTo("r--r--r--");
        assertThat(journal.history()).isEmpty();
    }

    @Test
    void aTargetMadeReadOnlyAfterTheApplyIsRefusedByRollbackUnlessForced() throws Exception {
        Files.write(bashrc, LOCKED);
        journal.apply("gosetup env apply", this::plan);
        byte[] applied = Files.readAllBytes(bashrc);
        Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString("r--r--r--"));

        assertThatThrownBy(() -> journal.rollback(false)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(bashrc + " is read-only (r--r--r--)")
                .hasMessageContaining("nothing was rolled back");
        assertThat(Files.readAllBytes(bashrc)).isEqualTo(applied);
        assertThat(home.resolve(".profile")).content().contains("/opt/go/bin");

        assertThat(journal.rollback(true)).isPresent();
        assertThat(Files.readAllBytes(bashrc)).isEqualTo(LOCKED);
        assertThat(mode(bashrc)).isEqualTo("r--r--r--");
    }
}
