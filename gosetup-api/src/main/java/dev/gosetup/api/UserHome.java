package dev.gosetup.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one rule for the user's home directory, as every shell tool and Go's {@code os.UserHomeDir}
 * see it: {@code HOME} ({@code USERPROFILE} on Windows) from the environment given, when it names an
 * absolute path. Java's {@code user.home} comes from the password database and ignores {@code HOME},
 * so it is only ever the caller's last fallback, read where the caller builds its defaults.
 */
public final class UserHome {
    private UserHome() {
    }

    /**
     * Returns the name of the variable that holds the home directory on a host.
     *
     * @param host the host
     * @return {@code USERPROFILE} on Windows, {@code HOME} elsewhere
     */
    public static String variable(Platform host) {
        return Objects.requireNonNull(host, "host").isWindows() ? "USERPROFILE" : "HOME";
    }

    /**
     * Returns the home directory an environment names.
     *
     * @param environment the user's environment variables
     * @param host the host, which decides the variable ({@link #variable(Platform)})
     * @return the home, or empty when the variable is unset, blank, not a path or relative
     */
    public static Optional<Path> fromEnvironment(Map<String, String> environment, Platform host) {
        String value = Objects.requireNonNull(environment, "environment").get(variable(host));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns the home directory an environment names, else a fallback.
     *
     * @param environment the user's environment variables
     * @param host the host
     * @param fallback the home when the environment names none (such as the {@code user.home}
     *     system property, read by the outermost caller); made absolute
     * @return the absolute home
     */
    public static Path resolve(Map<String, String> environment, Platform host, Path fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return fromEnvironment(environment, host).orElseGet(fallback::toAbsolutePath);
    }

    /**
     * Returns the home directory an environment names, else this JVM's {@code user.home}: for the
     * outermost defaults only (command lines, {@code of(...)} and {@code defaults()} factories).
     *
     * @param environment the user's environment variables
     * @param host the host
     * @return the absolute home
     */
    public static Path resolveOrJvm(Map<String, String> environment, Platform host) {
        return resolve(environment, host, Path.of(System.getProperty("user.home")));
    }

    /**
     * Returns this JVM's user name ({@code user.name}): for the outermost defaults only.
     *
     * @return the name, never empty ({@code "unknown"} when the JVM has none)
     */
    public static String jvmUserName() {
        String name = System.getProperty("user.name", "");
        return name.isBlank() ? "unknown" : name;
    }

    /**
     * Returns this JVM's temporary directory ({@code java.io.tmpdir}): for the outermost defaults only.
     *
     * @return the absolute directory
     */
    public static Path jvmTempDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }
}
