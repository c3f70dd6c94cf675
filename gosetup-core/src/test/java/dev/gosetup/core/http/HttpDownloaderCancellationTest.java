package dev.gosetup.core.http;

import static dev.gosetup.core.http.Recorders.randomFile;
import static dev.gosetup.core.http.Recorders.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.testkit.MirrorServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link CancellationToken} reaches every blocking wait of a fetch or download (the body read, the pause before a
 * retry, the wait for headers): cancelling ends the call promptly with {@link CancelledException} and keeps the
 * {@code .part} for a later resume. Real HTTP over loopback (the testkit's MirrorServer, throttled).
 */
class HttpDownloaderCancellationTest {
    private static final String ARCHIVE = "go1.22.0.linux-amd64.tar.gz";
    private static final int SIZE = 400_000;

    @TempDir
    Path temp;
    private Path mirrorDir;
    private byte[] content;
    private MirrorServer mirror;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws Exception {
        mirrorDir = Files.createDirectories(temp.resolve("mirror"));
        content = randomFile(mirrorDir, ARCHIVE, SIZE);
        mirror = MirrorServer.start(mirrorDir);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
        mirror.close();
    }

    /** Cancels the token after {@code millis} and remembers when. */
    private AtomicLong cancelAfter(CancellationToken token, long millis) {
        AtomicLong at = new AtomicLong(Long.MAX_VALUE);
        timer.schedule(() -> {
            at.set(System.nanoTime());
            token.cancel();
        }, millis, TimeUnit.MILLISECONDS);
        return at;
    }

    @Test
    void cancellingMidBodyReturnsWithinASecondAndKeepsThePartForResume() {
        mirror.throttle(20_000); // 400 KB at 20 KB/s: 20 s if nobody cancels
        HttpDownloader http = HttpDownloader.builder().proxy(ProxyConfig.direct()).build();
        Path part = temp.resolve("dl").resolve(ARCHIVE + ".part");
        CancellationToken token = new CancellationToken();
        AtomicLong cancelledAt = cancelAfter(token, 1500);

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), part, SIZE, HttpDownloader.Listener.NOOP, token))
                .isInstanceOf(CancelledException.class)
                .hasMessageContaining("download of " + mirror.uri(ARCHIVE) + " was cancelled")
                .hasMessageContaining("stay in " + part + " for a later resume");
        Duration afterCancel = Duration.ofNanos(System.nanoTime() - cancelledAt.get());
        assertThat(afterCancel).isLessThan(Duration.ofSeconds(1));

        long kept = part.toFile().length();
        assertThat(kept).as("bytes received before the cancel").isBetween(1L, SIZE - 1L);

        // The next call resumes from the .part: one ranged request, the whole file's hash.
        mirror.throttle(0);
        mirror.resetCounts();
        HttpDownloader.Result result = http.download(mirror.uri(ARCHIVE), part, SIZE, HttpDownloader.Listener.NOOP,
                new CancellationToken());
        assertThat(result.sha256Hex()).isEqualTo(sha256(content));
        assertThat(mirror.requestLog()).singleElement()
                .satisfies(r -> assertThat(r.headers().get("Range")).containsExactly("bytes=" + kept + "-"));
    }

    @Test
    void cancellingDuringThePauseBeforeARetryIsPrompt() {
        mirror.failNext(10, 503);
        HttpDownloader http = HttpDownloader.builder().proxy(ProxyConfig.direct())
                .backoff(Duration.ofSeconds(20), Duration.ofSeconds(20)).build(); // the real sleeper
        CancellationToken token = new CancellationToken();
        AtomicLong cancelledAt = cancelAfter(token, 500);

        assertThatThrownBy(() -> http.fetch(mirror.uri("index.json"), token))
                .isInstanceOf(CancelledException.class).hasMessageContaining("fetch of");
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get())).isLessThan(Duration.ofSeconds(1));
        assertThat(mirror.requestCount("/index.json")).isEqualTo(1);
    }

    @Test
    void cancellingWhileWaitingForTheHeadersIsPrompt() {
        mirror.delayFirstByte(Duration.ofSeconds(30));
        HttpDownloader http = HttpDownloader.builder().proxy(ProxyConfig.direct()).build();
        CancellationToken token = new CancellationToken();
        AtomicLong cancelledAt = cancelAfter(token, 800);

        assertThatThrownBy(() -> http.download(mirror.uri(ARCHIVE), temp.resolve("b.part"), SIZE,
                HttpDownloader.Listener.NOOP, token)).isInstanceOf(CancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get())).isLessThan(Duration.ofSeconds(1));
    }
}
