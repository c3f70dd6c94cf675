package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gosetup use} where symbolic links cannot be made: {@code current} becomes a link of a
 * {@link DirectoryLinker} (a junction on Windows). Junctions do not exist here, so the linker is a
 * stand-in that makes an absolute symbolic link (a junction also holds an absolute target), and
 * the rename is Windows' when asked: it refuses to replace an existing directory entry, as
 * MoveFileEx does for a junction. Files, links and renames are real.
 */
class CurrentLinkTest {
    @TempDir
    Path root;

    /** Stands in for junctions: absolute symbolic links, recognised only when absolute. */
    static final DirectoryLinker FAKE_JUNCTIONS = new DirectoryLinker() {
        @Override
        public String id() {
            return "fake-junction";
        }

        @Override
        public void create(Path link, Path target) throws IOException {
            Files.createSymbolicLink(link, target.toAbsolutePath());
        }

        @Override
        public Optional<Path> target(Path link) throws IOException {
            return Files.isSymbolicLink(link) && Files.readSymbolicLink(link).isAbsolute()
                    ? Optional.of(Files.readSymbolicLink(link)) : Optional.empty();
        }
    };

    /** Windows' rename: an existing target entry (a junction is a directory) cannot be replaced. */
    static final ToolchainStore.Rename WINDOWS_RENAME = (from, to) -> {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new AccessDeniedException(from.toString(), to.toString(), "cannot replace a directory");
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    };

    Toolchain installed(ToolchainStore store, String version) throws IOException {
        String id = "go" + version + ".windows-amd64";
        Path goroot = Files.createDirectories(store.gorootOf(id).resolve("bin"));
        Files.writeString(goroot.getParent().resolve(ToolchainStore.RECEIPT), "{}");
        return new Toolchain(GoVersion.parse("go" + version), Platform.parse("windows-amd64"), goroot.getParent());
    }

    List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".current")).toList();
        }
    }

    @Test
    void switchingBackAndForthKeepsOneLinkAndNoDebris() throws IOException {
        ToolchainStore store = new ToolchainStore(root, List.of(FAKE_JUNCTIONS), false);
        Toolchain a = installed(store, "1.22.5");
        Toolchain b = installed(store, "1.23.1");
        for (Toolchain t : List.of(a, b, a, b, b)) {
            store.use(t);
            assertThat(store.currentId()).contains(t.goroot().getFileName().toString());
            assertThat(store.currentIsLink()).isTrue();
            assertThat(root.resolve("current/bin")).isDirectory();
            assertThat(root.resolve("current.txt")).doesNotExist();
            assertThat(leftovers()).isEmpty();
        }
        assertThat(a.goroot().resolve("bin")).isDirectory(); // replacing a link never touches its target
        store.clearCurrent();
        assertThat(store.currentId()).isEmpty();
        assertThat(b.goroot().resolve("bin")).isDirectory();
    }

    @Test
    void windowsRenameMovesTheOldLinkAsideThenDeletesIt() throws IOException {
        ToolchainStore store = new ToolchainStore(root, List.of(FAKE_JUNCTIONS), false);
        Toolchain a = installed(store, "1.22.5");
        Toolchain b = installed(store, "1.23.1");
        Path current = root.resolve("current");
        ToolchainStore.replaceLink(current, a.goroot(), FAKE_JUNCTIONS, WINDOWS_RENAME);
        ToolchainStore.replaceLink(current, b.goroot(), FAKE_JUNCTIONS, WINDOWS_RENAME);
        assertThat(FAKE_JUNCTIONS.target(current)).contains(b.goroot());
        assertThat(leftovers()).isEmpty();
        assertThat(a.goroot()).isDirectory();
    }

    @Test
    void aFailedSecondRenamePutsTheOldLinkBack() throws IOException {
        ToolchainStore store = new ToolchainStore(root, List.of(FAKE_JUNCTIONS), false);
        Toolchain a = installed(store, "1.22.5");
        Toolchain b = installed(store, "1.23.1");
        Path current = root.resolve("current");
        ToolchainStore.replaceLink(current, a.goroot(), FAKE_JUNCTIONS, WINDOWS_RENAME);
        int[] calls = {0};
        ToolchainStore.Rename failsOnThird = (from, to) -> {
            if (++calls[0] == 3) {
                throw new AccessDeniedException(from.toString(), null, "held by antivirus");
            }
            WINDOWS_RENAME.move(from, to);
        };
        assertThatThrownBy(() -> ToolchainStore.replaceLink(current, b.goroot(), FAKE_JUNCTIONS, failsOnThird))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(FAKE_JUNCTIONS.target(current)).contains(a.goroot());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void withoutAnyLinkCurrentTxtStillWorks() throws IOException {
        ToolchainStore store = new ToolchainStore(root, List.of(), false);
        Toolchain a = installed(store, "1.22.5");
        store.use(a);
        assertThat(root.resolve("current.txt")).hasContent("go1.22.5.windows-amd64");
        assertThat(store.currentIsLink()).isFalse();
        assertThat(store.currentId()).contains("go1.22.5.windows-amd64");
        // Once links work, the link replaces current.txt.
        new ToolchainStore(root, List.of(FAKE_JUNCTIONS), false).use(a);
        assertThat(root.resolve("current.txt")).doesNotExist();
    }
}
