package dev.gosetup.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.NotFoundException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Streaming, capture and environment handling of {@link ProcessRunner}, with {@code /bin/sh} as the process. */
@DisabledOnOs(OS.WINDOWS)
class ProcessRunnerTest {
    @TempDir
    Path dir;

    private ProcessResult sh(String script, Map<String, Optional<String>> env, OutputListener output) {
        return ProcessRunner.run(List.of("/bin/sh", "-c", script), dir, env, Duration.ofSeconds(30),
                new CancellationToken(), output);
    }

    @Test
    void streamsLinesOfBothStreamsInOrderAndStillCaptures() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        ProcessResult result = sh("printf 'one\\ntwo\\r\\nth'; printf 'ree'; echo oops >&2; printf 'last'",
                Map.of(), (stream, line) -> (stream == OutputListener.Stream.STDOUT ? out : err).add(line));
        assertThat(out).containsExactly("one", "two", "threelast");
        assertThat(err).containsExactly("oops");
        assertThat(result.stdout()).isEqualTo("one\ntwo\r\nthreelast");
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void aFailingListenerDoesNotStopTheCapture() {
        ProcessResult result = sh("echo a; echo b", Map.of(), (stream, line) -> {
            throw new IllegalStateException("listener bug");
        });
        assertThat(result.stdout()).isEqualTo("a\nb\n");
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void exactlyGivesTheProcessThatEnvironmentAndNoOther() {
        ProcessResult result = sh("env", ProcessRunner.exactly(Map.of("ONLY_THIS", "1", "PATH", "/usr/bin:/bin")),
                OutputListener.NONE);
        assertThat(result.stdout().lines().filter(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=")
                && !l.startsWith("_=")).toList()).containsExactlyInAnyOrder("ONLY_THIS=1", "PATH=/usr/bin:/bin");
    }

    @Test
    void requireSuccessNamesTheCommandAndItsError() {
        ProcessResult result = sh("echo broken >&2; exit 3", Map.of(), OutputListener.NONE);
        assertThatThrownBy(result::requireSuccess).isInstanceOf(GoSetupException.class)
                .hasMessageContaining("/bin/sh -c").hasMessageContaining("exit code 3").hasMessageContaining("broken");
    }

    @Test
    void aMissingProgramIsNotFoundByName() {
        assertThatThrownBy(() -> ProcessRunner.run(List.of(dir.resolve("nope").toString()), dir, Map.of(),
                Duration.ofSeconds(5), new CancellationToken()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(dir.resolve("nope").toString());
    }
}
