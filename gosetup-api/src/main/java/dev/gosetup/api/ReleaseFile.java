package dev.gosetup.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One downloadable file of a Go release, as listed in the go.dev download index
 * ({@code https://go.dev/dl/?mode=json&include=all}).
 *
 * <p>The index is fetched over the network and may be hostile, so the values are checked: the file
 * name is a single plain name (no {@code /}, {@code \}, {@code ..}, control characters), so that it
 * cannot steer where a download is written; the SHA-256 is 64 hex digits; the size is positive.
 *
 * @param filename the file name on go.dev, such as {@code go1.22.5.linux-amd64.tar.gz}
 * @param os the GOOS the file is for, as in the index; {@code ""} for source archives
 * @param arch the architecture as in the index, such as {@code amd64} or {@code armv6l} (not the
 *     GOARCH {@code arm}); {@code ""} for source archives
 * @param version the release the file belongs to
 * @param sha256 the SHA-256 of the file: 64 hex digits, stored in lower case
 * @param size the size in bytes, positive
 * @param kind what the file is
 */
public record ReleaseFile(String filename, String os, String arch, GoVersion version, String sha256, long size,
        Kind kind) {

    /**
     * What a release file is, as the index's {@code kind} field says.
     */
    public enum Kind {
        /** A zip or tar.gz of a ready-to-run toolchain. */
        ARCHIVE("archive"),
        /** An installer, such as a Windows {@code .msi} or a macOS {@code .pkg}. */
        INSTALLER("installer"),
        /** The source code. */
        SOURCE("source");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        /**
         * Returns the name the index uses for this kind.
         *
         * @return {@code "archive"}, {@code "installer"} or {@code "source"}
         */
        public String jsonName() {
            return jsonName;
        }

        /**
         * Parses the index's name for a kind.
         *
         * @param text {@code "archive"}, {@code "installer"} or {@code "source"}
         * @return the kind
         * @throws IllegalArgumentException naming {@code text} if it is none of those
         */
        public static Kind parse(String text) {
            Objects.requireNonNull(text, "text");
            for (Kind k : values()) {
                if (k.jsonName.equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("not a release file kind: \"" + text
                    + "\" (expected archive, installer or source)");
        }
    }

    /**
     * Validates the file's fields.
     *
     * @param filename the file name
     * @param os the GOOS, or {@code ""}
     * @param arch the architecture as in the index, or {@code ""}
     * @param version the release
     * @param sha256 the SHA-256, 64 hex digits in either case
     * @param size the size in bytes
     * @param kind what the file is
     * @throws IllegalArgumentException naming the bad value if the file name could denote a path, the
     *     SHA-256 is not 64 hex digits or the size is not positive
     */
    public ReleaseFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(kind, "kind");
        checkFileName(filename);
        if (sha256.length() != 64 || !sha256.chars().allMatch(ReleaseFile::isHex)) {
            throw new IllegalArgumentException("not a SHA-256: \"" + sha256 + "\" for " + filename
                    + " (expected 64 hexadecimal digits)");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (size <= 0) {
            throw new IllegalArgumentException("size of " + filename + " must be positive, not " + size);
        }
    }

    private static void checkFileName(String name) {
        boolean bad = name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (bad) {
            throw new IllegalArgumentException("unsafe release file name: \"" + name
                    + "\" (expected a plain file name like go1.22.5.linux-amd64.tar.gz, without /, \\, : or ..)");
        }
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
