package dev.gosetup.core.env;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.UserHome;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.core.internal.FileTrees;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.process.ProcessResult;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A Go environment isolated from the user's: its own owner-only root holding GOPATH, the build
 * and module caches, GOBIN, an empty Go env file and the directories Go writes its configuration
 * and temporary files to, all deleted by {@link #close()}. The toolchain comes from an installer's
 * store, so it is downloaded once per machine, not once per environment.
 *
 * <pre>{@code
 * try (HermeticGo go = HermeticGo.create(VersionSpec.parse("1.22"))) {
 *     go.runner().in(moduleDir).go("test", "./...").requireSuccess();
 * }
 * }</pre>
 *
 * <p>What the environment sets (see {@link #environment()}); every other Go variable is unset in
 * the processes it starts, so nothing leaks in from the caller's shell:
 * <table>
 * <caption>Variables of a hermetic environment</caption>
 * <tr><th>variable</th><th>value</th><th>why</th></tr>
 * <tr><td>GOROOT</td><td>the toolchain's</td><td>consistent with the binary that runs</td></tr>
 * <tr><td>GOPATH, GOMODCACHE, GOBIN</td><td>{@code <root>/go}, {@code <root>/go/pkg/mod}, {@code <root>/go/bin}</td><td>no shared state</td></tr>
 * <tr><td>GOCACHE</td><td>{@code <root>/cache/go-build}, or the shared build cache</td><td>Go's build cache is safe to share and saves minutes</td></tr>
 * <tr><td>GOENV</td><td>{@code <root>/config/go/env}, an empty file</td><td>the user's {@code go env -w} settings must not apply</td></tr>
 * <tr><td>GOTOOLCHAIN</td><td>{@code local}</td><td>never switch to (or download) another toolchain</td></tr>
 * <tr><td>GOFLAGS</td><td>{@code -modcacherw}</td><td>module cache files stay writable, so deletion works</td></tr>
 * <tr><td>GOPROXY</td><td>{@code off}, or {@link Builder#proxy}</td><td>no network unless asked for</td></tr>
 * <tr><td>GOTMPDIR</td><td>{@code <root>/tmp}</td><td>build scratch space goes away with the root</td></tr>
 * <tr><td>XDG_CONFIG_HOME, XDG_CACHE_HOME (Linux, BSD)</td><td>{@code <root>/config}, {@code <root>/cache}</td>
 *     <td>{@code os.UserConfigDir()}: Go 1.23's telemetry counters and anything else written there</td></tr>
 * <tr><td>APPDATA, LOCALAPPDATA (Windows)</td><td>{@code <root>\config}, {@code <root>\cache}</td><td>the same on Windows</td></tr>
 * <tr><td>HOME (macOS only)</td><td>{@code <root>/home}</td>
 *     <td>{@code os.UserConfigDir()} is {@code $HOME/Library/Application Support} there; no other variable moves it</td></tr>
 * <tr><td>(no variable) Go's telemetry mode</td><td>{@code off}, in {@code go/telemetry/mode} of that config directory</td>
 *     <td>its counters would go away with the root, and Go 1.23's detached telemetry child would write into the root
 *     after the go command ended, even while it is being deleted</td></tr>
 * </table>
 *
 * <p>What still comes from the user: {@code HOME} (except on macOS), hence {@code ~/.netrc} and git's
 * configuration, which the go command only reads, and only when it downloads modules (never with
 * the default {@code GOPROXY=off}). {@link Builder#variable} overrides any of the above.
 *
 * <p>Thread-safe; {@link #close()} is idempotent. Processes still running when it is called
 * may make deletion fail; stop them first.
 */
public final class HermeticGo implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HermeticGo.class.getName());

    private final Toolchain toolchain;
    private final Path root;
    private final GoEnvironment environment;
    private final Map<String, String> inherited;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HermeticGo(Toolchain toolchain, Path root, GoEnvironment environment, Map<String, String> inherited) {
        this.toolchain = toolchain;
        this.root = root;
        this.environment = environment;
        this.inherited = inherited;
    }

    /**
     * Creates a hermetic environment with the newest installed-or-installable toolchain matching
     * {@code spec}, from the machine's store (the {@link Builder#installer default installer} of
     * this process's environment: {@code GOSETUP_HOME} and the other {@code GOSETUP_*} settings),
     * in a new temporary root.
     *
     * @param spec the Go version, e.g. {@code 1.22}
     * @return the environment; close it to delete its root
     * @throws GoSetupException (or a subclass) when the toolchain cannot be installed or the root
     *     cannot be created
     */
    public static HermeticGo create(VersionSpec spec) {
        return builder().version(spec).build();
    }

    /**
     * Starts configuring a hermetic environment.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the environment, for {@link GoRunner} or for processes started by other means.
     *
     * @return the Go environment
     */
    public GoEnvironment environment() {
        return environment;
    }

    /**
     * Returns the toolchain.
     *
     * @return the toolchain, installed in its installer's store (not under {@link #root()})
     */
    public Toolchain toolchain() {
        return toolchain;
    }

    /**
     * Returns the owner-only directory this environment owns and {@link #close()} deletes.
     *
     * @return the absolute root
     */
    public Path root() {
        return root;
    }

    /**
     * Returns a runner for this environment, working in {@link #root()}; use
     * {@link GoRunner#in(Path)} for a module's directory.
     *
     * @return the runner
     */
    public GoRunner runner() {
        return GoRunner.of(environment, inherited).in(root);
    }

    /**
     * Runs {@code go} with arguments in {@link #root()}, e.g. {@code go("env", "GOPATH")}.
     *
     * @param args the arguments after {@code go}
     * @return the exit code and output
     * @see GoRunner#go(String...)
     */
    public ProcessResult go(String... args) {
        return runner().go(args);
    }

    /**
     * Deletes the root and everything in it, read-only module cache files included. A shared
     * build cache given to the builder is kept. Idempotent.
     *
     * @throws GoSetupException naming the root when it cannot be deleted completely
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            FileTrees.deleteTree(root);
            LOG.log(Level.DEBUG, () -> "deleted hermetic Go environment " + root);
        } catch (IOException e) {
            throw new GoSetupException("cannot delete the hermetic Go environment " + root + ": " + e,
                    List.of("stop processes still running in it, then delete " + root + " by hand"), e);
        }
    }

    @Override
    public String toString() {
        return "HermeticGo[" + toolchain.version() + " at " + root + "]";
    }

    /**
     * Configures a {@link HermeticGo}: which toolchain (a version from an installer, or a given
     * toolchain), where the root goes, and what to add to the environment. Not thread-safe.
     */
    public static final class Builder {
        private VersionSpec spec;
        private ToolchainInstaller installer;
        private Toolchain toolchain;
        private Path root;
        private Path sharedBuildCache;
        private String proxy = "off";
        private final Map<String, String> variables = new LinkedHashMap<>();
        private InstallListener listener = InstallListener.NOOP;
        private CancellationToken cancel = new CancellationToken();
        private Map<String, String> inherited;
        private Path temporaryDirectory;

        private Builder() {
        }

        /**
         * Sets the directory the root is created in when no {@link #root(Path) root} is given; by
         * default this JVM's {@code java.io.tmpdir}.
         *
         * @param directory an existing directory
         * @return this builder
         */
        public Builder temporaryDirectory(Path directory) {
            this.temporaryDirectory = directory.toAbsolutePath();
            return this;
        }

        /**
         * Sets the Go version to install (or find) with the installer.
         *
         * @param spec the version, e.g. {@code 1.22} or {@code go1.22.5}
         * @return this builder
         */
        public Builder version(VersionSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /**
         * Sets the installer that provides the toolchain. By default, the installer of the
         * {@link #inherited environment given} ({@code GoInstaller.builder(environment).build()}:
         * its {@code GOSETUP_HOME}, {@code GOSETUP_INDEX_URL}, {@code GOSETUP_MIRRORS} and other
         * settings, with the {@code gosetup.*} system properties as {@code GoInstaller} reads them),
         * built once per distinct environment and shared by every environment of this JVM: an
         * installer is immutable and thread-safe, and building one costs start-up time.
         *
         * @param installer the installer
         * @return this builder
         */
        public Builder installer(ToolchainInstaller installer) {
            this.installer = Objects.requireNonNull(installer, "installer");
            return this;
        }

        /**
         * Uses a toolchain that is already installed, instead of asking an installer.
         *
         * @param toolchain the toolchain
         * @return this builder
         */
        public Builder toolchain(Toolchain toolchain) {
            this.toolchain = Objects.requireNonNull(toolchain, "toolchain");
            return this;
        }

        /**
         * Sets the root directory instead of a new temporary one. It must not exist or be empty,
         * since {@link HermeticGo#close()} deletes it.
         *
         * @param root the root
         * @return this builder
         */
        public Builder root(Path root) {
            this.root = root.toAbsolutePath();
            return this;
        }

        /**
         * Shares a build cache (GOCACHE) between environments, e.g. all of a test suite's: Go's
         * build cache is safe for concurrent use and makes repeated builds much faster. It is
         * created owner-only when missing and never deleted by {@link HermeticGo#close()}.
         *
         * @param cache the build cache directory
         * @return this builder
         */
        public Builder sharedBuildCache(Path cache) {
            this.sharedBuildCache = cache.toAbsolutePath();
            return this;
        }

        /**
         * Sets GOPROXY (default {@code off}), e.g. {@code https://proxy.golang.org,direct} or a
         * {@code file://} URL of a directory laid out as a module proxy.
         *
         * @param goproxy the GOPROXY value
         * @return this builder
         */
        public Builder proxy(String goproxy) {
            this.proxy = Objects.requireNonNull(goproxy, "goproxy");
            return this;
        }

        /**
         * Sets one more variable (or overrides one the environment sets, e.g. {@code GOFLAGS}).
         *
         * @param name the variable, not {@code PATH}
         * @param value its value
         * @return this builder
         */
        public Builder variable(String name, String value) {
            variables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the listener that hears the toolchain's installation.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(InstallListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the token that cancels the toolchain's installation.
         *
         * @param cancel the token
         * @return this builder
         */
        public Builder cancellation(CancellationToken cancel) {
            this.cancel = Objects.requireNonNull(cancel, "cancel");
            return this;
        }

        /**
         * Sets the variables processes start from before the Go environment is applied; by
         * default this JVM's environment at {@link #build()} time.
         *
         * @param environment the inherited variables
         * @return this builder
         */
        public Builder inherited(Map<String, String> environment) {
            this.inherited = Map.copyOf(environment);
            return this;
        }

        /**
         * Installs or finds the toolchain, creates the root and its directories owner-only, and
         * writes the empty env file.
         *
         * @return the environment; close it to delete the root
         * @throws IllegalStateException when neither a version nor a toolchain was given
         * @throws InvalidConfigurationException when the given root exists and is not empty
         * @throws GoSetupException (or a subclass) when installation or creating the root fails
         */
        public HermeticGo build() {
            if (toolchain == null && spec == null) {
                throw new IllegalStateException("set a version(...) or a toolchain(...) for the hermetic Go environment");
            }
            Map<String, String> environment = inherited != null ? inherited : System.getenv();
            Toolchain chosen = toolchain != null ? toolchain
                    : (installer != null ? installer : DefaultInstallers.of(environment)).ensure(spec, listener, cancel);
            Path dir = createRoot();
            try {
                Profile layout = Profile.at("hermetic", dir);
                Path gocache = sharedBuildCache != null ? sharedBuildCache : layout.gocache();
                Path config = dir.resolve("config");
                Path cache = dir.resolve("cache");
                Path tmp = dir.resolve("tmp");
                Path goenv = config.resolve("go").resolve("env");
                for (Path d : List.of(layout.gopath(), layout.gomodcache(), layout.gobin(), gocache, goenv.getParent(), cache, tmp)) {
                    PrivateDirectories.create(d);
                }
                Files.write(goenv, new byte[0]);

                Map<String, String> vars = new LinkedHashMap<>(layout.variables());
                vars.put("GOCACHE", gocache.toString());
                vars.put("GOENV", goenv.toString());
                vars.put("GOTOOLCHAIN", "local");
                vars.put("GOFLAGS", "-modcacherw");
                vars.put("GOPROXY", proxy);
                vars.put("GOTMPDIR", tmp.toString());
                if (chosen.platform().os().equals("darwin")) {
                    PrivateDirectories.create(dir.resolve("home"));
                }
                vars.putAll(GoUserDirectories.movedUnder(chosen.platform(), dir));
                GoUserDirectories.turnTelemetryOff(chosen.platform(), dir);
                vars.putAll(variables);
                GoEnvironment goEnvironment = GoEnvironment.of(chosen).withAll(vars);
                HermeticGo go = new HermeticGo(chosen, dir, goEnvironment, environment);
                LOG.log(Level.DEBUG, () -> "created " + go);
                return go;
            } catch (IOException | RuntimeException e) {
                try {
                    FileTrees.deleteTree(dir);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new GoSetupException("cannot set up the hermetic Go environment in " + dir + ": " + e,
                        List.of("check that " + dir.getParent() + " is writable and the disk is not full"), e);
            }
        }

        private Path createRoot() {
            try {
                if (root == null) {
                    Path dir = newTemporaryRoot(temporaryDirectory != null ? temporaryDirectory : UserHome.jvmTempDirectory());
                    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        PrivateDirectories.repair(PrivateDirectories.check(List.of(dir))); // the owner-only ACL on Windows
                    } // else created rwx------ by this process, nothing to check
                    return dir;
                }
                if (Files.exists(root)) {
                    boolean empty;
                    try (Stream<Path> entries = Files.list(root)) {
                        empty = entries.findAny().isEmpty();
                    }
                    if (!empty) {
                        throw new InvalidConfigurationException("the root of a hermetic Go environment must be empty, since "
                                + "closing the environment deletes it: " + root,
                                List.of("choose a directory that does not exist yet, or leave root(...) unset for a temporary one"));
                    }
                    PrivateDirectories.repair(PrivateDirectories.check(List.of(root)));
                    return root;
                }
                return PrivateDirectories.create(root);
            } catch (IOException e) {
                throw new GoSetupException("cannot create the root of a hermetic Go environment"
                        + Optional.ofNullable(root).map(r -> " at " + r).orElse("") + ": " + e,
                        List.of("check that the directory's parent (or the temporary directory, "
                                + (temporaryDirectory != null ? temporaryDirectory : UserHome.jvmTempDirectory())
                                + ") is writable"), e);
            }
        }

        /**
         * Creates {@code gosetup-hermetic-<random>} in a directory, owner-only from the start. Not
         * {@code Files.createTempDirectory}: its SecureRandom costs the first call milliseconds,
         * and the name needs no secrecy, as the directory is created exclusively (a name taken,
         * even by someone else, is skipped) and owner-only.
         */
        private static Path newTemporaryRoot(Path parent) throws IOException {
            boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
            for (int attempt = 0; ; attempt++) {
                Path dir = parent.resolve("gosetup-hermetic-"
                        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)).toAbsolutePath();
                try {
                    return posix ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------"))) : Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= 100) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * The default installers, one per distinct environment and set of {@code gosetup.*} system
     * properties (what {@code GoInstaller.builder(environment)} reads), kept for the JVM's life:
     * building an installer per environment would pay its start-up on every {@link #create}. At
     * most {@value #MAX} are kept; the least recently used goes first.
     */
    static final class DefaultInstallers {
        static final int MAX = 16;
        /** Keyed by [environment, gosetup.* properties]: a list, not a record, whose first hashCode would spin up invokedynamic. */
        private static final Map<List<Map<String, String>>, GoInstaller> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Map<String, String>>, GoInstaller> eldest) {
                return size() > MAX;
            }
        };

        private DefaultInstallers() {
        }

        /** Returns the installer of an environment, building it on first use (outside the cache's lock). */
        static GoInstaller of(Map<String, String> environment) {
            Map<String, String> copy = Map.copyOf(environment);
            List<Map<String, String>> key = List.of(copy, gosetupProperties());
            synchronized (CACHE) {
                GoInstaller cached = CACHE.get(key);
                if (cached != null) {
                    return cached;
                }
            }
            GoInstaller built = GoInstaller.builder(copy).build();
            synchronized (CACHE) {
                return CACHE.computeIfAbsent(key, k -> built); // a racing builder's twin is dropped: they are equal
            }
        }

        private static Map<String, String> gosetupProperties() {
            Map<String, String> found = new java.util.TreeMap<>();
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith("gosetup.")) {
                    found.put(name, System.getProperty(name));
                }
            }
            return found;
        }
    }
}
