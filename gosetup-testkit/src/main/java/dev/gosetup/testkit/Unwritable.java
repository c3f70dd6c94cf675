package dev.gosetup.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory unwritable for the length of a test, also for root (whom permission bits do not
 * stop): mode {@code r-xr-xr-x}, and when that is not enough the immutable attribute
 * ({@code chattr +i}). When neither works the test is aborted through {@link Assumptions}, naming
 * the directory. {@link #close()} undoes both and leaves the directory {@code rwx------}.
 *
 * <pre>{@code
 * try (Unwritable ignored = Unwritable.make(dir)) {
 *     // writing into dir fails here
 * }
 * }</pre>
 */
public final class Unwritable implements AutoCloseable {
    private final Path dir;
    private final boolean immutable;

    private Unwritable(Path dir, boolean immutable) {
        this.dir = dir;
        this.immutable = immutable;
    }

    /**
     * Makes a directory unwritable.
     *
     * @param dir an existing directory on a file system with POSIX permissions
     * @return the handle that makes it writable again
     * @throws IOException when its permissions cannot be changed
     */
    public static Unwritable make(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!canWrite(dir)) {
            return new Unwritable(dir, false);
        }
        Unwritable u = new Unwritable(dir, chattr("+i", dir));
        if (!u.immutable || canWrite(dir)) {
            u.close();
            Assumptions.assumeTrue(false, "cannot make " + dir + " unwritable (running as root without chattr +i)");
        }
        return u;
    }

    private static boolean chattr(String flag, Path dir) {
        try {
            Process p = new ProcessBuilder("chattr", flag, dir.toString()).directory(new File("/"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no chattr
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean canWrite(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the directory writable again: clears the immutable attribute if it was set, then mode
     * {@code rwx------}.
     *
     * @throws IOException when its permissions cannot be changed
     */
    @Override
    public void close() throws IOException {
        if (immutable) {
            chattr("-i", dir);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
