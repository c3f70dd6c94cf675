package dev.gosetup.core.doctor.checklist;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.core.doctor.checks.ContextGo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code command:} probe of a checklist: a program run with arguments as a list (never
 * through a shell), in the user's environment (the program is looked up on that environment's
 * {@code PATH}), must exit with the expected code and print what is expected on stdout and stderr.
 */
final class CommandProbe extends Probe {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    record Spec(List<String> argv, int exitCode, Optional<String> stdoutContains, Optional<Pattern> stdoutMatches,
            Optional<String> stderrContains, Optional<Pattern> stderrMatches, Optional<Path> directory) {
        Spec {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                throw new IllegalArgumentException("argv must name a program, e.g. [make, --version]");
            }
        }
    }

    private final Spec spec;

    CommandProbe(String id, Optional<String> title, Optional<String> category, Duration timeout, Spec spec) {
        super(id, title.orElse("command " + String.join(" ", spec.argv())), category.orElse("tools"),
                List.of(), timeout);
        this.spec = spec;
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        Map<String, String> env = context.processEnvironment();
        String shown = "`" + String.join(" ", spec.argv()) + "`";
        Path program;
        try {
            program = Executables.find(spec.argv().get(0), env, context.host().isWindows());
        } catch (NotFoundException e) {
            return CheckResult.fail(e.getMessage()).withHint("install " + spec.argv().get(0) + ", or put it on PATH");
        }
        List<String> command = new ArrayList<>(spec.argv());
        command.set(0, program.toString());
        ProcessResult result;
        try {
            result = ProcessRunner.run(command, spec.directory().orElse(ContextGo.tmp(context)), ProcessRunner.exactly(env),
                    probeTimeout, context.cancellation());
        } catch (dev.gosetup.api.CancelledException e) {
            throw e;
        } catch (GoSetupException e) {
            return CheckResult.fail(e.getMessage()).withHints(e.resolutions());
        }
        CheckResult r = CheckResult.pass(shown + " exited with " + result.exitCode())
                .withDetail("exit code", result.exitCode());
        if (result.exitCode() != spec.exitCode()) {
            return r.withStatus(CheckStatus.FAIL, shown + " exited with " + result.exitCode() + ", expected "
                    + spec.exitCode() + ": " + ContextGo.firstLine(result.stderr() + "\n" + result.stdout()));
        }
        Optional<String> mismatch = mismatch("stdout", result.stdout(), spec.stdoutContains(), spec.stdoutMatches())
                .or(() -> mismatch("stderr", result.stderr(), spec.stderrContains(), spec.stderrMatches()));
        if (mismatch.isPresent()) {
            return r.withStatus(CheckStatus.FAIL, shown + " exited with " + result.exitCode() + " but its "
                    + mismatch.get()).withDetail("stdout", ContextGo.firstLine(result.stdout()))
                    .withDetail("stderr", ContextGo.firstLine(result.stderr()));
        }
        return r;
    }

    private static Optional<String> mismatch(String stream, String text, Optional<String> contains,
            Optional<Pattern> matches) {
        if (contains.isPresent() && !text.contains(contains.get())) {
            return Optional.of(stream + " does not contain \"" + contains.get() + "\"");
        }
        if (matches.isPresent() && !matches.get().matcher(text).find()) {
            return Optional.of(stream + " does not match /" + matches.get() + "/");
        }
        return Optional.empty();
    }
}
