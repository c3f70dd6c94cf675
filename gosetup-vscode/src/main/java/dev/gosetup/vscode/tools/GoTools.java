package dev.gosetup.vscode.tools;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VerificationException;
import dev.gosetup.core.env.GoRunner;
import dev.gosetup.core.env.PrivateDirectories;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.proxy.GoProxyList;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Installs Go tools with {@code go install PACKAGE@VERSION} in a {@link GoEnvironment}, into one
 * {@code GOBIN} directory, and verifies each binary with {@code go version -m} (main package,
 * module and version must be what was asked for).
 *
 * <pre>{@code
 * Path gobin = GoTools.toolsDirectory(installer.store(), toolchain);   // <store>/tools/<toolchain id>/bin
 * InstalledTool dlv = GoTools.of(GoEnvironment.of(toolchain).withAll(moduleSettings), gobin)
 *         .install(GoTool.DLV, Optional.empty(), ToolListener.NOOP, new CancellationToken());
 * }</pre>
 *
 * <p>The environment decides where modules come from (GOPROXY, GOPRIVATE, GONOSUMDB, GOFLAGS...,
 * as the caller's settings say); gosetup adds only {@code GOBIN} and {@code GOTOOLCHAIN=local}, so
 * the chosen toolchain builds the tool and never switches to another one. Without an explicit
 * version the newest release in the tool's table that supports the toolchain and that it can
 * build is chosen ({@link GoTool#choose}). Immutable and thread-safe; installs of one tool into one
 * directory at once are the caller's to avoid (go replaces the binary by rename, so the last one wins).
 */
public final class GoTools {
    /** How long one {@code go install} may take unless {@link #timeout} says otherwise (a cold gopls build is minutes). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private static final System.Logger LOG = System.getLogger(GoTools.class.getName());
    private static final Duration VERSION_M_TIMEOUT = Duration.ofSeconds(30);

    private final GoEnvironment environment;
    private final Path gobin;
    private final Map<String, String> inherited;
    private final Duration timeout;

    private GoTools(GoEnvironment environment, Path gobin, Map<String, String> inherited, Duration timeout) {
        this.environment = environment;
        this.gobin = gobin;
        this.inherited = inherited;
        this.timeout = timeout;
    }

    /**
     * Creates an installer whose go processes inherit this JVM's environment.
     *
     * @param environment the toolchain and Go variables to build with
     * @param gobin the directory the binaries go to; made absolute
     * @return the installer
     */
    public static GoTools of(GoEnvironment environment, Path gobin) {
        return new GoTools(Objects.requireNonNull(environment, "environment"), gobin.toAbsolutePath().normalize(),
                System.getenv(), DEFAULT_TIMEOUT);
    }

    /**
     * Returns gosetup's tools directory for a toolchain: {@code <store>/tools/<toolchain id>/bin}.
     * One directory per toolchain, because which dlv and gopls work depends on the Go version;
     * it lies outside the toolchain's own directory, so reinstalling a toolchain keeps its tools.
     *
     * @param store the toolchain store
     * @param toolchain the toolchain
     * @return the directory (not created)
     */
    public static Path toolsDirectory(ToolchainStore store, Toolchain toolchain) {
        return store.root().resolve("tools").resolve(toolchain.id()).resolve("bin");
    }

    /**
     * Returns a copy whose go processes inherit {@code variables} instead of this JVM's environment.
     *
     * @param variables the inherited variables
     * @return the modified installer
     */
    public GoTools inherited(Map<String, String> variables) {
        return new GoTools(environment, gobin, Map.copyOf(variables), timeout);
    }

    /**
     * Returns a copy whose {@code go install} is killed after {@code limit}.
     *
     * @param limit positive
     * @return the modified installer
     */
    public GoTools timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + limit);
        }
        return new GoTools(environment, gobin, inherited, limit);
    }

    /**
     * Returns the directory binaries are installed into.
     *
     * @return the absolute GOBIN
     */
    public Path gobin() {
        return gobin;
    }

    /**
     * Tells which version {@link #install} would choose without an explicit one.
     *
     * @param tool the tool
     * @return the release
     * @throws NotFoundException naming the tool and the toolchain when no known release fits
     */
    public ToolRelease choose(GoTool tool) {
        GoVersion go = environment.toolchain().version();
        return tool.choose(go).orElseThrow(() -> new NotFoundException("no release of " + tool.name()
                + " that gosetup knows supports " + go + " and can be built by it",
                List.of(tool.releases().isEmpty() ? "give the version to install"
                        : "use a newer Go (gosetup install latest), or give the version to install")));
    }

    /**
     * Installs a tool and verifies it. Blocks while go downloads and builds.
     *
     * @param tool the tool
     * @param version the module version ({@code v1.2.3}), or empty to {@link #choose} one
     * @param listener hears progress
     * @param cancel stops go (killing it) when cancelled
     * @return the verified binary
     * @throws InvalidConfigurationException naming the version when it is not {@code vX.Y.Z}, or when the
     *     environment's GOPROXY holds credentials in a URL (shown redacted), before anything runs
     * @throws NotFoundException when no version is given and none fits
     * @throws GoSetupException with go's own error when {@code go install} fails or times out
     * @throws VerificationException when the binary is not the package, module or version asked for
     * @throws CancelledException when cancelled
     */
    public InstalledTool install(GoTool tool, Optional<String> version, ToolListener listener, CancellationToken cancel) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        environment.get("GOPROXY").ifPresent(GoProxyList::refuseCredentials);
        String chosen = version.map(v -> checkVersion(tool, v)).orElseGet(() -> choose(tool).version());
        PrivateDirectories.create(gobin);
        GoRunner runner = runner(cancel).timeout(timeout).output((stream, line) -> listener.output(line));
        List<String> args = List.of("install", tool.installArgument(chosen));
        listener.installing(tool, chosen, List.of(environment.toolchain().goBinary().toString(), args.get(0), args.get(1)));
        LOG.log(Level.DEBUG, () -> "go install " + tool.installArgument(chosen) + " into " + gobin);
        ProcessResult result = runner.go(args);
        if (!result.succeeded()) {
            throw new GoSetupException("go install " + tool.installArgument(chosen) + " with "
                    + environment.toolchain().version() + " failed (exit " + result.exitCode() + "):\n"
                    + tail(result.stderr()), List.of(
                    "check that the module proxy (GOPROXY=" + environment.get("GOPROXY").map(GoProxyList::redact).orElse("Go's default")
                            + ") serves " + tool.modulePath() + " " + chosen,
                    "run the same go install by hand to see the whole output"));
        }
        Path binary = binary(tool);
        listener.verifying(binary);
        InstalledTool installed = inspect(tool, binary, cancel);
        if (!installed.packagePath().equals(tool.packagePath()) || !installed.modulePath().equals(tool.modulePath())
                || !installed.version().equals(chosen)) {
            throw new VerificationException(binary + " is " + installed.packagePath() + " from " + installed.modulePath()
                    + " " + installed.version() + ", not " + tool.packagePath() + " from " + tool.modulePath() + " "
                    + chosen + " as installed", List.of("delete " + binary + " and install again",
                    "check that GOFLAGS and the module proxy do not replace the module"));
        }
        listener.installed(installed);
        return installed;
    }

    /**
     * Reads what is installed for a tool in {@link #gobin()}.
     *
     * @param tool the tool
     * @param cancel stops {@code go version -m} when cancelled
     * @return the binary and its build information, or empty when there is no binary
     * @throws GoSetupException when the binary exists but go cannot read its build information
     */
    public Optional<InstalledTool> installed(GoTool tool, CancellationToken cancel) {
        Path binary = binary(tool);
        return Files.isRegularFile(binary) ? Optional.of(inspect(tool, binary, cancel)) : Optional.empty();
    }

    private InstalledTool inspect(GoTool tool, Path binary, CancellationToken cancel) {
        ProcessResult result = runner(cancel).timeout(VERSION_M_TIMEOUT).go("version", "-m", binary.toString());
        if (!result.succeeded()) {
            throw new VerificationException("go version -m " + binary + " failed: " + tail(result.stderr()),
                    List.of("delete " + binary + " and install it again"));
        }
        BuildInfo info = BuildInfo.parse(result.stdout(), binary.toString());
        return new InstalledTool(tool.name(), binary, info.packagePath(), info.modulePath(), info.moduleVersion(),
                info.goVersion());
    }

    private GoRunner runner(CancellationToken cancel) {
        GoEnvironment env = environment.with("GOBIN", gobin.toString()).with("GOTOOLCHAIN", "local");
        // Outside any module: go install PKG@VERSION ignores the current module, but a go.work or
        // go.mod around the JVM's working directory must not even be read.
        return GoRunner.of(env, inherited).in(gobin.getParent()).cancellation(cancel);
    }

    private Path binary(GoTool tool) {
        return gobin.resolve(tool.name() + environment.toolchain().platform().exeSuffix());
    }

    private static String checkVersion(GoTool tool, String version) {
        if (!ToolRelease.SEMVER.matcher(version).matches()) {
            throw new InvalidConfigurationException("\"" + version + "\" is not a version of " + tool.name()
                    + ": expected a module version such as v1.2.3",
                    List.of(tool.releases().isEmpty() ? "give an exact version, e.g. v1.0.0"
                            : "give an exact version, e.g. " + tool.releases().get(0).version()
                            + ", or leave it out to choose one that supports the toolchain"));
        }
        return version;
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 4000 ? "..." + t.substring(t.length() - 4000) : t;
    }
}
