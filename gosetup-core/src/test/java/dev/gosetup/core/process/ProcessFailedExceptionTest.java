package dev.gosetup.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gosetup.api.CancellationToken;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessFailedExceptionTest {
    @TempDir
    Path dir;

    @Test
    void requireSuccessThrowsAnExceptionCarryingTheResultAndTheFixes() {
        ProcessResult result = ProcessRunner.run(List.of("sh", "-c", "echo 'FAIL: TestAdd'; echo 'exit status 1' >&2; exit 3"),
                dir, Map.of(), Duration.ofSeconds(30), new CancellationToken());
        ProcessFailedException e = catchThrowableOfType(ProcessFailedException.class, result::requireSuccess);
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e.result().stdout()).isEqualTo("FAIL: TestAdd\n");
        assertThat(e.result().stderr()).isEqualTo("exit status 1\n");
        assertThat(e.getMessage()).contains("failed with exit code 3").contains("exit status 1");
        assertThat(e.resolutions()).isNotEmpty();
        // What a test report prints: the message and the fixes.
        assertThat(e.toString()).contains("exit status 1").contains("  fix: run the command by hand");
    }

    @Test
    void aCommandThatOnlyTalksOnStdoutShowsThat() {
        ProcessResult result = ProcessRunner.run(List.of("sh", "-c", "echo '--- FAIL: TestX'; exit 1"), dir, Map.of(),
                Duration.ofSeconds(30), new CancellationToken());
        ProcessFailedException e = catchThrowableOfType(ProcessFailedException.class, result::requireSuccess);
        assertThat(e.getMessage()).contains("--- FAIL: TestX");
    }
}
