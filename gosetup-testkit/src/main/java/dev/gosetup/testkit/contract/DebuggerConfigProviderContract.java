package dev.gosetup.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.DebuggerConfigProvider;
import dev.gosetup.api.spi.DebuggerConfigRequest;
import dev.gosetup.api.spi.StoreContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DebuggerConfigProvider} must do, for a provider's test class to extend:
 * planning and reading change nothing on disk; every change targets the journal's {@code file}
 * store with an absolute path; after the changes are applied, planning again gives nothing, for a
 * workspace and for the user scope; files the provider does not own are left alone; the provider
 * is well formed and found by ServiceLoader.
 *
 * <p>Each test gets a fresh temporary directory ({@link #dir}) holding the user's home and a
 * workspace.
 */
public abstract class DebuggerConfigProviderContract {
    /** A fresh temporary directory per test: {@code home/} and {@code workspace/} are in it. */
    @TempDir
    protected Path dir;

    /** The user's home, {@code dir/home}. */
    protected Path home;

    /** The workspace, {@code dir/workspace}, with a {@code main.go} the provider must leave alone. */
    protected Path workspace;

    /** @return the provider under test */
    protected abstract DebuggerConfigProvider provider();

    /** @return whether the provider is listed in META-INF/services (true for a provider; false for a test double) */
    protected boolean registered() {
        return true;
    }

    /**
     * Returns the request the tests plan with; by default a toolchain under the temporary
     * directory, a module proxy setting, no tools.
     *
     * @param workspace the workspace, or empty for the user scope
     * @return the request
     */
    protected DebuggerConfigRequest request(Optional<Path> workspace) {
        Toolchain toolchain = new Toolchain(GoVersion.parse("go1.22.5"), Platform.current(), dir.resolve("go"));
        return new DebuggerConfigRequest(workspace, GoEnvironment.of(toolchain),
                Map.of("GOPROXY", "https://goproxy.example.com,direct"), Optional.empty(), Optional.empty(), false,
                new StoreContext(home, Map.of("HOME", home.toString()), Platform.current()));
    }

    /** Creates the home and a workspace with a source file in it. */
    @BeforeEach
    void createDirectories() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        workspace = Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(workspace.resolve("main.go"), "package main\n\nfunc main() {}\n");
    }

    @Test
    void isAWellFormedProvider() {
        Contracts.isAWellFormedProvider(DebuggerConfigProvider.class, provider(), registered());
        assertFalse(provider().displayName().isBlank(), "a display name");
    }

    @Test
    void planningAndReadingChangeNothing() {
        Map<String, String> before = Contracts.snapshot(dir);
        provider().plan(request(Optional.of(workspace)));
        provider().plan(request(Optional.empty()));
        provider().read(Optional.of(workspace), request(Optional.empty()).user());
        provider().read(Optional.empty(), request(Optional.empty()).user());
        assertEquals(before, Contracts.snapshot(dir), "plan and read must not write");
    }

    @Test
    void applyingThenPlanningAgainGivesNothingAndOtherFilesStay() {
        for (Optional<Path> scope : List.of(Optional.of(workspace), Optional.<Path>empty())) {
            List<StoreChange> changes = provider().plan(request(scope));
            for (StoreChange change : changes) {
                assertEquals(DebuggerConfigProvider.FILE_STORE, change.storeId(), change.toString());
                Path target = Path.of(change.target());
                assertTrue(target.isAbsolute(), "an absolute target: " + change);
                assertTrue(change.isBefore(read(target)), "before is what the file holds: " + change);
                write(target, change.after());
            }
            assertEquals(List.of(), provider().plan(request(scope)), "planning again after applying " + scope);
        }
        assertEquals("package main\n\nfunc main() {}\n", readString(workspace.resolve("main.go")));
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, Optional<byte[]> content) {
        try {
            if (content.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                Files.write(file, content.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
