package dev.gosetup.core.install;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads a file while another thread is still downloading into it, so extraction overlaps the
 * transfer as {@code curl | tar} does. The writer reports how many bytes are on disk
 * ({@link #started}, {@link #progress}) and when it is done ({@link #finish}); a read past those
 * bytes waits. Bytes are only ever appended during one download, except when a server ignores a
 * resume request and the writer starts the file over: then the stream is marked
 * {@link #restarted()} and every read fails, and the caller extracts again from the finished file.
 *
 * <p>One reader thread, one writer thread.
 */
final class GrowingFileInputStream extends InputStream {
    private final Path file;
    private final CancellationToken cancel;
    private final Object lock = new Object();
    private long available;
    private boolean finished;
    private boolean restarted;
    private FileChannel channel;
    private long position;

    GrowingFileInputStream(Path file, CancellationToken cancel) {
        this.file = file;
        this.cancel = cancel;
    }

    /** The writer (re)started a transfer; {@code offset} bytes from earlier attempts are on disk. */
    void started(long offset) {
        synchronized (lock) {
            if (offset < available) {
                restarted = true;
            }
            available = Math.max(available, offset);
            lock.notifyAll();
        }
    }

    /** The writer has {@code bytes} bytes of the file on disk. */
    void progress(long bytes) {
        synchronized (lock) {
            if (bytes < available) {
                restarted = true;
            }
            available = Math.max(available, bytes);
            lock.notifyAll();
        }
    }

    /**
     * The writer is done.
     *
     * @param finalSize the size of the complete file, or -1 when the download failed
     */
    void finish(long finalSize) {
        synchronized (lock) {
            if (finalSize >= 0) {
                available = Math.max(available, finalSize);
            }
            finished = true;
            lock.notifyAll();
        }
    }

    /** Tells whether the writer started the file over after this stream had read from it. */
    boolean restarted() {
        synchronized (lock) {
            return restarted;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long limit;
        synchronized (lock) {
            while (true) {
                if (restarted) {
                    throw new IOException("the download of " + file.getFileName() + " started over");
                }
                if (position < available) {
                    limit = available;
                    break;
                }
                if (finished) {
                    if (available == 0 && position == 0) {
                        throw new IOException("the download of " + file.getFileName() + " failed");
                    }
                    return -1;
                }
                if (cancel.isCancelled()) {
                    throw new CancelledException("extraction cancelled while waiting for the download of " + file.getFileName(),
                            List.of());
                }
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException("extraction interrupted while waiting for the download of " + file.getFileName(),
                            List.of());
                }
            }
        }
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, limit - position)), position);
        if (n < 0) {
            throw new IOException(file + " is shorter than the " + limit + " bytes its download reported");
        }
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
