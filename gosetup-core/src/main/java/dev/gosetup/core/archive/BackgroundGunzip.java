package dev.gosetup.core.archive;

import dev.gosetup.api.CancelledException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses a gzip stream on a helper thread while the calling thread uses the result, as
 * {@code gzip -d | tar -x} does: inflating costs about as much as creating the files, and the two then
 * overlap.
 *
 * <p>The calling thread alone reads the compressed stream and hands chunks of it to the helper, which
 * inflates them and hands back chunks of output; so the helper never touches the caller's stream and
 * only ever waits on the queues here, where {@link #close} can always interrupt it. At most a few
 * chunks wait in each direction. {@link #close} ends the helper and waits for it, and does not close the
 * compressed stream.
 *
 * <p>Reading is for one thread only. A failure of the gzip data surfaces from {@code read} as the
 * {@link IOException} the JDK's {@link GZIPInputStream} threw, one of the compressed stream as its own
 * exception; an interrupt of the reading thread as {@link InterruptedIOException}, with the interrupt
 * flag set again. The cancellation supplier is asked before every chunk of output (256 KiB) is handed
 * out, so a cancel stops the reader within a chunk even where the tar reader skips data without
 * looking at it (the rest of an entry, a header's payload); it then throws {@link CancelledException}.
 */
final class BackgroundGunzip extends InputStream {

    private static final int RAW_CHUNK = 64 * 1024;
    private static final int OUTPUT_CHUNK = 256 * 1024;
    private static final int QUEUE_LENGTH = 8;

    /** Ends both queues: the compressed stream or the output is over. */
    private static final Chunk END = new Chunk(new byte[0], -1);

    private record Chunk(byte[] data, int length) {
    }

    /** What the helper hands back when inflating failed. */
    private record Failure(Throwable cause) {
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> raw = new ArrayBlockingQueue<>(QUEUE_LENGTH);
    private final BlockingQueue<Object> output = new ArrayBlockingQueue<>(QUEUE_LENGTH);
    /** Used arrays, returned for reuse so that a 250 MB archive does not allocate 250 MB of chunks. */
    private final BlockingQueue<byte[]> freeRaw = new ArrayBlockingQueue<>(QUEUE_LENGTH + 2);
    private final BlockingQueue<byte[]> freeOutput = new ArrayBlockingQueue<>(QUEUE_LENGTH + 2);
    private final Thread helper;
    private final String name;
    private final BooleanSupplier cancelled;

    private boolean sourceEnded;
    private boolean ended;
    private Chunk current;
    private int position;

    BackgroundGunzip(InputStream source, String name) {
        this(source, name, () -> false);
    }

    BackgroundGunzip(InputStream source, String name, BooleanSupplier cancelled) {
        this.source = source;
        this.name = name;
        this.cancelled = cancelled;
        this.helper = new Thread(this::inflate, "gosetup-gunzip " + name);
        helper.setDaemon(true);
        helper.start();
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current.data()[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.data(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /** Stops the helper and waits until it has ended; leaves the compressed stream open. */
    @Override
    public void close() {
        ended = true;
        helper.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                // The helper ends at once once interrupted; wait for it so that it never outlives us.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes {@link #current} hold unread output; false at the end of the output. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        while (current == null || position == current.length()) {
            if (current != null) {
                freeOutput.offer(current.data());
                current = null;
            }
            if (cancelled.getAsBoolean()) {
                ended = true;
                throw new CancelledException("extraction of archive " + name + " was cancelled", java.util.List.of());
            }
            Object next = output.poll();
            if (next == null) {
                if (!sourceEnded && raw.remainingCapacity() > 0) {
                    feed();
                    continue;
                }
                next = take();
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof Failure failure) {
                ended = true;
                Throwable cause = failure.cause();
                if (cause instanceof IOException e) {
                    throw e;
                }
                if (cause instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) cause;
            }
            current = (Chunk) next;
            position = 0;
        }
        return true;
    }

    /** Reads a chunk of the compressed stream, on the calling thread, and queues it for the helper. */
    private void feed() throws IOException {
        byte[] data = freeRaw.poll();
        if (data == null) {
            data = new byte[RAW_CHUNK];
        }
        int n = source.read(data, 0, data.length);
        if (n < 0) {
            sourceEnded = true;
            raw.add(END);
        } else if (n > 0) {
            raw.add(new Chunk(data, n));
        }
    }

    private Object take() throws InterruptedIOException {
        try {
            return output.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while decompressing");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    /** The helper's work: inflate until the output ends, fails, or {@link #close} interrupts. */
    private void inflate() {
        Object last;
        try (GZIPInputStream gzip = new GZIPInputStream(new RawInput(), RAW_CHUNK)) {
            while (true) {
                byte[] data = freeOutput.poll();
                if (data == null) {
                    data = new byte[OUTPUT_CHUNK];
                }
                int length = 0;
                int n = 0;
                try {
                    while (length < data.length && (n = gzip.read(data, length, data.length - length)) >= 0) {
                        length += n;
                    }
                } finally {
                    // Output before a failure still goes first, so the reader sees where the data broke.
                    if (length > 0) {
                        output.put(new Chunk(data, length));
                    }
                }
                if (n < 0) {
                    break;
                }
            }
            last = END;
        } catch (InterruptedException | InterruptedIOException e) {
            return;
        } catch (IOException | RuntimeException | Error e) {
            last = new Failure(e);
        }
        try {
            output.put(last);
        } catch (InterruptedException e) {
            // Closed: nobody reads any more.
        }
    }

    /** The compressed chunks as a stream, read by the helper only. */
    private final class RawInput extends InputStream {

        private Chunk chunk;
        private int offset;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (chunk != END && (chunk == null || offset == chunk.length())) {
                if (chunk != null) {
                    freeRaw.offer(chunk.data());
                }
                try {
                    chunk = raw.take();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("closed");
                }
                offset = 0;
            }
            if (chunk == END) {
                return -1;
            }
            int n = Math.min(len, chunk.length() - offset);
            System.arraycopy(chunk.data(), offset, b, off, n);
            offset += n;
            return n;
        }

        /** Counts queued data too, so that GZIPInputStream looks for a next member where there is one. */
        @Override
        public int available() {
            if (chunk == END) {
                return 0;
            }
            int here = chunk == null ? 0 : chunk.length() - offset;
            Chunk next = raw.peek();
            return here > 0 || next == null || next == END ? here : next.length();
        }
    }
}
