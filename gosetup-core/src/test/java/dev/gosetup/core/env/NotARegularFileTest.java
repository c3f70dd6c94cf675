package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.doctor.checklist.Checklist;
import dev.gosetup.core.internal.AtomicFiles;
import dev.gosetup.core.internal.GoEnvFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "hangs": a {@code ~/.bashrc} that is a FIFO hung {@code env apply} forever; one that
 * links to {@code /dev/zero} ended in an OutOfMemoryError after 24 s; a checklist whose first line
 * is a 20 MiB comment took 319 s to parse. Only regular files are read, with a size limit.
 */
@DisabledOnOs(OS.WINDOWS)
class NotARegularFileTest {
    private static final Duration QUICK = Duration.ofSeconds(5);

    @TempDir
    Path home;

    static Path mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return path;
    }

    @Test
    void aFifoBashrcIsRefusedAtOnceInsteadOfHangingForever() throws Exception {
        Path bashrc = mkfifo(home.resolve(".bashrc"));
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> AtomicFiles.read(bashrc))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(bashrc.toString())
                .hasMessageContaining("FIFO"));
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> GoEnvFile.read(bashrc))
                .isInstanceOf(InvalidConfigurationException.class));
    }

    @Test
    void aBashrcLinkedToDevZeroIsRefusedAtOnceInsteadOfRunningOutOfMemory() throws Exception {
        Path bashrc = Files.createSymbolicLink(home.resolve(".bashrc"), Path.of("/dev/zero"));
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> AtomicFiles.read(bashrc))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("(a symbolic link) is a device, FIFO or socket"));
    }

    @Test
    void aHugeFileIsRefusedAndAnOrdinaryOneStillReads() throws Exception {
        Path big = home.resolve(".profile");
        Files.write(big, new byte[17 * 1024 * 1024]);
        assertThatThrownBy(() -> AtomicFiles.read(big)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("larger than 16 MiB");
        Path ok = Files.writeString(home.resolve(".zshrc"), "export A=1\n");
        assertThat(AtomicFiles.read(ok)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("export A=1\n"));
        assertThat(AtomicFiles.read(home.resolve("missing"))).isEmpty();
    }

    @Test
    void aChecklistWithAHugeFirstLineCommentIsRefusedBeforeParsing() throws Exception {
        Path checklist = home.resolve("team.checklist");
        Files.writeString(checklist, "#" + "x".repeat(20 * 1024 * 1024) + "\n");
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> Checklist.read(checklist, List.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("the checklist " + checklist)
                .hasMessageContaining("larger than 1 MiB"));
        Path fifo = mkfifo(home.resolve("fifo.checklist"));
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> Checklist.read(fifo, List.of()))
                .isInstanceOf(InvalidConfigurationException.class));
    }
}
