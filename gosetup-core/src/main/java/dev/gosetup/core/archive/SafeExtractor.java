package dev.gosetup.core.archive;

import dev.gosetup.api.CancelledException;
import dev.gosetup.api.StorageException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.internal.StorageFailures;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts Go toolchain archives (go.dev's {@code .tar.gz} and {@code .zip} files) into an empty
 * directory, treating every archive as hostile: nothing is ever created outside that directory, and
 * archives that try are refused. See the {@linkplain dev.gosetup.core.archive package} for the threat
 * model.
 *
 * <p>What gets extracted: regular files, directories, symlinks whose target stays inside the directory
 * (and passes through no other symlink of the archive), and tar hard links to regular files extracted
 * before. Files are created owner-writable and readable by all ({@code rw-r--r--}) plus the execute
 * bits of the entry, less the process umask, like {@code tar} run by an ordinary user; set-id and
 * sticky bits, owners and other modes are dropped. Directories get the default permissions. Modification
 * times are kept for files and directories. Nothing is synced to disk.
 *
 * <p>Refused, with a {@link VerificationException} naming the archive, the entry and the problem (see
 * {@link #extractTarGz}): unsafe names, escaping or chained symlinks, writes through a symlink, hard
 * links to anything but an extracted regular file, devices, FIFOs and other special entries, a name
 * extracted twice (except a directory), more bytes or entries than the limits, and damaged archives.
 * After a failure the target directory holds part of the archive: the caller deletes it.
 *
 * <p>Immutable and thread-safe; each call extracts one archive, blocking until it is done. Entries are
 * checked and written on the calling thread; {@link #extractTarGz} inflates the gzip data on one helper
 * thread of its own meanwhile (as {@code gzip -d | tar -x} would), which has ended when the call returns
 * or throws. The target directory must not be writable by anyone else during the extraction (a staging
 * directory of the caller): the checks assume that the directory holds only what was extracted.
 */
public final class SafeExtractor {

    /** The default limit on the bytes of file data written: 2 GiB, eight times a Go toolchain. */
    public static final long DEFAULT_MAX_EXPANDED_BYTES = 2L << 30;

    /** The default limit on the number of entries: 200,000, more than ten times a Go toolchain. */
    public static final long DEFAULT_MAX_ENTRIES = 200_000;

    /** Bytes allowed after the end of the tar data (tar pads its end to 10 KiB blocks). */
    static final int MAX_TRAILING_BYTES = 1 << 20;

    /** A zip symlink stores its target as the entry data; longer than any path a system accepts. */
    private static final int MAX_LINK_TARGET_BYTES = EntryNames.MAX_LENGTH;


    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;

    private final long maxExpandedBytes;
    private final long maxEntries;
    private final ProgressListener progress;
    private final BooleanSupplier cancelled;

    private SafeExtractor(Builder builder) {
        this.maxExpandedBytes = builder.maxExpandedBytes;
        this.maxEntries = builder.maxEntries;
        this.progress = builder.progress;
        this.cancelled = builder.cancelled;
    }

    /**
     * Starts configuring an extractor; without changes it has the default limits, no progress
     * listener and is never cancelled.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Extracts a gzip-compressed tar archive while it is read, holding only a few buffers in memory
     * (a few MiB), never the whole archive.
     *
     * <p>The stream is read on the calling thread, to its end, so that a caller hashing it while it is
     * extracted sees every byte; it is not closed. The gzip checksum is verified; more than 1 MiB of data
     * after the end of the tar archive (tar pads it to 10 KiB) is refused.
     *
     * @param gzipped the archive, read to its end, not closed
     * @param archiveName the name of the archive (a file name or URL), used in messages only
     * @param target an existing empty directory that nobody else writes to
     * @return how many entries and bytes of file data were extracted
     * @throws VerificationException if the archive is refused: an entry name that is empty, absolute,
     *     has a {@code ..} segment, a backslash, a colon, a control character, or a segment ending in a
     *     dot or a space; a symlink with such a target or one that leaves the target directory or passes
     *     through another symlink; an entry below a symlink or a file; a hard link to anything but a
     *     regular file extracted before; a device, FIFO, sparse file or other special entry; a name
     *     extracted twice (except directories); more bytes or entries than the limits; a truncated or
     *     corrupt gzip or tar stream; too much data after the tar archive. The message names the
     *     archive and the entry.
     * @throws StorageException if reading the stream or writing into the target fails (a full disk,
     *     a directory not writable); the message names the file, the resolutions say what to free or fix
     * @throws CancelledException if the cancellation supplier returns true or the thread is
     *     interrupted (the interrupt flag stays set); both are checked before every entry and every
     *     256 KiB of data, so a cancelled extraction stops inside a large file too
     * @throws IllegalArgumentException if {@code target} is not an empty directory
     */
    public Result extractTarGz(InputStream gzipped, String archiveName, Path target) {
        Objects.requireNonNull(gzipped, "gzipped");
        Extraction extraction = start(archiveName, target);
        SourceStream source = new SourceStream(gzipped);
        try (BackgroundGunzip gzip = new BackgroundGunzip(source, archiveName, cancelled);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extractTarEntry(extraction, tar, entry);
            }
            extraction.checkCancelled();
            if (skipRest(gzip, extraction.buffer()) > MAX_TRAILING_BYTES) {
                throw extraction.refuse("more than " + MAX_TRAILING_BYTES + " bytes follow the end of the tar data");
            }
            if (skipRest(source, extraction.buffer()) > MAX_TRAILING_BYTES) {
                throw extraction.refuse("more than " + MAX_TRAILING_BYTES + " bytes follow the end of the gzip data");
            }
            return extraction.finish();
        } catch (IOException e) {
            throw extraction.readFailure(e, source.failure);
        }
    }

    /**
     * Extracts a zip archive from a file, reading its central directory first; entries are extracted in
     * the order of their data in the file. The rules are those of {@link #extractTarGz}; in addition, an
     * entry whose data is longer or shorter than its declared size, or that is encrypted or uses an
     * unsupported compression method, is refused. Entries flagged as Unix symlinks are symlinks, with
     * the same rules as tar symlinks; other Unix file types than files, directories and symlinks are
     * refused; the execute bits come from the Unix mode when the entry has one.
     *
     * <p>The central directory is read into memory before anything is extracted, so a zip declaring
     * millions of entries costs memory in proportion before the entry limit refuses it.
     *
     * @param zipFile the archive
     * @param archiveName the name of the archive (a file name or URL), used in messages only
     * @param target an existing empty directory that nobody else writes to
     * @return how many entries and bytes of file data were extracted
     * @throws VerificationException if the archive is refused (see {@link #extractTarGz}); the message
     *     names the archive and the entry
     * @throws StorageException if the file cannot be opened or read, or writing into the target fails
     * @throws CancelledException if the cancellation supplier returns true or the thread is
     *     interrupted, checked before every entry and every 256 KiB of data
     * @throws IllegalArgumentException if {@code target} is not an empty directory
     */
    public Result extractZip(Path zipFile, String archiveName, Path target) {
        Objects.requireNonNull(zipFile, "zipFile");
        Extraction extraction = start(archiveName, target);
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(zipFile).get();
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw StorageFailures.of("read archive " + archiveName + " at", zipFile, e);
        } catch (IOException e) {
            throw extraction.readFailure(e, null);
        }
        try (zip) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                extractZipEntry(extraction, zip, entries.nextElement());
            }
            return extraction.finish();
        } catch (IOException e) {
            throw extraction.readFailure(e, null);
        }
    }

    private static void extractTarEntry(Extraction extraction, TarArchiveInputStream tar, TarArchiveEntry entry)
            throws IOException {
        byte flag = entry.getLinkFlag();
        if (flag == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER) {
            // Metadata for the entries that follow (git archive writes the commit here), not an entry.
            return;
        }
        String name = entry.getName();
        extraction.begin(name);
        switch (flag) {
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG -> {
                if (entry.isSparse()) {
                    throw extraction.refuse("sparse files are not supported");
                }
                if (name.endsWith("/")) {
                    // Old tar writers mark directories by the trailing slash alone.
                    extraction.directory(name, modified(entry));
                } else {
                    extraction.file(name, entry.getMode(), modified(entry), tar, entry.getSize());
                }
            }
            case TarConstants.LF_DIR -> extraction.directory(name, modified(entry));
            case TarConstants.LF_SYMLINK -> extraction.symlink(name, entry.getLinkName());
            case TarConstants.LF_LINK -> extraction.hardLink(name, entry.getLinkName());
            default -> throw extraction.refuse("the entry is a " + describeTarType(flag)
                    + "; only files, directories, symlinks and hard links are extracted");
        }
    }

    private static void extractZipEntry(Extraction extraction, ZipFile zip, ZipArchiveEntry entry)
            throws IOException {
        String name = entry.getName();
        extraction.begin(name);
        int unixMode = entry.getUnixMode();
        int type = unixMode & S_IFMT;
        if (entry.isUnixSymlink()) {
            extraction.symlink(name, readLinkTarget(extraction, zip, entry));
        } else if (entry.isDirectory() || type == S_IFDIR) {
            extraction.directory(name, entry.getLastModifiedTime());
        } else if (type != 0 && type != S_IFREG) {
            throw extraction.refuse("the entry is a special file (Unix mode " + Integer.toOctalString(unixMode)
                    + "); only files, directories and symlinks are extracted");
        } else {
            if (!zip.canReadEntryData(entry)) {
                throw extraction.refuse("the entry is encrypted or uses an unsupported compression method");
            }
            long declared = entry.getSize();
            long written;
            try (InputStream in = zip.getInputStream(entry)) {
                written = extraction.file(name, unixMode, entry.getLastModifiedTime(), in, declared);
            }
            if (declared >= 0 && written != declared) {
                throw extraction.refuse("the entry declares " + declared + " bytes but holds " + written);
            }
        }
    }

    private static String readLinkTarget(Extraction extraction, ZipFile zip, ZipArchiveEntry entry)
            throws IOException {
        if (!zip.canReadEntryData(entry)) {
            throw extraction.refuse("the entry is encrypted or uses an unsupported compression method");
        }
        byte[] target;
        try (InputStream in = zip.getInputStream(entry)) {
            target = in.readNBytes(MAX_LINK_TARGET_BYTES + 1);
        }
        if (target.length > MAX_LINK_TARGET_BYTES) {
            throw extraction.refuse("the symlink target is longer than " + MAX_LINK_TARGET_BYTES + " bytes");
        }
        return new String(target, StandardCharsets.UTF_8);
    }

    private Extraction start(String archiveName, Path target) {
        Objects.requireNonNull(archiveName, "archiveName");
        Objects.requireNonNull(target, "target");
        Path root;
        try {
            root = target.toRealPath();
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("target " + target + " is not a directory");
            }
            try (DirectoryStream<Path> content = Files.newDirectoryStream(root)) {
                if (content.iterator().hasNext()) {
                    throw new IllegalArgumentException("target " + target + " is not empty; extract into a new"
                            + " empty directory");
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("target " + target + " does not exist", e);
        } catch (IOException e) {
            throw StorageFailures.of("read the target directory", target, e);
        }
        return new Extraction(archiveName, root, maxExpandedBytes, maxEntries, progress, cancelled);
    }

    private static FileTime modified(TarArchiveEntry entry) {
        return entry.getLastModifiedTime();
    }

    private static long skipRest(InputStream in, byte[] buffer) throws IOException {
        long total = 0;
        int n;
        while (total <= MAX_TRAILING_BYTES && (n = in.read(buffer, 0, buffer.length)) >= 0) {
            total += n;
        }
        return total;
    }

    private static String describeTarType(byte flag) {
        return switch (flag) {
            case TarConstants.LF_CHR -> "character device";
            case TarConstants.LF_BLK -> "block device";
            case TarConstants.LF_FIFO -> "FIFO";
            case TarConstants.LF_GNUTYPE_SPARSE -> "sparse file";
            default -> flag >= 0x20 && flag < 0x7f ? "tar entry of type '" + (char) flag + "'"
                    : "tar entry of type " + (flag & 0xff);
        };
    }

    /**
     * How much an extraction wrote.
     *
     * @param entries the number of archive entries, of every kind (tar's pax and long-name headers are
     *     not entries)
     * @param bytes the bytes of file data written, as counted while writing
     */
    public record Result(long entries, long bytes) {

        /**
         * Validates the counts.
         *
         * @param entries see the record description
         * @param bytes see the record description
         * @throws IllegalArgumentException if a count is negative
         */
        public Result {
            if (entries < 0 || bytes < 0) {
                throw new IllegalArgumentException("negative count: entries=" + entries + ", bytes=" + bytes);
            }
        }
    }

    /**
     * Receives progress of an extraction. Called on the extracting thread, after every 64 entries or
     * 256 KiB of data and once at the end with the totals; keep it quick. An exception it throws ends
     * the extraction and reaches the caller.
     */
    @FunctionalInterface
    public interface ProgressListener {

        /** A listener that does nothing. */
        ProgressListener NOOP = (entries, bytes) -> {
        };

        /**
         * Reports the entries and bytes of file data extracted so far.
         *
         * @param entries entries done, growing
         * @param bytes bytes of file data written, growing
         */
        void onProgress(long entries, long bytes);
    }

    /** Configures a {@link SafeExtractor}. Not thread-safe; {@link #build()} may be called repeatedly. */
    public static final class Builder {

        private long maxExpandedBytes = DEFAULT_MAX_EXPANDED_BYTES;
        private long maxEntries = DEFAULT_MAX_ENTRIES;
        private ProgressListener progress = ProgressListener.NOOP;
        private BooleanSupplier cancelled = () -> false;

        private Builder() {
        }

        /**
         * Sets the most bytes of file data an archive may expand to, counted as they are written
         * (whatever the archive claims); the default is {@link #DEFAULT_MAX_EXPANDED_BYTES}.
         *
         * @param bytes the limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maxExpandedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxExpandedBytes must be positive: " + bytes);
            }
            this.maxExpandedBytes = bytes;
            return this;
        }

        /**
         * Sets the most entries (files, directories, links) an archive may have; the default is
         * {@link #DEFAULT_MAX_ENTRIES}.
         *
         * @param entries the limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code entries} is not positive
         */
        public Builder maxEntries(long entries) {
            if (entries <= 0) {
                throw new IllegalArgumentException("maxEntries must be positive: " + entries);
            }
            this.maxEntries = entries;
            return this;
        }

        /**
         * Sets the listener told about progress; the default does nothing.
         *
         * @param listener the listener, see {@link ProgressListener} for when it is called
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets what tells the extraction to stop; it is asked before every entry and every 256 KiB of
         * data, on the extracting thread, and once it returns true the extraction throws
         * {@link CancelledException}. The default never cancels; an interrupt of the extracting
         * thread cancels in any case.
         *
         * @param cancelled returns true to cancel; must be cheap and thread-safe
         * @return this builder
         */
        public Builder cancelled(BooleanSupplier cancelled) {
            this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
            return this;
        }

        /**
         * Creates the extractor.
         *
         * @return an immutable extractor with this configuration
         */
        public SafeExtractor build() {
            return new SafeExtractor(this);
        }
    }

    /**
     * Remembers whether the underlying stream failed, to tell a network or disk error from a corrupt
     * archive; never closes it, since the caller owns it.
     */
    private static final class SourceStream extends FilterInputStream {

        private IOException failure;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int available() throws IOException {
            try {
                return super.available();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The caller owns the stream.
        }
    }
}
