package dev.gosetup.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    private static final System.Logger LOG = System.getLogger(TarGzPacker.class.getName());
    private static final int FILE_TYPE = 0100000;
    private static final int DIR_TYPE = 040000;

    record Result(String sha256, long size, int entries, Duration elapsed) {
    }

    private final TarArchiveOutputStream tar;
    private final Path root;
    private final Set<Object> ancestors = new HashSet<>();
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
            PosixFileAttributes rootAttributes = Files.readAttributes(goroot, PosixFileAttributes.class);
            if (!rootAttributes.isDirectory()) {
                throw new IOException("not a directory: " + goroot);
            }
            packer.directory(goroot, "go/", rootAttributes);
            tar.finish();
            count = packer.entries;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(Sha256.hex(sha), Files.size(target), count, elapsed);
    }

    private void directory(Path dir, String name, PosixFileAttributes attributes) throws IOException {
        putEntry(name, DIR_TYPE, attributes, 0);
        Object key = attributes.fileKey() != null ? attributes.fileKey() : dir.toRealPath();
        ancestors.add(key);
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children.add(child.getFileName().toString());
            }
        }
        children.sort(null);
        for (String child : children) {
            Path path = dir.resolve(child);
            PosixFileAttributes childAttributes;
            try {
                childAttributes = Files.readAttributes(path, PosixFileAttributes.class);
            } catch (FileSystemException e) {
                if (Files.isSymbolicLink(path)) {
                    LOG.log(Level.DEBUG, "skipping dangling or looping symlink {0}: {1}", path, e.getMessage());
                    continue;
                }
                throw e;
            }
            if (childAttributes.isDirectory()) {
                Object childKey = childAttributes.fileKey() != null ? childAttributes.fileKey() : path.toRealPath();
                if (ancestors.contains(childKey)) {
                    LOG.log(Level.DEBUG, "skipping {0}: symlink cycle back to an enclosing directory", path);
                    continue;
                }
                directory(path, name + child + "/", childAttributes);
            } else if (childAttributes.isRegularFile()) {
                file(path, name + child, childAttributes);
            } else {
                LOG.log(Level.DEBUG, "skipping {0}: neither a regular file nor a directory", path);
            }
        }
        ancestors.remove(key);
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
