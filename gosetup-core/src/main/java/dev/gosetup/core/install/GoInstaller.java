package dev.gosetup.core.install;

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
import dev.gosetup.api.StorageException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.UserHome;
import dev.gosetup.api.VerificationException;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.core.archive.SafeExtractor;
import dev.gosetup.core.discover.ToolchainDiscoverer;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.internal.StorageFailures;
import dev.gosetup.core.proxy.ModuleSettings;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>This class is the facade: it resolves specs, reuses what is installed, and hands installs to
 * the package-private {@code InstallPipeline} (download, verify, extract, commit); its settings,
 * every default resolved, are an {@code InstallerSettings}.
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

    private final InstallerSettings settings;
    private final ToolchainStore store;
    private final IndexSource index;
    private final InstallPipeline pipeline;
    private final Optional<ToolchainModuleSource> modules;

    private GoInstaller(InstallerSettings settings) {
        this.settings = settings;
        this.store = new ToolchainStore(settings.home());
        this.index = new IndexSource(settings.indexUri(), store.home().indexDirectory(), settings.indexTtl(),
                settings.clock(), uri -> settings.http().fetch(uri));
        this.pipeline = new InstallPipeline(settings, store);
        this.modules = settings.moduleSettings().map(moduleSettings -> new ToolchainModuleSource(moduleSettings,
                settings.insecureNoSumDb(), store.root().resolve("sumdb"), settings.http(), settings.platform(),
                store::downloadPath, pipeline::extractor));
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
        return settings.platform();
    }

    /**
     * Returns the release index (from the cache when fresh, or offline).
     *
     * @return the releases, newest first
     */
    public List<Release> releases() {
        return index.releases(settings.offline());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every failure is a {@link GoSetupException} of the kind a caller acts on, naming the file
     * or URL, with its resolutions: {@link NetworkException}, {@link VerificationException},
     * {@link StorageException} (a full disk, a store directory that is not writable),
     * {@link NotFoundException}, {@link InvalidConfigurationException}; never an
     * {@code UncheckedIOException}. The listener hears {@link InstallListener#failed} once, just
     * before the exception is thrown; a cancelled install throws {@link CancelledException}
     * without it. Either way the staging directory is removed and nothing becomes visible as
     * installed; a partial download stays in the download cache to be resumed.
     */
    @Override
    public Toolchain ensure(VersionSpec spec, InstallListener listener, CancellationToken cancel) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(cancel, "cancel");
        InstallListener events = SafeListener.wrap(listener);
        try {
            return resolveAndInstall(spec, events, cancel);
        } catch (CancelledException e) {
            throw e;
        } catch (java.util.concurrent.CancellationException e) {
            throw new CancelledException("install of " + spec + " was cancelled", List.of());
        } catch (GoSetupException e) {
            events.failed(e);
            throw e;
        } catch (UncheckedIOException e) {
            StorageException failure = StorageFailures.of("install " + spec + " into", store.root(), e.getCause());
            events.failed(failure);
            throw failure;
        }
    }

    private Toolchain resolveAndInstall(VersionSpec spec, InstallListener events, CancellationToken cancel) {
        events.resolving(spec);
        if (spec instanceof VersionSpec.Exact exact) {
            // The warm path: an exact version already installed needs no index and no network.
            Optional<Toolchain> installed = store.installed(exact.version(), settings.platform());
            if (installed.isEmpty() && settings.reuse().isPresent()) {
                installed = store.external(exact.version(), settings.platform());
            }
            if (installed.isPresent()) {
                events.done(installed.get(), true);
                return installed.get();
            }
        }
        if (settings.reuse().isPresent()) {
            Optional<Toolchain> local = find(spec).or(() -> reuseDiscovered(spec));
            if (local.isPresent()) {
                events.done(local.get(), true);
                return local.get();
            }
        }
        return switch (settings.source()) {
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
        return settings.source();
    }

    private Toolchain ensureFromProxy(VersionSpec spec, InstallListener events, CancellationToken cancel) {
        ToolchainModuleSource proxy = modules.orElseThrow();
        proxy.checkSettings();
        GoVersion version;
        if (spec instanceof VersionSpec.Exact exact && !exact.version().isLanguageVersion()) {
            version = exact.version();
        } else {
            if (settings.offline()) {
                throw new NotFoundException("the module proxy cannot be asked which releases match \"" + spec
                        + "\" (offline)", List.of("ask for an exact version that is installed, or run without --offline"));
            }
            List<Release> releases = proxy.releases(cancel);
            version = spec.resolve(releases).map(Release::version).orElseThrow(() -> new NotFoundException(
                    "no toolchain module for " + settings.platform() + " matches \"" + spec + "\" in the module proxy's list ("
                            + releases.stream().limit(8).map(r -> r.version().toString()).collect(Collectors.joining(", "))
                            + (releases.isEmpty() ? "empty" : "") + ")",
                    List.of("ask for one of the listed versions")));
        }
        Optional<Toolchain> installed = store.installed(version, settings.platform());
        if (installed.isPresent()) {
            events.done(installed.get(), true);
            return installed.get();
        }
        if (settings.offline()) {
            throw new NotFoundException(version + " is not installed and the module proxy cannot be reached offline",
                    List.of("run the install once without --offline"));
        }
        return pipeline.install(version, version.toString() + " from the module proxy", staging -> {
            ToolchainModuleSource.Staged staged = proxy.stage(version, staging, events, cancel);
            return new InstallPipeline.Staged(staged.goroot(), staged.source(), staged.sha256());
        }, events, cancel);
    }

    private Toolchain ensureFromIndex(VersionSpec spec, InstallListener events, CancellationToken cancel) {
        List<Release> releases;
        try {
            releases = index.releases(settings.offline());
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
        ReleaseFile archive = release.archiveFor(settings.platform()).orElseThrow(() -> noArchive(release));
        events.resolved(release, archive);
        Optional<Toolchain> installed = store.installed(release.version(), settings.platform());
        if (installed.isPresent()) {
            events.done(installed.get(), true);
            return installed.get();
        }
        return pipeline.install(release.version(), archive.filename(),
                staging -> pipeline.stageArchive(archive, staging, events, cancel), events, cancel);
    }

    /**
     * The newest intact toolchain on the machine outside the store that matches the spec (as
     * {@link #find} matches installed ones), recorded in the store as external; never changed.
     */
    private Optional<Toolchain> reuseDiscovered(VersionSpec spec) {
        List<Toolchain> usable = new ArrayList<>();
        Map<Toolchain, String> origins = new java.util.HashMap<>();
        InstallerSettings.Reuse reuse = settings.reuse().orElseThrow();
        for (DiscoveredToolchain d : reuse.discoverer().discover(reuse.context())) {
            d.toolchain().filter(t -> t.platform().equals(settings.platform())).ifPresent(t -> {
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
            store.recordExternal(new ToolchainStore.External(t, origins.get(t), settings.clock().instant()));
        });
        return chosen;
    }

    @Override
    public Optional<Toolchain> find(VersionSpec spec) {
        List<Release> local = store.list().stream()
                .filter(t -> t.toolchain().platform().equals(settings.platform()))
                .map(t -> new Release(t.toolchain().version(), !t.toolchain().version().isPrerelease(), List.of()))
                .toList();
        return spec.resolve(local).flatMap(r -> store.installed(r.version(), settings.platform()));
    }

    @Override
    public List<InstalledToolchain> installed() {
        return store.list();
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block; its body need not touch it
    public boolean uninstall(GoVersion version) {
        String id = Toolchain.idOf(version, settings.platform());
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
                .filter(t -> t.platform().equals(settings.platform())).toList();
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

    private NotFoundException noSuchRelease(VersionSpec spec, List<Release> releases) {
        // "Nearby" means the same minor line when the spec names one, else the newest stable releases.
        Optional<GoVersion> asked = spec instanceof VersionSpec.Exact e ? Optional.of(e.version())
                : spec instanceof VersionSpec.Line l && l.minor() >= 0 ? Optional.of(GoVersion.of(l.major(), l.minor(), 0))
                : Optional.empty();
        List<Release> lineReleases = asked.map(v -> releases.stream().filter(r -> r.version().sameLanguage(v))
                .limit(12).toList()).orElse(List.of());
        List<String> sameLine = lineReleases.stream().map(r -> r.version().toString()).toList();
        if (!lineReleases.isEmpty() && lineReleases.stream().noneMatch(Release::stable)) {
            return new NotFoundException("no stable Go release matches \"" + spec + "\" in " + settings.indexUri()
                    + "; only pre-releases of that line are there: " + String.join(", ", sameLine),
                    List.of("a pre-release is used only when asked for by its exact name: gosetup install "
                            + sameLine.get(0)));
        }
        String nearby = !sameLine.isEmpty() ? "; releases of that line: " + String.join(", ", sameLine)
                : "; newest stable releases: " + releases.stream().filter(Release::stable).limit(8)
                        .map(r -> r.version().toString()).collect(Collectors.joining(", "));
        return new NotFoundException("no Go release matches \"" + spec + "\" in " + settings.indexUri()
                + (releases.isEmpty() ? " (the index is empty)" : nearby),
                List.of("ask for one of the listed versions, or see them all with `gosetup list --remote --all`"));
    }

    private NotFoundException noArchive(Release release) {
        String platforms = release.files().stream()
                .filter(f -> f.kind() == ReleaseFile.Kind.ARCHIVE)
                .map(f -> f.os() + "-" + f.arch()).distinct().sorted().collect(Collectors.joining(", "));
        return new NotFoundException(release.version() + " has no archive for " + settings.platform()
                + (platforms.isEmpty() ? "" : "; it has archives for " + platforms),
                List.of("choose another version, or another --os/--arch"));
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
        private final InstallerSettings.Draft draft;

        private Builder(Map<String, String> environment) {
            this.draft = new InstallerSettings.Draft(environment);
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
            draft.home = home;
            return this;
        }

        /**
         * Sets the release index URL ({@code https:}, loopback {@code http:}, or {@code file:}).
         *
         * @param index the URL
         * @return this builder
         */
        public Builder index(URI index) {
            draft.indexUri = Objects.requireNonNull(index, "index");
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
            draft.mirrors = mirrors.stream().map(InstallerSettings::asDirectory).toList();
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
            draft.platform = Objects.requireNonNull(platform, "platform");
            return this;
        }

        /**
         * Uses only what is cached: the index and archives already downloaded.
         *
         * @param offline true for no network access at all
         * @return this builder
         */
        public Builder offline(boolean offline) {
            draft.offline = offline;
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
            draft.allowInsecureHttp = allow;
            return this;
        }

        /**
         * Uses a configured HTTP client (timeouts, retries, proxies) instead of the default one.
         *
         * @param downloader the client
         * @return this builder
         */
        public Builder http(HttpDownloader downloader) {
            draft.http = Objects.requireNonNull(downloader, "downloader");
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
            draft.maxExpandedBytes = bytes;
            return this;
        }

        /**
         * Sets how long a cached release index is used before it is fetched again.
         *
         * @param ttl the time to live, default one hour
         * @return this builder
         */
        public Builder indexTtl(Duration ttl) {
            draft.indexTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * Sets the clock for receipts and cache ages (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            draft.clock = Objects.requireNonNull(clock, "clock");
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
            draft.reuse = new InstallerSettings.Reuse(discoverer, context);
            return this;
        }

        /**
         * Sets where toolchains come from: go.dev's index, the module proxy, or the index then the proxy.
         *
         * @param source the source; by default {@code $GOSETUP_SOURCE} (property {@code gosetup.source}), else index
         * @return this builder
         */
        public Builder source(ToolchainSource source) {
            draft.source = Objects.requireNonNull(source, "source");
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
            draft.moduleSettings = Optional.of(settings);
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
            draft.insecureNoSumDb = insecure;
            return this;
        }

        /**
         * Builds the installer.
         *
         * @return the installer
         * @throws InvalidConfigurationException when a setting from the environment is malformed
         */
        public GoInstaller build() {
            return new GoInstaller(draft.resolve());
        }
    }
}
