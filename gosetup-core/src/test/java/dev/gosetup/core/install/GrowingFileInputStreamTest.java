package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowingFileInputStreamTest {

    @Test
    void readsEveryByteWhileAnotherThreadAppendsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.part");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        GrowingFileInputStream in = new GrowingFileInputStream(file, new CancellationToken());
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                in.started(0);
                for (int off = 0; off < data.length; off += 65536) {
                    int n = Math.min(65536, data.length - off);
                    out.write(data, off, n);
                    out.flush();
                    in.progress(off + n);
                    Thread.sleep(1);
                }
                in.finish(data.length);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        in.transferTo(read);
        writer.get(30, TimeUnit.SECONDS);
        assertThat(read.toByteArray()).isEqualTo(data);
        assertThat(in.restarted()).isFalse();
    }

    @Test
    void bytesLeftByAnEarlierAttemptAreReadableAtOnceAndAFileCompleteWithoutEventsToo(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("b.part");
        Files.write(file, new byte[] {1, 2, 3, 4});
        GrowingFileInputStream resumed = new GrowingFileInputStream(file, new CancellationToken());
        resumed.started(4);
        resumed.finish(4);
        assertThat(resumed.readAllBytes()).containsExactly(1, 2, 3, 4);

        GrowingFileInputStream complete = new GrowingFileInputStream(file, new CancellationToken());
        complete.finish(4); // the downloader found the file complete and made no request
        assertThat(complete.readAllBytes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aTransferThatStartsOverMakesTheReaderFailAndSaySo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.part");
        Files.write(file, new byte[100]);
        GrowingFileInputStream in = new GrowingFileInputStream(file, new CancellationToken());
        in.started(0);
        in.progress(100);
        assertThat(in.read(new byte[50], 0, 50)).isEqualTo(50);
        Files.write(file, new byte[10], StandardOpenOption.TRUNCATE_EXISTING);
        in.started(0); // the server ignored Range; the writer truncated the file
        assertThat(in.restarted()).isTrue();
        assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(IOException.class)
                .hasMessageContaining("started over");
    }

    @Test
    void aFailedDownloadEndsTheStreamAndCancellationStopsTheWait(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.part");
        GrowingFileInputStream failed = new GrowingFileInputStream(file, new CancellationToken());
        failed.finish(-1);
        assertThatThrownBy(failed::read).isInstanceOf(IOException.class).hasMessageContaining("failed");

        CancellationToken cancel = new CancellationToken();
        GrowingFileInputStream waiting = new GrowingFileInputStream(file, cancel);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(reader).isNotDone();
        cancel.cancel();
        assertThatThrownBy(() -> reader.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(dev.gosetup.api.CancelledException.class);
    }
}
