package dev.gosetup.core.install;

import dev.gosetup.api.ArchiveKind;
import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.DiscoveredToolchain;
import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Release;
import dev.gosetup.api.ReleaseFile;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.UserHome;
import dev.gosetup.api.VerificationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.core.archive.SafeExtractor;
import dev.gosetup.core.discover.ToolchainDiscoverer;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.core.proxy.ModuleSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Installs Go toolchains from go.dev's official archives (or a mirror of them) into a
 * {@link ToolchainStore}, and the facade embedders call: {@code ensure(spec, listener, cancel)}
 * returns a ready toolchain, installing it first when needed.
 *
 * <p>An install resolves the spec against the release index, takes the toolchain's lock, downloads
 * the archive (resuming a partial one, falling back through the mirrors in order), checks its size
 * and SHA-256 against the index — the only trusted source of checksums; mirrors are not trusted —
 * extracts it with {@link SafeExtractor} into a staging directory, checks the layout and that the
 * staged {@code go version} reports the expected release (when the toolchain is for this host), and
 * renames it into place. Nothing is visible as installed before that rename.
 *
 * <p>With {@link ToolchainSource#PROXY} the toolchain comes instead as the module
 * {@code golang.org/toolchain} through the GOPROXY list, its zip verified against the checksum
 * database (GOSUMDB) before it is unpacked into the same staging directory; the {@code go version}
 * check and the commit are the same. {@link ToolchainSource#AUTO} tries the index, then the proxy.
 *
 * <p>Immutable and thread-safe; several instances and several processes may share one store.
 */
public final class GoInstaller implements ToolchainInstaller {
    /** go.dev's JSON index of every release. */
    public static final URI DEFAULT_INDEX = URI.create("https://go.dev/dl/?mode=json&include=all");
    /** Where go.dev's download links point. */
    public static final URI DEFAULT_MIRROR = URI.create("https://dl.google.com/go/");
    /** How long a cached index is used before it is refreshed. */
    public static final Duration DEFAULT_INDEX_TTL = Duration.ofHours(1);

    private static final System.Logger LOG = System.getLogger(GoInstaller.class.getName());
    private static final Duration GO_VERSION_TIMEOUT = Duration.ofSeconds(60);

    private final ToolchainStore store;
    private final URI indexUri;
    private final List<URI> mirrors;
    private final Platform platform;
    private final Platform host;
    private final boolean offline;
    private final HttpDownloader http;
    private final long maxExpandedBytes;
    private final Clock clock;
    private final IndexSource index;
    private final ToolchainDiscoverer discoverer;
    private final DiscoveryContext discoveryContext;
    private final ToolchainSource source;
    private final Optional<ToolchainModuleSource> modules;

    private GoInstaller(Builder b) {
        this.discoverer = b.discoverer;
        this.discoveryContext = b.discoveryContext;
        this.store = new ToolchainStore(b.home);
        this.indexUri = b.indexUri;
        this.mirrors = List.copyOf(b.mirrors);
        this.platform = b.platform;
        this.host = b.host;
        this.offline = b.offline;
        this.http = b.http;
        this.maxExpandedBytes = b.maxExpandedBytes;
        this.clock = b.clock;
        this.index = new IndexSource(indexUri, store.home().indexDirectory(), b.indexTtl, clock, uri -> http.fetch(uri));
        this.source = b.source;
        this.modules = b.moduleSettings.map(settings -> new ToolchainModuleSource(settings, b.insecureNoSumDb,
                store.root().resolve("sumdb"), http, platform, store::downloadPath, events -> extractor(events, null)));
    }

    /**
     * Starts a builder whose defaults come from the process environment and system properties.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(System.getenv());
    }

    /**
     * Starts a builder whose defaults come from the given environment (and system properties),
     * for callers that run gosetup on behalf of another environment, and for tests.
     *
     * @param environment the environment variables to read {@code GOSETUP_*} settings from
     * @return a builder
     */
    public static Builder builder(Map<String, String> environment) {
        return new Builder(environment);
    }

    @Override
    public String id() {
        return "official";
    }

    /**
     * Returns the store this installer installs into.
     *
     * @return the store
     */
    public ToolchainStore store() {
        return store;
    }

    /**
     * Returns the platform this installer installs toolchains for.
     *
     * @return the target platform
     */
    public Platform platform() {
        return platform;
    }

    /**
     * Returns the release index (from the cache when fresh, or offline).
     *
     * @return the releases, newest first
     */
    public List<Release> releases() {
        return index.releases(offline);
    }

    @Override
    public Toolchain ensure(VersionSpec spec, InstallListener listener, CancellationToken cancel) {
        Objects.requireNonNull(spec, "spec");
        InstallListener events = SafeListener.wrap(listener);
        events.resolving(spec);
        if (spec instanceof VersionSpec.Exact exact) {
            // The warm path: an exact version already installed needs no index and no network.
            Optional<Toolchain> installed = store.installed(exact.version(), platform);
            if (installed.isEmpty() && discoverer != null) {
                installed = store.external(exact.version(), platform);
            }
            if (installed.isPresent()) {
                events.done(installed.get(), true);
                return installed.get();
            }
        }
        if (discoverer != null) {
            Optional<Toolchain> local = find(spec).or(() -> reuseDiscovered(spec));
            if (local.isPresent()) {
                events.done(local.get(), true);
                return local.get();
            }
        }
        return switch (source) {
            case INDEX -> ensureFromIndex(spec, events, cancel);
            case PROXY -> ensureFromProxy(spec, events, cancel);
            case AUTO -> {
                try {
                    yield ensureFromIndex(spec, events, cancel);
                } catch (NetworkException | NotFoundException e) {
                    LOG.log(Level.WARNING, () -> "the release index failed (" + e.getMessage() + "); trying the module proxy");
                    try {
                        yield ensureFromProxy(spec, events, cancel);
                    } catch (GoSetupException p) {
                        p.addSuppressed(e);
                        throw p;
                    }
                }
            }
        };
    }

    /**
     * Returns where this installer gets toolchains from.
     *
     * @return the source
     */
    public ToolchainSource source() {
        return source;
    }

    private Toolchain ensureFromProxy(VersionSpec spec, InstallListener events, CancellationToken cancel) {
        ToolchainModuleSource proxy = modules.orElseThrow();
        proxy.checkSettings();
        GoVersion version;
        if (spec instanceof VersionSpec.Exact exact && !exact.version().isLanguageVersion()) {
            version = exact.version();
        } else {
            if (offline) {
                throw new NotFoundException("the module proxy cannot be asked which releases match \"" + spec
                        + "\" (offline)", List.of("ask for an exact version that is installed, or run without --offline"));
            }
            List<Release> releases = proxy.releases(cancel);
            version = spec.resolve(releases).map(Release::version).orElseThrow(() -> new NotFoundException(
                    "no toolchain module for " + platform + " matches \"" + spec + "\" in the module proxy's list ("
                            + releases.stream().limit(8).map(r -> r.version().toString()).collect(Collectors.joining(", "))
                            + (releases.isEmpty() ? "empty" : "") + ")",
                    List.of("ask for one of the listed versions")));
        }
        Optional<Toolchain> installed = store.installed(version, platform);
        if (installed.isPresent()) {
            events.done(installed.get(), true);
            return installed.get();
        }
        if (offline) {
            throw new NotFoundException(version + " is not installed and the module proxy cannot be reached offline",
                    List.of("run the install once without --offline"));
        }
        return install(version, version.toString() + " from the module proxy", staging -> {
            ToolchainModuleSource.Staged staged = proxy.stage(version, staging, events, cancel);
            return new Staged(staged.goroot(), staged.source(), staged.sha256());
        }, events, cancel);
    }

    private Toolchain ensureFromIndex(VersionSpec spec, InstallListener events, CancellationToken cancel) {
        List<Release> releases;
        try {
            releases = index.releases(offline);
        } catch (NetworkException | NotFoundException e) {
            Optional<Toolchain> local = find(spec);
            if (local.isPresent()) {
                String message = "release index unavailable (" + e.getMessage() + "); using installed "
                        + local.get().version();
                LOG.log(Level.DEBUG, message);
                events.warning(message);
                events.done(local.get(), true);
                return local.get();
            }
            throw e;
        }
        Release release = spec.resolve(releases).orElseThrow(() -> noSuchRelease(spec, releases));
        ReleaseFile archive = release.archiveFor(platform).orElseThrow(() -> noArchive(release));
        events.resolved(release, archive);
        Optional<Toolchain> installed = store.installed(release.version(), platform);
        if (installed.isPresent()) {
            events.done(installed.get(), true);
            return installed.get();
        }
        return install(release.version(), archive.filename(), staging -> {
            Download download = fetchAndExtract(archive, staging, events, cancel);
            return new Staged(checkLayout(staging, archive), download.source(), archive.sha256());
        }, events, cancel);
    }

    /** A staged GOROOT, not yet checked by running it, and where it came from. */
    private record Staged(Path goroot, URI source, String sha256) {
    }

    /**
     * The newest intact toolchain on the machine outside the store that matches the spec (as
     * {@link #find} matches installed ones), recorded in the store as external; never changed.
     */
    private Optional<Toolchain> reuseDiscovered(VersionSpec spec) {
        List<Toolchain> usable = new ArrayList<>();
        Map<Toolchain, String> origins = new java.util.HashMap<>();
        for (DiscoveredToolchain d : discoverer.discover(discoveryContext)) {
            d.toolchain().filter(t -> t.platform().equals(platform)).ifPresent(t -> {
                usable.add(t);
                origins.putIfAbsent(t, d.origin());
            });
        }
        List<Release> releases = usable.stream()
                .map(t -> new Release(t.version(), !t.version().isPrerelease(), List.of())).distinct().toList();
        Optional<Toolchain> chosen = spec.resolve(releases)
                .flatMap(r -> usable.stream().filter(t -> t.version().equals(r.version())).findFirst());
        chosen.ifPresent(t -> {
            LOG.log(Level.DEBUG, () -> "reusing " + t.goroot() + " (" + origins.get(t) + ") for " + spec);
            store.recordExternal(new ToolchainStore.External(t, origins.get(t), clock.instant()));
        });
        return chosen;
    }

    @Override
    public Optional<Toolchain> find(VersionSpec spec) {
        List<Release> local = store.list().stream()
                .filter(t -> t.toolchain().platform().equals(platform))
                .map(t -> new Release(t.toolchain().version(), !t.toolchain().version().isPrerelease(), List.of()))
                .toList();
        return spec.resolve(local).flatMap(r -> store.installed(r.version(), platform));
    }

    @Override
    public List<InstalledToolchain> installed() {
        return store.list();
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block; its body need not touch it
    public boolean uninstall(GoVersion version) {
        String id = Toolchain.idOf(version, platform);
        store.cleanDebris();
        try (ToolchainStore.Lock lock = store.lock(id)) {
            boolean wasCurrent = store.currentId().filter(id::equals).isPresent();
            boolean removed = store.remove(id);
            if (removed && wasCurrent) {
                store.clearCurrent();
            }
            // A reused external toolchain is only forgotten: its GOROOT belongs to its own manager.
            return store.forgetExternal(id) || removed;
        }
    }

    /**
     * Makes an installed toolchain the default one ({@code current} in the store).
     *
     * @param spec which installed toolchain; the newest installed match is used
     * @return the toolchain now current
     * @throws NotFoundException when no installed toolchain matches
     */
    public Toolchain use(VersionSpec spec) {
        Toolchain toolchain = find(spec).orElseThrow(() -> new NotFoundException(
                "no installed toolchain matches \"" + spec + "\"; installed: " + installedList(),
                List.of("install it first: gosetup install " + spec)));
        // Under the toolchain's lock, which uninstall holds while removing it: current never
        // points at a toolchain being removed.
        try (ToolchainStore.Lock lock = store.lock(toolchain.id())) {
            if (store.installed(toolchain.version(), toolchain.platform()).isEmpty()) {
                throw new NotFoundException(toolchain.id() + " was uninstalled while it was being made the default",
                        List.of("install it again: gosetup install " + toolchain.version()));
            }
            store.use(toolchain);
        }
        return toolchain;
    }

    /**
     * Returns the default toolchain chosen with {@link #use(VersionSpec)}, if it is still installed.
     *
     * @return the current toolchain, or empty
     */
    public Optional<Toolchain> current() {
        return store.currentId().flatMap(id -> store.list().stream()
                .map(InstalledToolchain::toolchain)
                .filter(t -> t.id().equals(id))
                .findFirst());
    }

    /**
     * Removes old toolchains of this installer's platform. With {@code keepNewest} 0 it keeps the
     * newest patch release of each minor line (go1.21.13 and go1.22.12, not go1.22.5); with a
     * positive {@code keepNewest} it keeps that many newest releases. The current toolchain is
     * always kept.
     *
     * @param keepNewest 0 for one per minor line, or how many newest to keep
     * @return the toolchains removed
     */
    public List<Toolchain> prune(int keepNewest) {
        if (keepNewest < 0) {
            throw new IllegalArgumentException("keepNewest must be 0 or more, got " + keepNewest);
        }
        List<Toolchain> mine = store.list().stream().map(InstalledToolchain::toolchain)
                .filter(t -> t.platform().equals(platform)).toList();
        Optional<String> current = store.currentId();
        List<Toolchain> removed = new ArrayList<>();
        java.util.Set<GoVersion> linesKept = new java.util.HashSet<>();
        int kept = 0;
        for (Toolchain t : mine) { // newest first
            boolean keep = keepNewest > 0 ? kept < keepNewest : linesKept.add(t.version().language());
            if (keep) {
                kept++;
            } else if (current.filter(t.id()::equals).isEmpty() && uninstall(t.version())) {
                removed.add(t);
            }
        }
        return List.copyOf(removed);
    }

    private String installedList() {
        List<InstalledToolchain> all = store.list();
        return all.isEmpty() ? "none" : all.stream().map(t -> t.toolchain().version().toString())
                .collect(Collectors.joining(", "));
    }

    @SuppressWarnings("try") // the lock is held for the block; its body need not touch it
    private Toolchain install(GoVersion version, String what, java.util.function.Function<Path, Staged> stager,
            InstallListener events, CancellationToken cancel) {
        String id = Toolchain.idOf(version, platform);
        store.cleanDebris();
        try (ToolchainStore.Lock lock = store.lock(id)) {
            Optional<Toolchain> raced = store.installed(version, platform);
            if (raced.isPresent()) {
                // Another thread or process installed it while we waited for the lock.
                events.done(raced.get(), true);
                return raced.get();
            }
            store.cleanStaging(id);
            Path staging = store.newStaging(id);
            try {
                Staged staged = stager.apply(staging);
                Path stagedGoroot = staged.goroot();
                if (platform.equals(host)) {
                    checkGoVersion(stagedGoroot, version, what, cancel);
                } else {
                    events.skipped("go version", "the toolchain is for " + platform + " and cannot run on this "
                            + host + " host; its SHA-256 was checked before it was unpacked (" + what + ")");
                }
                cancel.throwIfCancelled("install of " + version);
                Toolchain toolchain = new Toolchain(version, platform, store.gorootOf(id));
                events.committing(toolchain.goroot());
                store.commit(stagedGoroot, new InstalledToolchain(toolchain, staged.source(), staged.sha256(),
                        clock.instant()));
                LOG.log(Level.DEBUG, () -> "installed " + id + " from " + staged.source());
                events.done(toolchain, false);
                return toolchain;
            } finally {
                deleteQuietly(staging);
            }
        }
    }

    private record Download(Path file, URI source, HttpDownloader.Result result) {
    }

    /**
     * Puts the archive's contents into {@code staging} and returns the verified archive. A cached
     * archive is checked and extracted; otherwise a tar.gz is extracted while it downloads (the
     * download runs on a thread of its own), and a zip, which needs its central directory, after.
     * Either way the size and SHA-256 are checked against the index before this returns, and a
     * mismatch wins over any extraction error: it is the more fundamental fault.
     */
    private Download fetchAndExtract(ReleaseFile archive, Path staging, InstallListener events, CancellationToken cancel) {
        Path cached = store.downloadPath(archive.filename());
        if (Files.isRegularFile(cached)) {
            events.verifying(archive);
            if (size(cached) == archive.size() && sha256(cached).equals(archive.sha256())) {
                extract(cached, archive, staging, events, cancel);
                return new Download(cached, cached.toUri(), new HttpDownloader.Result(archive.size(), archive.sha256()));
            }
            String message = "cached archive " + cached + " does not match the index; downloading it again";
            LOG.log(Level.DEBUG, message);
            events.warning(message);
            deleteQuietly(cached);
        }
        if (offline) {
            throw new NotFoundException(archive.filename() + " is not in the download cache " + cached.getParent()
                    + " (offline)", List.of("run the install once without --offline"));
        }
        Path part = cached.resolveSibling(archive.filename() + ".part");
        if (archive.filename().endsWith(ArchiveKind.ZIP.extension())) {
            Download download = keep(verify(archive, download(archive, part, events, cancel), events), cached);
            extract(download.file(), archive, staging, events, cancel);
            return download;
        }

        GrowingFileInputStream growing = new GrowingFileInputStream(part, cancel);
        InstallListener feeding = new Feeding(events, growing);
        CompletableFuture<Download> downloading = new CompletableFuture<>();
        Thread downloader = new Thread(() -> {
            try {
                Download d = download(archive, part, feeding, cancel);
                growing.finish(d.result().size());
                downloading.complete(d);
            } catch (Throwable e) {
                growing.finish(-1);
                downloading.completeExceptionally(e);
            }
        }, "gosetup-download-" + archive.filename());
        downloader.setDaemon(true);
        downloader.start();

        RuntimeException extractionFailure = null;
        try (Counting in = new Counting(growing)) {
            extractor(events, cancel, in, archive.size()).extractTarGz(in, archive.filename(), staging);
        } catch (RuntimeException e) {
            extractionFailure = e;
        } catch (IOException e) {
            extractionFailure = new UncheckedIOException(e);
        }
        Download download = keep(verify(archive, join(downloading, downloader), events), cached);
        if (growing.restarted()) {
            // The server ignored a resume request and the file started over: extract the whole, verified file.
            clearDirectory(staging);
            extract(download.file(), archive, staging, events, cancel);
        } else if (extractionFailure != null) {
            throw extractionFailure instanceof java.util.concurrent.CancellationException
                    ? new CancelledException("extraction of " + archive.filename() + " was cancelled", List.of())
                    : extractionFailure;
        }
        return download;
    }

    private static Download join(CompletableFuture<Download> downloading, Thread downloader) {
        try {
            return downloading.get();
        } catch (InterruptedException e) {
            downloader.interrupt();
            Thread.currentThread().interrupt();
            throw new CancelledException("the install was interrupted", List.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The download relays its events to the install listener and tells the extracting reader how far it got. */
    private record Feeding(InstallListener events, GrowingFileInputStream growing) implements InstallListener {
        @Override
        public void downloadStarted(URI uri, long offset, long total) {
            growing.started(offset);
            events.downloadStarted(uri, offset, total);
        }

        @Override
        public void downloadProgress(long bytes, long total) {
            growing.progress(bytes);
            events.downloadProgress(bytes, total);
        }

        @Override
        public void retrying(URI uri, int attempt, Duration delay, String reason) {
            events.retrying(uri, attempt, delay, reason);
        }

        @Override
        public void warning(String message) {
            events.warning(message);
        }
    }

    /** Downloads the archive into {@code part} from the first mirror that has it; verifies nothing. */
    private Download download(ReleaseFile archive, Path part, InstallListener events, CancellationToken cancel) {
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI url = mirror.resolve(archive.filename());
            try {
                return new Download(part, url,
                        http.download(url, part, archive.size(), new DownloadEvents(events), cancel::isCancelled));
            } catch (NetworkException | NotFoundException e) {
                LOG.log(Level.DEBUG, () -> "mirror failed: " + e.getMessage());
                if (mirrors.indexOf(mirror) < mirrors.size() - 1) {
                    events.warning("mirror " + mirror + " failed (" + e.getMessage() + "); trying the next one");
                }
                failures.add(e.getMessage());
            } catch (java.util.concurrent.CancellationException e) {
                throw new CancelledException("download of " + url + " was cancelled; the partial file " + part
                        + " is kept to resume", List.of());
            }
        }
        throw new NetworkException("could not download " + archive.filename() + " from any mirror:\n  "
                + String.join("\n  ", failures),
                List.of("check the network and the mirrors (" + mirrors.stream().map(URI::toString)
                        .collect(Collectors.joining(", ")) + ")", "or set GOSETUP_MIRRORS / --mirror to one that works"));
    }

    /** Checks a download against the index: the only trusted source of sizes and checksums. */
    private Download verify(ReleaseFile archive, Download download, InstallListener events) {
        events.verifying(archive);
        HttpDownloader.Result result = download.result();
        if (result.size() != archive.size() || !result.sha256().equals(archive.sha256())) {
            deleteQuietly(download.file());
            throw new VerificationException("checksum mismatch for " + download.source() + ": expected sha256 "
                    + archive.sha256() + " and " + archive.size() + " bytes (from the index " + indexUri
                    + "), got sha256 " + result.sha256() + " and " + result.size() + " bytes; the download was deleted",
                    List.of("the mirror served a different file: try again, or use another --mirror",
                            "if it persists, report it: the mirror may be compromised"));
        }
        return download;
    }

    /** Moves a verified download into the archive cache, for offline reinstalls. */
    private static Download keep(Download download, Path cached) {
        try {
            Files.move(download.file(), cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + download.file() + " to " + cached, e);
        }
        return new Download(cached, download.source(), download.result());
    }

    private static void clearDirectory(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                ToolchainStore.deleteTree(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    private SafeExtractor extractor(InstallListener events, CancellationToken cancel) {
        return extractor(events, cancel, null, 0);
    }

    /**
     * An extractor whose progress also says how far into the archive it has read ({@code read} of
     * {@code size} compressed bytes), the one total known before the files are written.
     */
    private SafeExtractor extractor(InstallListener events, CancellationToken cancel, Counting read, long size) {
        return SafeExtractor.builder()
                .maxExpandedBytes(maxExpandedBytes)
                .progress((entries, bytes) -> {
                    if (read != null) {
                        events.extractionProgress(Math.min(read.count(), size), size);
                    }
                    events.extracting(entries, bytes);
                })
                .cancelled(cancel == null ? () -> Thread.currentThread().isInterrupted() : cancel::isCancelled)
                .build();
    }

    /** Counts the bytes read through it: how much of the compressed archive extraction has consumed. */
    private static final class Counting extends java.io.FilterInputStream {
        private volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }

    private void extract(Path file, ReleaseFile archive, Path staging, InstallListener events, CancellationToken cancel) {
        try {
            ArchiveKind kind = ArchiveKind.ofFileName(archive.filename()).orElseThrow(() -> new VerificationException(
                    archive.filename() + " is neither a .tar.gz nor a .zip archive", List.of()));
            if (kind == ArchiveKind.ZIP) {
                extractor(events, cancel).extractZip(file, archive.filename(), staging);
            } else {
                try (Counting in = new Counting(Files.newInputStream(file))) {
                    extractor(events, cancel, in, archive.size()).extractTarGz(in, archive.filename(), staging);
                }
            }
        } catch (java.util.concurrent.CancellationException e) {
            throw new CancelledException("extraction of " + archive.filename() + " was cancelled", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A Go archive holds exactly one directory, go/, with the go command in go/bin. */
    private Path checkLayout(Path staging, ReleaseFile archive) {
        List<String> top = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            entries.forEach(p -> top.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + staging, e);
        }
        Path goroot = staging.resolve("go");
        Path go = goroot.resolve("bin").resolve("go" + platform.exeSuffix());
        if (!top.equals(List.of("go")) || !Files.isRegularFile(go)) {
            throw new VerificationException(archive.filename() + " is not a Go toolchain archive: expected a single go/"
                    + " directory with bin/go" + platform.exeSuffix() + ", found " + (top.isEmpty() ? "nothing" : top),
                    List.of("check that the index and mirror serve official Go archives"));
        }
        return goroot;
    }

    private void checkGoVersion(Path goroot, GoVersion expected, String what, CancellationToken cancel) {
        Path go = goroot.resolve("bin").resolve("go" + platform.exeSuffix());
        Map<String, Optional<String>> env = new LinkedHashMap<>(Map.of("GOTOOLCHAIN", Optional.of("local"),
                "GOROOT", Optional.empty(), "GOENV", Optional.of("off"), "GOFLAGS", Optional.empty()));
        // Go 1.23+ writes telemetry counters to the user's config directory on every run: keep them
        // in the staging directory, which goes away after the install.
        GoUserDirectories.movedUnder(platform, goroot.getParent().resolve("go-user-dirs"))
                .forEach((k, v) -> env.put(k, Optional.of(v)));
        ProcessResult result = ProcessRunner.run(List.of(go.toString(), "version"), goroot, env,
                GO_VERSION_TIMEOUT, cancel);
        String[] words = result.stdout().trim().split("\\s+");
        String reported = words.length >= 3 && words[0].equals("go") && words[1].equals("version") ? words[2] : "";
        if (!result.succeeded() || !reported.equals(expected.toString())) {
            throw new VerificationException("the toolchain in " + what + " does not report " + expected
                    + ": `go version` printed \"" + (result.stdout() + result.stderr()).strip() + "\" (exit "
                    + result.exitCode() + ")", List.of("the archive is not the release the index names; use another mirror"));
        }
    }

    private NotFoundException noSuchRelease(VersionSpec spec, List<Release> releases) {
        // "Nearby" means the same minor line when the spec names one, else the newest stable releases.
        Optional<GoVersion> asked = spec instanceof VersionSpec.Exact e ? Optional.of(e.version())
                : spec instanceof VersionSpec.Line l && l.minor() >= 0 ? Optional.of(GoVersion.of(l.major(), l.minor(), 0))
                : Optional.empty();
        List<Release> lineReleases = asked.map(v -> releases.stream().filter(r -> r.version().sameLanguage(v))
                .limit(12).toList()).orElse(List.of());
        List<String> sameLine = lineReleases.stream().map(r -> r.version().toString()).toList();
        if (!lineReleases.isEmpty() && lineReleases.stream().noneMatch(Release::stable)) {
            return new NotFoundException("no stable Go release matches \"" + spec + "\" in " + indexUri
                    + "; only pre-releases of that line are there: " + String.join(", ", sameLine),
                    List.of("a pre-release is used only when asked for by its exact name: gosetup install "
                            + sameLine.get(0)));
        }
        String nearby = !sameLine.isEmpty() ? "; releases of that line: " + String.join(", ", sameLine)
                : "; newest stable releases: " + releases.stream().filter(Release::stable).limit(8)
                        .map(r -> r.version().toString()).collect(Collectors.joining(", "));
        return new NotFoundException("no Go release matches \"" + spec + "\" in " + indexUri
                + (releases.isEmpty() ? " (the index is empty)" : nearby),
                List.of("ask for one of the listed versions, or see them all with `gosetup list --remote --all`"));
    }

    private NotFoundException noArchive(Release release) {
        String platforms = release.files().stream()
                .filter(f -> f.kind() == ReleaseFile.Kind.ARCHIVE)
                .map(f -> f.os() + "-" + f.arch()).distinct().sorted().collect(Collectors.joining(", "));
        return new NotFoundException(release.version() + " has no archive for " + platform
                + (platforms.isEmpty() ? "" : "; it has archives for " + platforms),
                List.of("choose another version, or another --os/--arch"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            ToolchainStore.deleteTree(path);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot delete " + path + ": " + e.getMessage() + "; the next install removes it");
        }
    }

    /** Relays the HTTP client's events to the install listener. */
    record DownloadEvents(InstallListener events) implements HttpDownloader.Listener {
        @Override
        public void started(URI uri, long offset, long total) {
            events.downloadStarted(uri, offset, total);
        }

        @Override
        public void progress(long bytes, long total) {
            events.downloadProgress(bytes, total);
        }

        @Override
        public void retrying(URI uri, int attempt, Duration delay, String reason) {
            // The downloader numbers the coming attempt (2 for the first retry); a listener is told the failed one.
            events.retrying(uri, attempt - 1, delay, reason);
        }
    }

    /**
     * Reads an index or mirror location as a person writes it: a URL, or a plain file path
     * (relative, absolute, or with a Windows drive letter), which becomes a {@code file:} URL.
     *
     * @param text the location
     * @param setting where it came from, for the message, e.g. {@code "--index"}
     * @return the URL
     * @throws InvalidConfigurationException when it is neither a URL nor a path
     */
    public static URI location(String text, String setting) {
        try {
            boolean drivePath = text.matches("^[a-zA-Z]:[\\\\/].*");
            if (!drivePath && text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                return new URI(text);
            }
            return Path.of(text).toAbsolutePath().toUri();
        } catch (java.net.URISyntaxException | java.nio.file.InvalidPathException e) {
            throw new InvalidConfigurationException(setting + ": \"" + HttpDownloader.redact(text)
                    + "\" is neither a URL nor a path: " + HttpDownloader.redact(e.getMessage()),
                    List.of("write a URL like https://go.dev/dl/?mode=json&include=all, or a file path"));
        }
    }

    /**
     * Configures a {@link GoInstaller}. Each setting comes from, in order: the builder method, a
     * system property, an environment variable, the default.
     *
     * <table>
     * <caption>Settings</caption>
     * <tr><th>setting</th><th>property</th><th>environment</th><th>default</th></tr>
     * <tr><td>home</td><td>gosetup.home</td><td>GOSETUP_HOME</td><td>{@link ToolchainStore#defaultRoot}</td></tr>
     * <tr><td>index</td><td>gosetup.index.url</td><td>GOSETUP_INDEX_URL</td><td>{@link #DEFAULT_INDEX}</td></tr>
     * <tr><td>mirrors</td><td>gosetup.mirrors</td><td>GOSETUP_MIRRORS (comma or space separated)</td>
     * <td>{@link #DEFAULT_MIRROR}</td></tr>
     * </table>
     */
    public static final class Builder {
        private final Map<String, String> env;
        private Path home;
        private URI indexUri;
        private List<URI> mirrors;
        private Platform platform;
        private Platform host = Platform.current();
        private boolean offline;
        private boolean allowInsecureHttp;
        private HttpDownloader http;
        private long maxExpandedBytes = SafeExtractor.DEFAULT_MAX_EXPANDED_BYTES;
        private Duration indexTtl = DEFAULT_INDEX_TTL;
        private Clock clock = Clock.systemUTC();
        private ToolchainDiscoverer discoverer;
        private DiscoveryContext discoveryContext;
        private ToolchainSource source;
        private Optional<ModuleSettings> moduleSettings = Optional.empty();
        private boolean insecureNoSumDb;

        private Builder(Map<String, String> environment) {
            this.env = Map.copyOf(environment);
        }

        /**
         * Sets the store root.
         *
         * @param home the directory; created owner-only when missing
         * @return this builder
         * @throws InvalidConfigurationException when the path is empty
         */
        public Builder home(Path home) {
            if (Objects.requireNonNull(home, "home").toString().isBlank()) {
                throw new InvalidConfigurationException("the store home is an empty path, which would put the store"
                        + " in whatever directory gosetup runs from",
                        List.of("give a directory, e.g. --home ~/.local/share/gosetup, or leave the option out"));
            }
            this.home = home;
            return this;
        }

        /**
         * Sets the release index URL ({@code https:}, loopback {@code http:}, or {@code file:}).
         *
         * @param index the URL
         * @return this builder
         */
        public Builder index(URI index) {
            this.indexUri = Objects.requireNonNull(index, "index");
            return this;
        }

        /**
         * Sets the mirrors to download archives from, tried in order. Each is the URL of a directory:
         * the archive's file name is appended to it.
         *
         * @param mirrors the mirrors; at least one
         * @return this builder
         */
        public Builder mirrors(List<URI> mirrors) {
            if (mirrors.isEmpty()) {
                throw new IllegalArgumentException("at least one mirror is needed");
            }
            this.mirrors = mirrors.stream().map(Builder::asDirectory).toList();
            return this;
        }

        /**
         * Sets the platform to install toolchains for; by default this host's. A toolchain for another
         * platform is installed without running its {@code go version}.
         *
         * @param platform the target platform
         * @return this builder
         */
        public Builder platform(Platform platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
            return this;
        }

        /**
         * Uses only what is cached: the index and archives already downloaded.
         *
         * @param offline true for no network access at all
         * @return this builder
         */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Allows plain {@code http:} to hosts other than loopback. Off by default: the archives are
         * verified against the index, but the index itself then travels unprotected.
         *
         * @param allow true to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * Uses a configured HTTP client (timeouts, retries, proxies) instead of the default one.
         *
         * @param downloader the client
         * @return this builder
         */
        public Builder http(HttpDownloader downloader) {
            this.http = Objects.requireNonNull(downloader, "downloader");
            return this;
        }

        /**
         * Sets the most bytes an archive may expand to; a larger one is refused as hostile.
         *
         * @param bytes the limit, default 2 GiB
         * @return this builder
         */
        public Builder maxExpandedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxExpandedBytes must be positive, got " + bytes);
            }
            this.maxExpandedBytes = bytes;
            return this;
        }

        /**
         * Sets how long a cached release index is used before it is fetched again.
         *
         * @param ttl the time to live, default one hour
         * @return this builder
         */
        public Builder indexTtl(Duration ttl) {
            this.indexTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * Sets the clock for receipts and cache ages (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Lets {@code ensure} reuse a Go toolchain already on the machine instead of downloading:
         * when the store holds no match, the newest intact toolchain the discoverer finds that
         * matches the spec (as {@code find} matches installed ones: an exact version, the newest of
         * a line, ...) is returned and recorded in the store as external. gosetup never changes,
         * moves or deletes it; {@code uninstall} only forgets the record. Off by default.
         *
         * @param discoverer finds the toolchains, such as {@link ToolchainDiscoverer#load()}
         * @param context where it looks
         * @return this builder
         */
        public Builder reuse(ToolchainDiscoverer discoverer, DiscoveryContext context) {
            this.discoverer = Objects.requireNonNull(discoverer, "discoverer");
            this.discoveryContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Sets where toolchains come from: go.dev's index, the module proxy, or the index then the proxy.
         *
         * @param source the source; by default {@code $GOSETUP_SOURCE} (property {@code gosetup.source}), else index
         * @return this builder
         */
        public Builder source(ToolchainSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Sets the module settings (GOPROXY, GOSUMDB, GONOSUMDB, GOPRIVATE ...) the proxy source follows; by
         * default they are read as go reads them: the environment, then Go's env file
         * ({@link ModuleSettings#goVariables}).
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder moduleSettings(ModuleSettings settings) {
            this.moduleSettings = Optional.of(settings);
            return this;
        }

        /**
         * Lets the proxy source install a toolchain that no checksum database vouches for when GOSUMDB=off.
         * Off by default: with GOSUMDB=off the proxy source refuses.
         *
         * @param insecure true to allow
         * @return this builder
         */
        public Builder insecureNoSumDb(boolean insecure) {
            this.insecureNoSumDb = insecure;
            return this;
        }

        /**
         * Builds the installer.
         *
         * @return the installer
         * @throws InvalidConfigurationException when a setting from the environment is malformed
         */
        public GoInstaller build() {
            if (platform == null) {
                platform = host;
            }
            if (home == null) {
                String configured = setting("gosetup.home", "GOSETUP_HOME");
                home = configured != null ? Path.of(configured)
                        : GosetupHome.defaultRoot(env, host, UserHome.resolveOrJvm(env, host));
            }
            if (indexUri == null) {
                String configured = setting("gosetup.index.url", "GOSETUP_INDEX_URL");
                indexUri = configured != null ? location(configured, "GOSETUP_INDEX_URL") : DEFAULT_INDEX;
            }
            if (mirrors == null) {
                String configured = setting("gosetup.mirrors", "GOSETUP_MIRRORS");
                mirrors = configured == null ? List.of(DEFAULT_MIRROR)
                        : Arrays.stream(configured.split("[,\\s]+")).filter(s -> !s.isBlank())
                                .map(s -> asDirectory(location(s, "GOSETUP_MIRRORS"))).toList();
                if (mirrors.isEmpty()) {
                    mirrors = List.of(DEFAULT_MIRROR);
                }
            }
            if (http == null) {
                http = HttpDownloader.builder().allowInsecureHttp(allowInsecureHttp).environment(env).build();
            }
            for (URI uri : concat(indexUri, mirrors)) {
                http.checkAllowed(uri);
            }
            if (source == null) {
                String configured = setting("gosetup.source", "GOSETUP_SOURCE");
                source = configured == null ? ToolchainSource.INDEX : ToolchainSource.parse(configured, "GOSETUP_SOURCE");
            }
            if (source != ToolchainSource.INDEX && moduleSettings.isEmpty()) {
                // Go's env file lives in the home of the user gosetup acts for, as `gosetup proxy show` reads it.
                dev.gosetup.api.spi.StoreContext user = dev.gosetup.api.spi.StoreContext.of(env);
                moduleSettings = Optional.of(ModuleSettings.of(ModuleSettings.goVariables(env, user.host().os(),
                        user.home())));
            }
            return new GoInstaller(this);
        }

        private static List<URI> concat(URI first, List<URI> rest) {
            List<URI> all = new ArrayList<>(rest);
            all.add(0, first);
            return all;
        }

        private String setting(String property, String variable) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = env.get(variable);
            }
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static URI asDirectory(URI uri) {
            String text = uri.toString();
            return text.endsWith("/") ? uri : URI.create(text + "/");
        }
    }

    /** Keeps a listener's exceptions from breaking an install. */
    private record SafeListener(InstallListener delegate) implements InstallListener {
        static InstallListener wrap(InstallListener listener) {
            return new SafeListener(Objects.requireNonNull(listener, "listener"));
        }

        private synchronized void guard(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "an install listener threw; ignoring it", e);
            }
        }

        @Override
        public void resolving(VersionSpec spec) {
            guard(() -> delegate.resolving(spec));
        }

        @Override
        public void warning(String message) {
            guard(() -> delegate.warning(message));
        }

        @Override
        public void extractionProgress(long archiveBytes, long archiveSize) {
            guard(() -> delegate.extractionProgress(archiveBytes, archiveSize));
        }

        @Override
        public void resolved(Release release, ReleaseFile archive) {
            guard(() -> delegate.resolved(release, archive));
        }

        @Override
        public void downloadStarted(URI uri, long offset, long total) {
            guard(() -> delegate.downloadStarted(uri, offset, total));
        }

        @Override
        public void downloadProgress(long bytes, long total) {
            guard(() -> delegate.downloadProgress(bytes, total));
        }

        @Override
        public void skipped(String check, String reason) {
            guard(() -> delegate.skipped(check, reason));
        }

        @Override
        public void retrying(URI uri, int attempt, Duration delay, String reason) {
            guard(() -> delegate.retrying(uri, attempt, delay, reason));
        }

        @Override
        public void verifying(ReleaseFile archive) {
            guard(() -> delegate.verifying(archive));
        }

        @Override
        public void extracting(long entries, long bytes) {
            guard(() -> delegate.extracting(entries, bytes));
        }

        @Override
        public void committing(Path goroot) {
            guard(() -> delegate.committing(goroot));
        }

        @Override
        public void done(Toolchain toolchain, boolean alreadyInstalled) {
            guard(() -> delegate.done(toolchain, alreadyInstalled));
        }
    }
}
