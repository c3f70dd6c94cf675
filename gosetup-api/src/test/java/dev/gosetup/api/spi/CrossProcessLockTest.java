package dev.gosetup.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM-plus-file lock against threads of this JVM and against a real second JVM, killed while holding it. */
class CrossProcessLockTest {
    @TempDir
    Path dir;

    /** Run in a child JVM: takes the lock, says so, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        try (CrossProcessLock lock = CrossProcessLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void anotherProcessHoldingTheLockKeepsUsOutUntilItIsKilled() throws Exception {
        Path file = dir.resolve("x.lock");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrossProcessLockTest.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThat(CrossProcessLock.tryAcquire(file)).isEmpty();
            child.destroyForcibly(); // SIGKILL: the OS drops the dead process's lock
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (CrossProcessLock lock = CrossProcessLock.acquire(file)) {
                assertThat(lock.file()).isEqualTo(file.toAbsolutePath().normalize());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void threadsOfOneJvmQueueAndAThreadCannotTakeItTwice() throws Exception {
        Path file = dir.resolve("y.lock");
        CountDownLatch otherWaits = new CountDownLatch(1);
        AtomicBoolean otherGotIt = new AtomicBoolean();
        Thread other;
        try (CrossProcessLock held = CrossProcessLock.acquire(file)) {
            assertThat(CrossProcessLock.tryAcquire(file)).isEmpty();
            assertThatThrownBy(() -> CrossProcessLock.acquire(dir.resolve(".").resolve("y.lock")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("y.lock");
            other = new Thread(() -> {
                otherWaits.countDown();
                try (CrossProcessLock lock = CrossProcessLock.acquire(file)) {
                    otherGotIt.set(true);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            other.start();
            otherWaits.await();
            Thread.sleep(100);
            assertThat(otherGotIt).isFalse();
        }
        other.join(10_000);
        assertThat(otherGotIt).isTrue();
        Optional<CrossProcessLock> again = CrossProcessLock.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
    }
}
