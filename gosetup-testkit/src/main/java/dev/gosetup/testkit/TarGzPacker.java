package dev.gosetup.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Packs a GOROOT into a go.dev-shaped {@code .tar.gz}: one top-level {@code go/} directory, every symlink followed
 * (dangling ones and cycles skipped), entries depth-first in name order, directories as entries, permission bits
 * kept, uid/gid 0, mtimes truncated to seconds.
 */
final class TarGzPacker {

    /** Bump when the archive layout changes, so cached archives are rebuilt. */
    static final int FORMAT = 1;

    /**
     * Level 1: the archives are local fixtures, and level 6 would triple the packing time for ~12% less disk.
     */
    static final int COMPRESSION_LEVEL = 1;

    private static final int FILE_TYPE = 0100000;
    private static final int DIR_TYPE = 040000;

    record Result(String sha256, long size, int entries, Duration elapsed) {
    }

    private final TarArchiveOutputStream tar;
    private final Path root;
    private int entries;

    private TarGzPacker(TarArchiveOutputStream tar, Path root) {
        this.tar = tar;
        this.root = root;
    }

    /**
     * Packs {@code goroot} into {@code target}, which must not exist yet.
     *
     * @throws IOException if reading the tree or writing the archive fails; {@code target} may then be partial
     */
    static Result pack(Path goroot, Path target) throws IOException {
        long start = System.nanoTime();
        MessageDigest sha = Sha256.digest();
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(COMPRESSION_LEVEL);
        gzip.setModificationTime(0);
        gzip.setOperatingSystem(3); // Unix, as in go.dev's archives
        gzip.setBufferSize(1 << 16);
        int count;
        try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE);
             OutputStream buffered = new BufferedOutputStream(new DigestOutputStream(file, sha), 1 << 20);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(buffered, gzip);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarGzPacker packer = new TarGzPacker(tar, goroot);
            TreeWalk.walk(goroot, PosixFileAttributes.class, new TreeWalk.Visitor<>() {
                @Override
                public void directory(Path dir, String relative, PosixFileAttributes attributes) throws IOException {
                    packer.putEntry("go/" + relative, DIR_TYPE, attributes, 0);
                }

                @Override
                public void file(Path file, String relative, PosixFileAttributes attributes) throws IOException {
                    packer.file(file, "go/" + relative, attributes);
                }
            });
            tar.finish();
            count = packer.entries;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(Sha256.hex(sha), Files.size(target), count, elapsed);
    }

    private void file(Path path, String name, PosixFileAttributes attributes) throws IOException {
        putEntry(name, FILE_TYPE, attributes, attributes.size());
        try (InputStream in = Files.newInputStream(path)) {
            long copied = in.transferTo(tar);
            if (copied != attributes.size()) {
                throw new IOException(path + " changed size while packing " + root);
            }
        }
        tar.closeArchiveEntry();
    }

    private void putEntry(String name, int type, PosixFileAttributes attributes, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(type | permissionBits(attributes.permissions()));
        entry.setSize(size);
        entry.setModTime(FileTime.from(attributes.lastModifiedTime().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        entry.setIds(0, 0);
        entry.setNames("", "");
        tar.putArchiveEntry(entry);
        if (type == DIR_TYPE) {
            tar.closeArchiveEntry();
        }
        entries++;
    }

    static int permissionBits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            switch (p) {
                case OWNER_READ -> mode |= 0400;
                case OWNER_WRITE -> mode |= 0200;
                case OWNER_EXECUTE -> mode |= 0100;
                case GROUP_READ -> mode |= 040;
                case GROUP_WRITE -> mode |= 020;
                case GROUP_EXECUTE -> mode |= 010;
                case OTHERS_READ -> mode |= 04;
                case OTHERS_WRITE -> mode |= 02;
                case OTHERS_EXECUTE -> mode |= 01;
                default -> throw new IllegalStateException("unknown permission " + p);
            }
        }
        return mode;
    }
}
