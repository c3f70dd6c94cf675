package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.UserHome;
import dev.gosetup.core.internal.GoEnvFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the go command of a check context takes a variable from, in cmd/go's order: a non-empty
 * OS environment variable, else the user's env file ({@link GoEnvFile} at
 * {@link GoEnvFile#location}), else go's defaults ({@code $GOROOT/go.env} and built-ins). The
 * checks use it to say where a bad value was set and which command removes it.
 *
 * @param environment the complete environment go runs in ({@link CheckContext#processEnvironment()})
 * @param envFile where go's env file is, or empty with {@code GOENV=off}
 * @param fileValues the values the env file sets; empty when it is missing or unreadable
 * @param fileProblem why the env file could not be read, or empty
 */
record GoSettings(Map<String, String> environment, Optional<Path> envFile, Map<String, String> fileValues,
        Optional<String> fileProblem) {

    /** Where a value comes from. */
    enum Origin {
        /** A non-empty OS environment variable: it beats everything else. */
        ENVIRONMENT,
        /** The user's env file, written by {@code go env -w}. */
        ENV_FILE,
        /** Neither: go's own defaults. */
        DEFAULT
    }

    GoSettings {
        environment = Map.copyOf(environment);
        fileValues = Collections.unmodifiableMap(new LinkedHashMap<>(fileValues));
    }

    /** Reads the settings of a context: its process environment and the env file it names. */
    static GoSettings of(CheckContext context) {
        Map<String, String> env = context.processEnvironment();
        // The process environment's home (a configured environment may move it), else the context's.
        Path userHome = UserHome.resolve(env, context.host(), context.home());
        Optional<Path> file = GoEnvFile.location(env, context.host().os(), userHome);
        if (file.isEmpty()) {
            return new GoSettings(env, file, Map.of(), Optional.empty());
        }
        try {
            return new GoSettings(env, file, GoEnvFile.read(file.get()).values(), Optional.empty());
        } catch (IOException e) {
            return new GoSettings(env, file, Map.of(), Optional.of("cannot read " + file.get() + ": " + e));
        }
    }

    /** The OS environment's value of a variable, when it is set and not empty (go ignores empty ones). */
    Optional<String> fromEnvironment(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isEmpty());
    }

    /** The value go uses for a variable: the environment's when not empty, else the env file's. */
    Optional<String> value(String name) {
        return fromEnvironment(name).or(() -> Optional.ofNullable(fileValues.get(name)));
    }

    /** Where go takes a variable from. */
    Origin origin(String name) {
        if (fromEnvironment(name).isPresent()) {
            return Origin.ENVIRONMENT;
        }
        return fileValues.containsKey(name) ? Origin.ENV_FILE : Origin.DEFAULT;
    }

    /** Names where a variable comes from, for a detail: "the environment", "Go's env file ...". */
    String describe(String name) {
        return switch (origin(name)) {
            case ENVIRONMENT -> "the environment";
            case ENV_FILE -> "Go's env file " + envFile.orElseThrow();
            case DEFAULT -> "go's default";
        };
    }

    /**
     * The commands that remove a variable where it is set, so go falls back to its default: for
     * the environment, {@code unset} now and the profile line for good; for the env file,
     * {@code go env -u}.
     */
    List<String> unsetHints(String name, boolean windows) {
        return switch (origin(name)) {
            case ENVIRONMENT -> java.util.stream.Stream.concat(Hints.unset(name, windows).stream(), java.util.stream.Stream.of(
                    "and remove the line that sets " + name + " from your shell profile or environment settings"
                            + (windows ? " (PowerShell: Select-String " + name + " $PROFILE.CurrentUserAllHosts)"
                                    : " (grep -n " + name + " ~/.profile ~/.bashrc ~/.zshrc ~/.config/fish/config.fish)"))).toList();
            case ENV_FILE -> List.of("go env -u " + name);
            case DEFAULT -> List.of();
        };
    }

    /**
     * The env file's values that an OS environment variable of the same name shadows with another
     * value (go silently prefers the environment).
     *
     * @return name to {file value, environment value}, in the file's order
     */
    Map<String, List<String>> shadowed() {
        Map<String, List<String>> shadowed = new LinkedHashMap<>();
        fileValues.forEach((name, value) -> fromEnvironment(name).filter(v -> !v.equals(value))
                .ifPresent(v -> shadowed.put(name, List.of(value, v))));
        return shadowed;
    }
}
