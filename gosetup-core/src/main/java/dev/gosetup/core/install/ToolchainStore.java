package dev.gosetup.core.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.StorageException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.CrossProcessLock;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.FileTrees;
import dev.gosetup.core.internal.StorageFailures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The on-disk store of toolchains, side by side, under one root directory:
 *
 * <pre>
 * root/
 *   toolchains/go1.22.5.linux-amd64/   a GOROOT, with .gosetup-receipt.json (how and when it came)
 *   downloads/go1.22.5.linux-amd64.tar.gz   verified archives, for offline reinstalls
 *   downloads/*.part                   interrupted downloads, resumed next time
 *   staging/go1.22.5.linux-amd64.*     extractions in progress; never visible as installed
 *   locks/go1.22.5.linux-amd64.lock    one OS file lock per toolchain, held while installing
 *   index/                             the cached release index
 *   trash/                             toolchains being removed
 *   external/go1.22.5.linux-amd64.json  a toolchain outside the store reused instead of installed
 *   current                            a link to the default toolchain (current.txt where links fail)
 * </pre>
 *
 * <p>A toolchain counts as installed only when its directory under {@code toolchains/} exists with
 * its receipt, and the directory appears there only by one atomic rename of a fully extracted and
 * checked staging directory. A process killed mid-install leaves at most a staging directory and a
 * partial download; whoever next takes that toolchain's lock deletes the former and resumes the
 * latter.
 *
 * <p>Every directory is created owner-only (0700) where the file system has POSIX permissions.
 * Thread-safe, and safe for several processes sharing the root.
 */
public final class ToolchainStore {
    /** The receipt file inside each installed GOROOT. */
    public static final String RECEIPT = ".gosetup-receipt.json";

    private static final System.Logger LOG = System.getLogger(ToolchainStore.class.getName());

    private final GosetupHome home;
    private final Path root;
    /** Links {@code current} may be besides symbolic links (junctions on Windows); loaded on first use. */
    private final java.util.function.Supplier<List<DirectoryLinker>> linkers;
    private final boolean symbolicLinks;

    /**
     * Opens (and on first use creates) a store at a root, for this JVM's user.
     *
     * @param root the store's root directory; made absolute
     */
    public ToolchainStore(Path root) {
        this(GosetupHome.at(root));
    }

    /**
     * Opens (and on first use creates) the store of a gosetup home.
     *
     * @param home the home, which also decides the locks and the owner checks
     */
    public ToolchainStore(GosetupHome home) {
        this(home, null, true);
    }

    /** For tests: the given linkers instead of the loaded ones, and symbolic links only when told. */
    ToolchainStore(Path root, List<DirectoryLinker> linkers, boolean symbolicLinks) {
        this(GosetupHome.at(root), linkers, symbolicLinks);
    }

    private ToolchainStore(GosetupHome home, List<DirectoryLinker> linkers, boolean symbolicLinks) {
        this.home = Objects.requireNonNull(home, "home");
        this.root = home.root();
        this.linkers = linkers != null ? () -> linkers : LOADED_LINKERS;
        this.symbolicLinks = symbolicLinks;
    }

    private static final java.util.function.Supplier<List<DirectoryLinker>> LOADED_LINKERS = new java.util.function.Supplier<>() {
        private volatile List<DirectoryLinker> loaded;

        @Override
        public List<DirectoryLinker> get() {
            if (loaded == null) {
                Platform host = Platform.current();
                loaded = dev.gosetup.api.spi.ProviderRegistry.load(DirectoryLinker.class).all().stream()
                        .filter(l -> l.appliesTo(host)).toList();
            }
            return loaded;
        }
    };

    /**
     * Returns the platform convention for the store root, as {@link GosetupHome#defaultRoot}.
     *
     * @param env the environment to read
     * @param platform the host
     * @param userHome the user's home directory
     * @return the default root
     */
    public static Path defaultRoot(Map<String, String> env, Platform platform, Path userHome) {
        return GosetupHome.defaultRoot(env, platform, userHome);
    }

    /**
     * Returns the root directory.
     *
     * @return the absolute root
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the gosetup home this store belongs to.
     *
     * @return the home
     */
    public GosetupHome home() {
        return home;
    }

    /**
     * Returns where a toolchain lives (or would live) in this store.
     *
     * @param id the toolchain id, e.g. {@code go1.22.5.linux-amd64}
     * @return its GOROOT
     */
    public Path gorootOf(String id) {
        return root.resolve("toolchains").resolve(id);
    }

