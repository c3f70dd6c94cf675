package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: {@code --index} and {@code install --from} given a FIFO hung, given {@code /dev/zero}
 * ran out of memory. Both are refused up front: exit 2, one line and its fix, no stack trace.
 */
@DisabledOnOs(OS.WINDOWS)
class NotARegularFileCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gosetup(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> GoSetupCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true)));
    }

    private Path fifo(String name) throws Exception {
        Path path = dir.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
        return path;
    }

    @Test
    void aFifoOrDevZeroAsIndexOrVersionFileIsRefusedWithExitTwoAndOneLine() throws Exception {
        Path store = dir.resolve("store");
        Path zero = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        for (String[] args : new String[][] {
                {"list", "--remote", "--home", store.toString(), "--index", fifo("index.json").toString()},
                {"list", "--remote", "--home", store.toString(), "--index", zero.toString()},
                {"install", "--from", fifo("go.mod").toString(), "--home", store.toString()},
                {"install", "--from", "/dev/zero", "--home", store.toString()}}) {
            err.getBuffer().setLength(0);
            assertThat(gosetup(args)).as(String.join(" ", args) + ": " + err).isEqualTo(2);
            assertThat(err.toString().lines().filter(l -> l.startsWith("gosetup: ")).toList()).as(err.toString()).hasSize(1);
            assertThat(err.toString()).contains("not a regular file").doesNotContain("\tat ");
        }
    }
}
