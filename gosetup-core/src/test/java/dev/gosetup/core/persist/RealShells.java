package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the real shells the persist tests check their output against. A shell that is not installed
 * skips the test, except with {@code CI=true}, where it fails: .ci/install-toolchains.sh installs
 * zsh and fish, so a missing one there is a broken setup, not a reason to skip.
 */
final class RealShells {
    static final String BASE_PATH = "/usr/bin:/bin";

    private RealShells() {
    }

    /** The absolute path of a shell, or the end of the calling test when it is missing. */
    static String require(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String message = name + " is not installed; install it with 'sudo bash .ci/install-toolchains.sh'"
                + " (or apt-get install " + name + ")";
        if ("true".equalsIgnoreCase(System.getenv().getOrDefault("CI", "").strip())) {
            throw new AssertionFailedError(message + ". Real-shell tests must not be skipped in CI (CI=true).");
        }
        Assumptions.assumeTrue(false, message);
        throw new AssertionError("unreachable");
    }

    /**
     * Runs a shell command line (test-controlled text, no data) with HOME set, a small PATH and none
     * of the variables that would make the shell read the developer's own configuration.
     */
    static ProcessResult run(Path home, List<String> command, Map<String, String> extra) {
        Map<String, Optional<String>> env = new HashMap<>();
        for (String v : List.of("ENV", "BASH_ENV", "ZDOTDIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                "XDG_RUNTIME_DIR", "GOPATH", "GOROOT", "fish_user_paths")) {
            env.put(v, Optional.empty());
        }
        env.put("HOME", Optional.of(home.toString()));
        env.put("PATH", Optional.of(BASE_PATH));
        env.put("LC_ALL", Optional.of("C.UTF-8"));
        env.put("XDG_DATA_HOME", Optional.of(home.resolve(".local/share").toString()));
        extra.forEach((k, v) -> env.put(k, Optional.of(v)));
        ProcessResult r = ProcessRunner.run(command, home, env, Duration.ofSeconds(60), new CancellationToken());
        assertThat(r.exitCode()).as("%s\nstdout: %s\nstderr: %s", command, r.stdout(), r.stderr()).isZero();
        return r;
    }

    /** Splits NUL-terminated output. */
    static List<String> fields(String out) {
        assertThat(out).endsWith("\0");
        return new ArrayList<>(Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1)));
    }
}
