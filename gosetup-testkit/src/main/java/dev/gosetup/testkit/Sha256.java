package dev.gosetup.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as a digest and as lower-case hex: the testkit's one copy of gosetup-core's internal
 * {@code dev.gosetup.core.internal.Sha256}. A copy, not a use: gosetup-core's tests depend on the
 * testkit, so the testkit cannot depend on gosetup-core (Maven refuses the cycle), and the mirror
 * it serves is meant to be checked by gosetup independently of gosetup's own code anyway.
 */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The hash of {@code bytes}, 64 lower-case hex digits. */
    static String hex(byte[] bytes) {
        return format(digest().digest(bytes));
    }

    /** Completes a digest fed incrementally and returns its hash as lower-case hex. */
    static String hex(MessageDigest digest) {
        return format(digest.digest());
    }

    /** The hash of a file's contents, read in blocks, as lower-case hex. */
    static String hex(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }

    private static String format(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
