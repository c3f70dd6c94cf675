package dev.gosetup.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The format of an official Go archive: zip on Windows, gzip-compressed tar everywhere else.
 */
public enum ArchiveKind {
    /** A zip archive, used for Windows. */
    ZIP(".zip"),
    /** A gzip-compressed tar archive, used for every other operating system. */
    TAR_GZ(".tar.gz");

    private final String extension;

    ArchiveKind(String extension) {
        this.extension = extension;
    }

    /**
     * Returns the file name extension, with its leading dot.
     *
     * @return {@code ".zip"} or {@code ".tar.gz"}
     */
    public String extension() {
        return extension;
    }

    /**
     * Tells which kind of archive a file name denotes, judging by its extension only.
     *
     * @param fileName a file name such as {@code go1.22.5.linux-amd64.tar.gz}
     * @return the kind, or empty when the name ends in neither {@code .zip} nor {@code .tar.gz}
     */
    public static Optional<ArchiveKind> ofFileName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        for (ArchiveKind kind : values()) {
            if (fileName.endsWith(kind.extension)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
