package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one walk both packers share, on a tree with the links a GOROOT (or a broken copy of one) can hold: a link to
 * a file, to a directory, back to an enclosing directory, a dangling one, and a FIFO.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TreeWalkTest {
    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(dir.resolve("goroot"));
        Files.writeString(root.resolve("VERSION"), "go1.99.0\n");
        Files.writeString(root.resolve("go.mod"), "module std\n");
        Path src = Files.createDirectories(root.resolve("src/b"));
        Files.writeString(src.resolve("z.go"), "package b\n");
        Files.writeString(src.resolve("go.mod"), "module b\n");
        Files.writeString(root.resolve("src/a.go"), "package a\n");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("o.txt"), "outside\n");
        Files.createSymbolicLink(root.resolve("src/linked"), outside);
        Files.createSymbolicLink(root.resolve("src/b/up"), root.resolve("src"));
        Files.createSymbolicLink(root.resolve("src/dangling"), dir.resolve("nothing"));
        Files.createSymbolicLink(root.resolve("misc.go"), root.resolve("src/a.go"));
        new ProcessBuilder("mkfifo", root.resolve("src/fifo").toString()).inheritIO().start().waitFor();
    }

    @Test
    void visitsDepthFirstByNameFollowingLinksAndSkippingCyclesDanglingLinksAndSpecialFiles() throws Exception {
        List<String> seen = new ArrayList<>();
        TreeWalk.walk(root, BasicFileAttributes.class, new TreeWalk.Visitor<>() {
            @Override
            public void directory(Path d, String relative, BasicFileAttributes attributes) {
                seen.add("d " + relative);
            }

            @Override
            public void file(Path f, String relative, BasicFileAttributes attributes) {
                seen.add("f " + relative + " " + attributes.size());
            }
        });
        assertThat(seen).containsExactly("d ", "f VERSION 9", "f go.mod 11", "f misc.go 10", "d src/", "f src/a.go 10",
                "d src/b/", "f src/b/go.mod 9", "f src/b/z.go 10", "d src/linked/", "f src/linked/o.txt 8");
    }

    @Test
    void aFileAsTheRootIsRefused() throws Exception {
        Path file = root.resolve("VERSION");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TreeWalk.walk(file, BasicFileAttributes.class,
                new TreeWalk.Visitor<>() {
                    @Override
                    public void directory(Path d, String relative, BasicFileAttributes attributes) {
                    }

                    @Override
                    public void file(Path f, String relative, BasicFileAttributes attributes) {
                    }
                })).hasMessageContaining("not a directory: " + file);
    }

    @Test
    void bothPackersWriteWhatTheWalkSaw() throws Exception {
        TarGzPacker.Result tar = TarGzPacker.pack(root, dir.resolve("go.tar.gz"));
        assertThat(ArchiveEntries.read(dir.resolve("go.tar.gz"))).extracting(ArchiveEntries.Entry::name)
                .containsExactly("go/", "go/VERSION", "go/go.mod", "go/misc.go", "go/src/", "go/src/a.go", "go/src/b/",
                        "go/src/b/go.mod", "go/src/b/z.go", "go/src/linked/", "go/src/linked/o.txt");
        assertThat(tar.entries()).isEqualTo(11);
        assertThat(tar.sha256()).isEqualTo(Sha256.hex(dir.resolve("go.tar.gz")));

        ModuleZipPacker.Result zip = ModuleZipPacker.pack(root, "golang.org/toolchain", "v0.0.1-go1.99.0.linux-amd64",
                dir.resolve("m.zip"));
        List<String> names;
        try (ZipFile z = new ZipFile(dir.resolve("m.zip").toFile())) {
            names = Collections.list(z.entries()).stream().map(e -> e.getName()).toList();
            assertThat(new String(z.getInputStream(z.getEntry("golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64/"
                    + "src/b/_go.mod")).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("module b\n");
        }
        String p = "golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64/";
        assertThat(names).containsExactly(p + "VERSION", p + "_go.mod", p + "misc.go", p + "src/a.go",
                p + "src/b/_go.mod", p + "src/b/z.go", p + "src/linked/o.txt");
        assertThat(zip.entries()).isEqualTo(7);
        assertThat(zip.sha256()).isEqualTo(Sha256.hex(dir.resolve("m.zip")));
    }

    @Test
    void posixAttributesReachTheVisitorAndALinkBackToTheRootIsACycle() throws Exception {
        Files.setPosixFilePermissions(root.resolve("src/b/z.go"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxr-x---"));
        List<String> modes = new ArrayList<>();
        TreeWalk.walk(root.resolve("src/b"), PosixFileAttributes.class, new TreeWalk.Visitor<>() {
            @Override
            public void directory(Path d, String relative, PosixFileAttributes attributes) {
            }

            @Override
            public void file(Path f, String relative, PosixFileAttributes attributes) {
                modes.add(relative + " " + TarGzPacker.permissionBits(attributes.permissions()));
            }
        });
        // Walked from src/b, the link up to src is not a cycle, but src/b inside it is: the walk's own root.
        assertThat(modes).containsExactly("go.mod 420", "up/a.go 420", "up/linked/o.txt 420", "z.go 488");
    }
}
