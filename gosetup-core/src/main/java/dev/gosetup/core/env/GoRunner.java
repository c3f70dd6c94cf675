package dev.gosetup.core.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.OutputListener;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs {@code go} subcommands, or any other command, in a {@link GoEnvironment}: with exactly the
 * Go variables the environment sets (every other Go variable unset, see
 * {@link GoEnvironment#processEnvironment}), the toolchain's {@code bin} and {@code GOBIN} first on
 * {@code PATH}, in a working directory, with a timeout and a {@link CancellationToken}, capturing
 * the output and optionally streaming it to an {@link OutputListener}.
 *
 * <p>Arguments are always a list handed to the operating system as they are, never a shell
 * string. Instances are immutable and thread-safe; the {@code in}, {@code timeout},
 * {@code cancellation}, {@code output}, {@code with} and {@code targeting} methods return modified
 * copies. Every run blocks the calling thread until the process ends.
 */
public final class GoRunner {
    /** How long a command may run unless {@link #timeout(Duration)} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Duration GO_ENV_TIMEOUT = Duration.ofMinutes(1);

    private final GoEnvironment environment;
    private final Map<String, String> inherited;
    private final Path directory;
    private final Duration timeout;
    private final CancellationToken cancel;
    private final OutputListener output;

    private GoRunner(GoEnvironment environment, Map<String, String> inherited, Path directory, Duration timeout,
            CancellationToken cancel, OutputListener output) {
        this.environment = environment;
        this.inherited = inherited;
        this.directory = directory;
        this.timeout = timeout;
        this.cancel = cancel;
        this.output = output;
    }

    /**
     * Creates a runner for an environment that processes inherit this JVM's environment into.
     *
     * @param environment the Go environment
     * @return a runner working in the JVM's current directory, with {@link #DEFAULT_TIMEOUT}
     */
    public static GoRunner of(GoEnvironment environment) {
        return of(environment, System.getenv());
    }

    /**
     * Creates a runner whose processes inherit {@code inherited} (instead of this JVM's
     * environment) with the Go environment applied over it.
     *
     * @param environment the Go environment
     * @param inherited the variables processes start from, e.g. a copy of {@code System.getenv()}
     *     with another {@code HOME}
     * @return a runner working in the JVM's current directory, with {@link #DEFAULT_TIMEOUT}
     */
    public static GoRunner of(GoEnvironment environment, Map<String, String> inherited) {
        Objects.requireNonNull(environment, "environment");
        return new GoRunner(environment, Map.copyOf(inherited), Path.of("").toAbsolutePath(), DEFAULT_TIMEOUT,
                new CancellationToken(), OutputListener.NONE);
    }

    /**
     * Returns a copy that runs commands in another directory.
     *
     * @param workingDirectory the directory, made absolute
     * @return the modified runner
     */
    public GoRunner in(Path workingDirectory) {
        return new GoRunner(environment, inherited, workingDirectory.toAbsolutePath(), timeout, cancel, output);
    }

    /**
     * Returns a copy whose commands are killed when they run longer than {@code limit}.
     *
     * @param limit the time limit, positive
     * @return the modified runner
     */
    public GoRunner timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + limit);
        }
        return new GoRunner(environment, inherited, directory, limit, cancel, output);
    }

    /**
     * Returns a copy whose commands are killed when {@code token} is cancelled.
     *
     * @param token the cancellation token
     * @return the modified runner
     */
    public GoRunner cancellation(CancellationToken token) {
        return new GoRunner(environment, inherited, directory, timeout, Objects.requireNonNull(token, "token"), output);
    }

    /**
     * Returns a copy that also hands every line of output to {@code listener} while a command runs
     * (output is captured in the result either way).
     *
     * @param listener hears lines on the process's reading threads
     * @return the modified runner
     */
    public GoRunner output(OutputListener listener) {
        return new GoRunner(environment, inherited, directory, timeout, cancel, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Returns a copy that also sets one variable.
     *
     * @param name the variable, not {@code PATH}
     * @param value its value
     * @return the modified runner
     */
    public GoRunner with(String name, String value) {
        return new GoRunner(environment.with(name, value), inherited, directory, timeout, cancel, output);
    }

    /**
     * Returns a copy that cross-compiles for another platform ({@code GOOS}/{@code GOARCH}).
     *
     * @param target the platform to build for
     * @return the modified runner
     */
    public GoRunner targeting(Platform target) {
        return new GoRunner(environment.targeting(target), inherited, directory, timeout, cancel, output);
    }

    /**
     * Returns the Go environment commands run in.
     *
     * @return the environment
     */
    public GoEnvironment environment() {
        return environment;
    }

    /**
     * Returns the directory commands run in.
     *
     * @return the absolute working directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Computes the complete environment a command gets.
     *
     * @return a new map: the inherited variables with the Go environment applied
     */
    public Map<String, String> processEnvironment() {
        return environment.processEnvironment(inherited);
    }

    /**
     * Runs the toolchain's {@code go} with arguments, e.g. {@code go("test", "./...")}.
     *
     * @param args the arguments after {@code go}
     * @return the exit code and output; a non-zero exit is not an exception (see
     *     {@link ProcessResult#requireSuccess()})
     * @throws NotFoundException naming the binary when the toolchain's {@code go} does not exist
     * @throws GoSetupException when it runs longer than the timeout
     * @throws CancelledException when cancelled or interrupted
     */
    public ProcessResult go(String... args) {
        return go(List.of(args));
    }

    /**
     * Runs the toolchain's {@code go} with a list of arguments.
     *
     * @param args the arguments after {@code go}
     * @return the exit code and output
     * @throws NotFoundException naming the binary when the toolchain's {@code go} does not exist
     * @throws GoSetupException when it runs longer than the timeout
     * @throws CancelledException when cancelled or interrupted
     */
    public ProcessResult go(List<String> args) {
        Path go = environment.toolchain().goBinary();
        if (!Files.isRegularFile(go)) {
            throw new NotFoundException("the go command of " + environment.toolchain().version()
                    + " does not exist: " + go, List.of("reinstall " + environment.toolchain().version()
                    + " (gosetup install " + environment.toolchain().version().toString().substring(2) + ")",
                    "check that GOROOT " + environment.toolchain().goroot() + " is a complete Go installation"));
        }
        List<String> command = new ArrayList<>();
        command.add(go.toString());
        command.addAll(args);
        return start(command);
    }

    /**
     * Runs any command in the environment, e.g. {@code gofmt} or a tool installed into
     * {@code GOBIN}. A program given by bare name is looked up on the environment's {@code PATH}
     * (the toolchain's {@code bin} and {@code GOBIN} first), not on this JVM's.
     *
     * @param command the program and its arguments
     * @return the exit code and output
     * @throws NotFoundException naming the program when it is not found or cannot be run
     * @throws GoSetupException when it runs longer than the timeout
     * @throws CancelledException when cancelled or interrupted
     */
    public ProcessResult run(List<String> command) {
        List<String> cmd = new ArrayList<>(command);
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        cmd.set(0, resolve(cmd.get(0)).toString());
        return start(cmd);
    }

    /**
     * Reads the values the toolchain itself computes for this environment: {@code go env -json}.
     *
     * @return every variable {@code go env} reports, e.g. {@code GOPATH}, {@code GOVERSION}
     * @throws NotFoundException when the toolchain's {@code go} does not exist
     * @throws GoSetupException when {@code go env} fails or prints something that is not a JSON
     *     object of strings
     */
    public Map<String, String> goEnv() {
        ProcessResult result = (timeout.compareTo(GO_ENV_TIMEOUT) > 0 ? timeout(GO_ENV_TIMEOUT) : this)
                .go("env", "-json").requireSuccess();
        return parseGoEnvJson(result.stdout(), "go env -json of " + environment.toolchain().version());
    }

    /**
     * Parses what {@code go env -json} prints: one JSON object whose values are strings.
     *
     * @param json the output
     * @param source what printed it, for the message
     * @return the variables, in the order printed
     * @throws GoSetupException naming {@code source} and quoting the start of the output when it
     *     is not such an object
     */
    public static Map<String, String> parseGoEnvJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw garbled(source, json, e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw garbled(source, json, "expected a JSON object", null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw garbled(source, json, "the value of " + field.getKey() + " is not a string", null);
            }
            values.put(field.getKey(), field.getValue().textValue());
        }
        return values;
    }

    private static GoSetupException garbled(String source, String output, String reason, Throwable cause) {
        String start = output.strip();
        if (start.length() > 200) {
            start = start.substring(0, 200) + "...";
        }
        return new GoSetupException("cannot read the output of " + source + ": " + reason
                + (start.isEmpty() ? " (the output is empty)" : "; it begins: " + start),
                List.of("run go env -json by hand with the same environment; a wrapper script around go, "
                        + "or a GOFLAGS value, may be printing extra text"), cause);
    }

    private ProcessResult start(List<String> command) {
        return ProcessRunner.run(command, directory, ProcessRunner.exactly(processEnvironment()), timeout, cancel, output);
    }

    private Path resolve(String program) {
        return Executables.find(program, processEnvironment(), environment.toolchain().platform().isWindows());
    }
}
