package dev.gosetup.testkit;

import java.util.Objects;

/**
 * One file of a go.dev download index ({@code https://go.dev/dl/?mode=json&include=all}).
 *
 * <p>Build one for a real archive with {@link GoDevIndex#entry(java.nio.file.Path, String)}; construct one
 * directly to describe something that is not true (a wrong checksum or size) for failure tests.
 *
 * @param filename file name relative to the mirror root, e.g. {@code go1.22.12.linux-amd64.tar.gz}
 * @param os       GOOS, e.g. {@code linux}
 * @param arch     GOARCH, e.g. {@code amd64}
 * @param version  release the file belongs to, e.g. {@code go1.22.12}
 * @param sha256   lower-case hex SHA-256 the index claims for the file
 * @param size     size in bytes the index claims for the file
 * @param kind     {@code archive}, {@code installer} or {@code source}
 */
public record IndexEntry(String filename, String os, String arch, String version, String sha256, long size,
        String kind) {

    /**
     * Validates the components.
     *
     * @param filename see the record description
     * @param os see the record description
     * @param arch see the record description
     * @param version see the record description
     * @param sha256 see the record description
     * @param size see the record description
     * @param kind see the record description
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code filename} is blank or {@code size} is negative
     */
    public IndexEntry {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(kind, "kind");
        if (filename.isBlank()) {
            throw new IllegalArgumentException("blank filename in index entry for " + version);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + filename);
        }
    }

    /**
     * A copy claiming another checksum, e.g. to serve an archive whose index entry lies.
     *
     * @param otherSha256 the checksum to claim
     * @return the new entry
     */
    public IndexEntry withSha256(String otherSha256) {
        return new IndexEntry(filename, os, arch, version, otherSha256, size, kind);
    }

    /**
     * A copy claiming another size.
     *
     * @param otherSize the size to claim
     * @return the new entry
     */
    public IndexEntry withSize(long otherSize) {
        return new IndexEntry(filename, os, arch, version, sha256, otherSize, kind);
    }
}
