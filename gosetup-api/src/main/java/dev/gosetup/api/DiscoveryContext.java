package dev.gosetup.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where toolchain discovery looks, handed in rather than read from globals so that tests and
 * embedders control every input: the user's home, the environment (for {@code PATH},
 * {@code GOPATH}, {@code GOENV_ROOT}, {@code ProgramFiles} and the like), the host platform, and the
 * root that fixed system locations such as {@code /usr/local/go} are resolved under.
 *
 * @param home the user's home directory, absolute
 * @param environment the environment variables of the user
 * @param host the platform whose conventions apply (Windows locations only on {@code windows})
 * @param root the file system root for fixed locations: {@code /} normally, a temporary directory
 *     in tests; absolute
 */
public record DiscoveryContext(Path home, Map<String, String> environment, Platform host, Path root) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if {@code home} or {@code root} is not absolute
     */
    public DiscoveryContext {
        Objects.requireNonNull(home, "home");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(root, "root");
        if (!home.isAbsolute() || !root.isAbsolute()) {
            throw new IllegalArgumentException("home and root must be absolute paths, got \"" + home + "\" and \""
                    + root + "\"");
        }
    }

    /**
     * Returns the context of a user's environment on a host: the home the environment names
     * ({@link UserHome}), else the given fallback; the
     * root of the default file system.
     *
     * @param environment the user's environment
     * @param host the host
     * @param fallbackHome the home to use when the environment names none, such as the
     *     {@code user.home} system property
     * @return the context
     */
    public static DiscoveryContext of(Map<String, String> environment, Platform host, Path fallbackHome) {
        return new DiscoveryContext(UserHome.resolve(environment, host, fallbackHome), environment, host,
                Path.of("/").toAbsolutePath());
    }

    /**
     * Returns a non-blank environment variable (case-insensitively on Windows).
     *
     * @param name the variable
     * @return its value, or empty when unset or blank
     */
    public Optional<String> variable(String name) {
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (host.isWindows() ? e.getKey().equalsIgnoreCase(name) : e.getKey().equals(name)) {
                return e.getValue().isBlank() ? Optional.empty() : Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves a fixed system location under {@link #root()}.
     *
     * @param absolute such as {@code /usr/local/go}
     * @return the location under the root, such as {@code /tmp/fake/usr/local/go} in a test
     */
    public Path system(String absolute) {
        String relative = absolute.startsWith("/") ? absolute.substring(1) : absolute;
        return relative.isEmpty() ? root : root.resolve(relative);
    }
}
