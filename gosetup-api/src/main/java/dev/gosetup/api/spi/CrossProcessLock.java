package dev.gosetup.api.spi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a lock file, held against the other threads of this JVM and against other
 * processes: the one lock gosetup's store, its journal and the testkit's caches use, for providers
 * that share a directory with them.
 *
 * <p>An OS file lock ({@code flock}, {@code LockFileEx}) belongs to the whole process, so threads of
 * one JVM first queue on a {@link ReentrantLock} kept per lock file, then the holder takes the
 * file lock. The OS releases a file lock when its process dies, so a killed holder never blocks the
 * next one (unlike a create-a-file lock). The lock file is created when missing and never deleted.
 *
 * <p>Not reentrant: a thread that holds the lock of a file and asks for it again fails at once
 * ({@link #acquire}) or is refused ({@link #tryAcquire}). Release with {@link #close()} on the
 * thread that acquired it.
 */
public final class CrossProcessLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final ReentrantLock jvmLock;

    private CrossProcessLock(Path file, FileChannel channel, FileLock fileLock, ReentrantLock jvmLock) {
        this.file = file;
        this.channel = channel;
        this.fileLock = fileLock;
        this.jvmLock = jvmLock;
    }

    /**
     * Takes the lock of a file, waiting for the threads and processes that hold it.
     *
     * @param file the lock file; created when missing (its directory must exist)
     * @return the held lock
     * @throws IOException when the file cannot be opened or locked
     * @throws IllegalStateException when the calling thread already holds this lock
     */
    public static CrossProcessLock acquire(Path file) throws IOException {
        Path key = key(file);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, f -> new ReentrantLock());
        if (jvmLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread already holds the lock " + key);
        }
        jvmLock.lock();
        try {
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new CrossProcessLock(key, channel, channel.lock(), jvmLock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            jvmLock.unlock();
            throw e;
        }
    }

    /**
     * Takes the lock of a file when no thread or process holds it, without waiting.
     *
     * @param file the lock file; created when missing (its directory must exist)
     * @return the held lock, or empty when another thread (or this one) or another process holds it
     * @throws IOException when the file cannot be opened or locked
     */
    public static Optional<CrossProcessLock> tryAcquire(Path file) throws IOException {
        Path key = key(file);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, f -> new ReentrantLock());
        if (jvmLock.isHeldByCurrentThread() || !jvmLock.tryLock()) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock fileLock = channel.tryLock();
                if (fileLock == null) {
                    channel.close();
                    jvmLock.unlock();
                    return Optional.empty();
                }
                return Optional.of(new CrossProcessLock(key, channel, fileLock, jvmLock));
            } catch (OverlappingFileLockException e) {
                channel.close();
                jvmLock.unlock();
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            if (jvmLock.isHeldByCurrentThread()) {
                jvmLock.unlock();
            }
            throw e;
        }
    }

    private static Path key(Path file) {
        return Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }

    /**
     * Returns the lock file.
     *
     * @return its absolute, normalized path
     */
    public Path file() {
        return file;
    }

    /**
     * Releases the lock: first the file lock, then the lock within the JVM. Idempotent only in the
     * sense that the file lock is released once; call it once, on the acquiring thread.
     */
    @Override
    public void close() {
        try {
            try {
                fileLock.release();
            } finally {
                channel.close();
            }
        } catch (IOException e) {
            // Closing the channel releases the file lock in any case; nothing is left held.
            System.getLogger(CrossProcessLock.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot release the lock " + file, e);
        } finally {
            jvmLock.unlock();
        }
    }
}
