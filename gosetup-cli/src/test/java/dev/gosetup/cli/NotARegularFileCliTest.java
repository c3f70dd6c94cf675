package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 10: {@code --index} and {@code install --from} given a FIFO hung, given {@code /dev/zero}
 * ran out of memory. Both are refused up front: exit 2, one line and its fix, no stack trace.
 */
@DisabledOnOs(OS.WINDOWS)
class NotARegularFileCliTest extends CliTest {
    private int gosetup(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> gosetup(List.of(args)));
    }

    private Path fifo(String name) throws Exception {
        Path path = tmp.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
        return path;
    }

    @Test
    void aFifoOrDevZeroAsIndexOrVersionFileIsRefusedWithExitTwoAndOneLine() throws Exception {
        Path zero = Files.createSymbolicLink(tmp.resolve("zero.json"), Path.of("/dev/zero"));
        for (String[] args : new String[][] {
                {"list", "--remote", "--home", store.toString(), "--index", fifo("index.json").toString()},
                {"list", "--remote", "--home", store.toString(), "--index", zero.toString()},
                {"install", "--from", fifo("go.mod").toString(), "--home", store.toString()},
                {"install", "--from", "/dev/zero", "--home", store.toString()}}) {
            assertThat(gosetup(args)).as(String.join(" ", args) + ": " + err).isEqualTo(2);
            assertThat(err.toString().lines().filter(l -> l.startsWith("gosetup: ")).toList()).as(err.toString()).hasSize(1);
            assertThat(err.toString()).contains("not a regular file").doesNotContain("\tat ");
        }
    }
}
