package dev.gosetup.testkit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One toolchain archive of a {@link ToolchainMirror}, as its {@code index.json} describes it.
 *
 * @param version       Go version, e.g. {@code go1.22.12}
 * @param filename      archive file name, e.g. {@code go1.22.12.linux-amd64.tar.gz}; also its URL path on a
 *                      {@link MirrorServer}
 * @param archive       the archive inside {@link ToolchainMirror#directory()}; treat it as read-only (it is shared
 *                      with other test runs through the cache)
 * @param sha256        lower-case hex SHA-256 of the archive
 * @param size          archive size in bytes
 * @param sourceGoroot  the GOROOT the archive was packed from
 */
public record PackedToolchain(String version, String filename, Path archive, String sha256, long size,
        Path sourceGoroot) {

    /**
     * Validates the components.
     *
     * @param version see the record description
     * @param filename see the record description
     * @param archive see the record description
     * @param sha256 see the record description
     * @param size see the record description
     * @param sourceGoroot see the record description
     * @throws NullPointerException if a component is null
     */
    public PackedToolchain {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sourceGoroot, "sourceGoroot");
    }

    /**
     * This archive's entry for a go.dev index.
     *
     * @return the entry, with this host's GOOS/GOARCH
     */
    public IndexEntry indexEntry() {
        return new IndexEntry(filename, HostPlatform.goos(), HostPlatform.goarch(), version, sha256, size, "archive");
    }
}
