package dev.gosetup.core.http;

import dev.gosetup.core.internal.Sha256;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** Test doubles and data shared by the http tests. */
final class Recorders {

    private Recorders() {
    }

    /** Writes {@code size} random bytes (seeded, so failures reproduce) to {@code dir/name}. */
    static byte[] randomFile(Path dir, String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(name.hashCode() * 31L + size).nextBytes(bytes);
        Files.write(dir.resolve(name), bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    record Retry(URI uri, int attempt, Duration delay, String reason) {
    }

    record Start(URI uri, long offset, long total) {
    }

    /** Records every event; optional hooks run inside the callbacks. */
    static final class RecordingListener implements HttpDownloader.Listener {
        final List<Start> starts = new CopyOnWriteArrayList<>();
        final List<Long> progress = new CopyOnWriteArrayList<>();
        final List<Retry> retries = new CopyOnWriteArrayList<>();
        volatile Runnable onRetry = () -> { };
        volatile LongConsumer onProgress = bytes -> { };

        @Override
        public void started(URI uri, long offset, long total) {
            starts.add(new Start(uri, offset, total));
        }

        @Override
        public void progress(long bytes, long total) {
            progress.add(bytes);
            onProgress.accept(bytes);
        }

        @Override
        public void retrying(URI uri, int attempt, Duration delay, String reason) {
            retries.add(new Retry(uri, attempt, delay, reason));
            onRetry.run();
        }
    }

    /** Records the backoff delays instead of waiting. */
    static final class RecordingSleeper implements HttpDownloader.Sleeper {
        final List<Duration> delays = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration delay, BooleanSupplier cancelled) {
            delays.add(delay);
        }
    }
}
