package dev.gosetup.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link TargetStore} must do, for a provider's test class to extend: a target that
 * does not exist reads as empty; what is written reads back byte for byte (CRLF, a BOM, bytes
 * that are not UTF-8, an empty content); a second write replaces the first; writing empty deletes
 * the target and deleting a missing target is no error; the provider is well formed and found
 * by ServiceLoader.
 *
 * <p>The home the store works in is a fresh temporary directory per test ({@link #home}).
 */
public abstract class TargetStoreContract {
    /** The user's home for this test: a fresh temporary directory. */
    @TempDir
    protected Path home;

    /** The context built by {@link #context(Path)} for {@link #home}. */
    protected StoreContext context;

    /** @return the store under test */
    protected abstract TargetStore store();

    /**
     * Returns a target the store may write for this user, which does not exist yet.
     *
     * @param context whose environment
     * @return the target, in the store's terms
     */
    protected abstract String newTarget(StoreContext context);

    /**
     * Returns the context the store works in; by default the home with {@code HOME} set, on this host.
     *
     * @param home the temporary home
     * @return the context
     */
    protected StoreContext context(Path home) {
        return new StoreContext(home, Map.of("HOME", home.toString()), dev.gosetup.api.Platform.current());
    }

    /** @return whether the store is listed in META-INF/services (true for a provider; false for a test double) */
    protected boolean registered() {
        return true;
    }

    /** @return the service the store is listed under in META-INF/services */
    protected Class<? extends TargetStore> serviceType() {
        return TargetStore.class;
    }

    /** Builds the context once the temporary home exists. */
    @BeforeEach
    void createContext() {
        context = context(home);
    }

    @Test
    void isAWellFormedProvider() {
        Contracts.isAWellFormedProvider(serviceType(), store(), registered());
    }

    @Test
    void aTargetThatDoesNotExistReadsAsEmpty() {
        assertEquals(Optional.empty(), store().read(newTarget(context), context));
    }

    @Test
    void whatIsWrittenReadsBackByteForByte() {
        String target = newTarget(context);
        byte[][] contents = {
            "\uFEFFline one\r\nline two".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xff, (byte) 0xfe, 0, 1, '\n', (byte) 0xc3},
            {},
            "last\n".getBytes(StandardCharsets.UTF_8),
        };
        for (byte[] content : contents) {
            store().write(target, Optional.of(content), context);
            Optional<byte[]> back = store().read(target, context);
            assertTrue(back.isPresent(), "wrote " + target + " but it reads as missing");
            assertArrayEquals(content, back.get(), "what " + target + " holds after a write");
        }
    }

    @Test
    void writingEmptyDeletesTheTargetAndDeletingAMissingOneIsNoError() {
        String target = newTarget(context);
        store().write(target, Optional.of("x".getBytes(StandardCharsets.UTF_8)), context);
        store().write(target, Optional.empty(), context);
        assertEquals(Optional.empty(), store().read(target, context));
        store().write(target, Optional.empty(), context);
        assertEquals(Optional.empty(), store().read(target, context));
    }

    @Test
    void aWriteLeavesNoTemporaryFilesBehind() throws Exception {
        String target = newTarget(context);
        Map<String, String> before = Contracts.snapshot(home);
        store().write(target, Optional.of("x\n".getBytes(StandardCharsets.UTF_8)), context);
        store().write(target, Optional.empty(), context);
        Map<String, String> after = Contracts.snapshot(home);
        after.keySet().removeIf(name -> name.endsWith("/") && !before.containsKey(name));
        assertEquals(before, after, "files left in " + home + " after writing and deleting " + target);
        assertTrue(Files.isDirectory(home));
    }
}
