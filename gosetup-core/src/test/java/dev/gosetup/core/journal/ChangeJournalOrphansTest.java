package dev.gosetup.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.internal.Sha256;
import dev.gosetup.testkit.Unwritable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's copies ({@code journal/blobs/<sha256>}) that no entry refers to: a failed apply
 * takes back the copies it added (never one that existed before), and
 * {@link ChangeJournal#pruneUnreferenced()} collects those of a killed apply, refusing to delete
 * anything while an entry is damaged and keeping the copies of rolled-back entries. The kill itself
 * (a real SIGKILL between keeping and saving) is in the CLI's {@code RealKillDebrisTest}.
 */
class ChangeJournalOrphansTest {
    @TempDir
    Path tmp;

    Path home;
    Path blobs;
    ToolchainStore gosetupHome;
    ChangeJournal journal;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        StoreContext context = new StoreContext(home, Map.of("HOME", home.toString()), Platform.parse("linux-amd64"));
        gosetupHome = new ToolchainStore(tmp.resolve("gosetup"));
        blobs = tmp.resolve("gosetup/journal/blobs");
        journal = ChangeJournal.create(gosetupHome, context, List.of(), Clock.systemUTC());
    }

    private static StoreChange change(Path file, String after) throws Exception {
        Optional<byte[]> before = Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        return new StoreChange(FileTargetStore.ID, file.toString(), "write " + file.getFileName(), before,
                Optional.of(after.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every file of the blob directory, name to content, so "exactly as before" compares bytes. */
    private Map<String, String> blobDirectory() throws Exception {
        Map<String, String> all = new TreeMap<>();
        if (Files.isDirectory(blobs)) {
            try (Stream<Path> files = Files.list(blobs)) {
                for (Path p : files.toList()) {
                    all.put(p.getFileName().toString(), Files.isRegularFile(p)
                            ? Arrays.toString(Files.readAllBytes(p)) : "(not a file)");
                }
            }
        }
        return all;
    }

    private static String hash(String content) {
        return Sha256.hex(content.getBytes(StandardCharsets.UTF_8));
    }

    /** What a process killed after keeping a content and before saving its entry leaves. */
    private Path orphan(String content) throws Exception {
        Path blob = blobs.resolve(hash(content));
        Files.writeString(blob, content);
        Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("rw-------"));
        return blob;
    }

    @Test
    void aFailedApplyWhoseUndoIsCleanLeavesTheCopiesExactlyAsBefore() throws Exception {
        Path first = home.resolve("first.txt");
        journal.apply("earlier", List.of(change(first, "one\n")));
        Map<String, String> before = blobDirectory();
        assertThat(before).containsKey(hash("one\n"));

        // The first target's content before is the copy the earlier entry kept: it must survive.
        Path sub = Files.createDirectories(home.resolve("sub"));
        List<StoreChange> plan = List.of(change(first, "two: a new copy\n"), change(sub.resolve("second.txt"),
                "three: another new copy\n"));
        try (Unwritable ignored = Unwritable.make(sub)) {
            assertThatThrownBy(() -> journal.apply("failing", plan)).isInstanceOf(GoSetupException.class)
                    .hasMessageContaining(sub.resolve("second.txt").toString())
                    .hasMessageContaining("every target written before it was restored");
        }

        assertThat(Files.readString(first)).isEqualTo("one\n");
        assertThat(sub.resolve("second.txt")).doesNotExist();
        assertThat(blobDirectory()).as("the copies of the failed apply are gone, the earlier one is kept")
                .isEqualTo(before);
        assertThat(journal.history()).extracting(JournalEntry::command).containsExactly("earlier");
        assertThat(journal.rollback(false)).isPresent();
        assertThat(first).doesNotExist();
    }

    @Test
    void anApplyWhoseEntryCannotBeSavedLeavesNoCopyBehind() throws Exception {
        Path first = home.resolve("first.txt");
        journal.apply("earlier", List.of(change(first, "one\n")));
        Map<String, String> before = blobDirectory();

        // The blob directory stays writable, the entry cannot be written beside it.
        try (Unwritable ignored = Unwritable.make(tmp.resolve("gosetup/journal"))) {
            assertThatThrownBy(() -> journal.apply("failing", List.of(change(first, "never saved\n"))))
                    .isInstanceOf(GoSetupException.class).hasMessageContaining("cannot write the journal entry");
        }

        assertThat(Files.readString(first)).isEqualTo("one\n");
        assertThat(blobDirectory()).isEqualTo(before);
        assertThat(journal.history()).hasSize(1);
    }

    @Test
    void pruneDeletesOnlyUnreferencedCopiesAndSaysWhatAndHowMuch() throws Exception {
        Path first = home.resolve("first.txt");
        Files.writeString(first, "mine\n");
        journal.apply("earlier", List.of(change(first, "one\n")));
        Map<String, String> referenced = blobDirectory();
        assertThat(referenced).containsOnlyKeys(hash("mine\n"), hash("one\n"));

        Path orphan = orphan("killed before its entry was saved\n");
        // Not the journal's copies: a link named as a hash (its target outside must survive), a
        // directory, a temporary file (the store's debris cleanup owns those), a stray name.
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep me\n");
        Path link = Files.createSymbolicLink(blobs.resolve(hash("link\n")), outside);
        Path dir = Files.createDirectory(blobs.resolve(hash("dir\n")));
        Path temp = Files.writeString(blobs.resolve(".x.gosetup-tmp"), "partial");
        Path stray = Files.writeString(blobs.resolve("notes.txt"), "stray");

        ChangeJournal.Reclaimed reclaimed = journal.pruneUnreferenced();

        assertThat(reclaimed.removed()).containsExactly(orphan);
        assertThat(reclaimed.bytes()).isEqualTo("killed before its entry was saved\n".length());
        assertThat(orphan).doesNotExist();
        assertThat(link).isSymbolicLink();
        assertThat(outside).hasContent("keep me");
        assertThat(dir).isDirectory();
        assertThat(temp).exists();
        assertThat(stray).exists();
        assertThat(blobDirectory()).containsAllEntriesOf(referenced);

        assertThat(journal.pruneUnreferenced().removed()).as("a second prune finds nothing").isEmpty();
        assertThat(journal.rollback(false)).isPresent();
        assertThat(Files.readString(first)).isEqualTo("mine\n");
    }

    @Test
    void aDamagedEntryStopsPruneBeforeAnyCopyIsDeletedAndNamesTheFile() throws Exception {
        Path first = home.resolve("first.txt");
        journal.apply("earlier", List.of(change(first, "one\n")));
        JournalEntry damaged = journal.apply("later", List.of(change(first, "two\n")));
        Path damagedFile = tmp.resolve("gosetup/journal/" + damaged.id() + ".json");
        // Cut short as a full disk or an editor leaves it: its hashes can no longer be read.
        byte[] full = Files.readAllBytes(damagedFile);
        Files.write(damagedFile, Arrays.copyOf(full, full.length / 2));
        orphan("an orphan, but prune cannot know it\n");
        Map<String, String> before = blobDirectory();

        assertThatThrownBy(journal::pruneUnreferenced).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(damagedFile.toString()).hasMessageContaining("no copy in " + blobs)
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions())
                        .anySatisfy(r -> assertThat(r).contains("move " + damagedFile)));

        assertThat(blobDirectory()).isEqualTo(before);
    }

    @Test
    void theCopiesOfARolledBackEntryAreKept() throws Exception {
        Path first = home.resolve("first.txt");
        Files.writeString(first, "mine\n");
        journal.apply("earlier", List.of(change(first, "one\n")));
        assertThat(journal.rollback(false)).hasValueSatisfying(
                e -> assertThat(e.state()).isEqualTo(JournalEntry.State.ROLLED_BACK));
        Map<String, String> before = blobDirectory();
        assertThat(before).containsOnlyKeys(hash("mine\n"), hash("one\n"));

        assertThat(journal.pruneUnreferenced().removed()).isEmpty();

        assertThat(blobDirectory()).isEqualTo(before);
        assertThat(journal.history()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(JournalEntry.State.ROLLED_BACK);
            assertThat(e.changes().get(0).after()).hasValue(hash("one\n"));
        });
    }

    @Test
    void pruneWithoutAJournalCreatesNothing() {
        ChangeJournal.Reclaimed reclaimed = journal.pruneUnreferenced();
        assertThat(reclaimed.removed()).isEmpty();
        assertThat(reclaimed.bytes()).isZero();
        assertThat(tmp.resolve("gosetup/journal")).doesNotExist();
    }
}
