package dev.gosetup.core.archive;

import dev.gosetup.api.CancelledException;
import dev.gosetup.api.StorageException;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.internal.StorageFailures;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One run of {@link SafeExtractor}: checks entries, writes them into the target directory, and keeps
 * what was written so far, so that later entries are checked against it without asking the file
 * system.
 *
 * <p>Every entry goes through {@link #begin} and then one of {@link #directory}, {@link #file},
 * {@link #symlink}, {@link #hardLink} or {@link #refuse}. Failures to write are thrown as {@link StorageException}
 * naming the file and the fix (a full disk, a directory not writable); only failures to read the archive
 * leave these methods as {@link IOException}, so that the caller can tell a corrupt archive from a full
 * disk. Cancellation is a {@link CancelledException}.
 *
 * <p>Not thread-safe: one instance per extraction, used by one thread.
 */
final class Extraction {

    static final String CORRUPT_FIX = "the archive is corrupt or malicious: delete it and download it again"
            + " from the official index (https://go.dev/dl/)";

    /** Large enough that reads and writes cost few system calls; reused for every file. */
    static final int BUFFER_SIZE = 256 * 1024;

    /** How often, in bytes of file data, cancellation is checked and progress may be reported. */
    private static final long CHECK_INTERVAL = 256 * 1024;

    /** How often, in entries, progress is reported when files are small. */
    private static final long REPORT_ENTRIES = 64;

    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private static final FileAttribute<?>[] NO_ATTRIBUTES = {};

    /** Where {@link File} works: {@link #setTime} uses it only for paths of this file system. */
    private static final FileSystem DEFAULT_FS = FileSystems.getDefault();

    /** Owner read-write, group and others read, plus the execute bits of the index {@code 0..7}. */
    private static final FileAttribute<?>[][] FILE_PERMISSIONS = filePermissions();

    private enum Kind {
        DIRECTORY("directory"), FILE("file"), SYMLINK("symlink");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    private record Link(String name, String target) {
    }

    private record DirectoryTime(Path path, FileTime time) {
    }

    private final String archive;
    private final Path root;
    private final long maxBytes;
    private final long maxEntries;
    private final SafeExtractor.ProgressListener progress;
    private final BooleanSupplier cancelled;
    private final boolean posix;

    /** Every name created so far, canonical, with what it is; the target directory started empty. */
    private final Map<String, Kind> kinds = new HashMap<>(1 << 15);
    private final List<Link> links = new ArrayList<>();
    private final List<DirectoryTime> directoryTimes = new ArrayList<>();
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);

    private String entry;
    private long entries;
    private long bytes;
    private long reportedEntries;
    private long reportedBytes;
    private long nextCheck = CHECK_INTERVAL;

    Extraction(String archive, Path root, long maxBytes, long maxEntries, SafeExtractor.ProgressListener progress,
            BooleanSupplier cancelled) {
        this.archive = archive;
        this.root = root;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.progress = progress;
        this.cancelled = cancelled;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A scratch buffer for reading archive data; {@link #file} overwrites it. */
    byte[] buffer() {
        return buffer;
    }

    /** Starts the next entry: checks cancellation and the entry limit; reports progress. */
    void begin(String rawName) {
        checkCancelled();
        if (entries - reportedEntries >= REPORT_ENTRIES || bytes - reportedBytes >= CHECK_INTERVAL) {
            report();
        }
        entry = rawName;
        entries++;
        if (entries > maxEntries) {
            throw refuse("the archive has more than " + maxEntries + " entries",
                    "if this is a genuine Go release, raise the limit with SafeExtractor.Builder.maxEntries");
        }
    }

    /** Creates a directory, or does nothing when it exists because of an earlier entry. */
    void directory(String rawName, FileTime modified) {
        String name = checkedName(rawName);
        if (name.isEmpty()) {
            return;
        }
        Kind kind = kinds.get(name);
        if (kind == null) {
            createParents(name);
            createDirectory(name);
        } else if (kind != Kind.DIRECTORY) {
            throw refuse("a " + kind.noun + " of that name was extracted before");
        }
        if (modified != null) {
            directoryTimes.add(new DirectoryTime(resolve(name), modified));
        }
    }

    /**
     * Creates a regular file with the data of {@code in}, counting every byte against the limit.
     *
     * @param mode the Unix mode of the entry; only its execute bits are used
     * @param modified the modification time, or {@code null} when unknown
     * @param declaredSize the size the archive claims, or {@code -1}; refused early when over the limit,
     *     and as soon as the data is longer
     * @return the number of bytes written, which the caller compares with the claim where it may be shorter
     * @throws IOException if reading {@code in} fails
     */
    long file(String rawName, int mode, FileTime modified, InputStream in, long declaredSize) throws IOException {
        String name = checkedNewName(rawName);
        if (declaredSize > maxBytes - bytes) {
            throw overLimit();
        }
        createParents(name);
        Path path = resolve(name);
        kinds.put(name, Kind.FILE);
        FileChannel out = open(rawName, path, mode);
        long written;
        boolean copied = false;
        try {
            written = copy(in, out, path, declaredSize);
            copied = true;
        } finally {
            if (!copied) {
                closeAfterFailure(out);
            }
        }
        closeAndSetTime(out, path, modified);
        return written;
    }

    /** Creates a symlink whose target stays inside the target directory and passes through no symlink. */
    void symlink(String rawName, String target) {
        String name = checkedNewName(rawName);
        String problem = EntryNames.linkTargetProblem(target);
        if (problem != null) {
            throw refuse("symlink target '" + EntryNames.display(target) + "': " + problem);
        }
        checkLink(name, target);
        createParents(name);
        Path path = resolve(name);
        try {
            Files.createSymbolicLink(path, root.getFileSystem().getPath(target));
        } catch (FileAlreadyExistsException e) {
            throw collision(rawName);
        } catch (IOException e) {
            throw writeFailure(path, e);
        }
        kinds.put(name, Kind.SYMLINK);
        links.add(new Link(name, target));
    }

    /**
     * Creates a hard link to a regular file extracted before, or a copy of it where the file system has
     * no hard links (the copy counts against the limit).
     */
    void hardLink(String rawName, String rawTarget) {
        String name = checkedNewName(rawName);
        String problem = EntryNames.entryProblem(rawTarget);
        if (problem != null) {
            throw refuse("hard link target '" + EntryNames.display(rawTarget) + "': " + problem);
        }
        String target = EntryNames.normalize(rawTarget);
        if (kinds.get(target) != Kind.FILE) {
            throw refuse("hard link target '" + EntryNames.display(rawTarget)
                    + "' is not a regular file extracted before");
        }
        createParents(name);
        Path path = resolve(name);
        Path existing = resolve(target);
        kinds.put(name, Kind.FILE);
        try {
            Files.createLink(path, existing);
        } catch (FileAlreadyExistsException e) {
            throw collision(rawName);
        } catch (UnsupportedOperationException | FileSystemException e) {
            copyFile(rawName, existing, path);
        } catch (IOException e) {
            throw writeFailure(path, e);
        }
    }

    /**
     * Builds the exception for a refused entry: names the archive, the current entry and the problem.
     *
     * @param extraFixes suggestions after the default one (the archive is corrupt or malicious)
     */
    VerificationException refuse(String problem, String... extraFixes) {
        return refuseEntry(entry, problem, extraFixes);
    }

    /**
     * Translates a failure to read the archive.
     *
     * @param failure what the archive reader threw
     * @param sourceFailure what the underlying stream threw, when the failure comes from it rather than
     *     from the content; {@code null} otherwise
     */
    RuntimeException readFailure(IOException failure, IOException sourceFailure) {
        String where = entry == null ? "" : " (at entry '" + EntryNames.display(entry) + "')";
        if (failure instanceof InterruptedIOException || sourceFailure instanceof InterruptedIOException
                || Thread.currentThread().isInterrupted()) {
            return cancellation(failure);
        }
        if (sourceFailure != null) {
            return new StorageException("cannot read archive " + archive + where + ": " + sourceFailure.getMessage(),
                    List.of("check that the archive's file is readable and its disk healthy, then try again"),
                    sourceFailure);
        }
        return new VerificationException("archive " + archive + " is truncated or corrupt" + where + ": "
                + failure.getMessage(), List.of(CORRUPT_FIX), failure);
    }

    /** Ends a successful run: checks every symlink again now that all are known, sets directory times, reports. */
    SafeExtractor.Result finish() {
        for (Link link : links) {
            entry = link.name();
            checkLink(link.name(), link.target());
        }
        for (int i = directoryTimes.size() - 1; i >= 0; i--) {
            DirectoryTime time = directoryTimes.get(i);
            try {
                setTime(time.path(), time.time());
            } catch (IOException e) {
                // Cosmetic only, and the tree is complete: not a reason to fail the extraction.
            }
        }
        report();
        return new SafeExtractor.Result(entries, bytes);
    }

    void checkCancelled() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw cancellation(null);
        }
    }

    private CancelledException cancellation(Throwable cause) {
        CancelledException e = new CancelledException("extraction of archive " + archive + " cancelled after "
                + entries + " entries", List.of());
        if (cause != null) {
            e.addSuppressed(cause);
        }
        return e;
    }

    private VerificationException refuseEntry(String entryName, String problem, String... extraFixes) {
        List<String> fixes = new ArrayList<>(1 + extraFixes.length);
        fixes.add(CORRUPT_FIX);
        fixes.addAll(List.of(extraFixes));
        String subject = entryName == null ? "archive " + archive
                : "archive " + archive + ": entry '" + EntryNames.display(entryName) + "'";
        return new VerificationException(subject + ": " + problem, fixes);
    }

    private void report() {
        reportedEntries = entries;
        reportedBytes = bytes;
        progress.onProgress(entries, bytes);
    }

    private String checkedName(String rawName) {
        String problem = EntryNames.entryProblem(rawName);
        if (problem != null) {
            throw refuse(problem);
        }
        return EntryNames.normalize(rawName);
    }

    /** A checked name that denotes neither the target directory nor anything extracted before. */
    private String checkedNewName(String rawName) {
        String name = checkedName(rawName);
        if (name.isEmpty()) {
            throw refuse("the name denotes the target directory itself");
        }
        Kind kind = kinds.get(name);
        if (kind != null) {
            throw refuse("a " + kind.noun + " of that name was extracted before");
        }
        return name;
    }

    private void checkLink(String name, String target) {
        EntryNames.LinkResolution resolution = EntryNames.resolveLink(name, target,
                candidate -> kinds.get(candidate) == Kind.SYMLINK);
        if (resolution.problem() != null) {
            throw refuse(resolution.problem() + ": '" + EntryNames.display(target) + "'");
        }
    }

    /**
     * Makes sure every directory above {@code name} exists, creating the missing ones; refuses a path
     * that goes through a symlink or a file, so that nothing is ever written through a link.
     */
    private void createParents(String name) {
        int last = name.lastIndexOf('/');
        if (last < 0 || kinds.get(name.substring(0, last)) == Kind.DIRECTORY) {
            return;
        }
        int slash = name.indexOf('/');
        while (slash > 0 && slash <= last) {
            String prefix = name.substring(0, slash);
            Kind kind = kinds.get(prefix);
            if (kind == null) {
                createDirectory(prefix);
            } else if (kind == Kind.SYMLINK) {
                throw refuse("the path goes through the symlink '" + EntryNames.display(prefix)
                        + "', which could point anywhere");
            } else if (kind == Kind.FILE) {
                throw refuse("the path goes through the file '" + EntryNames.display(prefix) + "'");
            }
            slash = name.indexOf('/', slash + 1);
        }
    }

    private void createDirectory(String name) {
        Path path = resolve(name);
        try {
            Files.createDirectory(path);
        } catch (FileAlreadyExistsException e) {
            // Only another spelling of an earlier name gets here (a case-insensitive file system).
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw collision(entry);
            }
        } catch (IOException e) {
            throw writeFailure(path, e);
        }
        kinds.put(name, Kind.DIRECTORY);
    }

    private Path resolve(String name) {
        try {
            return root.resolve(name);
        } catch (InvalidPathException e) {
            throw refuse("the name is not a valid path here: " + e.getReason());
        }
    }

    private FileChannel open(String rawName, Path path, int mode) {
        FileAttribute<?>[] attributes = posix ? FILE_PERMISSIONS[(mode >> 4 & 4) | (mode >> 2 & 2) | (mode & 1)]
                : NO_ATTRIBUTES;
        try {
            return FileChannel.open(path, CREATE_NEW, attributes);
        } catch (FileAlreadyExistsException e) {
            throw collision(rawName);
        } catch (IOException e) {
            throw writeFailure(path, e);
        }
    }

    private void closeAndSetTime(FileChannel out, Path path, FileTime modified) {
        try {
            out.close();
            if (modified != null) {
                setTime(path, modified);
            }
        } catch (IOException e) {
            throw writeFailure(path, e);
        }
    }

    /** Copies, counting; stops as soon as the data is longer than declared (when declared). */
    private long copy(InputStream in, FileChannel out, Path path, long declaredSize) throws IOException {
        long written = 0;
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            if (declaredSize >= 0 && written + n > declaredSize) {
                throw refuse("the entry holds more than the " + declaredSize + " bytes it declares");
            }
            count(n);
            wrapped.clear().limit(n);
            try {
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
            } catch (IOException e) {
                throw writeFailure(path, e);
            }
            written += n;
        }
        return written;
    }

    private void copyFile(String rawName, Path existing, Path path) {
        try {
            count(Files.size(existing));
            Files.copy(existing, path, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (FileAlreadyExistsException e) {
            throw collision(rawName);
        } catch (IOException e) {
            throw writeFailure(path, e);
        }
    }

    private void count(long n) {
        bytes += n;
        if (bytes > maxBytes) {
            throw overLimit();
        }
        if (bytes >= nextCheck) {
            checkCancelled();
            report();
            nextCheck = bytes + CHECK_INTERVAL;
        }
    }

    private VerificationException overLimit() {
        return refuse("the archive expands to more than " + maxBytes + " bytes",
                "if this is a genuine Go release, raise the limit with SafeExtractor.Builder.maxExpandedBytes");
    }

    private VerificationException collision(String entryName) {
        return refuseEntry(entryName, "the name collides with an earlier entry (spelled differently, on a file system"
                + " that ignores case or normalizes names)");
    }

    private RuntimeException writeFailure(Path path, IOException e) {
        if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            return cancellation(e);
        }
        return StorageFailures.of("write", path, e);
    }

    /**
     * Sets the modification time by path, as tar does ({@code utimensat(path)}), through {@link File#setLastModified}:
     * NIO's {@link BasicFileAttributeView#setTimes} opens every file a second time to call {@code futimens} on it
     * (28,400 {@code openat} for a Go toolchain against tar's 14,700; see docs/performance.md). {@code
     * setLastModified} keeps the access time (a {@code stat} first: cheaper than an open and a close) and has
     * millisecond precision; a time it cannot represent exactly (before 1970, finer than a millisecond), another file
     * system, or a failure (it says only {@code false}) go through NIO, which also gives the reason of a failure.
     */
    private static void setTime(Path path, FileTime time) throws IOException {
        long millis = time.toMillis();
        if (millis >= 0 && time.toInstant().getNano() % 1_000_000 == 0 && path.getFileSystem() == DEFAULT_FS
                && path.toFile().setLastModified(millis)) {
            return;
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class).setTimes(time, null, null);
    }

    private static void closeAfterFailure(FileChannel out) {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // The failure being thrown already says what went wrong.
        }
    }

    private static FileAttribute<?>[][] filePermissions() {
        FileAttribute<?>[][] table = new FileAttribute<?>[8][];
        for (int x = 0; x < 8; x++) {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(PosixFilePermissions.fromString("rw-r--r--"));
            if ((x & 4) != 0) {
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
            }
            if ((x & 2) != 0) {
                permissions.add(PosixFilePermission.GROUP_EXECUTE);
            }
            if ((x & 1) != 0) {
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            }
            table[x] = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        }
        return table;
    }
}
