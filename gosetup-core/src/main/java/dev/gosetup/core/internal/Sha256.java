package dev.gosetup.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, which every Java runtime has, as a digest and as lower-case hex: the one place gosetup
 * turns SHA-256 into text. Stateless.
 */
public final class Sha256 {
    private Sha256() {
    }

    /**
     * Returns a new SHA-256 digest.
     *
     * @return the digest
     */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Hashes bytes.
     *
     * @param bytes the bytes
     * @return 64 lower-case hex digits
     */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * Completes a digest that was fed incrementally (a stream, a {@code DigestInputStream}) and
     * returns it as hex; the digest is reset, as {@link MessageDigest#digest()} leaves it.
     *
     * @param digest a digest, normally from {@link #digest()}
     * @return the digest's hash in lower-case hex (64 digits for SHA-256)
     */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Hashes a file's contents, read in 64 KiB blocks (never the whole file in memory).
     *
     * @param file a regular file
     * @return 64 lower-case hex digits
     * @throws IOException if the file cannot be read; callers turn it into their own message
     */
    public static String hex(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }
}
