package dev.gosetup.core.env;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.UserHome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named layout of the directories Go writes to: GOPATH, the build cache (GOCACHE), the module
 * cache (GOMODCACHE) and where {@code go install} puts programs (GOBIN).
 *
 * <ul>
 *   <li>{@link #dev} — Go's own defaults, as a developer's plain {@code go} uses them:
 *       GOPATH {@code ~/go}, GOCACHE {@code <user cache dir>/go-build}, GOMODCACHE
 *       {@code GOPATH/pkg/mod}, GOBIN {@code GOPATH/bin}.</li>
 *   <li>{@link #ci} — the same four under {@code <gosetup home>/profiles/ci}, so automated builds
 *       never share (or poison) the developer's caches.</li>
 *   <li>{@link #named} / {@link #at} — any other name, under {@code <gosetup home>/profiles/<name>}
 *       or an explicit root.</li>
 * </ul>
 *
 * <p>GOBIN does not depend on the toolchain, so programs installed with one Go version stay
 * available after switching to another (goenv and gvm lose them by putting GOBIN inside a
 * version's directory); {@link #environment(Toolchain)} refuses a GOBIN inside the GOROOT.
 * The directories are created owner-only ({@link #create()}), checked ({@link #check()}) and
 * repaired ({@link #repair()}) with {@link PrivateDirectories}.
 *
 * @param name the profile's name, e.g. {@code dev}, {@code ci}
 * @param gopath GOPATH
 * @param gocache GOCACHE
 * @param gomodcache GOMODCACHE
 * @param gobin GOBIN
 */
public record Profile(String name, Path gopath, Path gocache, Path gomodcache, Path gobin) {
    /** The name of Go's default layout. */
    public static final String DEV = "dev";
    /** The name of the layout kept apart for automated builds. */
    public static final String CI = "ci";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException for a name that is not lower-case letters, digits,
     *     {@code . _ -} (up to 64, not starting with a punctuation mark), or a relative path
     */
    public Profile {
        checkName(name);
        for (Path p : new Path[] {gopath, gocache, gomodcache, gobin}) {
            Objects.requireNonNull(p, "directory");
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("the directories of profile " + name + " must be absolute, got " + p);
            }
        }
    }

    /**
     * Returns Go's default layout for this JVM's user: {@link #dev(Map, Platform, Path)} with
     * {@code System.getenv()}, the current platform and {@code user.home} as the last fallback.
     *
     * @return the dev profile
     */
    public static Profile dev() {
        Map<String, String> env = System.getenv();
        return dev(env, Platform.current(), UserHome.resolveOrJvm(env, Platform.current()));
    }

    /**
     * Computes Go's default layout as {@code cmd/go} does, from an environment and a home
     * directory rather than the process's own.
     *
     * <p>Home is {@code HOME} ({@code USERPROFILE} on Windows) from {@code env}, or
     * {@code userHome} when that is unset. GOPATH is {@code <home>/go}. GOCACHE is
     * {@code go-build} in {@code os.UserCacheDir()}: {@code %LocalAppData%} on Windows (else
     * {@code <home>\AppData\Local}), {@code <home>/Library/Caches} on macOS, otherwise
     * {@code $XDG_CACHE_HOME} when absolute, else {@code <home>/.cache}. GOMODCACHE is
     * {@code GOPATH/pkg/mod} and GOBIN {@code GOPATH/bin}.
     *
     * @param env the environment variables to read
     * @param platform the platform Go runs on
     * @param userHome the home directory to use when {@code env} names none
     * @return the dev profile
     */
    public static Profile dev(Map<String, String> env, Platform platform, Path userHome) {
        Objects.requireNonNull(env, "env");
        boolean windows = platform.isWindows();
        Path home = UserHome.resolve(env, platform, userHome);
        Path gopath = home.resolve("go");
        Path cacheDir;
        if (windows) {
            cacheDir = absolute(env.get("LocalAppData"), absolute(env.get("LOCALAPPDATA"),
                    home.resolve("AppData").resolve("Local")));
        } else if (platform.os().equals("darwin") || platform.os().equals("ios")) {
            cacheDir = home.resolve("Library").resolve("Caches");
        } else {
            cacheDir = absolute(env.get("XDG_CACHE_HOME"), home.resolve(".cache"));
        }
        return new Profile(DEV, gopath, cacheDir.resolve("go-build"), gopath.resolve("pkg").resolve("mod"),
                gopath.resolve("bin"));
    }

    /**
     * Returns a profile by name, as users give it: {@code dev} is Go's default layout for the
     * user whose environment is given, any other name a layout under the gosetup home.
     *
     * @param name {@code dev}, {@code ci} or a name of one's own
     * @param env the user's environment variables
     * @param platform the platform Go runs on
     * @param userHome the user's home directory, when {@code env} names none
     * @param gosetupHome gosetup's home
     * @return the profile
     * @throws IllegalArgumentException for a name that is not a valid profile name
     */
    public static Profile of(String name, Map<String, String> env, Platform platform, Path userHome,
            Path gosetupHome) {
        return DEV.equals(name) ? dev(env, platform, userHome) : named(name, gosetupHome);
    }

    /**
     * Returns the layout for automated builds: {@code <gosetupHome>/profiles/ci}.
     *
     * @param gosetupHome gosetup's home, e.g. {@code GoInstaller.store().root()}
     * @return the ci profile
     */
    public static Profile ci(Path gosetupHome) {
        return named(CI, gosetupHome);
    }

    /**
     * Returns a layout under {@code <gosetupHome>/profiles/<name>}.
     *
     * @param name the profile's name; not {@code dev}, which is Go's own layout
     * @param gosetupHome gosetup's home
     * @return the profile
     * @throws IllegalArgumentException for a bad name or {@code dev}
     */
    public static Profile named(String name, Path gosetupHome) {
        checkName(name);
        if (name.equals(DEV)) {
            throw new IllegalArgumentException("\"dev\" is Go's default layout; use Profile.dev()");
        }
        return at(name, gosetupHome.toAbsolutePath().resolve("profiles").resolve(name));
    }

    /**
     * Returns a layout under an explicit root: GOPATH {@code <root>/go}, GOCACHE
     * {@code <root>/cache/go-build}, GOMODCACHE {@code <root>/go/pkg/mod}, GOBIN
     * {@code <root>/go/bin}.
     *
     * @param name the profile's name
     * @param root the directory holding it all
     * @return the profile
     */
    public static Profile at(String name, Path root) {
        Path r = root.toAbsolutePath();
        Path gopath = r.resolve("go");
        return new Profile(name, gopath, r.resolve("cache").resolve("go-build"), gopath.resolve("pkg").resolve("mod"),
                gopath.resolve("bin"));
    }

    /**
     * Returns the variables this profile sets.
     *
     * @return GOPATH, GOCACHE, GOMODCACHE and GOBIN, in that order
     */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GOPATH", gopath.toString());
        vars.put("GOCACHE", gocache.toString());
        vars.put("GOMODCACHE", gomodcache.toString());
        vars.put("GOBIN", gobin.toString());
        return vars;
    }

    /**
     * Returns an environment for a toolchain laid out by this profile.
     *
     * @param toolchain the toolchain
     * @return {@code GoEnvironment.of(toolchain)} with {@link #variables()}
     * @throws InvalidConfigurationException when GOBIN or GOPATH lies inside the toolchain's GOROOT
     */
    public GoEnvironment environment(Toolchain toolchain) {
        Path goroot = toolchain.goroot().toAbsolutePath().normalize();
        for (Path p : List.of(gobin, gopath)) {
            if (p.normalize().startsWith(goroot)) {
                throw new InvalidConfigurationException("profile " + name + " puts " + p + " inside the GOROOT of "
                        + toolchain.version() + " (" + goroot + "); it would vanish with that version",
                        List.of("keep GOPATH and GOBIN outside every toolchain's directory, e.g. Profile.at(name, "
                                + "<gosetup home>/profiles/" + name + ")"));
            }
        }
        return GoEnvironment.of(toolchain).withAll(variables());
    }

    /**
     * Returns the profile's directories, each once.
     *
     * @return GOPATH, GOCACHE, GOMODCACHE, GOBIN without duplicates
     */
    public List<Path> directories() {
        List<Path> dirs = new ArrayList<>();
        for (Path p : List.of(gopath, gocache, gomodcache, gobin)) {
            if (!dirs.contains(p)) {
                dirs.add(p);
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * Creates the missing directories owner-only (with their missing parents) and checks all of
     * them; existing directories are not changed.
     *
     * @return the check after creation
     * @throws dev.gosetup.api.GoSetupException naming a directory that cannot be created
     */
    public PermissionReport create() {
        directories().forEach(PrivateDirectories::create);
        return check();
    }

    /**
     * Checks the directories without changing anything.
     *
     * @return one check per directory
     */
    public PermissionReport check() {
        return PrivateDirectories.check(directories());
    }

    /**
     * Creates missing directories and makes too-open ones owner-only.
     *
     * @return the check after repair
     * @throws dev.gosetup.api.GoSetupException naming a directory that cannot be repaired
     */
    public PermissionReport repair() {
        return PrivateDirectories.repair(check());
    }

    private static Path absolute(String value, Path fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        Path p = fallback.getFileSystem().getPath(value);
        return p.isAbsolute() ? p : fallback;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a profile name: \"" + name
                    + "\" (lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64)");
        }
    }
}
