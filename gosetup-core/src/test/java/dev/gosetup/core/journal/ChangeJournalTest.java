package dev.gosetup.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.persist.EnvironmentChanges;
import dev.gosetup.core.persist.GoEnvFileStore;
import dev.gosetup.core.persist.PosixProfileStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change journal: any kind of change, content kept beside small entries (a 50 MB profile
 * applies and rolls back exactly), planning under the lock, rollback of the newest entry without
 * reading older ones.
 */
class ChangeJournalTest {
    @TempDir
    Path tmp;

    Path home;
    Path journalDir;
    StoreContext context;
    ToolchainStore gosetupHome;
    EnvironmentChanges changes;
    ChangeJournal journal;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        context = new StoreContext(home, Map.of("HOME", home.toString()), Platform.parse("linux-amd64"));
        gosetupHome = new ToolchainStore(tmp.resolve("gosetup"));
        journalDir = tmp.resolve("gosetup/journal");
        changes = EnvironmentChanges.create(gosetupHome, context, List.of(new GoEnvFileStore(), new PosixProfileStore()),
                Clock.systemUTC());
        journal = changes.journal();
    }

    private static EnvironmentSettings path(String dir) {
        return new EnvironmentSettings(Map.of(), List.of(dir));
    }

    private StoreChange fileChange(Path file, String after) {
        return new StoreChange(FileTargetStore.ID, file.toString(), "write " + file.getFileName(),
                read(file), Optional.of(after.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theFileStoreIsFoundThroughServiceLoaderAndTheJournalHasEveryStore() {
        assertThat(ProviderRegistry.load(TargetStore.class).byId("file"))
                .hasValueSatisfying(s -> assertThat(s).isInstanceOf(FileTargetStore.class));
        assertThat(ChangeJournal.create(gosetupHome, context).stores().keySet())
                .contains("file", "go-env-file", "posix-profile", "fish", "environment-d");
    }

    @Test
    void aFifteenMegabyteProfileAppliesAndRollsBackExactlyWithSmallEntries() throws Exception {
        // The old journal kept whole files as one JSON string: a 15 MB .bashrc applied, then no
        // rollback could ever be read again ("String value length (20000136) exceeds the maximum").
        Path bashrc = home.resolve(".bashrc");
        byte[] original = bigProfile(15 * 1000 * 1000, new Random(7));
        Files.write(bashrc, original);
        Files.writeString(home.resolve(".profile"), "# mine\n");

        JournalEntry entry = changes.apply(path("/opt/go/bin"), List.of("posix-profile"), "gosetup env apply");
        assertThat(entry.changes()).extracting(JournalEntry.Change::target).contains(bashrc.toString());
        assertThat(Files.size(bashrc)).isGreaterThan(original.length);
        try (Stream<Path> entries = Files.list(journalDir)) {
            assertThat(entries.filter(p -> p.toString().endsWith(".json")))
                    .allSatisfy(p -> assertThat(Files.size(p)).as(p.toString()).isLessThan(8 * 1024));
        }
        // A later, unrelated entry rolls back first, then the big one.
        Path other = home.resolve("other.txt");
        journal.apply("test", List.of(fileChange(other, "x\n")));
        assertThat(journal.rollback(false)).isPresent();
        assertThat(other).doesNotExist();
        assertThat(journal.rollback(false)).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(entry.id()));
        assertThat(Files.readAllBytes(bashrc)).isEqualTo(original);
        assertThat(Files.readString(home.resolve(".profile"))).isEqualTo("# mine\n");
    }

    @Test
    void aFiftyMegabyteProfileIsRefusedUpFrontWithNothingWritten() throws Exception {
        // Larger than any real profile (AtomicFiles reads at most 16 MiB): refused while planning,
        // before the journal or any other profile is touched.
        Path bashrc = home.resolve(".bashrc");
        byte[] original = bigProfile(50 * 1024 * 1024, new Random(8));
        Files.write(bashrc, original);
        Files.writeString(home.resolve(".profile"), "# mine\n");
        assertThatThrownBy(() -> changes.apply(path("/opt/go/bin"), List.of("posix-profile"), "gosetup env apply"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(bashrc.toString());
        assertThat(Files.readAllBytes(bashrc)).isEqualTo(original);
        assertThat(Files.readString(home.resolve(".profile"))).isEqualTo("# mine\n");
        assertThat(journal.history()).isEmpty();
    }

    @Test
    void aTargetTooLargeToKeepIsRefusedBeforeAnythingIsWritten() {
        Path file = home.resolve("huge");
        byte[] huge = new byte[(int) ChangeJournal.MAX_TARGET_BYTES + 1];
        StoreChange change = new StoreChange("file", file.toString(), "huge", Optional.empty(), Optional.of(huge));
        assertThatThrownBy(() -> journal.apply("test", List.of(change)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("nothing was written");
        assertThat(file).doesNotExist();
        assertThat(journal.history()).isEmpty();
    }

    @Test
    void contentIsKeptOnceOwnerOnlyAndAnEntryNamesTheCommand() throws Exception {
        Path a = home.resolve("a.json");
        Path b = home.resolve("b.json");
        journal.apply("gosetup vscode apply", List.of(fileChange(a, "same\n"), fileChange(b, "same\n")));
        List<Path> blobs;
        try (Stream<Path> s = Files.list(journalDir.resolve("blobs"))) {
            blobs = s.toList();
        }
        assertThat(blobs).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blobs.get(0)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir.resolve("blobs"))))
                .isEqualTo("rwx------");
        assertThat(journal.history()).singleElement().satisfies(e -> {
            assertThat(e.command()).isEqualTo("gosetup vscode apply");
            assertThat(e.changes()).extracting(JournalEntry.Change::target).containsExactly(a.toString(), b.toString());
        });
    }

    @Test
    void rollbackUndoesTheNewestChangeOfAnyKind() throws Exception {
        Path settings = home.resolve(".vscode/settings.json");
        journal.apply("gosetup vscode apply", List.of(fileChange(settings, "{\"go.alternateTools\": {}}\n")));
        changes.apply(new EnvironmentSettings(Map.of("GOPATH", "/srv/go"), List.of()), List.of("go-env-file"),
                "gosetup env apply");
        Path envFile = home.resolve(".config/go/env");
        assertThat(envFile).exists();

        assertThat(journal.rollback(false)).hasValueSatisfying(e -> assertThat(e.command()).isEqualTo("gosetup env apply"));
        assertThat(envFile).doesNotExist();
        assertThat(settings).exists();
        assertThat(journal.rollback(false)).hasValueSatisfying(e -> assertThat(e.command())
                .isEqualTo("gosetup vscode apply"));
        assertThat(settings).doesNotExist();
        assertThat(journal.rollback(false)).isEmpty();
    }

    @Test
    void rollbackOfTheNewestEntryNeverReadsOlderOnes() throws Exception {
        Path a = home.resolve("a");
        journal.apply("first", List.of(fileChange(a, "1\n")));
        JournalEntry second = journal.apply("second", List.of(fileChange(a, "2\n")));
        Path firstFile;
        try (Stream<Path> s = Files.list(journalDir)) {
            firstFile = s.filter(p -> p.getFileName().toString().startsWith("000001-")).findFirst().orElseThrow();
        }
        Files.writeString(firstFile, "{ damaged");
        assertThat(journal.rollback(false)).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(second.id()));
        assertThat(a).hasContent("1\n");
        assertThatThrownBy(() -> journal.history()).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(firstFile.toString()).hasMessageContaining("damaged");
    }

    @Test
    void aDamagedCopyIsNeverWrittenBack() throws Exception {
        Path a = home.resolve("a");
        Files.writeString(a, "mine\n");
        journal.apply("test", List.of(fileChange(a, "gosetup's\n")));
        Path blob;
        try (Stream<Path> s = Files.list(journalDir.resolve("blobs"))) {
            blob = s.filter(p -> {
                try {
                    return Files.readString(p).equals("mine\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).findFirst().orElseThrow();
        }
        Files.writeString(blob, "tampered\n");
        assertThatThrownBy(() -> journal.rollback(false)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(blob.toString()).hasMessageContaining("damaged");
        assertThat(a).hasContent("gosetup's\n");
    }

    @Test
    void anUnknownStoreIsRefusedBeforeAnythingIsWritten() {
        Path a = home.resolve("a");
        StoreChange registry = new StoreChange("windows-registry", "HKCU\\Environment\\PATH", "edit PATH",
                Optional.empty(), Optional.of(new byte[] {1}));
        assertThatThrownBy(() -> journal.apply("test", List.of(fileChange(a, "x\n"), registry)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("windows-registry");
        assertThat(a).doesNotExist();
        assertThat(journal.history()).isEmpty();
    }

    @Test
    void aRelativeFileTargetIsRefused() {
        StoreChange relative = new StoreChange("file", "settings.json", "x", Optional.empty(), Optional.of(new byte[] {1}));
        assertThatThrownBy(() -> journal.apply("test", List.of(relative))).isInstanceOf(GoSetupException.class)
                .hasMessageContaining("settings.json");
    }

    @Test
    void fourConcurrentIdenticalAppliesAllSucceedAndOneIsRecorded() throws Exception {
        // The plan used to be made before the lock: three of four runs failed with "changed after
        // the plan was made". Planning under the lock makes the later runs find nothing to change.
        Files.writeString(home.resolve(".profile"), "# mine\n");
        EnvironmentSettings settings = new EnvironmentSettings(Map.of("GOPATH", "/srv/go"), List.of("/opt/go/bin"));
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JournalEntry>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return changes.apply(settings, List.of("go-env-file", "posix-profile"), "gosetup env apply");
                }));
            }
            int recorded = 0;
            for (Future<JournalEntry> run : runs) {
                if (!run.get().isEmpty()) {
                    recorded++;
                }
            }
            assertThat(recorded).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(journal.history()).hasSize(1);
        assertThat(Files.readString(home.resolve(".profile"))).containsOnlyOnce(">>> gosetup >>>");
    }

    @Test
    void aPlanShownEarlierIsRefusedWhenItsTargetChangedSince() throws Exception {
        Path a = home.resolve("a");
        StoreChange change = fileChange(a, "gosetup's\n");
        Files.writeString(a, "edited meanwhile\n");
        assertThatThrownBy(() -> journal.apply("test", List.of(change))).hasMessageContaining(a.toString())
                .hasMessageContaining("changed after the plan");
        assertThat(a).hasContent("edited meanwhile\n");
        assertThat(journal.history()).isEmpty();
    }

    /** A shell profile of the given size: lines of aliases and exports, some long, some CRLF. */
    private static byte[] bigProfile(int size, Random random) {
        StringBuilder text = new StringBuilder(size + 200);
        int n = 0;
        while (text.length() < size) {
            switch (random.nextInt(4)) {
                case 0 -> text.append("alias a").append(n).append("='ls -la /tmp/").append(n).append("'\n");
                case 1 -> text.append("export V").append(n).append("=\"").append("x".repeat(random.nextInt(200)))
                        .append("\"\r\n");
                case 2 -> text.append("# comment ").append(n).append(" é ü 中\n");
                default -> text.append('\n');
            }
            n++;
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