    /**
     * Returns the cache path of a downloaded archive.
     *
     * @param filename the archive's file name from the index
     * @return the path under {@code downloads/}
     */
    public Path downloadPath(String filename) {
        return directory("downloads").resolve(filename);
    }

    /**
     * Returns the directory holding the cached release index.
     *
     * @return {@code root/index}, created when missing
     */
    public Path indexDirectory() {
        return home.directory("index");
    }

    /**
     * Returns the directory holding the journal of environment changes (owner-only: it keeps
     * copies of the user's profile files).
     *
     * @return {@code root/journal}, created when missing
     */
    public Path journalDirectory() {
        return home.directory("journal");
    }

    /**
     * Tells whether a toolchain is installed, cheaply: a stat of its receipt and of its go binary,
     * no parsing. This is the warm path of {@code ensure}.
     *
     * @param version the release
     * @param platform the platform
     * @return the toolchain, or empty
     */
    public Optional<Toolchain> installed(GoVersion version, Platform platform) {
        Toolchain toolchain = new Toolchain(version, platform, gorootOf(Toolchain.idOf(version, platform)));
        if (Files.isRegularFile(toolchain.goroot().resolve(RECEIPT)) && Files.isRegularFile(toolchain.goBinary())) {
            return Optional.of(toolchain);
        }
        return Optional.empty();
    }

