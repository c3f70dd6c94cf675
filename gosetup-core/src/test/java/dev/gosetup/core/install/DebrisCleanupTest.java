package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.GoVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "debris nobody cleans": a kill after commit left an empty staging directory, a kill
 * during uninstall left the toolchain in {@code trash/} forever, a killed install of a version never
 * installed again left its staging directory and {@code .part}, a kill between a temp write and its
 * rename left {@code .name.random.gosetup-tmp}. The store is laid out here exactly as those kills
 * leave it (same names); the next store operation removes it all but what a live process (holding
 * the toolchain's lock) is working on.
 */
@DisabledOnOs(OS.WINDOWS)
class DebrisCleanupTest {
    @TempDir
    Path dir;

    private static Path filled(Path dir, int bytes) throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        Files.write(dir.resolve("bin/go"), new byte[bytes]);
        return dir;
    }

    private static Path old(Path p) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(8, ChronoUnit.DAYS)));
        return p;
    }

    @Test
    void theNextStoreOperationRemovesWhatKilledProcessesLeftButNotWhatLiveOnesUse() throws Exception {
        ToolchainStore store = new ToolchainStore(dir.resolve("store"));
        store.journalDirectory();
        Path root = store.root();
        Path emptyStaging = Files.createDirectories(root.resolve("staging/go1.22.12.linux-amd64.0a1b2c3d"));
        Path neverAgain = filled(root.resolve("staging/go1.19.13.linux-amd64.deadbeef"), 1000);
        Path trash = filled(Files.createDirectories(root.resolve("trash/go1.21.0.linux-amd64.cafebabe")), 300_000);
        Path part = old(Files.write(store.downloadPath("go1.19.13.linux-amd64.tar.gz.part"), new byte[5000]));
        Path freshPart = Files.write(store.downloadPath("go1.23.0.linux-amd64.tar.gz.part"), new byte[10]);
        Path journalTemp = old(Files.writeString(root.resolve("journal/.entry-7.json.123456.gosetup-tmp"), "half"));
        Path live = filled(root.resolve("staging/go1.23.0.linux-amd64.11112222"), 10);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread installer = new Thread(() -> {
            try (ToolchainStore.Lock lock = store.lock("go1.23.0.linux-amd64")) {
                locked.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        installer.start();
        locked.await();
        try {
            long reclaimed = store.cleanDebris();

            assertThat(reclaimed).isEqualTo(1000 + 300_000 + 5000 + 4);
            assertThat(emptyStaging).doesNotExist();
            assertThat(neverAgain).doesNotExist();
            assertThat(trash).doesNotExist();
            assertThat(part).doesNotExist();
            assertThat(journalTemp).doesNotExist();
            assertThat(live).as("a live install's staging").isDirectory();
            assertThat(freshPart).as("a recent partial download is resumed later").exists();
        } finally {
            release.countDown();
            installer.join();
        }
        // Once that process is gone, the next operation (here an uninstall) takes its leftovers too.
        GoInstaller installerApi = GoInstaller.builder(java.util.Map.of()).home(root).build();
        installerApi.uninstall(GoVersion.parse("1.18"));
        assertThat(live).doesNotExist();
        assertThat(root.resolve("staging").toFile().list()).isEmpty();
        assertThat(root.resolve("trash").toFile().list()).isEmpty();
    }
}
