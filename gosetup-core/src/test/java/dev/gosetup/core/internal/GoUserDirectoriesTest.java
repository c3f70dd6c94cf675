package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.Platform;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go's per-user directories moved under a directory gosetup deletes afterwards (a staging directory,
 * a hermetic environment), with the real Go 1.23+ toolchain: its telemetry must stay off there, since
 * its detached child otherwise re-creates {@code telemetry/upload} after the deletion (a CI run saw
 * exactly that debris in a staging directory).
 */
@DisabledOnOs(OS.WINDOWS)
class GoUserDirectoriesTest {
    private static final Pattern MINOR = Pattern.compile("go1\\.(\\d+)");

    @TempDir
    Path temp;

    private static LocalGoroot goWithTelemetry() {
        List<LocalGoroot> found = RealToolchains.require(1);
        LocalGoroot newest = found.get(found.size() - 1);
        Matcher m = MINOR.matcher(newest.version());
        boolean telemetry = m.lookingAt() && Integer.parseInt(m.group(1)) >= 23;
        if (System.getenv(RealToolchains.CI_ENV) != null) {
            assertThat(telemetry).as("CI installs Go 1.23 (%s), whose telemetry this test is about", found).isTrue();
        }
        Assumptions.assumeTrue(telemetry, "needs Go 1.23 or later, found " + found);
        return newest;
    }

    private static ProcessResult go(LocalGoroot go, Path root, String... args) {
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("GOTOOLCHAIN", Optional.of("local"));
        env.put("GOENV", Optional.of("off"));
        env.put("GOFLAGS", Optional.empty());
        env.put("GOROOT", Optional.empty());
        GoUserDirectories.movedUnder(Platform.current(), root).forEach((k, v) -> env.put(k, Optional.of(v)));
        List<String> command = new java.util.ArrayList<>(List.of(go.goBinary().toString()));
        command.addAll(List.of(args));
        ProcessResult result = ProcessRunner.run(command, root, env, Duration.ofMinutes(1), new CancellationToken());
        assertThat(result.exitCode()).as("%s: %s", command, result.stderr()).isZero();
        return result;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withoutTheModeFileGoWritesTelemetryIntoTheMovedConfigDirectory() throws Exception {
        LocalGoroot go = goWithTelemetry();
        Path root = Files.createDirectories(temp.resolve("control"));

        assertThat(go(go, root, "env", "GOTELEMETRY").stdout().strip()).isEqualTo("local");

        Path telemetry = root.resolve("config/go/telemetry");
        assertThat(telemetry.resolve("local")).as("the counters this class keeps out of deleted directories").isDirectory();
    }

    @Test
    void turnedOffGoReportsOffAndWritesNothingBesideTheModeFile() throws Exception {
        LocalGoroot go = goWithTelemetry();
        Path root = Files.createDirectories(temp.resolve("off"));

        Path mode = GoUserDirectories.turnTelemetryOff(Platform.current(), root);

        assertThat(mode).isEqualTo(root.resolve("config/go/telemetry/mode")).hasContent("off");
        assertThat(go(go, root, "env", "GOTELEMETRY").stdout().strip()).isEqualTo("off");
        go(go, root, "version");
        Thread.sleep(500); // a detached child, were one started, would create local/ and upload/ by now
        assertThat(names(root.resolve("config/go/telemetry"))).containsExactly("mode");
    }

    @Test
    void theModeFileIsWhereEachPlatformsGoLooksForItsConfigDirectory() throws Exception {
        assertThat(GoUserDirectories.turnTelemetryOff(new Platform("windows", "amd64"), temp.resolve("w")))
                .isEqualTo(temp.resolve("w/config/go/telemetry/mode"));
        assertThat(GoUserDirectories.movedUnder(new Platform("windows", "amd64"), temp.resolve("w")))
                .containsEntry("APPDATA", temp.resolve("w/config").toString());
        assertThat(GoUserDirectories.turnTelemetryOff(new Platform("darwin", "arm64"), temp.resolve("m")))
                .isEqualTo(temp.resolve("m/home/Library/Application Support/go/telemetry/mode"));
        assertThat(GoUserDirectories.movedUnder(new Platform("darwin", "arm64"), temp.resolve("m")))
                .containsEntry("HOME", temp.resolve("m/home").toString());
    }
}
