package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.core.internal.GoUserDirectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A user environment for checks that run a real go, kept inside a test's directory. */
final class DoctorTestEnv {
    private DoctorTestEnv() {
    }

    /**
     * This JVM's environment without any Go variable, with {@code HOME} in {@code dir}, Go's
     * config directory (so its env file) at {@code dir/config/go} with telemetry off (Go 1.23
     * would otherwise write counters there from a process that outlives the test and its
     * temporary directory), and {@code PATH} = {@code goBin} then {@code /usr/bin:/bin}.
     */
    static Map<String, String> user(Path dir, Path goBin) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(GoEnvironment::isGoVariable);
        env.put("PATH", goBin + ":/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        try {
            GoUserDirectories.turnTelemetryOff(dir.resolve("config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    /** Go's env file of {@link #user}. */
    static Path envFile(Path dir) {
        return dir.resolve("config/go/env");
    }
}
