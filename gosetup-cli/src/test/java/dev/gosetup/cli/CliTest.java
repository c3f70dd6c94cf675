package dev.gosetup.cli;

import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.testkit.LoopbackMirror;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture the CLI's end-to-end tests share: a fake user and the command run in-process as that user.
 *
 * <p>Before each test: {@link #home} is {@code tmp/home} (created), {@link #store} is {@code tmp/store} (not created:
 * gosetup creates it; a test class that installs once for all its tests points it at a class-wide directory in its
 * own {@code @BeforeEach}, which runs after this one), and {@link #userEnv} is what the command sees of the
 * environment: {@code HOME} and a plain {@code PATH}, nothing inherited from the machine (so neither the developer's
 * Go variables nor {@code GOSETUP_HOME} leak in). Tests add variables to it. The user has turned Go's telemetry off
 * ({@code home/.config/go/telemetry/mode}), so no detached Go 1.23 telemetry child writes into {@code tmp} while it
 * is deleted.
 *
 * <p>{@link #gosetup(List)} runs the command with exactly the arguments given, as that user, and leaves what it
 * printed in {@link #out} and {@link #err} (fresh for every run). Each test class keeps its own small {@code gosetup}
 * method for the options its commands take ({@link #withOptions} puts them before a {@code --}).
 *
 * <p>Tests that need real toolchains register the testkit's {@link LoopbackMirror} as a static {@code @RegisterExtension}
 * field and pass {@link #mirrorOptions} to their commands.
 */
abstract class CliTest {
    @TempDir
    Path tmp;

    Path home;
    Path store;
    Map<String, String> userEnv;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    final void fakeUser() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        store = tmp.resolve("store");
        userEnv = new LinkedHashMap<>();
        userEnv.put("HOME", home.toString());
        userEnv.put("PATH", "/usr/bin:/bin");
        // This user ran `go telemetry off`: Go 1.23's detached telemetry child would otherwise write
        // under home/.config after the go command gosetup ran ended, while JUnit deletes tmp.
        GoUserDirectories.turnTelemetryOff(home.resolve(".config"));
    }

    /**
     * Runs gosetup in this JVM with these arguments and {@link #userEnv}; {@link #out} and {@link #err} hold what it
     * printed afterwards.
     *
     * @return its exit status
     */
    final int gosetup(List<String> args) {
        out = new StringWriter();
        err = new StringWriter();
        return GoSetupCommand.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                userEnv);
    }

    /**
     * Every path under {@link #home} (relative, sorted) except the fixture's own telemetry mode file and the
     * directories holding it: what commands created there.
     */
    final List<String> createdInHome() throws IOException {
        List<String> fixture = List.of(".config", ".config/go", ".config/go/telemetry", ".config/go/telemetry/mode");
        try (var paths = Files.walk(home)) {
            return paths.filter(p -> !p.equals(home)).map(p -> home.relativize(p).toString())
                    .filter(p -> !fixture.contains(p)).sorted().toList();
        }
    }

    /** {@code --home} and the store: where every command that reads or writes the store should look. */
    final List<String> storeOption() {
        return List.of("--home", store.toString());
    }

    /**
     * Inserts options before a {@code --} in {@code args} (what follows it goes to the program gosetup runs), or
     * appends them when there is none.
     */
    static List<String> withOptions(List<String> args, List<String> options) {
        List<String> all = new ArrayList<>(args);
        int at = all.indexOf("--");
        all.addAll(at >= 0 ? at : all.size(), options);
        return all;
    }

    /** {@code --index} and {@code --mirror} of a loopback mirror's server. */
    static List<String> mirrorOptions(LoopbackMirror mirror) {
        return List.of("--index", mirror.server().indexUri().toString(), "--mirror", mirror.server().baseUri().toString());
    }
}
