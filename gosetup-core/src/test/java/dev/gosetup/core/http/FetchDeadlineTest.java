package dev.gosetup.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.NetworkException;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "hangs": an index served at one byte per second never ended (the idle timeout never
 * fires while bytes keep coming). Every fetch and download now has a total deadline, given in the
 * error with the bytes received. Real HTTP over loopback.
 */
class FetchDeadlineTest {
    @TempDir
    Path dir;

    /** Sends a declared 10 000-byte body one byte every 200 ms: steady, never idle, never done. */
    private static ScriptedServer trickle() {
        return new ScriptedServer((exchange, n) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 10_000);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 10_000; i++) {
                    out.write('[');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                // the client gave up
            }
        });
    }

    @Test
    void anIndexTrickledAtOneBytePerSecondEndsAtTheFetchDeadline() {
        try (ScriptedServer server = trickle()) {
            HttpDownloader http = HttpDownloader.builder().readTimeout(Duration.ofSeconds(5))
                    .fetchDeadline(Duration.ofSeconds(2)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.fetch(server.uri("dl/?mode=json")))
                    .isInstanceOf(NetworkException.class)
                    .hasMessageContaining("did not finish within its total deadline of 2")
                    .hasMessageContaining("bytes received")
                    .satisfies(e -> assertThat(((NetworkException) e).resolutions()).anyMatch(r -> r.contains("fetchDeadline")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTrickledArchiveEndsAtADeadlineScaledByItsSize() {
        try (ScriptedServer server = trickle()) {
            HttpDownloader http = HttpDownloader.builder().readTimeout(Duration.ofSeconds(5))
                    .fetchDeadline(Duration.ofSeconds(1)).minimumSpeed(5_000).build();
            long start = System.nanoTime();
            // 10 000 bytes at 5 000 B/s: 1 s + 2 s.
            assertThatThrownBy(() -> http.download(server.uri("go.tar.gz"), dir.resolve("a.part"), 10_000))
                    .isInstanceOf(NetworkException.class)
                    .hasMessageContaining("download of")
                    .hasMessageContaining("total deadline of 3");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThan(Duration.ofMillis(2900)).isLessThan(Duration.ofSeconds(6));
        }
    }
}