    /**
     * Lists what is installed, newest first, from the receipts. Directories without a readable
     * receipt are skipped with a warning: they are not installs this store made.
     *
     * @return the installed toolchains
     */
    public List<InstalledToolchain> list() {
        Path dir = root.resolve("toolchains");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<InstalledToolchain> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                readReceipt(entry).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw StorageFailures.of("list", dir, e);
        }
        result.sort(Comparator.comparing((InstalledToolchain t) -> t.toolchain().version()).reversed()
                .thenComparing(t -> t.toolchain().platform().toString()));
        return List.copyOf(result);
    }

    private Optional<InstalledToolchain> readReceipt(Path goroot) {
        Path receipt = goroot.resolve(RECEIPT);
        if (!Files.isRegularFile(receipt)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readString(receipt, StandardCharsets.UTF_8));
            Platform platform = Platform.parse(node.path("os").asText() + "-" + node.path("arch").asText());
            Toolchain toolchain = new Toolchain(GoVersion.parse(node.path("version").asText()), platform, goroot);
            return Optional.of(new InstalledToolchain(toolchain, URI.create(node.path("source").asText()),
                    node.path("sha256").asText(), Instant.parse(node.path("installedAt").asText())));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "ignoring " + goroot + ": unreadable receipt " + receipt + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A toolchain outside the store that {@code ensure} reused instead of installing: gosetup only
     * records where it is and never changes, moves or deletes it.
     *
     * @param toolchain the toolchain; its GOROOT is outside the store
     * @param origin how it was installed (the discovery's id, such as {@code goenv})
     * @param recordedAt when it was first reused
     */
    public record External(Toolchain toolchain, String origin, Instant recordedAt) {
        /** Validates that no component is null. */
        public External {
            Objects.requireNonNull(toolchain, "toolchain");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(recordedAt, "recordedAt");
        }
    }

    /**
     * Records a toolchain outside the store as reused, in {@code external/ID.json} (replaced
     * atomically). Nothing inside its GOROOT is touched.
     *
     * @param external the toolchain and its origin
     */
    public void recordExternal(External external) {
        Toolchain t = external.toolchain();
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("version", t.version().toString())
                .put("os", t.platform().os())
                .put("arch", t.platform().arch())
                .put("goroot", t.goroot().toString())
                .put("origin", external.origin())
                .put("recordedAt", external.recordedAt().toString());
        Path dir = directory("external");
        Path temp = dir.resolve("." + t.id() + "." + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.writeString(temp, json.toPrettyString() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(t.id() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temp file is debris at worst
            }
            throw new GoSetupException("cannot record " + t.goroot() + " in " + dir + ": " + e.getMessage(),
                    List.of("check that " + root + " is writable by you"), e);
        }
    }

    /**
     * Returns a recorded external toolchain of a release, if its GOROOT still holds a {@code go}
     * binary and a {@code VERSION} naming that release (an external toolchain may be changed or
     * removed by its own manager at any time).
     *
     * @param version the release
     * @param platform the platform
     * @return the toolchain, or empty
     */
    public Optional<Toolchain> external(GoVersion version, Platform platform) {
        return readExternal(root.resolve("external").resolve(Toolchain.idOf(version, platform) + ".json"))
                .map(External::toolchain).filter(ToolchainStore::stillThere);
    }

    /**
     * Lists the recorded external toolchains that are still there, newest first.
     *
     * @return the records
     */
    public List<External> externals() {
        Path dir = root.resolve("external");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<External> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            for (Path entry : entries) {
                readExternal(entry).filter(e -> stillThere(e.toolchain())).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw StorageFailures.of("list", dir, e);
        }
        result.sort(Comparator.comparing((External e) -> e.toolchain().version()).reversed());
        return List.copyOf(result);
    }

    /**
     * Forgets a recorded external toolchain; its GOROOT stays as it is.
     *
     * @param id the toolchain id
     * @return true when a record was there
     */
    public boolean forgetExternal(String id) {
        try {
            return Files.deleteIfExists(root.resolve("external").resolve(id + ".json"));
        } catch (IOException e) {
            throw new GoSetupException("cannot forget " + id + ": " + e.getMessage(),
                    List.of("check that " + root + " is writable by you"), e);
        }
    }

    private Optional<External> readExternal(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Platform platform = Platform.parse(node.path("os").asText() + "-" + node.path("arch").asText());
            Toolchain toolchain = new Toolchain(GoVersion.parse(node.path("version").asText()), platform,
                    Path.of(node.path("goroot").asText()));
            return Optional.of(new External(toolchain, node.path("origin").asText(),
                    Instant.parse(node.path("recordedAt").asText())));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, () -> "ignoring unreadable record " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean stillThere(Toolchain t) {
        try {
            String line = Files.readAllLines(t.goroot().resolve("VERSION"), StandardCharsets.UTF_8).stream()
                    .findFirst().orElse("");
            return Files.isRegularFile(t.goBinary())
                    && GoVersion.fromToolchain(line).filter(t.version()::equals).isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Takes the lock of one toolchain id, waiting for other threads and processes that hold it.
     * The OS releases the lock when a process dies, so a killed install never blocks the next.
     *
     * @param id the toolchain id
     * @return the held lock; close it to release
     */
    public Lock lock(String id) {
        return new Lock(home.lock(id));
    }

    /**
     * Takes the lock of one toolchain id when nobody holds it, without waiting.
     *
     * @param id the toolchain id
     * @return the held lock, or empty when another thread or process holds it
     */
    public Optional<Lock> tryLock(String id) {
        return home.tryLock(id).map(Lock::new);
    }

    /**
     * Removes what killed processes left behind: staging directories and trash of toolchains whose
     * lock nobody holds (a live install or uninstall holds it, so its files are kept), partial
     * downloads untouched for {@link #STALE_PART_AGE}, and temporary files ({@code *.gosetup-tmp},
     * {@code .current.*}) older than {@link #STALE_TEMP_AGE} in the store and its journal.
     *
     * @return the bytes reclaimed
     */
    public long cleanDebris() {
        return removeDebris().bytes();
    }

    /**
     * What {@link #removeDebris()} removed.
     *
     * @param removed each removed entry (a directory counts once), relative to the store's root,
     *     e.g. {@code trash/go1.22.12.linux-amd64.1a2b3c4d}
     * @param bytes the bytes of the regular files in them
     */
    public record Debris(List<Path> removed, long bytes) {
        /** Copies the list. */
        public Debris {
            removed = List.copyOf(removed);
        }
    }

    /**
     * Removes what killed processes left behind, as {@link #cleanDebris()}, and says what.
     *
     * @return what was removed, for a report ({@code gosetup prune})
     */
    public Debris removeDebris() {
        List<Path> removed = new ArrayList<>();
        long reclaimed = 0;
        for (String area : List.of("staging", "trash")) {
            Path dir = root.resolve(area);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            requireOwnDirectory(dir);
            for (Path entry : entries(dir)) {
                String name = entry.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot <= 0) {
                    continue;
                }
                Optional<Lock> lock = tryLock(name.substring(0, dot));
                if (lock.isEmpty()) {
                    continue; // a live process works on it
                }
                try (Lock held = lock.get()) {
                    reclaimed += deleteCounting(entry, area, removed);
                }
            }
        }
        Instant now = Instant.now();
        Path downloads = root.resolve("downloads");
        if (Files.isDirectory(downloads, LinkOption.NOFOLLOW_LINKS)) {
            requireOwnDirectory(downloads);
            for (Path part : entries(downloads)) {
                if (part.getFileName().toString().endsWith(".part") && olderThan(part, now, STALE_PART_AGE)) {
                    reclaimed += deleteCounting(part, "downloads", removed);
                }
            }
        }
        for (Path dir : List.of(root, root.resolve("journal"), root.resolve("journal").resolve("blobs"), root.resolve("index"))) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            for (Path temp : entries(dir)) {
                String name = temp.getFileName().toString();
                if ((name.endsWith(".gosetup-tmp") || name.startsWith(".current.")) && olderThan(temp, now, STALE_TEMP_AGE)) {
                    reclaimed += deleteCounting(temp, dir.getFileName().toString(), removed);
                }
            }
        }
        return new Debris(removed.stream().map(root::relativize).toList(), reclaimed);
    }

    /** How old a partial download must be before {@link #cleanDebris()} gives up resuming it. */
    public static final java.time.Duration STALE_PART_AGE = java.time.Duration.ofDays(7);
    /** How old a temporary file must be before {@link #cleanDebris()} counts it as a killed writer's. */
    public static final java.time.Duration STALE_TEMP_AGE = java.time.Duration.ofHours(1);

    private static List<Path> entries(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot list " + dir + ": " + e);
            return List.of();
        }
    }

    private static boolean olderThan(Path file, Instant now, java.time.Duration age) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(now.minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static long deleteCounting(Path entry, String area, List<Path> removed) {
        long[] size = {0};
        try (java.util.stream.Stream<Path> s = Files.walk(entry)) {
            s.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    size[0] += a.isRegularFile() ? a.size() : 0;
                } catch (IOException e) {
                    // vanished: nothing to count
                }
            });
            deleteTree(entry);
            removed.add(entry);
            LOG.log(Level.DEBUG, () -> "removed " + entry + " (" + size[0] + " bytes), left in " + area + " by a process that died");
            return size[0];
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(Level.WARNING, () -> "cannot remove " + entry + ": " + e.getMessage());
            return 0;
        }
    }

    /** A held toolchain lock: a {@link CrossProcessLock} of the store's home. */
    public static final class Lock implements AutoCloseable {
        private final CrossProcessLock held;

        private Lock(CrossProcessLock held) {
            this.held = held;
        }

        @Override
        public void close() {
            held.close();
        }
    }

    /**
     * Deletes what earlier, interrupted installs of a toolchain left in {@code staging/}. Call only
     * while holding that toolchain's {@link #lock(String) lock}: then nobody else is using them.
     *
     * @param id the toolchain id
     */
    public void cleanStaging(String id) {
        Path staging = directory("staging");
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(staging, id + ".*")) {
            for (Path leftover : leftovers) {
                LOG.log(Level.DEBUG, () -> "removing " + leftover + ", left by an interrupted install");
                deleteTree(leftover);
            }
        } catch (IOException e) {
            throw StorageFailures.of("clean", staging, e);
        }
    }

    /**
     * Creates a fresh, empty, owner-only staging directory for a toolchain.
     *
     * @param id the toolchain id
     * @return the new directory
     */
    public Path newStaging(String id) {
        Path dir = directory("staging").resolve(id + "." + UUID.randomUUID().toString().substring(0, 8));
        createOwnerOnly(dir);
        return dir;
    }

    /**
     * Makes a staged GOROOT the installed toolchain: writes its receipt, then renames it into
     * {@code toolchains/} in one atomic step. Retries the rename for a while when it is denied, as
     * antivirus scanners on Windows hold freshly written files open.
     *
     * @param staged the staged GOROOT (its {@code bin/go} already checked)
     * @param receipt the toolchain and its provenance; its GOROOT is the final location
     * @return the installed toolchain
     */
    public Toolchain commit(Path staged, InstalledToolchain receipt) {
        Toolchain toolchain = receipt.toolchain();
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("version", toolchain.version().toString())
                .put("os", toolchain.platform().os())
                .put("arch", toolchain.platform().arch())
                .put("source", receipt.source().toString())
                .put("sha256", receipt.sha256())
                .put("installedAt", receipt.installedAt().toString());
        try {
            Path receiptFile = staged.resolve(RECEIPT);
            Files.writeString(receiptFile, json.toPrettyString() + "\n", StandardCharsets.UTF_8);
            if (receiptFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Where a toolchain came from is the user's business only, like the rest of the store.
                Files.setPosixFilePermissions(receiptFile, PosixFilePermissions.fromString("rw-------"));
            }
            Path target = toolchain.goroot();
            if (target.getParent().equals(root.resolve("toolchains"))) {
                directory("toolchains");
            } else {
                Files.createDirectories(target.getParent());
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target.resolve(RECEIPT))) {
                // Not an install (no receipt): debris of a damaged store. We hold the lock; clear it away.
                LOG.log(Level.DEBUG, () -> "replacing " + target + ", which has no receipt");
                deleteTree(target);
            }
            moveWithRetry(staged, target);
            dev.gosetup.core.internal.TestPause.at("after-commit");
        } catch (IOException e) {
            throw new StorageException("cannot move " + staged + " to " + toolchain.goroot() + ": " + e.getMessage(),
                    e instanceof AccessDeniedException
                            ? List.of("wait for the antivirus scan to finish or close the program holding the file, then"
                                    + " install again (the download is kept)", "check that " + root + " is writable")
                            : List.of("check that " + root + " is writable and on one file system"), e);
        }
        return toolchain;
    }

    /**
     * Removes an installed toolchain: it is first renamed into {@code trash/} (so it stops being
     * installed at once) and then deleted. Call while holding its lock.
     *
     * @param id the toolchain id
     * @return true when it was there
     */
    public boolean remove(String id) {
        Path goroot = directory("toolchains").resolve(id);
        if (!Files.exists(goroot, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path trash = directory("trash").resolve(id + "." + UUID.randomUUID().toString().substring(0, 8));
        try {
            moveWithRetry(goroot, trash);
            dev.gosetup.core.internal.TestPause.at("uninstall-trash");
            deleteTree(trash);
        } catch (IOException e) {
            throw new GoSetupException("cannot remove " + goroot + ": " + e.getMessage(),
                    List.of("close programs that run this toolchain and try again"), e);
        }
        return true;
    }

    /**
     * Makes a toolchain the default one: {@code current} becomes a relative symbolic link to it,
     * replaced atomically; where symbolic links cannot be made (Windows without the privilege), a
     * link of a {@link DirectoryLinker} (a directory junction on Windows), replaced safely
     * ({@link #replaceLink}); where neither can, {@code current.txt} names it instead.
     *
     * @param toolchain an installed toolchain of this store
     */
    public void use(Toolchain toolchain) {
        Path link = root.resolve("current");
        Path relative = root.relativize(toolchain.goroot());
        Path temp = root.resolve(".current." + UUID.randomUUID().toString().substring(0, 8));
        try {
            try {
                if (!symbolicLinks) {
                    throw new UnsupportedOperationException("symbolic links not used");
                }
                Files.createSymbolicLink(temp, relative);
                Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(root.resolve("current.txt"));
                return;
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.deleteIfExists(temp);
                LOG.log(Level.DEBUG, () -> "symbolic links unavailable (" + e.getMessage() + ")");
            }
            for (DirectoryLinker linker : linkers.get()) {
                try {
                    replaceLink(link, toolchain.goroot(), linker,
                            (a, b) -> Files.move(a, b, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
                    Files.deleteIfExists(root.resolve("current.txt"));
                    return;
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, () -> linker.id() + " links unavailable (" + e.getMessage() + ")");
                }
            }
            LOG.log(Level.DEBUG, "using current.txt");
            Path pointer = root.resolve("current.txt");
            Path tempPointer = root.resolve(".current.txt." + UUID.randomUUID().toString().substring(0, 8));
            Files.writeString(tempPointer, toolchain.goroot().getFileName() + "\n", StandardCharsets.UTF_8);
            Files.move(tempPointer, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new GoSetupException("cannot set the current toolchain in " + root + ": " + e.getMessage(),
                    List.of("check that " + root + " is writable by you"), e);
        }
    }

    /**
     * Points {@code link} at {@code target} with a new link of {@code linker}'s kind, replacing
     * what is there safely: the new link is made under a temporary name and renamed over the old
     * one. Where a rename cannot replace a directory (a junction on Windows), the old link is
     * renamed aside first and put back if the second rename fails, then deleted (deleting a link
     * never touches its target).
     */
    static void replaceLink(Path link, Path target, DirectoryLinker linker, Rename replace) throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path temp = link.resolveSibling("." + link.getFileName() + "." + tag);
        linker.create(temp, target);
        try {
            try {
                replace.move(temp, link);
                return;
            } catch (FileSystemException e) {
                if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
            Path old = link.resolveSibling("." + link.getFileName() + ".old." + tag);
            replace.move(link, old);
            try {
                replace.move(temp, link);
            } catch (IOException e) {
                replace.move(old, link);
                throw e;
            }
            Files.delete(old);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Returns the id of the default toolchain, if one was chosen with {@link #use(Toolchain)} and
     * is still installed.
     *
     * @return the toolchain id, or empty
     */
    public Optional<String> currentId() {
        Path link = root.resolve("current");
        try {
            String id;
            Optional<Path> linked = linkedCurrent();
            if (linked.isPresent()) {
                id = linked.get().getFileName().toString();
            } else if (Files.isRegularFile(root.resolve("current.txt"))) {
                id = Files.readString(root.resolve("current.txt"), StandardCharsets.UTF_8).strip();
            } else {
                return Optional.empty();
            }
            return Files.isRegularFile(gorootOf(id).resolve(RECEIPT)) ? Optional.of(id) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the current toolchain of " + root, e);
        }
    }

    /**
     * Tells whether {@code current} is a link (symbolic, or a junction on Windows) that PATH can
     * hold as {@code current/bin}, so that {@code gosetup use} switches without touching PATH.
     *
     * @return true when {@code current} is such a link
     */
    public boolean currentIsLink() {
        try {
            return linkedCurrent().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Path> linkedCurrent() throws IOException {
        Path link = root.resolve("current");
        if (Files.isSymbolicLink(link)) {
            return Optional.of(Files.readSymbolicLink(link));
        }
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        for (DirectoryLinker linker : linkers.get()) {
            Optional<Path> target = linker.target(link);
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }

    /** Forgets the default toolchain. */
    public void clearCurrent() {
        try {
            Files.deleteIfExists(root.resolve("current"));
            Files.deleteIfExists(root.resolve("current.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the current toolchain of " + root, e);
        }
    }

    private Path directory(String name) {
        return home.directory(name);
    }

    private void requireOwnDirectory(Path dir) {
        home.requireOwnDirectory(dir);
    }

    /** Creates a directory (and missing parents) that only its owner can read, write or enter. */
    static void createOwnerOnly(Path dir) {
        GosetupHome.createOwnerOnly(dir);
    }

    /** A rename, the step {@link #moveWithRetry} retries; tests inject one that fails. */
    interface Rename {
        void move(Path from, Path to) throws IOException;
    }

    /** How {@link #moveWithRetry} waits between attempts; tests inject one that records. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    static final int RENAME_ATTEMPTS = 8;

    static void moveWithRetry(Path from, Path to) throws IOException {
        moveWithRetry(from, to, (a, b) -> Files.move(a, b, StandardCopyOption.ATOMIC_MOVE), Thread::sleep);
    }

    /**
     * Renames {@code from} to {@code to}, retrying up to {@value #RENAME_ATTEMPTS} times with
     * doubling waits (50 ms up to 2 s, 5.15 s in all) while the rename is denied, as it is on
     * Windows while an antivirus scanner holds a freshly written file. Then fails with an
     * {@link AccessDeniedException} naming the file and saying what holds it.
     */
    static void moveWithRetry(Path from, Path to, Rename rename, Sleeper sleeper) throws IOException {
        long delay = 50;
        long waited = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                rename.move(from, to);
                return;
            } catch (AtomicMoveNotSupportedException e) {
                throw e;
            } catch (AccessDeniedException | DirectoryNotEmptyException e) {
                if (e instanceof DirectoryNotEmptyException && Files.exists(to)) {
                    throw e;
                }
                if (attempt >= RENAME_ATTEMPTS) {
                    String file = e.getFile() != null ? e.getFile() : from.toString();
                    AccessDeniedException held = new AccessDeniedException(file, e.getOtherFile(), "still denied after "
                            + attempt + " attempts over " + Durations.human(java.time.Duration.ofMillis(waited)) + ": another program (an antivirus scan, an editor,"
                            + " a terminal whose current directory is inside it) holds it open");
                    held.initCause(e);
                    throw held;
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                waited += delay;
                delay = Math.min(delay * 2, 2000);
            }
        }
    }

    /** Deletes a directory tree without following links out of it. */
    static void deleteTree(Path dir) throws IOException {
        FileTrees.deleteTree(dir);
    }

    /** Created on first use: Jackson's start-up would cost every command, even one that reads no receipt. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
