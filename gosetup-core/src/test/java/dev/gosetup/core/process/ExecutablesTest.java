package dev.gosetup.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.NotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {
    @TempDir
    Path tmp;

    private Path executable(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void searchesTheGivenPathInOrderNotTheJvms() throws Exception {
        Path first = executable(tmp.resolve("a"), "tool");
        executable(tmp.resolve("b"), "tool");
        Files.writeString(tmp.resolve("c-tool"), "not executable");
        String path = tmp.resolve("none") + "::" + tmp.resolve("a") + ":" + tmp.resolve("b");
        assertThat(Executables.find("tool", Map.of("PATH", path), false)).isEqualTo(first);
        assertThat(Executables.find("sh", Map.of("PATH", "/usr/bin:/bin"), false).getFileName().toString())
                .isEqualTo("sh");
    }

    @Test
    void skipsFilesThatAreNotExecutable() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a/tool"), "x");
        Path real = executable(tmp.resolve("b"), "tool");
        assertThat(Executables.find("tool", Map.of("PATH", tmp.resolve("a") + ":" + tmp.resolve("b")), false))
                .isEqualTo(real);
    }

    @Test
    void aPathIsTakenAsItIs() throws Exception {
        Path tool = executable(tmp, "tool");
        assertThat(Executables.find(tool.toString(), Map.of(), false)).isEqualTo(tool);
        Files.writeString(tmp.resolve("plain"), "x");
        assertThatThrownBy(() -> Executables.find(tmp.resolve("plain").toString(), Map.of(), false))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("plain is not an executable file");
    }

    @Test
    void windowsUsesPathextAndCaseInsensitiveNames() throws Exception {
        Path go = executable(tmp.resolve("bin"), "go.exe");
        assertThat(Executables.find("go", Map.of("Path", tmp.resolve("bin").toString(), "PATHEXT", ".COM;.EXE"), true))
                .isEqualTo(go);
    }

    @Test
    void aMissingCommandNamesItAndThePath() {
        assertThatThrownBy(() -> Executables.find("nope", Map.of("PATH", "/x:/y"), false))
                .isInstanceOf(NotFoundException.class).hasMessage("nope was not found on PATH (/x:/y)");
        assertThatThrownBy(() -> Executables.find("", Map.of(), false)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void findAllListsEveryMatchInPathOrderOncePerDirectory() throws Exception {
        Path first = executable(tmp.resolve("a"), "tool");
        Path second = executable(tmp.resolve("b"), "tool");
        Files.createDirectories(tmp.resolve("c"));
        Files.writeString(tmp.resolve("c/tool"), "not executable");
        String path = tmp.resolve("a") + "::" + tmp.resolve("c") + ":" + tmp.resolve("b") + ":" + tmp.resolve("a");
        assertThat(Executables.findAll("tool", Map.of("PATH", path), false)).containsExactly(first, second);
        assertThat(Executables.findAll("nothing", Map.of("PATH", path), false)).isEmpty();
        assertThat(Executables.findAll("tool", Map.of(), false)).isEmpty();
        assertThatThrownBy(() -> Executables.findAll("a/tool", Map.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a/tool\"");
    }
}
