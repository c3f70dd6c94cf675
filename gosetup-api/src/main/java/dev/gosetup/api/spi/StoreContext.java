package dev.gosetup.api.spi;

import dev.gosetup.api.Platform;
import dev.gosetup.api.UserHome;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose environment an {@link EnvironmentStore} changes: the user's home directory, their
 * environment variables (which decide where files are: {@code XDG_CONFIG_HOME}, {@code GOENV},
 * {@code SHELL}, {@code AppData}) and the host platform. Stores read nothing of the process's own
 * environment but through this, so tests and embedders can point them at any home.
 *
 * @param home the user's home directory, absolute
 * @param environment the user's environment variables
 * @param host the platform the user's shell runs on
 * @param userName the user's name, for owner checks and messages (never read from {@code user.name}
 *     by a store); not blank
 * @param tempDirectory where temporary files go that are not written beside their target, absolute
 *     (never read from {@code java.io.tmpdir} by a store)
 */
public record StoreContext(Path home, Map<String, String> environment, Platform host, String userName,
        Path tempDirectory) {

    /**
     * Copies and validates the components.
     *
     * @throws IllegalArgumentException when {@code home} is not absolute
     */
    public StoreContext {
        Objects.requireNonNull(home, "home");
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("the home directory must be an absolute path, got \"" + home + "\"");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        if (userName.isBlank()) {
            throw new IllegalArgumentException("the user name must not be blank");
        }
        if (!tempDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the temporary directory must be an absolute path, got \""
                    + tempDirectory + "\"");
        }
    }

    /**
     * Creates the context of a home and environment for this JVM's user ({@code user.name},
     * {@code java.io.tmpdir}).
     *
     * @param home the user's home directory, absolute
     * @param environment the user's environment variables
     * @param host the platform the user's shell runs on
     * @throws IllegalArgumentException when {@code home} is not absolute
     */
    public StoreContext(Path home, Map<String, String> environment, Platform host) {
        this(home, environment, host, UserHome.jvmUserName(), UserHome.jvmTempDirectory());
    }

    /**
     * Returns the context of the current user and process.
     *
     * @return as {@link #of(Map)} with {@code System.getenv()}
     */
    public static StoreContext current() {
        return of(System.getenv());
    }

    /**
     * Returns the context of the user whose environment variables are given, on this host. The
     * home directory is the one their shell uses ({@link UserHome}: {@code HOME}, on Windows
     * {@code USERPROFILE}, when set to an absolute path), else the {@code user.home} system property.
     *
     * @param environment the user's environment variables
     * @return the context
     */
    public static StoreContext of(Map<String, String> environment) {
        Platform host = Platform.current();
        return new StoreContext(UserHome.resolveOrJvm(environment, host), environment, host);
    }

    /**
     * Returns one environment variable, treating an empty value as unset.
     *
     * @param name the name
     * @return the value, or empty when unset or empty
     */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isEmpty());
    }
}
