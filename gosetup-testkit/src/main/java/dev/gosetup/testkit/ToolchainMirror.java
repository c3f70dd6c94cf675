package dev.gosetup.testkit;

import dev.gosetup.api.Platform;
import dev.gosetup.api.UserHome;
import dev.gosetup.api.spi.CrossProcessLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A go.dev-shaped download mirror of real Go toolchains: one {@code go<version>.<os>-<arch>.tar.gz} per toolchain
 * plus an {@code index.json} in go.dev's JSON shape, all in {@link #directory()}, ready for {@link MirrorServer}.
 *
 * <p>Packing a toolchain takes seconds, so archives are cached between test runs and JVMs under
 * {@link #defaultCacheRoot()}: {@code $GOSETUP_TEST_CACHE}, else {@code ~/.cache/gosetup-testkit}. A cached archive
 * is reused while its manifest's key matches: archive format, Go version, GOROOT real path, and size/mtime of
 * {@code VERSION}, {@code bin/go} and {@code src} (which a package upgrade replaces). Builds of one cache root are
 * serialized by a {@link CrossProcessLock} on {@code <cache>/.lock}, and every file is written
 * to a temporary name and renamed into place, so concurrent JVMs are safe.
 *
 * <p>Layout: {@code <cache>/archives/} holds the archives and their manifests; {@code <cache>/mirrors/<hash>/} is
 * one mirror directory per set of archives, holding hard links to them (copies where links are unsupported) and
 * its {@code index.json}. Everything in it is shared and must be treated as read-only; copy an archive before
 * damaging it. When an archive is repacked, mirror directories still linking to the replaced file are deleted.
 * Packing is reproducible: the same GOROOT gives a byte-identical archive.
 *
 * <p>Instances are immutable and thread-safe. The factories block while packing.
 */
public final class ToolchainMirror {

    /** Environment variable naming the cache root. */
    public static final String CACHE_ENV = "GOSETUP_TEST_CACHE";

    private static final System.Logger LOG = System.getLogger(ToolchainMirror.class.getName());
    private static final String TEMP_PREFIX = ".tmp-";
    private static final int MAX_PACKING_THREADS = 2;

    private final Path directory;
    private final Path indexFile;
    private final List<PackedToolchain> toolchains;
    private final int packedCount;

    private ToolchainMirror(Path directory, List<PackedToolchain> toolchains, int packedCount) {
        this.directory = directory;
        this.indexFile = directory.resolve(GoDevIndex.INDEX_FILENAME);
        this.toolchains = List.copyOf(toolchains);
        this.packedCount = packedCount;
    }

    /**
     * The mirror of every real toolchain on this machine ({@link RealToolchains#require(int) require(1)}), in the
     * default cache.
     *
     * @return the mirror
     * @throws org.opentest4j.TestAbortedException     if no toolchain is installed (outside CI)
     * @throws org.opentest4j.AssertionFailedError     if no toolchain is installed and {@code CI=true}
     * @throws UncheckedIOException                    if packing or the cache fails
     */
    public static ToolchainMirror build() {
        return of(RealToolchains.require(1));
    }

    /**
     * The mirror of the given toolchains, in the default cache.
     *
     * @param toolchains toolchains of distinct versions, at least one
     * @return the mirror
     * @throws IllegalArgumentException if the list is empty or two toolchains share a version
     * @throws UncheckedIOException     if packing or the cache fails
     */
    public static ToolchainMirror of(List<LocalGoroot> toolchains) {
        return of(toolchains, defaultCacheRoot());
    }

    /**
     * The mirror of the given toolchains, cached under {@code cacheRoot} (created if missing).
     *
     * @param toolchains toolchains of distinct versions, at least one
     * @param cacheRoot  the cache directory
     * @return the mirror
     * @throws IllegalArgumentException if the list is empty or two toolchains share a version
     * @throws UncheckedIOException     if packing or the cache fails
     */
    public static ToolchainMirror of(List<LocalGoroot> toolchains, Path cacheRoot) {
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        List<LocalGoroot> sorted = new ArrayList<>(toolchains);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a toolchain mirror needs at least one toolchain");
        }
        sorted.sort(LocalGoroot.BY_VERSION);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version().equals(sorted.get(i - 1).version())) {
                throw new IllegalArgumentException("two toolchains with version " + sorted.get(i).version() + ": "
                        + sorted.get(i - 1).goroot() + " and " + sorted.get(i).goroot());
            }
        }
        try {
            Files.createDirectories(cacheRoot);
            Path root = cacheRoot.toRealPath();
            // Held across threads and JVMs while this one reads or writes the cache.
            try (CrossProcessLock lock = CrossProcessLock.acquire(root.resolve(".lock"))) {
                LOG.log(Level.TRACE, "locked {0}", lock.file());
                return buildLocked(sorted, root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the toolchain mirror in " + cacheRoot + ": " + e.getMessage()
                    + " (delete the directory to start over, or set " + CACHE_ENV + " elsewhere)", e);
        }
    }

    /**
     * The cache root: {@code $GOSETUP_TEST_CACHE} if set, else {@code ~/.cache/gosetup-testkit}, where
     * {@code ~} is the home the environment names ({@link UserHome}), else {@code user.home}.
     *
     * @return the absolute cache root (it may not exist yet)
     */
    public static Path defaultCacheRoot() {
        String env = System.getenv(CACHE_ENV);
        Path root = env != null && !env.isBlank() ? Paths.get(env.strip())
                : UserHome.resolveOrJvm(System.getenv(), Platform.current()).resolve(".cache").resolve("gosetup-testkit");
        return root.toAbsolutePath();
    }

    /**
     * The mirror directory: the archives and {@code index.json}; serve it with {@link MirrorServer#start(Path)}.
     *
     * @return the directory (shared, read-only)
     */
    public Path directory() {
        return directory;
    }

    /**
     * The go.dev-shaped index of the archives, newest release first.
     *
     * @return {@code directory().resolve("index.json")}
     */
    public Path indexFile() {
        return indexFile;
    }

    /**
     * The archives, oldest version first.
     *
     * @return an immutable, non-empty list
     */
    public List<PackedToolchain> toolchains() {
        return toolchains;
    }

    /**
     * The archive with the highest version.
     *
     * @return the newest toolchain
     */
    public PackedToolchain newest() {
        return toolchains.get(toolchains.size() - 1);
    }

    /**
     * The archive of a given version.
     *
     * @param version e.g. {@code go1.22.12}
     * @return the archive, or empty if the mirror does not have that version
     */
    public Optional<PackedToolchain> toolchain(String version) {
        return toolchains.stream().filter(t -> t.version().equals(version)).findFirst();
    }

    /**
     * How many archives the call that created this object had to pack; {@code 0} when all came from the cache.
     *
     * @return the number of archives packed, not reused
     */
    public int packedCount() {
        return packedCount;
    }

    @Override
    public String toString() {
        return "ToolchainMirror[" + directory + ", " + toolchains.stream().map(PackedToolchain::version).toList() + "]";
    }

    private static ToolchainMirror buildLocked(List<LocalGoroot> toolchains, Path root) throws IOException {
        Path archives = Files.createDirectories(root.resolve("archives"));
        Path mirrors = Files.createDirectories(root.resolve("mirrors"));
        // Every writer holds the lock, so temporary files seen now were left by a JVM that died.
        deleteTemporaries(archives);
        deleteTemporaries(mirrors);

        Map<LocalGoroot, CacheManifest> manifests = new HashMap<>();
        List<LocalGoroot> toPack = new ArrayList<>();
        for (LocalGoroot goroot : toolchains) {
            Path archive = archives.resolve(HostPlatform.archiveFilename(goroot.version()));
            Optional<CacheManifest> cached = reusable(archive, cacheKey(goroot));
            if (cached.isPresent()) {
                LOG.log(Level.DEBUG, "reusing cached {0}", archive);
                manifests.put(goroot, cached.get());
            } else {
                toPack.add(goroot);
            }
        }
        manifests.putAll(packAll(toPack, archives));

        List<PackedToolchain> packed = new ArrayList<>();
        for (LocalGoroot goroot : toolchains) {
            CacheManifest m = manifests.get(goroot);
            packed.add(new PackedToolchain(goroot.version(), m.filename(), archives.resolve(m.filename()),
                    m.sha256(), m.size(), goroot.goroot()));
        }
        Path view = view(mirrors, archives, packed);
        if (!toPack.isEmpty()) {
            pruneStaleViews(mirrors, archives);
        }
        List<PackedToolchain> inView = packed.stream()
                .map(p -> new PackedToolchain(p.version(), p.filename(), view.resolve(p.filename()), p.sha256(),
                        p.size(), p.sourceGoroot()))
                .toList();
        return new ToolchainMirror(view, inView, toPack.size());
    }

    static String cacheKey(LocalGoroot goroot) throws IOException {
        Path real = goroot.goroot().toRealPath();
        StringBuilder key = new StringBuilder()
                .append("format=").append(TarGzPacker.FORMAT)
                .append(";level=").append(TarGzPacker.COMPRESSION_LEVEL)
                .append(";version=").append(goroot.version())
                .append(";goroot=").append(real);
        for (String part : List.of("VERSION", "bin/go", "src")) {
            Path path = real.resolve(part);
            if (Files.exists(path)) {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                key.append(';').append(part).append('=').append(path.toRealPath()).append(':').append(a.size())
                        .append('@').append(a.lastModifiedTime().toMillis());
            }
        }
        return key.toString();
    }

    private static Optional<CacheManifest> reusable(Path archive, String key) throws IOException {
        Optional<CacheManifest> manifest = CacheManifest.read(archive);
        if (manifest.isEmpty() || !Files.isRegularFile(archive)) {
            return Optional.empty();
        }
        CacheManifest m = manifest.get();
        if (!m.key().equals(key)) {
            LOG.log(Level.DEBUG, "repacking {0}: its source changed (was ''{1}'', now ''{2}'')", archive, m.key(), key);
            return Optional.empty();
        }
        if (Files.size(archive) != m.size() || Files.getLastModifiedTime(archive).toMillis() != m.archiveMtime()) {
            LOG.log(Level.WARNING, "repacking {0}: it was modified after packing", archive);
            return Optional.empty();
        }
        return manifest;
    }

    private static Map<LocalGoroot, CacheManifest> packAll(List<LocalGoroot> toPack, Path archives)
            throws IOException {
        Map<LocalGoroot, CacheManifest> result = new HashMap<>();
        if (toPack.isEmpty()) {
            return result;
        }
        int threads = Math.min(MAX_PACKING_THREADS, Math.min(Runtime.getRuntime().availableProcessors(),
                toPack.size()));
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gosetup-testkit-pack-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<LocalGoroot, Future<CacheManifest>> futures = new HashMap<>();
            for (LocalGoroot goroot : toPack) {
                futures.put(goroot, pool.submit(() -> packOne(goroot, archives)));
            }
            for (LocalGoroot goroot : toPack) {
                try {
                    result.put(goroot, futures.get(goroot).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw new IOException("packing " + goroot.goroot() + " failed: " + io.getMessage(), io);
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException("packing " + goroot.goroot() + " failed", cause);
                }
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while packing toolchains", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static CacheManifest packOne(LocalGoroot goroot, Path archives) throws IOException {
        String key = cacheKey(goroot);
        String filename = HostPlatform.archiveFilename(goroot.version());
        Path archive = archives.resolve(filename);
        Path tmp = archives.resolve(TEMP_PREFIX + filename + "-" + UUID.randomUUID());
        try {
            TarGzPacker.Result r = TarGzPacker.pack(goroot.goroot(), tmp);
            Files.deleteIfExists(CacheManifest.pathFor(archive));
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            CacheManifest manifest = new CacheManifest(key, filename, r.sha256(), r.size(),
                    Files.getLastModifiedTime(archive).toMillis(), r.entries(), r.elapsed().toMillis());
            manifest.write(archive);
            LOG.log(Level.DEBUG, "packed {0} from {1} in {2} ms ({3} entries, {4} bytes)", goroot.version(),
                    goroot.goroot(), Long.toString(r.elapsed().toMillis()), Integer.toString(r.entries()),
                    Long.toString(r.size()));
            return manifest;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path view(Path mirrors, Path archives, List<PackedToolchain> packed) throws IOException {
        List<IndexEntry> entries = packed.stream().map(PackedToolchain::indexEntry).toList();
        byte[] index = GoDevIndex.toJson(entries);
        String hash = Sha256.hex(index).substring(0, 16);
        Path view = mirrors.resolve(hash);
        if (Files.isDirectory(view)) {
            if (viewIsIntact(view, index, packed)) {
                return view;
            }
            LOG.log(Level.WARNING, "rebuilding damaged mirror directory {0}", view);
            deleteTree(view);
        }
        Path tmp = mirrors.resolve(TEMP_PREFIX + hash + "-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
            for (PackedToolchain p : packed) {
                Path link = tmp.resolve(p.filename());
                try {
                    Files.createLink(link, archives.resolve(p.filename()));
                } catch (UnsupportedOperationException | IOException e) {
                    LOG.log(Level.DEBUG, "cannot hard-link {0} ({1}); copying it", p.filename(), e.toString());
                    Files.copy(archives.resolve(p.filename()), link);
                }
            }
            Files.write(tmp.resolve(GoDevIndex.INDEX_FILENAME), index);
            Files.move(tmp, view, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("mirror directory " + view + " appeared while the cache was locked", e);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
        return view;
    }

    private static boolean viewIsIntact(Path view, byte[] index, List<PackedToolchain> packed) throws IOException {
        Path indexFile = view.resolve(GoDevIndex.INDEX_FILENAME);
        if (!Files.isRegularFile(indexFile) || !Arrays.equals(Files.readAllBytes(indexFile), index)) {
            return false;
        }
        for (PackedToolchain p : packed) {
            Path file = view.resolve(p.filename());
            if (!Files.isRegularFile(file) || Files.size(file) != p.size()) {
                return false;
            }
        }
        return true;
    }

    private static void pruneStaleViews(Path mirrors, Path archives) {
        // A repacked archive replaces the file in archives/, while older views keep hard links to the old one:
        // drop those views to free the disk. Views of unchanged archives stay, another JVM may be serving them.
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(mirrors)) {
            for (Path view : stream) {
                if (isStale(view, archives)) {
                    LOG.log(Level.DEBUG, "removing stale mirror directory {0}", view);
                    deleteTree(view);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot prune stale mirror directories in {0}: {1}", mirrors, e.toString());
        }
    }

    private static boolean isStale(Path view, Path archives) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(view)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.equals(GoDevIndex.INDEX_FILENAME)) {
                    continue;
                }
                Path archive = archives.resolve(name);
                if (!Files.exists(archive) || !Files.isSameFile(file, archive)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void deleteTemporaries(Path dir) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path leftover : stream) {
                LOG.log(Level.DEBUG, "removing leftover {0}", leftover);
                deleteTree(leftover);
            }
        }
    }

    /**
     * Deletes a file or tree, links deleted and never followed (Files.walk does not follow them), as
     * gosetup-core's FileTrees does; not FileTrees itself, because core's tests depend on the testkit.
     */
    private static void deleteTree(Path path) throws IOException {
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
