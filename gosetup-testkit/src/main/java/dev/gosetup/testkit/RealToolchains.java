package dev.gosetup.testkit;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Finds the real Go toolchains installed on this machine, and lets a test demand them.
 *
 * <p>Sources, in priority order: the {@value #GOROOTS_ENV} environment variable (a {@link File#pathSeparator}
 * separated list of GOROOT directories), {@code go env GOROOT} of a {@code go} found on {@code PATH} (run with
 * a {@value #GO_ENV_TIMEOUT_SECONDS}s timeout; a missing {@code go} is fine), and every {@code /usr/lib/go-1.*}
 * (where Debian's {@code golang-1.NN-go} packages put them). Candidates are deduplicated by real path; those
 * lacking {@code bin/go} or {@code VERSION} are skipped with a warning on this class's {@link System.Logger}.
 *
 * <p>All methods are thread-safe. {@link #discover()} runs the discovery once per JVM and caches the result.
 */
public final class RealToolchains {

    /** Environment variable listing extra GOROOT directories, separated by {@link File#pathSeparator}. */
    public static final String GOROOTS_ENV = "GOSETUP_TEST_GOROOTS";

    /** Environment variable that, when {@code true}, turns a missing toolchain into a test failure. */
    public static final String CI_ENV = "CI";

    /** The script that installs the toolchains the tests expect. */
    public static final String INSTALL_SCRIPT = ".ci/install-toolchains.sh";

    /** The Debian packages {@link #INSTALL_SCRIPT} installs. */
    public static final List<String> DEBIAN_PACKAGES =
            List.of("golang-1.19-go", "golang-1.21-go", "golang-1.22-go", "golang-1.23-go");

    static final int GO_ENV_TIMEOUT_SECONDS = 10;

    private static final System.Logger LOG = System.getLogger(RealToolchains.class.getName());
    private static final Path SYSTEM_DIR = Paths.get("/usr/lib");

    private static volatile List<LocalGoroot> discovered;

    private RealToolchains() {
    }

    /**
     * All toolchains found from the real environment, oldest version first; computed once per JVM.
     *
     * @return the toolchains (possibly several with the same version from different directories), or an empty list
     */
    public static List<LocalGoroot> discover() {
        List<LocalGoroot> result = discovered;
        if (result == null) {
            synchronized (RealToolchains.class) {
                result = discovered;
                if (result == null) {
                    result = discover(System.getenv());
                    discovered = result;
                }
            }
        }
        return result;
    }

    /**
     * Discovers toolchains using the given environment instead of the process's (for {@value #GOROOTS_ENV} and
     * {@code PATH}); not cached.
     *
     * @param env environment variables
     * @return the toolchains found, oldest version first
     */
    public static List<LocalGoroot> discover(Map<String, String> env) {
        return discover(env, SYSTEM_DIR);
    }

    static List<LocalGoroot> discover(Map<String, String> env, Path systemDir) {
        Objects.requireNonNull(env, "env");
        List<Candidate> candidates = new ArrayList<>();
        String listed = env.getOrDefault(GOROOTS_ENV, "");
        for (String entry : listed.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    candidates.add(new Candidate(Paths.get(entry.strip()), GOROOTS_ENV));
                } catch (InvalidPathException e) {
                    LOG.log(Level.WARNING, "ignoring {0} entry ''{1}'': {2}", GOROOTS_ENV, entry, e.getMessage());
                }
            }
        }
        goOnPath(env).flatMap(RealToolchains::gorootOf)
                .ifPresent(goroot -> candidates.add(new Candidate(goroot, "go env GOROOT")));
        candidates.addAll(systemGoroots(systemDir));

        Set<Path> seen = new HashSet<>();
        List<LocalGoroot> found = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Path real;
            try {
                real = candidate.dir().toRealPath();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "skipping GOROOT candidate {0} (from {1}): it does not exist",
                        candidate.dir(), candidate.source());
                continue;
            }
            if (!seen.add(real)) {
                continue;
            }
            try {
                found.add(LocalGoroot.read(candidate.dir()));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "skipping GOROOT candidate {0} (from {1}): {2}",
                        candidate.dir(), candidate.source(), e.getMessage());
            }
        }
        found.sort(LocalGoroot.BY_VERSION);
        LOG.log(Level.DEBUG, "discovered Go toolchains: {0}", found);
        return List.copyOf(found);
    }

    /**
     * Returns at least {@code atLeast} toolchains of distinct versions, oldest first, or ends the calling test.
     *
     * <p>When fewer are installed the test is aborted (reported as skipped) through {@link Assumptions}, except
     * when the environment variable {@value #CI_ENV} is {@code true}: then it fails with an
     * {@link AssertionFailedError} that says which packages to install, because in CI a test that needs a
     * toolchain must never be skipped silently. Of several toolchains with the same version the first found wins
     * ({@value #GOROOTS_ENV} before {@code PATH} before {@code /usr/lib}).
     *
     * @param atLeast minimum number of distinct versions the test needs (at least 1)
     * @return every distinct-version toolchain found (possibly more than {@code atLeast}), oldest first
     * @throws AssertionFailedError in CI when too few are installed
     * @throws org.opentest4j.TestAbortedException elsewhere when too few are installed
     */
    public static List<LocalGoroot> require(int atLeast) {
        return require(atLeast, discover(), System.getenv());
    }

    /**
     * Like {@link #require(int)}, with the toolchains and environment supplied by the caller (for testing the
     * skip-versus-fail decision).
     *
     * @param atLeast    minimum number of distinct versions
     * @param toolchains the toolchains available
     * @param env        environment variables; only {@value #CI_ENV} is read
     * @return the distinct-version toolchains, oldest first
     */
    public static List<LocalGoroot> require(int atLeast, List<LocalGoroot> toolchains, Map<String, String> env) {
        if (atLeast < 1) {
            throw new IllegalArgumentException("atLeast must be >= 1, was " + atLeast);
        }
        Map<String, LocalGoroot> byVersion = new LinkedHashMap<>();
        for (LocalGoroot goroot : toolchains) {
            LocalGoroot first = byVersion.putIfAbsent(goroot.version(), goroot);
            if (first != null) {
                LOG.log(Level.DEBUG, "{0} in {1} shadows the same version in {2}",
                        goroot.version(), first.goroot(), goroot.goroot());
            }
        }
        List<LocalGoroot> distinct = new ArrayList<>(byVersion.values());
        distinct.sort(LocalGoroot.BY_VERSION);
        if (distinct.size() < atLeast) {
            String message = missingMessage(atLeast, distinct);
            if ("true".equalsIgnoreCase(env.getOrDefault(CI_ENV, "").strip())) {
                throw new AssertionFailedError(message + " Tests needing real toolchains must not be skipped in CI ("
                        + CI_ENV + "=true).");
            }
            Assumptions.assumeTrue(false, message);
        }
        return List.copyOf(distinct);
    }

    private static String missingMessage(int atLeast, List<LocalGoroot> found) {
        String have = found.isEmpty() ? "none"
                : found.stream().map(g -> g.version() + " at " + g.goroot()).collect(Collectors.joining(", "));
        return "This test needs at least " + atLeast + " real Go toolchain(s) of distinct versions, found "
                + found.size() + " (" + have + "). Install them with 'sudo " + INSTALL_SCRIPT
                + "' (Debian packages " + String.join(", ", DEBIAN_PACKAGES)
                + "), or list GOROOT directories in " + GOROOTS_ENV + ".";
    }

    private static Optional<Path> goOnPath(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        String exe = HostPlatform.goos().equals("windows") ? "go.exe" : "go";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            try {
                Path candidate = Paths.get(dir).resolve(exe);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // A malformed PATH entry cannot hold a go binary.
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> gorootOf(Path go) {
        Path output = null;
        try {
            output = Files.createTempFile("gosetup-testkit-goroot", ".txt");
            ProcessBuilder pb = new ProcessBuilder(List.of(go.toString(), "env", "GOROOT"))
                    .directory(new File(System.getProperty("java.io.tmpdir")))
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
            // Never let a go.mod toolchain line make this go download another toolchain.
            pb.environment().put("GOTOOLCHAIN", "local");
            pb.environment().remove("GOFLAGS");
            Process process = pb.start();
            if (!process.waitFor(GO_ENV_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.log(Level.WARNING, "''{0} env GOROOT'' did not finish within {1}s; ignoring it",
                        go, GO_ENV_TIMEOUT_SECONDS);
                return Optional.empty();
            }
            String goroot = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || goroot.isEmpty()) {
                LOG.log(Level.WARNING, "''{0} env GOROOT'' failed (exit {1}); ignoring it", go, process.exitValue());
                return Optional.empty();
            }
            return Optional.of(Paths.get(goroot));
        } catch (IOException | InvalidPathException e) {
            LOG.log(Level.WARNING, "cannot run ''{0} env GOROOT'': {1}", go, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "cannot delete {0}: {1}", output, e);
                }
            }
        }
    }

    private static String nullDevice() {
        return HostPlatform.goos().equals("windows") ? "NUL" : "/dev/null";
    }

    private static List<Candidate> systemGoroots(Path systemDir) {
        List<Path> dirs = new ArrayList<>();
        if (Files.isDirectory(systemDir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(systemDir, "go-1.*")) {
                stream.forEach(dirs::add);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot list {0}: {1}", systemDir, e.toString());
            }
        }
        dirs.sort(null);
        return dirs.stream().map(d -> new Candidate(d, systemDir + "/go-1.*")).collect(Collectors.toList());
    }

    private record Candidate(Path dir, String source) {
    }
}
