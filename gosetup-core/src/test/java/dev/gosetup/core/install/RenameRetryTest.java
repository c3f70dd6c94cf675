package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rename that makes a staged GOROOT installed, while an antivirus scanner holds a file in it:
 * Windows answers ERROR_ACCESS_DENIED, which Java reports as {@link AccessDeniedException} naming
 * the file. The failing rename is injected; the directories and the final rename are real.
 */
class RenameRetryTest {
    @TempDir
    Path tmp;

    final List<Long> sleeps = new ArrayList<>();

    /** A rename denied {@code times} times (naming a file inside, as Windows does), then the real one. */
    ToolchainStore.Rename heldFor(int times, Path heldFile) {
        int[] left = {times};
        return (from, to) -> {
            if (left[0]-- > 0) {
                throw new AccessDeniedException(heldFile.toString());
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        };
    }

    Path staged() throws IOException {
        Path staged = Files.createDirectories(tmp.resolve("staging/go1.22.5.windows-amd64.x/bin"));
        Files.writeString(staged.resolve("go.exe"), "MZ");
        return staged.getParent();
    }

    @Test
    void aFileHeldForAWhileIsRetriedWithGrowingWaitsThenMoved() throws IOException {
        Path staged = staged();
        Path target = tmp.resolve("toolchains/go1.22.5.windows-amd64");
        Files.createDirectories(target.getParent());
        ToolchainStore.moveWithRetry(staged, target, heldFor(3, staged.resolve("bin/go.exe")), sleeps::add);
        assertThat(sleeps).containsExactly(50L, 100L, 200L);
        assertThat(target.resolve("bin/go.exe")).hasContent("MZ");
        assertThat(staged).doesNotExist();
    }

    @Test
    void aFileHeldForeverFailsAfterABoundedTimeNamingTheFile() throws IOException {
        Path staged = staged();
        Path held = staged.resolve("bin/go.exe");
        Path target = tmp.resolve("toolchains/go1.22.5.windows-amd64");
        assertThatThrownBy(() -> ToolchainStore.moveWithRetry(staged, target, heldFor(Integer.MAX_VALUE, held), sleeps::add))
                .isInstanceOf(AccessDeniedException.class)
                .satisfies(e -> assertThat(((FileSystemException) e).getFile()).isEqualTo(held.toString()))
                .hasMessageContaining(held.toString())
                .hasMessageContaining("still denied after 8 attempts over 5.2s")
                .hasMessageContaining("antivirus");
        assertThat(sleeps).hasSize(ToolchainStore.RENAME_ATTEMPTS - 1);
        assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).isLessThan(10_000);
        assertThat(staged.resolve("bin/go.exe")).exists(); // nothing half-moved
        assertThat(target).doesNotExist();
    }

    @Test
    void anExistingTargetIsNotRetried() throws IOException {
        Path staged = staged();
        Path target = Files.createDirectories(tmp.resolve("toolchains/go1.22.5.windows-amd64/bin"));
        Files.writeString(target.resolve("x"), "x");
        assertThatThrownBy(() -> ToolchainStore.moveWithRetry(staged, target.getParent(),
                (a, b) -> Files.move(a, b, StandardCopyOption.ATOMIC_MOVE), sleeps::add)).isInstanceOf(IOException.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theDefaultRenameIsTheRealOne() throws IOException {
        ToolchainStore store = new ToolchainStore(tmp.resolve("home"));
        // The real rename, retried: with no file held it just works (the default Rename is Files.move).
        Path staged = staged();
        Path target = store.gorootOf("go1.22.5.windows-amd64");
        Files.createDirectories(target.getParent());
        ToolchainStore.moveWithRetry(staged, target);
        assertThat(target.resolve("bin/go.exe")).exists();
    }
}
