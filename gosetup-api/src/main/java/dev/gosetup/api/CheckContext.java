package dev.gosetup.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a readiness check may use, handed in rather than read from globals (as flutter
 * doctor's validators get their platform and processes), so checks can be tested hermetically.
 *
 * <p>A check reads the environment through {@link #environment()} (never {@code System.getenv()}),
 * looks for {@code go} in the {@link #goEnvironment()} when one is configured and otherwise on
 * this environment's {@code PATH}, stays off the network when {@link #offline()}, watches
 * {@link #cancellation()} in anything that blocks, and reads time from {@link #clock()}. Immutable
 * and thread-safe; the {@code with...} methods return modified copies.
 *
 * @param goEnvironment the configured toolchain and Go variables, or empty to use {@code go} from {@code PATH}
 * @param environment the environment the user's commands inherit, e.g. {@code System.getenv()}
 * @param parameters the check's parameters from a checklist ({@code with:}), by name
 * @param offline whether checks must stay off the network (they skip what needs it)
 * @param cancellation cancelled when the run is cancelled; the runner also interrupts the check's thread
 * @param clock the clock for timestamps and deadlines
 * @param host the platform the checks run on
 * @param workingDirectory the directory the user runs the checks in, absolute: checks about "the
 *     module here" (its {@code go.mod}) look there; commands that need no module run elsewhere
 * @param home the user's home directory, absolute: what {@code ~} means to a check (never read
 *     from {@code user.home} by a check)
 * @param userName the name of the user the checks act for, as hints and messages show it (never
 *     read from {@code user.name} by a check); not blank
 * @param tempDirectory the directory for temporary files and for commands that need no particular
 *     directory, absolute (never read from {@code java.io.tmpdir} by a check)
 */
public record CheckContext(Optional<GoEnvironment> goEnvironment, Map<String, String> environment,
        Map<String, String> parameters, boolean offline, CancellationToken cancellation, Clock clock, Platform host,
        Path workingDirectory, Path home, String userName, Path tempDirectory) {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    /** Validates and copies the components. */
    public CheckContext {
        Objects.requireNonNull(goEnvironment, "goEnvironment");
        environment = Map.copyOf(environment);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the working directory must be absolute, got \"" + workingDirectory + "\"");
        }
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        if (!home.isAbsolute() || !tempDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the home and temporary directories must be absolute, got \"" + home
                    + "\" and \"" + tempDirectory + "\"");
        }
        if (userName.isBlank()) {
            throw new IllegalArgumentException("the user name must not be blank");
        }
    }

    /**
     * Creates a context for this JVM's user: the home from the environment ({@link UserHome}, else
     * {@code user.home}), {@code user.name} and {@code java.io.tmpdir}. Use the canonical
     * constructor or {@link #withUser} to give a check another user's home, name and temporary directory.
     *
     * @param goEnvironment the configured toolchain and Go variables, or empty to use {@code go} from {@code PATH}
     * @param environment the environment the user's commands inherit
     * @param parameters the check's parameters, by name
     * @param offline whether checks must stay off the network
     * @param cancellation the run's cancellation
     * @param clock the clock
     * @param host the platform the checks run on
     * @param workingDirectory the directory the user runs the checks in, absolute
     */
    public CheckContext(Optional<GoEnvironment> goEnvironment, Map<String, String> environment,
            Map<String, String> parameters, boolean offline, CancellationToken cancellation, Clock clock, Platform host,
            Path workingDirectory) {
        this(goEnvironment, environment, parameters, offline, cancellation, clock, host, workingDirectory,
                UserHome.resolveOrJvm(environment, host), UserHome.jvmUserName(), UserHome.jvmTempDirectory());
    }

    /**
     * Returns a context with an environment and nothing else: no configured toolchain, no
     * parameters, online, a fresh cancellation token, the system clock in UTC, this host, the
     * JVM's working directory, and this JVM's user (the home the environment names, else
     * {@code user.home}; {@code user.name}; {@code java.io.tmpdir}).
     *
     * @param environment the environment the user's commands inherit
     * @return the context
     */
    public static CheckContext of(Map<String, String> environment) {
        return new CheckContext(Optional.empty(), environment, Map.of(), false, new CancellationToken(),
                Clock.systemUTC(), Platform.current(), Path.of("").toAbsolutePath());
    }

    /**
     * Returns a copy that runs {@code go} from a configured environment instead of {@code PATH}.
     *
     * @param go the environment
     * @return the modified context
     */
    public CheckContext withGoEnvironment(GoEnvironment go) {
        return new CheckContext(Optional.of(go), environment, parameters, offline, cancellation, clock, host,
                workingDirectory, home, userName, tempDirectory);
    }

    /**
     * Returns a copy with other parameters.
     *
     * @param parameters the parameters by name
     * @return the modified context
     */
    public CheckContext withParameters(Map<String, String> parameters) {
        return new CheckContext(goEnvironment, environment, parameters, offline, cancellation, clock, host,
                workingDirectory, home, userName, tempDirectory);
    }

    /**
     * Returns a copy with the offline flag set or cleared.
     *
     * @param offline whether checks must stay off the network
     * @return the modified context
     */
    public CheckContext withOffline(boolean offline) {
        return new CheckContext(goEnvironment, environment, parameters, offline, cancellation, clock, host,
                workingDirectory, home, userName, tempDirectory);
    }

    /**
     * Returns a copy with another cancellation token.
     *
     * @param cancellation the token
     * @return the modified context
     */
    public CheckContext withCancellation(CancellationToken cancellation) {
        return new CheckContext(goEnvironment, environment, parameters, offline, cancellation, clock, host,
                workingDirectory, home, userName, tempDirectory);
    }

    /**
     * Returns a copy with another clock.
     *
     * @param clock the clock
     * @return the modified context
     */
    public CheckContext withClock(Clock clock) {
        return new CheckContext(goEnvironment, environment, parameters, offline, cancellation, clock, host,
                workingDirectory, home, userName, tempDirectory);
    }

    /**
     * Returns a copy whose checks look at another directory (for {@code go.mod} and the like).
     *
     * @param directory the directory; made absolute
     * @return the modified context
     */
    public CheckContext withWorkingDirectory(Path directory) {
        return new CheckContext(goEnvironment, environment, parameters, offline, cancellation, clock, host,
                directory.toAbsolutePath(), home, userName, tempDirectory);
    }

    /**
     * Returns a copy acting for another user: what {@code ~} means, the name shown in messages and
     * where temporary files and directory-independent commands go.
     *
     * @param home the home directory; made absolute
     * @param userName the user's name, not blank
     * @param tempDirectory the temporary directory; made absolute
     * @return the modified context
     */
    public CheckContext withUser(Path home, String userName, Path tempDirectory) {
        return new CheckContext(goEnvironment, environment, parameters, offline, cancellation, clock, host,
                workingDirectory, home.toAbsolutePath(), userName, tempDirectory.toAbsolutePath());
    }

    /**
     * Returns the configured toolchain.
     *
     * @return the toolchain of {@link #goEnvironment()}, or empty when none is configured
     */
    public Optional<Toolchain> toolchain() {
        return goEnvironment.map(GoEnvironment::toolchain);
    }

    /**
     * Returns one variable of {@link #environment()}, treating an empty value as unset.
     *
     * @param name the name
     * @return the value, or empty when unset or empty
     */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(Objects.requireNonNull(name, "name"))).filter(v -> !v.isEmpty());
    }

    /**
     * Returns the complete environment of a process a check starts: with a configured
     * {@link GoEnvironment}, its {@link GoEnvironment#processEnvironment} of {@link #environment()};
     * otherwise {@link #environment()} itself.
     *
     * @return a new mutable map
     */
    public Map<String, String> processEnvironment() {
        return goEnvironment.map(go -> go.processEnvironment(environment))
                .orElseGet(() -> new LinkedHashMap<>(environment));
    }

    /**
     * Returns a parameter.
     *
     * @param name the parameter name
     * @return its value, or empty when the checklist does not set it
     */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Returns a parameter the check cannot do without.
     *
     * @param name the parameter name
     * @return its value
     * @throws InvalidConfigurationException naming the parameter when the checklist does not set it
     */
    public String requiredParameter(String name) {
        return parameter(name).orElseThrow(() -> new InvalidConfigurationException(
                "the parameter \"" + name + "\" is required but not set",
                List.of("set it in the check's \"with:\" block of the checklist")));
    }

    /**
     * Returns a whole-number parameter.
     *
     * @param name the parameter name
     * @param fallback the value when the parameter is not set
     * @return the value
     * @throws InvalidConfigurationException naming the parameter and its value when it is not a whole number
     */
    public long longParameter(String name, long fallback) {
        Optional<String> text = parameter(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.get().strip());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException("the parameter \"" + name + "\" must be a whole number, got \""
                    + text.get() + "\"", List.of("write a number such as " + fallback), e);
        }
    }

    /**
     * Returns a yes/no parameter: {@code true} or {@code false}, in any case.
     *
     * @param name the parameter name
     * @param fallback the value when the parameter is not set
     * @return the value
     * @throws InvalidConfigurationException naming the parameter and its value when it is neither
     */
    public boolean booleanParameter(String name, boolean fallback) {
        Optional<String> text = parameter(name).map(t -> t.strip().toLowerCase(Locale.ROOT));
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException("the parameter \"" + name
                    + "\" must be true or false, got \"" + parameters.get(name) + "\"", List.of("write true or false"));
        };
    }

    /**
     * Returns a duration parameter, written as {@link #parseDuration} reads it.
     *
     * @param name the parameter name
     * @param fallback the value when the parameter is not set
     * @return the value
     * @throws InvalidConfigurationException naming the parameter and its value when it is not a duration
     */
    public Duration durationParameter(String name, Duration fallback) {
        Optional<String> text = parameter(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return parseDuration(text.get());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("the parameter \"" + name + "\": " + e.getMessage(),
                    List.of("write a duration such as 500ms, 3s, 2m or PT1M"), e);
        }
    }

    /**
     * Reads a duration the way people write one in a checklist: a number with {@code ms},
     * {@code s}, {@code m} or {@code h} ({@code 500ms}, {@code 1.5s}, {@code 2m}), or ISO-8601
     * ({@code PT30S}).
     *
     * @param text the text
     * @return the duration, never negative
     * @throws IllegalArgumentException naming the text when it is not such a duration
     */
    public static Duration parseDuration(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        Matcher m = SIMPLE_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        try {
            Duration d = Duration.parse(trimmed);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a duration (500ms, 3s, 2m, 1h or PT30S)");
    }
}
