package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void deletesReadOnlyTreesLikeGosModuleCacheWithoutFollowingLinks() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Path tree = dir.resolve("tree");
        Path mod = Files.createDirectories(tree.resolve("pkg/mod/example.com/m@v1.0.0/sub"));
        Files.writeString(mod.resolve("a.go"), "package sub");
        Files.createSymbolicLink(mod.resolve("link"), outside);
        Files.createSymbolicLink(tree.resolve("dirlink"), dir);
        for (Path p : new Path[] {mod.resolve("a.go"), mod, mod.getParent()}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
        }

        FileTrees.deleteTree(tree);

        assertThat(tree).doesNotExist();
        assertThat(outside).hasContent("keep");
        FileTrees.deleteTree(tree); // already gone: nothing to do
    }

    @Test
    void deletesAPlainFile() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        FileTrees.deleteTree(file);
        assertThat(file).doesNotExist();
    }
}
