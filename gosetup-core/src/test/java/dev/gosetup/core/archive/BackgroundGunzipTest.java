package dev.gosetup.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class BackgroundGunzipTest {

    @Test
    void aCancelStopsTheReaderWithinAChunkOfOutput() throws IOException {
        byte[] data = mixed(8_000_000);
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        long read = 0;
        try (BackgroundGunzip in = new BackgroundGunzip(new ByteArrayInputStream(SafeExtractorHostileTarTest.gzip(data)),
                "big.tar.gz", cancel::get)) {
            byte[] buffer = new byte[4096];
            read += in.read(buffer);
            cancel.set(true);
            long[] more = {0};
            assertThatThrownBy(() -> {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    more[0] += n;
                }
            }).isInstanceOf(dev.gosetup.api.CancelledException.class).hasMessageContaining("big.tar.gz");
            read += more[0];
        }
        assertThat(read).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void decompressesWhatGzipCompressed() throws IOException {
        byte[] data = mixed(5_000_000);

        try (BackgroundGunzip in = new BackgroundGunzip(new ByteArrayInputStream(SafeExtractorHostileTarTest.gzip(data)),
                "test")) {
            assertThat(readInOddPieces(in)).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void decompressesConcatenatedMembersLikeTheJdk() throws IOException {
        byte[] first = mixed(300_000);
        byte[] second = "second member".getBytes();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(SafeExtractorHostileTarTest.gzip(first));
        both.write(SafeExtractorHostileTarTest.gzip(second));

        try (BackgroundGunzip in = new BackgroundGunzip(new ByteArrayInputStream(both.toByteArray()), "test")) {
            byte[] all = in.readAllBytes();
            assertThat(Arrays.copyOfRange(all, first.length, all.length)).isEqualTo(second);
        }
    }

    @Test
    void deliversTheDataBeforeATruncationThenFails() throws IOException {
        byte[] data = mixed(2_000_000);
        byte[] gzipped = SafeExtractorHostileTarTest.gzip(data);
        byte[] cut = Arrays.copyOf(gzipped, gzipped.length / 2);

        try (BackgroundGunzip in = new BackgroundGunzip(new ByteArrayInputStream(cut), "test")) {
            byte[] buffer = new byte[8192];
            long read = 0;
            IOException failure = null;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read += n;
                }
            } catch (IOException e) {
                failure = e;
            }
            assertThat(failure).isInstanceOf(EOFException.class);
            assertThat(read).as("everything inflatable came out first").isGreaterThan(data.length / 3);
        }
    }

    @Test
    void failsOnSomethingThatIsNotGzip() {
        assertThatThrownBy(() -> {
            try (BackgroundGunzip in = new BackgroundGunzip(new ByteArrayInputStream(new byte[1000]), "test")) {
                in.read();
            }
        }).isInstanceOf(ZipException.class);
    }

    @Test
    void passesFailuresOfTheCompressedStreamThroughAsTheyAre() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };

        assertThatThrownBy(() -> {
            try (BackgroundGunzip in = new BackgroundGunzip(failing, "test")) {
                in.read();
            }
        }).isInstanceOf(IOException.class).hasMessage("disk on fire");
    }

    @Test
    void closingEarlyEndsTheHelperAndLeavesTheSourceOpen() throws Exception {
        byte[] gzipped = SafeExtractorHostileTarTest.gzip(mixed(20_000_000));
        boolean[] closed = {false};
        InputStream source = new ByteArrayInputStream(gzipped) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        int before = gunzipThreads();

        BackgroundGunzip in = new BackgroundGunzip(source, "early-close");
        assertThat(in.read(new byte[1000])).isPositive();
        in.close();

        assertThat(closed[0]).isFalse();
        assertThat(gunzipThreads()).isLessThanOrEqualTo(before);
        assertThat(in.read()).isEqualTo(-1);
    }

    private static int gunzipThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gosetup-gunzip") && t.isAlive()).count();
    }

    private static byte[] readInOddPieces(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[7777];
        int n;
        while ((n = in.read(buffer, 0, 1 + out.size() % buffer.length)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Compressible text with random stretches, so that chunks of output and input vary in size. */
    private static byte[] mixed(int size) {
        byte[] data = new byte[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            data[i] = (i / 4096) % 3 == 0 ? (byte) random.nextInt() : (byte) ('a' + i % 26);
        }
        return data;
    }
}
