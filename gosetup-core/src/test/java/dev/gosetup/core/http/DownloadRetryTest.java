package dev.gosetup.core.http;

import static dev.gosetup.core.http.Recorders.randomFile;
import static dev.gosetup.core.http.Recorders.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.NetworkException;
import dev.gosetup.core.http.Recorders.RecordingListener;
import dev.gosetup.core.http.Recorders.RecordingSleeper;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.RecordedRequest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads that go wrong and recover: retries, resume, timeouts, cancellation. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DownloadRetryTest {

    private static final String ARCHIVE = "go1.99.0.linux-amd64.tar.gz";
    private static final String PATH = "/" + ARCHIVE;
    private static final int SIZE = 4 * 1024 * 1024 + 7;

    @TempDir
    Path temp;

    private Path mirrorDir;
    private byte[] content;
    private MirrorServer mirror;
    private RecordingSleeper sleeper;
    private RecordingListener listener;

    @BeforeEach
    void start() throws Exception {
        mirrorDir = Files.createDirectories(temp.resolve("mirror"));
        content = randomFile(mirrorDir, ARCHIVE, SIZE);
        mirror = MirrorServer.start(mirrorDir);
        sleeper = new RecordingSleeper();
        listener = new RecordingListener();
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    private HttpDownloader.Builder builder() {
        return HttpDownloader.builder().proxy(ProxyConfig.direct()).sleeper(sleeper);
    }

    private HttpDownloader.Result download(HttpDownloader http, Path target) {
        return http.download(mirror.uri(ARCHIVE), target, SIZE, listener, () -> false);
    }

    @Test
    void serverErrorsAreRetriedWithGrowingJitteredBackoff() throws Exception {
        mirror.failNext(PATH, 2, 500);
        Path target = temp.resolve("a");

        HttpDownloader.Result result = download(builder().build(), target);

        assertThat(result.sha256Hex()).isEqualTo(sha256(content));
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(mirror.requestCount(PATH)).isEqualTo(3);
        assertThat(listener.retries).extracting(Recorders.Retry::attempt).containsExactly(2, 3);
        assertThat(listener.retries).extracting(Recorders.Retry::reason).containsOnly("HTTP 500");
        assertThat(listener.retries).extracting(Recorders.Retry::delay).isEqualTo(sleeper.delays);
        // Equal jitter: the n-th pause lies in [d/2, d] with d = 250 ms * 2^(n-1).
        assertThat(sleeper.delays.get(0)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
        assertThat(sleeper.delays.get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void throttlingAndTimeoutStatusesAreRetriedToo() {
        mirror.failNext(PATH, 1, 429).failNext(PATH, 1, 408).failNext(PATH, 1, 503);

        download(builder().maxAttempts(4).build(), temp.resolve("a"));

        assertThat(listener.retries).extracting(Recorders.Retry::reason)
                .containsExactly("HTTP 429", "HTTP 408", "HTTP 503");
    }

    @Test
    void backoffIsCappedAndHonoursRetryAfterUpToTheCap() {
        HttpDownloader http = builder().backoff(Duration.ofMillis(100), Duration.ofMillis(300)).build();

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(http.backoff(attempt, Optional.empty())).isBetween(Duration.ZERO, Duration.ofMillis(300));
        }
        assertThat(http.backoff(8, Optional.empty())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(http.backoff(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofMillis(300));
        assertThat(http.backoff(1, Optional.of(Duration.ofMillis(200)))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void exhaustedAttemptsNameTheUrlAndTheAttempts() {
        mirror.failNext(PATH, 10, 503);
        Path target = temp.resolve("a");

        assertThatThrownBy(() -> download(builder().maxAttempts(3).build(), target))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining(mirror.uri(ARCHIVE).toString())
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("HTTP 503");
        assertThat(mirror.requestCount(PATH)).isEqualTo(3);
        assertThat(sleeper.delays).hasSize(2);
    }

    @Test
    void aDroppedConnectionIsResumedWithARangeRequest() throws Exception {
        int dropAfter = 1_000_000;
        mirror.dropAfter(PATH, dropAfter, 1);
        Path target = temp.resolve("a");

        HttpDownloader.Result result = download(builder().build(), target);

        assertThat(result).isEqualTo(new HttpDownloader.Result(SIZE, sha256(content)));
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        List<RecordedRequest> log = mirror.requestLog();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).header("Range")).isEmpty();
        assertThat(log.get(1).header("Range")).contains("bytes=" + dropAfter + "-");
        // The validator of the first response guards the resume.
        assertThat(log.get(1).header("If-Range")).hasValueSatisfying(v -> assertThat(v).startsWith("\""));
        assertThat(listener.starts).extracting(Recorders.Start::offset).containsExactly(0L, (long) dropAfter);
        assertThat(listener.retries).hasSize(1);
        assertThat(listener.retries.get(0).reason()).contains("after " + dropAfter + " bytes");
    }

    @Test
    void repeatedDropsKeepResuming() throws Exception {
        mirror.dropAfter(PATH, 700_000, 3);
        Path target = temp.resolve("a");

        HttpDownloader.Result result = download(builder().build(), target);

        assertThat(result.sha256Hex()).isEqualTo(sha256(content));
        assertThat(mirror.requestLog()).extracting(r -> r.header("Range").orElse("-"))
                .containsExactly("-", "bytes=700000-", "bytes=1400000-", "bytes=2100000-");
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierProcess() throws Exception {
        Path target = temp.resolve("a");
        int half = SIZE / 2;
        Files.write(target, Arrays.copyOf(content, half));

        HttpDownloader.Result result = download(builder().build(), target);

        assertThat(result).isEqualTo(new HttpDownloader.Result(SIZE, sha256(content)));
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        List<RecordedRequest> log = mirror.requestLog();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).header("Range")).contains("bytes=" + half + "-");
        // No validator is known from an earlier process: the caller's hash check guards the join.
        assertThat(log.get(0).header("If-Range")).isEmpty();
        assertThat(listener.starts).extracting(Recorders.Start::offset).containsExactly((long) half);
    }

    @Test
    void aCompleteFileIsHashedWithoutARequest() throws Exception {
        Path target = temp.resolve("a");
        Files.write(target, content);

        assertThat(download(builder().build(), target).sha256Hex()).isEqualTo(sha256(content));
        assertThat(mirror.requestCount(PATH)).isZero();
    }

    @Test
    void aCompleteFileOfUnknownSizeEndsOnRangeNotSatisfiable() throws Exception {
        Path target = temp.resolve("a");
        Files.write(target, content);

        HttpDownloader.Result result = builder().build()
                .download(mirror.uri(ARCHIVE), target, HttpDownloader.UNKNOWN_SIZE, listener, () -> false);

        assertThat(result).isEqualTo(new HttpDownloader.Result(SIZE, sha256(content)));
        assertThat(mirror.requestLog()).hasSize(1);
        assertThat(mirror.requestLog().get(0).header("Range")).contains("bytes=" + SIZE + "-");
    }

    @Test
    void aFileLargerThanExpectedIsDownloadedAgain() throws Exception {
        Path target = temp.resolve("a");
        Files.write(target, new byte[SIZE + 10]);

        assertThat(download(builder().build(), target).sha256Hex()).isEqualTo(sha256(content));
        assertThat(mirror.requestLog().get(0).header("Range")).isEmpty();
    }

    @Test
    void aServerIgnoringRangeGetsTheFileRewrittenFromTheStart() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, n) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content);
        })) {
            Path target = temp.resolve("a");
            byte[] wrongPrefix = new byte[SIZE / 3];
            Arrays.fill(wrongPrefix, (byte) 'x');
            Files.write(target, wrongPrefix);

            HttpDownloader.Result result = builder().build()
                    .download(server.uri(ARCHIVE), target, SIZE, listener, () -> false);

            assertThat(result).isEqualTo(new HttpDownloader.Result(SIZE, sha256(content)));
            assertThat(Files.readAllBytes(target)).isEqualTo(content);
            assertThat(server.requests).hasSize(1);
            assertThat(server.requests.get(0).header("Range")).isEqualTo("bytes=" + wrongPrefix.length + "-");
            assertThat(listener.starts).extracting(Recorders.Start::offset).containsExactly(0L);
        }
    }

    @Test
    void aServerIgnoringRangeAfterADropRestartsCleanly() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, n) -> {
            exchange.sendResponseHeaders(200, content.length);
            OutputStream out = exchange.getResponseBody();
            if (n == 1) {
                out.write(content, 0, 500_000);
                out.flush();
                throw new java.io.IOException("cut, as scripted");
            }
            out.write(content);
        })) {
            Path target = temp.resolve("a");

            HttpDownloader.Result result = builder().build()
                    .download(server.uri(ARCHIVE), target, SIZE, listener, () -> false);

            assertThat(result.sha256Hex()).isEqualTo(sha256(content));
            assertThat(Files.readAllBytes(target)).isEqualTo(content);
            assertThat(server.requests).hasSize(2);
            assertThat(server.requests.get(1).header("Range")).startsWith("bytes=").endsWith("-");
        }
    }

    @Test
    void aStalledServerTimesOutAndIsRetried() throws Exception {
        mirror.delayFirstByte(Duration.ofSeconds(3));
        listener.onRetry = mirror::reset;
        HttpDownloader http = builder().readTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();

        HttpDownloader.Result result = download(http, temp.resolve("a"));

        assertThat(result.sha256Hex()).isEqualTo(sha256(content));
        assertThat(listener.retries).hasSize(1);
        assertThat(listener.retries.get(0).reason()).contains("no response within 300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aBodyThatStallsMidwayTimesOutAndResumes() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (ScriptedServer server = new ScriptedServer((exchange, n) -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            if (n == 1) {
                exchange.sendResponseHeaders(200, content.length);
                exchange.getResponseBody().write(content, 0, 300_000);
                exchange.getResponseBody().flush();
                while (!stop.get()) {
                    Thread.sleep(20); // silent, connection open
                }
                return;
            }
            int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (SIZE - 1) + "/" + SIZE);
            exchange.sendResponseHeaders(206, SIZE - from);
            exchange.getResponseBody().write(content, from, SIZE - from);
        })) {
            HttpDownloader http = builder().readTimeout(Duration.ofMillis(300)).build();

            HttpDownloader.Result result = http.download(server.uri(ARCHIVE), temp.resolve("a"), SIZE, listener,
                    () -> false);
            stop.set(true);

            assertThat(result.sha256Hex()).isEqualTo(sha256(content));
            assertThat(listener.retries).hasSize(1);
            assertThat(listener.retries.get(0).reason()).contains("no data for 300ms");
            assertThat(server.requests.get(1).header("Range")).isEqualTo("bytes=300000-");
        } finally {
            stop.set(true);
        }
    }

    @Test
    void aSlowButSteadyTransferOutlastsTheReadTimeout() throws Exception {
        randomFile(mirrorDir, "slow.bin", 200_000);
        mirror.throttle(150_000); // about 1.3 s in all, a chunk every 50 ms
        HttpDownloader http = builder().readTimeout(Duration.ofMillis(500)).build();

        http.download(mirror.uri("slow.bin"), temp.resolve("slow"), 200_000, listener, () -> false);

        assertThat(listener.retries).isEmpty();
    }

    @Test
    void cancellationMidDownloadStopsPromptlyAndKeepsThePartialFile() throws Exception {
        mirror.throttle(512 * 1024);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Long> cancelledAt = new AtomicReference<>();
        listener.onProgress = bytes -> {
            if (bytes >= 256 * 1024 && cancelledAt.get() == null) {
                cancelledAt.set(System.nanoTime());
                cancelled.set(true);
            }
        };
        Path target = temp.resolve("a");

        assertThatThrownBy(() -> builder().build()
                .download(mirror.uri(ARCHIVE), target, SIZE, listener, cancelled::get))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining(mirror.uri(ARCHIVE).toString());

        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get())).isLessThan(Duration.ofMillis(500));
        assertThat(Files.size(target)).isBetween(256L * 1024, (long) SIZE - 1);
    }

    @Test
    void interruptionCancelsAndStaysSet() throws Exception {
        mirror.throttle(256 * 1024);
        Path target = temp.resolve("a");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                builder().build().download(mirror.uri(ARCHIVE), target, SIZE, listener, () -> false);
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        listener.onProgress = bytes -> {
            if (bytes >= 128 * 1024) {
                worker.interrupt();
            }
        };

        worker.start();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void cancellationDuringTheBackoffPauseIsPrompt() {
        mirror.failNext(PATH, 10, 503);
        AtomicBoolean cancelled = new AtomicBoolean();
        listener.onRetry = () -> cancelled.set(true);
        HttpDownloader http = HttpDownloader.builder().proxy(ProxyConfig.direct())
                .backoff(Duration.ofSeconds(20), Duration.ofSeconds(20)).build(); // the real sleeper
        long start = System.nanoTime();

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), temp.resolve("a"), SIZE, listener,
                cancelled::get)).isInstanceOf(CancellationException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(mirror.requestCount(PATH)).isEqualTo(1);
    }

    @Test
    void theRealSleeperWaitsBetweenAttempts() {
        mirror.failNext(PATH, 2, 502);
        HttpDownloader http = HttpDownloader.builder().proxy(ProxyConfig.direct())
                .backoff(Duration.ofMillis(40), Duration.ofMillis(80)).build();
        long start = System.nanoTime();

        download(http, temp.resolve("a"));

        // At least 20 ms + 40 ms of pauses, and nowhere near a real default backoff.
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(60), Duration.ofSeconds(10));
        assertThat(listener.retries).hasSize(2);
    }

    @Test
    void aRefusedConnectionIsRetriedAndThenReported() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            port = socket.getLocalPort();
        }
        java.net.URI closed = java.net.URI.create("http://127.0.0.1:" + port + "/" + ARCHIVE);

        assertThatThrownBy(() -> builder().maxAttempts(2).build()
                .download(closed, temp.resolve("a"), SIZE, listener, () -> false))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining(closed.toString())
                .hasMessageContaining("after 2 attempts");
        assertThat(listener.retries).hasSize(1);
    }

    @Test
    void concurrentDownloadsShareOneDownloader() throws Exception {
        HttpDownloader http = builder().build();
        randomFile(mirrorDir, "b.bin", 1_000_000);
        mirror.dropAfter("/b.bin", 100_000, 1);

        CompletableFuture<HttpDownloader.Result> a = CompletableFuture.supplyAsync(
                () -> http.download(mirror.uri(ARCHIVE), temp.resolve("a"), SIZE));
        CompletableFuture<HttpDownloader.Result> b = CompletableFuture.supplyAsync(
                () -> http.download(mirror.uri("b.bin"), temp.resolve("b"), 1_000_000));

        assertThat(a.get(30, TimeUnit.SECONDS).sha256Hex()).isEqualTo(sha256(content));
        assertThat(b.get(30, TimeUnit.SECONDS).sha256Hex())
                .isEqualTo(sha256(Files.readAllBytes(mirrorDir.resolve("b.bin"))));
    }
}
