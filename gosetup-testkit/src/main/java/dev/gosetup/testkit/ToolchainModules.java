package dev.gosetup.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The real toolchains on this machine as {@code golang.org/toolchain} module zips, the way the go command's
 * {@code GOTOOLCHAIN} switch downloads them through a module proxy ({@code v0.0.1-go1.22.12.linux-amd64}), packed
 * by {@link ModuleZipPacker} and cached like {@link ToolchainMirror}'s archives: under
 * {@code <cache>/modules/}, keyed by the GOROOT's fingerprint, shared by JVMs through a file lock. Packing go1.22
 * takes a few seconds; reuse takes milliseconds. Never modify a returned zip in place: copy it.
 */
public final class ToolchainModules {
    /** The module path of Go toolchains. */
    public static final String MODULE = "golang.org/toolchain";
    /** The go.mod every toolchain module version has. */
    public static final byte[] GO_MOD = ("module " + MODULE + "\n").getBytes(StandardCharsets.UTF_8);

    private static final System.Logger LOG = System.getLogger(ToolchainModules.class.getName());
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private ToolchainModules() {
    }

    /**
     * One toolchain as a module version.
     *
     * @param goVersion e.g. {@code go1.22.12}
     * @param version the module version, e.g. {@code v0.0.1-go1.22.12.linux-amd64}
     * @param zip the cached zip (shared: never modify it)
     * @param zipHash its {@code h1:} hash
     * @param source the GOROOT it was packed from
     */
    public record Module(String goVersion, String version, Path zip, String zipHash, Path source) {
        /** Validates the components. */
        public Module {
            Objects.requireNonNull(goVersion, "goVersion");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(zip, "zip");
            Objects.requireNonNull(zipHash, "zipHash");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * The module version of a Go release for this host.
     *
     * @param goVersion e.g. {@code go1.22.12}
     * @return e.g. {@code v0.0.1-go1.22.12.linux-amd64}
     */
    public static String moduleVersion(String goVersion) {
        return "v0.0.1-" + goVersion + "." + HostPlatform.goos() + "-" + HostPlatform.goarch();
    }

    /**
     * The {@code h1:} hash of a go.mod file as go.sum holds it.
     *
     * @param goMod the file's bytes
     * @return the hash
     */
    public static String goModHash(byte[] goMod) {
        return ModuleZipPacker.hash1(Map.of("go.mod", Sha256.hex(goMod)));
    }

    /**
     * Writes a module zip holding exactly the given entries, names unchecked (for hostile zips).
     *
     * @param entries entry names and contents, in order
     * @param target the zip file to write
     * @return the zip's {@code h1:} hash
     */
    public static String writeZip(Map<String, byte[]> entries, Path target) {
        try {
            return ModuleZipPacker.write(entries, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * The module zips of the given toolchains, in the default cache ({@link ToolchainMirror#defaultCacheRoot()}).
     *
     * @param toolchains the toolchains
     * @return one module each, in the same order
     */
    public static List<Module> of(List<LocalGoroot> toolchains) {
        return of(toolchains, ToolchainMirror.defaultCacheRoot());
    }

    /**
     * The module zips of the given toolchains, cached under {@code cacheRoot}.
     *
     * @param toolchains the toolchains
     * @param cacheRoot the cache root
     * @return one module each, in the same order
     */
    public static List<Module> of(List<LocalGoroot> toolchains, Path cacheRoot) {
        try {
            Path dir = Files.createDirectories(cacheRoot.resolve("modules")).toRealPath();
            ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
            jvmLock.lock();
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var lock = channel.lock()) {
                List<Module> modules = new ArrayList<>();
                for (LocalGoroot goroot : toolchains) {
                    modules.add(packOrReuse(goroot, dir));
                }
                return List.copyOf(modules);
            } finally {
                jvmLock.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build toolchain module zips in " + cacheRoot + ": " + e.getMessage()
                    + " (delete the directory to start over)", e);
        }
    }

    private static Module packOrReuse(LocalGoroot goroot, Path dir) throws IOException {
        String version = moduleVersion(goroot.version());
        Path zip = dir.resolve(version + ".zip");
        Path hashFile = dir.resolve(version + ".zip.h1");
        String key = "module-format=" + ModuleZipPacker.FORMAT + ";" + ToolchainMirror.cacheKey(goroot);
        Optional<CacheManifest> manifest = CacheManifest.read(zip);
        if (manifest.isPresent() && manifest.get().key().equals(key) && Files.isRegularFile(zip)
                && Files.isRegularFile(hashFile) && Files.size(zip) == manifest.get().size()
                && Files.getLastModifiedTime(zip).toMillis() == manifest.get().archiveMtime()) {
            return new Module(goroot.version(), version, zip, Files.readString(hashFile).strip(), goroot.goroot());
        }
        Path tmp = dir.resolve(".tmp-" + version + "-" + UUID.randomUUID());
        long start = System.nanoTime();
        try {
            ModuleZipPacker.Result r = ModuleZipPacker.pack(goroot.goroot(), MODULE, version, tmp);
            Files.deleteIfExists(CacheManifest.pathFor(zip));
            Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(hashFile, r.h1() + "\n");
            long millis = (System.nanoTime() - start) / 1_000_000;
            new CacheManifest(key, zip.getFileName().toString(), r.sha256(), r.size(),
                    Files.getLastModifiedTime(zip).toMillis(), r.entries(), millis).write(zip);
            LOG.log(Level.DEBUG, "packed module {0}@{1} from {2} in {3} ms ({4} files, {5} bytes)", MODULE, version,
                    goroot.goroot(), Long.toString(millis), Integer.toString(r.entries()), Long.toString(r.size()));
            return new Module(goroot.version(), version, zip, r.h1(), goroot.goroot());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
