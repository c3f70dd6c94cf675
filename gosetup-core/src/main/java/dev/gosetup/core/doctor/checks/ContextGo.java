package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.core.env.GoRunner;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code go} a check is about, and how the checks run it: the configured toolchain's through
 * {@link GoRunner} (so exactly its {@link GoEnvironment} applies), else the first {@code go} on the
 * context's {@code PATH} with exactly the context's environment ({@link ProcessRunner#exactly}).
 * Either way {@code GOTOOLCHAIN=local} is added unless a caller says otherwise, so a check never
 * makes go download another toolchain, and commands run in the temporary directory unless given
 * one, so no {@code go.mod} of the JVM's working directory counts.
 *
 * @param binary the go binary
 * @param source how it was found, for reports: "the configured toolchain" or "PATH"
 * @param context the context it runs in
 */
public record ContextGo(Path binary, String source, CheckContext context) {
    static final Duration GO_ENV_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Finds go for a context.
     *
     * @throws NotFoundException when no toolchain is configured and there is no go on PATH
     */
    public static ContextGo locate(CheckContext context) {
        if (context.goEnvironment().isPresent()) {
            return new ContextGo(context.goEnvironment().get().toolchain().goBinary(), "the configured toolchain",
                    context);
        }
        return new ContextGo(Executables.find("go", context.environment(), context.host().isWindows()), "PATH",
                context);
    }

    /** Runs go with arguments in a directory, with {@code GOTOOLCHAIN=local}. */
    ProcessResult run(Path directory, Duration timeout, String... args) {
        return run(Map.of("GOTOOLCHAIN", Optional.of("local")), directory, timeout, args);
    }

    /**
     * Runs go with arguments in a directory, with some variables set (present) or unset (empty)
     * over the context's environment.
     */
    ProcessResult run(Map<String, Optional<String>> changes, Path directory, Duration timeout, String... args) {
        Optional<GoEnvironment> configured = context.goEnvironment();
        if (configured.isPresent()) {
            GoEnvironment env = configured.get();
            for (Map.Entry<String, Optional<String>> change : changes.entrySet()) {
                env = change.getValue().isPresent() ? env.with(change.getKey(), change.getValue().get())
                        : env.without(change.getKey());
            }
            return GoRunner.of(env, context.environment()).in(directory).timeout(timeout)
                    .cancellation(context.cancellation()).go(args);
        }
        Map<String, String> env = context.processEnvironment();
        changes.forEach((name, value) -> {
            if (value.isPresent()) {
                env.put(name, value.get());
            } else {
                env.remove(name);
            }
        });
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return ProcessRunner.run(command, directory, ProcessRunner.exactly(env), timeout, context.cancellation());
    }

    /**
     * Reads {@code go env -json NAME...} as this go sees it in the context (with
     * {@code GOTOOLCHAIN=local}). Only named variables: {@code go env -json} without names also
     * computes the costly ones, which creates GOCACHE and fails when GOCACHE is {@code off} or
     * not a directory, and a check must neither change nor trip over what it examines.
     *
     * @throws GoSetupException when go cannot run, fails, or prints something that is not its environment
     */
    public Map<String, String> goEnv(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name the variables to read");
        }
        List<String> args = new ArrayList<>(List.of("env", "-json"));
        args.addAll(List.of(names));
        ProcessResult result = run(tmp(context), GO_ENV_TIMEOUT, args.toArray(String[]::new)).requireSuccess();
        return GoRunner.parseGoEnvJson(result.stdout(), "go env -json of " + binary);
    }

    /** The directory commands run in unless they need their own: the context's temporary directory. */
    public static Path tmp(CheckContext context) {
        return context.tempDirectory();
    }

    /** The first non-blank line of some output, for one-line summaries. */
    public static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)");
    }
}
