package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gosetup.core.internal.Sha256;
import dev.gosetup.testkit.GoDevIndex;
import dev.gosetup.testkit.HostPlatform;
import dev.gosetup.testkit.MirrorServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, "debris nobody cleans", with real kills: the real CLI ({@link Main}) runs in a child
 * JVM, is stopped at each point where a kill leaves debris (the test-only pause,
 * {@code -Dgosetup.test.pauseAt}, see {@code dev.gosetup.core.internal.TestPause}; or, mid-download,
 * a throttled mirror), and is killed with a real SIGKILL ({@link Process#destroyForcibly()}, exit
 * 137: no finally block, no shutdown hook runs). The next command that takes the lock must leave
 * nothing behind, and {@code gosetup prune} says what it reclaimed.
 *
 * <p>The toolchain is a small fake ({@code bin/go} a script answering {@code go version}, 2 MiB of
 * incompressible bulk): what is tested is the store's bookkeeping, not Go.
 */
@DisabledOnOs(OS.WINDOWS)
class RealKillDebrisTest extends CliTest {
    private static final byte[] MINE = "# mine\nGOFLAGS=-mod=mod\n".getBytes(StandardCharsets.UTF_8);

    private static final String VERSION = "go1.99.1";
    private static final String ID = VERSION + "." + HostPlatform.goos() + "-" + HostPlatform.goarch();
    private static final int BULK = 2 * 1024 * 1024;
    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path shared;

    static MirrorServer server;
    static String filename;

    @BeforeAll
    static void fakeMirror() throws Exception {
        Path tree = Files.createDirectories(shared.resolve("tree/go/bin"));
        Path go = Files.writeString(tree.resolve("go"), "#!/bin/sh\necho \"go version " + VERSION + " "
                + HostPlatform.goos() + "/" + HostPlatform.goarch() + "\"\n");
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(shared.resolve("tree/go/VERSION"), VERSION + "\ntime 2026-01-01T00:00:00Z\n");
        byte[] bulk = new byte[BULK];
        new Random(42).nextBytes(bulk); // incompressible, so a throttled download takes its time
        Files.write(Files.createDirectories(shared.resolve("tree/go/pkg")).resolve("bulk"), bulk);
        Path site = Files.createDirectories(shared.resolve("site"));
        filename = HostPlatform.archiveFilename(VERSION);
        Process tar = new ProcessBuilder("tar", "-czf", site.resolve(filename).toString(), "-C",
                shared.resolve("tree").toString(), "go").inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        GoDevIndex.write(site.resolve(GoDevIndex.INDEX_FILENAME), List.of(GoDevIndex.entry(site.resolve(filename), VERSION)));
        server = MirrorServer.start(site);
    }

    @AfterAll
    static void stopMirror() {
        server.close();
    }

    private List<String> withStore(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", store.toString()));
        if (List.of("install", "list").contains(args[0])) {
            all.addAll(List.of("--index", server.indexUri().toString(), "--mirror", server.baseUri().toString()));
        }
        return all;
    }

    /** The next command, in this JVM (the killed process's OS locks died with it). */
    private int gosetup(String... args) {
        return gosetup(withStore(args));
    }

    /** The real CLI in a child JVM, paused at {@code pauseAt} (none when empty). */
    private Process child(String pauseAt, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (!pauseAt.isEmpty()) {
            command.add("-Dgosetup.test.pauseAt=" + pauseAt);
            command.add("-Dgosetup.test.pauseMarker=" + tmp.resolve("paused"));
        }
        command.add(Main.class.getName());
        command.addAll(withStore(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(userEnv);
        return builder.start();
    }

    private String childLog() throws Exception {
        return Files.readString(tmp.resolve("child.log"));
    }

    /** Waits until the child reaches the state, then SIGKILLs it. */
    private void killWhen(Process child, BooleanSupplier reached) throws Exception {
        Instant deadline = Instant.now().plus(PAUSE_TIMEOUT);
        while (!reached.getAsBoolean()) {
            if (!child.isAlive()) {
                fail("the child ended (exit " + child.exitValue() + ") before the kill point:\n" + childLog());
            }
            if (Instant.now().isAfter(deadline)) {
                child.destroyForcibly();
                fail("the child did not reach the kill point in " + PAUSE_TIMEOUT + ":\n" + childLog());
            }
            Thread.sleep(20);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    }

    private void killAtPause(Process child) throws Exception {
        killWhen(child, () -> Files.exists(tmp.resolve("paused")));
    }

    private static List<String> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> temporaries(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).filter(n -> n.endsWith(".gosetup-tmp")).toList();
        }
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void age(Path file, Duration by) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
    }

    private void nothingLeftInTheStore() throws Exception {
        assertThat(entries(store.resolve("staging"))).as("staging").isEmpty();
        assertThat(entries(store.resolve("trash"))).as("trash").isEmpty();
        assertThat(entries(store.resolve("downloads"))).as("downloads").noneMatch(n -> n.endsWith(".part"));
        assertThat(temporaries(store)).as("temporary files in the store").isEmpty();
    }

    @Test
    void killedAfterTheCommitBeforeStagingIsCleanedThenPruneRemovesTheStaging() throws Exception {
        Process install = child("after-commit", "install", VERSION);
        killAtPause(install);
        assertThat(store.resolve("toolchains/" + ID + "/bin/go")).as("committed before the kill").exists();
        List<String> staging = entries(store.resolve("staging"));
        assertThat(staging).as("what the kill left").singleElement().asString().startsWith(ID + ".");

        assertThat(gosetup("prune")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("reclaimed ").contains("staging/" + staging.get(0));
        nothingLeftInTheStore();
        assertThat(gosetup("which", VERSION)).as(err.toString()).isZero();
        assertThat(out.toString().trim()).isEqualTo(store.resolve("toolchains/" + ID).toString());
    }

    @Test
    void killedDuringUninstallWithTheToolchainInTheTrashThenPruneReclaimsIt() throws Exception {
        assertThat(gosetup("install", VERSION)).as(err.toString()).isZero();

        Process uninstall = child("uninstall-trash", "uninstall", VERSION);
        killAtPause(uninstall);
        List<String> trash = entries(store.resolve("trash"));
        assertThat(trash).as("what the kill left").singleElement().asString().startsWith(ID + ".");
        long left = size(store.resolve("trash"));
        assertThat(left).isGreaterThan(BULK);
        assertThat(store.resolve("toolchains/" + ID)).as("no longer installed").doesNotExist();

        assertThat(gosetup("prune")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("reclaimed 2.0 MiB (" + left + " bytes)").contains("trash/" + trash.get(0));
        nothingLeftInTheStore();
    }

    @Test
    void killedMidDownloadWithAPartAndStagingThenTheNextCommandsLeaveNothing() throws Exception {
        Path part = store.resolve("downloads/" + filename + ".part");
        server.throttle(256 * 1024);
        try {
            Process install = child("", "install", VERSION);
            killWhen(install, () -> part.toFile().length() > 64 * 1024 && !entries(store.resolve("staging")).isEmpty());
        } finally {
            server.throttle(0);
        }
        List<String> staging = entries(store.resolve("staging"));
        assertThat(staging).singleElement().asString().startsWith(ID + ".");

        // The staging directory belongs to nobody now: gone. A fresh .part is kept to be resumed.
        assertThat(gosetup("prune")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("staging/" + staging.get(0)).doesNotContain(".part");
        assertThat(entries(store.resolve("staging"))).isEmpty();
        assertThat(part).exists();

        // A version never installed again: its .part goes once it is older than the resume window.
        age(part, Duration.ofDays(8));
        long partSize = Files.size(part);
        assertThat(gosetup("prune")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("downloads/" + filename + ".part").contains("(" + partSize + " bytes)");
        nothingLeftInTheStore();
    }

    @Test
    void killedBetweenAProfileTemporaryAndItsRenameInHome() throws Exception {
        Path envFile = usersEnvFile();
        byte[] mine = MINE;

        killAtPause(child("before-rename:go/env", "proxy", "set", "china"));
        List<String> left = temporaries(home);
        assertThat(left).as("what the kill left in HOME").singleElement().asString()
                .startsWith(envFile.getParent().resolve(".env.").toString());
        assertThat(Files.readAllBytes(envFile)).as("never renamed over").isEqualTo(mine);

        // A live writer renames within milliseconds; one this old was killed.
        age(Path.of(left.get(0)), Duration.ofMinutes(11));
        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();

        assertThat(temporaries(home)).isEmpty();
        assertThat(temporaries(store)).isEmpty();
        assertThat(Files.readString(envFile)).contains("GOPROXY=https://goproxy.cn");
        assertThat(gosetup("rollback")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(envFile)).isEqualTo(mine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"before-rename:journal/*", "before-rename:blobs/*"})
    void killedBetweenAJournalTemporaryAndItsRenameThenTheNextJournalCommandRemovesIt(String point) throws Exception {
        killAtPause(child(point, "proxy", "set", "china"));
        assertThat(temporaries(store.resolve("journal"))).as("what the kill left in the journal").hasSize(1);
        assertThat(home.resolve(".config/go/env")).as("nothing applied").doesNotExist();

        // The journal writes only under its lock: whoever wrote a temporary file there is dead now.
        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();

        assertThat(temporaries(store)).isEmpty();
        assertThat(temporaries(home)).isEmpty();
        assertThat(home.resolve(".config/go/env")).content().contains("GOPROXY=https://goproxy.cn");
        assertThat(gosetup("rollback")).as(err.toString()).isZero();
        assertThat(home.resolve(".config/go/env")).doesNotExist();
    }

    /** The user's Go env file, holding {@link #MINE} before any command runs. */
    private Path usersEnvFile() throws IOException {
        Path envFile = home.resolve(".config/go/env");
        Files.createDirectories(envFile.getParent());
        Files.write(envFile, MINE);
        return envFile;
    }

    @Test
    void killedAfterKeepingContentsBeforeSavingTheEntryThenPruneRemovesTheOrphanCopies() throws Exception {
        Path envFile = usersEnvFile();
        byte[] mine = MINE;
        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();
        byte[] afterChina = Files.readAllBytes(envFile);
        assertThat(gosetup("proxy", "set", "offline")).as(err.toString()).isZero();
        byte[] afterOffline = Files.readAllBytes(envFile);
        Path blobs = store.resolve("journal/blobs");
        List<String> referenced = entries(blobs);
        assertThat(referenced).containsExactlyInAnyOrder(Sha256.hex(mine), Sha256.hex(afterChina), Sha256.hex(afterOffline));

        // Its content after is kept, its entry never saved: nothing refers to that copy.
        killAtPause(child("journal-kept", "proxy", "set", "https://goproxy.io,direct"));
        List<String> orphans = new ArrayList<>(entries(blobs));
        orphans.removeAll(referenced);
        assertThat(orphans).as("what the kill left").hasSize(1);
        long orphanBytes = Files.size(blobs.resolve(orphans.get(0)));
        assertThat(Files.readAllBytes(envFile)).as("nothing applied").isEqualTo(afterOffline);
        assertThat(entries(store.resolve("journal")).stream().filter(n -> n.endsWith(".json"))).hasSize(2);

        assertThat(gosetup("prune")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("reclaimed 0.0 MiB (" + orphanBytes + " bytes) of journal copies no entry "
                + "refers to").contains("journal/blobs/" + orphans.get(0));
        assertThat(entries(blobs)).containsExactlyInAnyOrderElementsOf(referenced);
        assertThat(gosetup("prune")).as(err.toString()).isZero();
        assertThat(out.toString()).as("nothing left the second time").doesNotContain("journal");
        nothingLeftInTheStore();

        // Every earlier entry still rolls back byte for byte.
        assertThat(gosetup("rollback")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(envFile)).isEqualTo(afterChina);
        assertThat(gosetup("rollback")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(envFile)).isEqualTo(mine);
    }

    @Test
    void aDamagedJournalEntryStopsPruneFromDeletingAnyCopyAndNamesTheFile() throws Exception {
        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();
        killAtPause(child("journal-kept", "proxy", "set", "offline"));
        Path blobs = store.resolve("journal/blobs");
        List<String> before = entries(blobs);
        Path entry;
        try (Stream<Path> s = Files.list(store.resolve("journal"))) {
            entry = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Files.writeString(entry, "{\"id\": \"000001-20261204T000000Z\", \"changes\": [");

        assertThat(gosetup("prune")).as("the toolchain part ran, the journal part refused").isEqualTo(ExitCode.FAILED);

        assertThat(err.toString()).contains(entry.toString()).contains("is damaged").contains("no copy in")
                .contains("fix: move " + entry);
        assertThat(entries(blobs)).as("not one copy deleted").isEqualTo(before);
    }
}
