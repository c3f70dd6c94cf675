package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed between writing a profile's temporary file and renaming it leaves
 * {@code ..bashrc.<random>.gosetup-tmp} (a dot, then the file's own name) in the home; the next write of that profile removes it,
 * and leaves a temporary file that may belong to a write in progress.
 */
class AtomicFilesDebrisTest {
    @TempDir
    Path home;

    @Test
    void theNextWriteRemovesTemporariesOfKilledWritesAndLeavesRecentOnes() throws Exception {
        Path bashrc = Files.writeString(home.resolve(".bashrc"), "# mine\n");
        Path stale = Files.writeString(home.resolve("..bashrc.8812731.gosetup-tmp"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE_TEMPORARY).minusSeconds(60)));
        Path recent = Files.writeString(home.resolve("..bashrc.9912731.gosetup-tmp"), "in progress");
        Path otherFiles = Files.writeString(home.resolve("..profile.1.gosetup-tmp"), "not this file's");
        Files.setLastModifiedTime(otherFiles, FileTime.from(Instant.now().minusSeconds(3600)));
        Path target = Files.createDirectories(home.resolve("elsewhere")).resolve("kept");
        Files.writeString(target, "x");
        Path link = Files.createSymbolicLink(home.resolve("..bashrc.7.gosetup-tmp"), target);
        Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(3600)));

        AtomicFiles.replace(bashrc, Optional.of("# mine\nexport A=1\n".getBytes(StandardCharsets.UTF_8)), "rw-r--r--");

        assertThat(bashrc).hasContent("# mine\nexport A=1");
        assertThat(stale).doesNotExist();
        assertThat(recent).hasContent("in progress");
        assertThat(otherFiles).as("another file's temporaries are its own writes' business").exists();
        assertThat(link).as("a link is never followed or removed").isSymbolicLink();
        assertThat(target).hasContent("x");
    }
}
