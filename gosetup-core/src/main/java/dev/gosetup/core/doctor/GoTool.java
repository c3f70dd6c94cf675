package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and runs the {@code go} a check is about: the configured toolchain's, else the first on
 * the context's {@code PATH}. Processes get exactly the context's process environment (not the
 * JVM's) with {@code GOTOOLCHAIN=local}, so a check never makes go download another toolchain.
 */
final class GoTool {
    private GoTool() {
    }

    /** Where go is and how it was found. */
    record Located(Path go, String source) {
    }

    /**
     * Finds go.
     *
     * @throws NotFoundException when no toolchain is configured and there is no go on PATH
     */
    static Located locate(CheckContext context) {
        if (context.toolchain().isPresent()) {
            return new Located(context.toolchain().get().goBinary(), "the configured toolchain");
        }
        return new Located(Executables.find("go", context.environment(), context.host().isWindows()), "PATH");
    }

    /** Runs a command in the context's process environment. */
    static ProcessResult run(CheckContext context, List<String> command, Path directory, Duration timeout) {
        Map<String, String> target = context.processEnvironment();
        target.put("GOTOOLCHAIN", "local");
        return ProcessRunner.run(command, directory, changesTo(target), timeout, context.cancellation());
    }

    /** ProcessRunner edits the JVM's environment; these edits make it exactly {@code target}. */
    static Map<String, Optional<String>> changesTo(Map<String, String> target) {
        Map<String, Optional<String>> changes = new HashMap<>();
        System.getenv().keySet().forEach(k -> changes.put(k, Optional.empty()));
        target.forEach((k, v) -> changes.put(k, Optional.of(v)));
        return changes;
    }

    static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The first non-blank line of some output, for one-line summaries. */
    static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)");
    }
}
