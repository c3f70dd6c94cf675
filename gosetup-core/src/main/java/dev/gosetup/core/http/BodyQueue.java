package dev.gosetup.core.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body handed from the HTTP client's threads to the reading thread one buffer list at a time, so that
 * the reader can wait with a time limit: that is what turns a stalled server into a timeout, and lets the reader
 * look at its cancellation flag while it waits. Unlike {@code BodyHandlers.ofInputStream()}, nothing here blocks
 * without a bound.
 *
 * <p>The body is "available" as soon as the headers are (the subscriber is its own body), so
 * {@code sendAsync} completes before the body is read. At most one buffer list is requested ahead, which keeps
 * memory bounded. {@link #close()} cancels the transfer; call it whenever the body is not read to its end.
 */
final class BodyQueue implements HttpResponse.BodySubscriber<BodyQueue> {

    /** What {@link #poll} returns when the body is complete; compare by identity. */
    static final List<ByteBuffer> END = Collections.unmodifiableList(new ArrayList<>());

    private static final Object COMPLETE = new Object();

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final CompletableFuture<BodyQueue> body = CompletableFuture.completedFuture(this);
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private boolean ended;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        items.add(buffers);
    }

    @Override
    public void onError(Throwable failure) {
        items.add(failure);
    }

    @Override
    public void onComplete() {
        items.add(COMPLETE);
    }

    @Override
    public CompletionStage<BodyQueue> getBody() {
        return body;
    }

    /**
     * Waits up to {@code millis} for the next buffers.
     *
     * @return the next buffers (ownership passes to the caller), {@link #END} once the body is complete, or null if
     *     nothing arrived in time
     * @throws IOException if the transfer failed (a dropped connection, a body shorter than its length)
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    List<ByteBuffer> poll(long millis) throws IOException, InterruptedException {
        if (ended) {
            return END;
        }
        Object item = items.poll(millis, TimeUnit.MILLISECONDS);
        if (item == null) {
            return null;
        }
        if (item instanceof Throwable) {
            ended = true;
            Throwable failure = (Throwable) item;
            throw failure instanceof IOException ? (IOException) failure
                    : new IOException("the transfer failed: " + failure, failure);
        }
        if (item == COMPLETE) {
            ended = true;
            return END;
        }
        @SuppressWarnings("unchecked")
        List<ByteBuffer> buffers = (List<ByteBuffer>) item;
        Flow.Subscription s = subscription;
        if (s != null && !closed) {
            // Ask for the next buffers now, so that the network works while the caller writes these.
            s.request(1);
        }
        return buffers;
    }

    /** Stops the transfer and releases the connection; idempotent, callable from any thread. */
    void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
