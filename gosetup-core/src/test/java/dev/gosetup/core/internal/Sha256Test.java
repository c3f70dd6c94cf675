package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** SHA-256 to hex against the published test vectors (FIPS 180-2, appendix B). */
class Sha256Test {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String TWO_BLOCKS = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

    @Test
    void bytesHashToThePublishedVectors() {
        assertThat(Sha256.hex(new byte[0])).isEqualTo(EMPTY);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(TWO_BLOCKS);
    }

    @Test
    void aDigestFedAsAStreamHashesLikeTheBytesAtOnceAndIsResetAfterwards() throws Exception {
        byte[] bytes = new byte[200_003];
        new Random(7).nextBytes(bytes);
        DigestInputStream in = new DigestInputStream(new ByteArrayInputStream(bytes), Sha256.digest());
        try (InputStream stream = in) {
            stream.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(Sha256.hex(in.getMessageDigest())).isEqualTo(Sha256.hex(bytes)).hasSize(64).matches("[0-9a-f]+");
        assertThat(Sha256.hex(in.getMessageDigest())).isEqualTo(EMPTY);
    }
}
