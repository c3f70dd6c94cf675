package dev.gosetup.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a {@code go} command runs in: a toolchain and the Go variables set for it
 * explicitly (GOROOT, GOPATH, GOCACHE, GOMODCACHE, GOENV, GOBIN, GOPROXY, GOSUMDB, GOPRIVATE,
 * GOFLAGS, GOTOOLCHAIN, CGO_ENABLED, GOOS, GOARCH, ...). {@code PATH} is not a variable here: it
 * is derived, with the toolchain's {@code bin} directory first and then {@code GOBIN} when set.
 *
 * <p>A Go variable that the environment does not set is <em>unset</em> when a process is started
 * from it ({@link #processEnvironment}), so nothing from the caller's shell (a stray
 * {@code GOFLAGS}, a stale {@code GOROOT}) leaks into the command. Variables Go does not own
 * ({@code HOME}, {@code CC}, proxies) pass through unless set here.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return modified copies.
 *
 * @param toolchain the toolchain whose {@code go} runs
 * @param variables the variables set explicitly, sorted by name; never {@code PATH}
 */
public record GoEnvironment(Toolchain toolchain, Map<String, String> variables) {

    /**
     * The variables the {@code go} command owns ({@code go help environment}, plus those it
     * reads only from the OS environment). {@link #processEnvironment} unsets every one of them,
     * and every {@code CGO_*} variable, that the environment does not set.
     */
    public static final Set<String> GO_VARIABLES = Set.of(
            "GO111MODULE", "GOARCH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GODEBUG", "GOENV", "GOFLAGS",
            "GOINSECURE", "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH", "GOPRIVATE", "GOPROXY",
            "GOROOT", "GOSUMDB", "GOTMPDIR", "GOTOOLCHAIN", "GOVCS", "GOAUTH", "GOTELEMETRY", "GOTELEMETRYDIR",
            "GOAMD64", "GOARM", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM",
            "GOEXPERIMENT", "GOFIPS140", "GOGCCFLAGS", "GOEXE", "GOHOSTARCH", "GOHOSTOS", "GOMOD", "GOWORK",
            "GOTOOLDIR", "GOVERSION", "GCCGO", "GOROOT_FINAL", "GO_EXTLINK_ENABLED");

    /**
     * Copies and validates the components.
     *
     * @throws IllegalArgumentException when a name is not a valid variable name, is {@code PATH},
     *     or a value holds a NUL character
     */
    public GoEnvironment {
        Objects.requireNonNull(toolchain, "toolchain");
        Objects.requireNonNull(variables, "variables");
        TreeMap<String, String> copy = new TreeMap<>();
        variables.forEach((name, value) -> {
            checkName(name);
            Objects.requireNonNull(value, () -> "value of " + name);
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the value of " + name + " contains a NUL character");
            }
            copy.put(name, value);
        });
        variables = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns an environment that sets nothing but {@code GOROOT} (to the toolchain's own, which
     * is always consistent with the binary that runs).
     *
     * @param toolchain the toolchain
     * @return the environment
     */
    public static GoEnvironment of(Toolchain toolchain) {
        return new GoEnvironment(toolchain, Map.of("GOROOT", toolchain.goroot().toString()));
    }

    /**
     * Returns one variable set by this environment.
     *
     * @param name the variable name
     * @return its value, or empty when the environment does not set it
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Returns a copy that sets {@code name} to {@code value}.
     *
     * @param name the variable name, not {@code PATH}
     * @param value the value
     * @return the modified environment
     */
    public GoEnvironment with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.put(name, value);
        return new GoEnvironment(toolchain, copy);
    }

    /**
     * Returns a copy with all of {@code more} set, replacing values of the same names.
     *
     * @param more the variables to set
     * @return the modified environment
     */
    public GoEnvironment withAll(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.putAll(more);
        return new GoEnvironment(toolchain, copy);
    }

    /**
     * Returns a copy that does not set {@code name} (so a process started from it has it unset,
     * when it is a Go variable).
     *
     * @param name the variable name
     * @return the modified environment
     */
    public GoEnvironment without(String name) {
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.remove(name);
        return new GoEnvironment(toolchain, copy);
    }

    /**
     * Returns a copy that builds for another platform ({@code GOOS} and {@code GOARCH}), for
     * cross-compilation. The toolchain still runs on the host.
     *
     * @param target the platform to build for
     * @return the modified environment
     */
    public GoEnvironment targeting(Platform target) {
        return with("GOOS", target.os()).with("GOARCH", target.arch());
    }

    /**
     * Returns the directories put in front of {@code PATH}: the toolchain's {@code bin}, then
     * {@code GOBIN} when set.
     *
     * @return the directories, in order
     */
    public List<Path> pathEntries() {
        List<Path> entries = new ArrayList<>();
        entries.add(toolchain.goBinary().getParent());
        get("GOBIN").filter(s -> !s.isEmpty()).map(s -> toolchain.goroot().getFileSystem().getPath(s))
                .filter(p -> !entries.contains(p)).ifPresent(entries::add);
        return List.copyOf(entries);
    }

    /**
     * Computes the complete environment of a process started from this one: {@code inherited}
     * without the Go variables this environment does not set, with the ones it sets, and with
     * {@link #pathEntries()} in front of the inherited {@code PATH} (matched case-insensitively
     * on Windows, where it is usually spelt {@code Path}). On Windows, where variable names are
     * case-insensitive, an inherited variable is also dropped when this environment sets the same
     * name spelt differently (an inherited {@code AppData} gives way to a set {@code APPDATA}).
     *
     * @param inherited the environment the process would otherwise get, e.g. {@code System.getenv()}
     * @return a new mutable map
     */
    public Map<String, String> processEnvironment(Map<String, String> inherited) {
        Objects.requireNonNull(inherited, "inherited");
        boolean windows = toolchain.platform().isWindows();
        Map<String, String> env = new LinkedHashMap<>();
        String pathName = "PATH";
        String inheritedPath = "";
        for (Map.Entry<String, String> e : inherited.entrySet()) {
            String name = e.getKey();
            if (name.equals("PATH") || (windows && name.equalsIgnoreCase("PATH"))) {
                pathName = name;
                inheritedPath = e.getValue();
            } else if (!isGoVariable(name) && !(windows && setsIgnoringCase(name))) {
                env.put(name, e.getValue());
            }
        }
        env.putAll(variables);
        String separator = windows ? ";" : ":";
        StringBuilder path = new StringBuilder();
        for (Path entry : pathEntries()) {
            path.append(entry).append(separator);
        }
        env.put(pathName, inheritedPath.isEmpty() ? path.substring(0, path.length() - 1) : path + inheritedPath);
        return env;
    }

    /**
     * Tells whether the {@code go} command owns a variable: one of {@link #GO_VARIABLES} or any
     * {@code CGO_*} variable.
     *
     * @param name a variable name
     * @return true for a Go variable
     */
    public static boolean isGoVariable(String name) {
        return GO_VARIABLES.contains(name) || name.startsWith("CGO_");
    }

    private boolean setsIgnoringCase(String name) {
        for (String set : variables.keySet()) {
            if (set.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "variable name");
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid environment variable name");
        }
        if (name.equalsIgnoreCase("PATH")) {
            throw new IllegalArgumentException(
                    "PATH is derived from the toolchain and GOBIN; it cannot be set as a Go variable");
        }
    }
}
