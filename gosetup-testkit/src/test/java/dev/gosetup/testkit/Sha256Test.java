package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's SHA-256 helper against the published test vectors (FIPS 180-2, appendix B) and itself. */
class Sha256Test {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void bytesHashToThePublishedVectors() {
        assertThat(Sha256.hex(new byte[0])).isEqualTo(EMPTY);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }

    @Test
    void aDigestFedInPiecesAndAFileLargerThanOneBufferHashLikeTheBytesAtOnce() throws Exception {
        MessageDigest digest = Sha256.digest();
        digest.update((byte) 'a');
        digest.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(Sha256.hex(digest)).isEqualTo(ABC);
        assertThat(Sha256.hex(digest)).as("digest() resets it").isEqualTo(EMPTY);

        byte[] bytes = new byte[(1 << 16) * 3 + 17];
        new Random(42).nextBytes(bytes);
        Path file = Files.write(dir.resolve("blob"), bytes);
        assertThat(Sha256.hex(file)).isEqualTo(Sha256.hex(bytes)).isEqualTo(GoDevIndex.sha256(file));
        assertThat(Sha256.hex(Files.write(dir.resolve("empty"), new byte[0]))).isEqualTo(EMPTY);
    }
}
