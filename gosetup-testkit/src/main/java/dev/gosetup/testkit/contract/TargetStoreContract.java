package dev.gosetup.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
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
 * by ServiceLoader. Read-only targets: a missing or just-written target is not read-only; where a
 * target can be made read-only ({@link #makeReadOnly}) the store reports it with exactly those
 * permissions, and {@link TargetStore#writeReadOnly} writes, deletes and re-creates it keeping
 * them; a store whose targets cannot be read-only (the default methods) never reports one and
 * writes through {@code writeReadOnly} as through {@code write}.
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

    /**
     * Makes a target the store has written read-only the way its owner would, for the read-only
     * tests. The default returns empty: the store's targets cannot be read-only (registry values),
     * and it is held to the default methods instead. File stores return
     * {@link #makeFileReadOnly}.
     *
     * @param target a target the store has just written
     * @param context whose environment
     * @return the permissions {@link TargetStore#readOnly} must now report, in the store's terms;
     *     empty when the store's targets cannot be read-only
     * @throws Exception when it cannot be done
     */
    protected Optional<String> makeReadOnly(String target, StoreContext context) throws Exception {
        return Optional.empty();
    }

    /**
     * Makes a file read-only for its owner alone ({@code r--------}, unlike both the default mode
     * of new files and a plain {@code chmod a-w}, so that a store that re-derives the mode instead
     * of keeping it is caught): {@link #makeReadOnly} for stores whose targets are POSIX files.
     *
     * @param file the file, as an absolute path
     * @return {@code r--------}; empty on a file system without POSIX permissions
     * @throws java.io.IOException when the permissions cannot be set
     */
    protected static Optional<String> makeFileReadOnly(String file) throws java.io.IOException {
        Path path = Path.of(file);
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) {
            return Optional.empty();
        }
        String permissions = "r--------";
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return Optional.of(permissions);
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

    @Test
    void aMissingOrJustWrittenTargetIsNotReadOnly() {
        String target = newTarget(context);
        assertEquals(Optional.empty(), store().readOnly(target, context), "readOnly() of a missing " + target);
        store().write(target, Optional.of(bytes("x\n")), context);
        assertEquals(Optional.empty(), store().readOnly(target, context), "readOnly() of " + target + " just written");
    }

    /**
     * A store whose targets can be made read-only ({@link #makeReadOnly} answers) reports them with
     * their exact permissions and keeps those through {@code writeReadOnly}, also when a deleted
     * target is re-created as a rollback does; a store whose targets cannot (the default methods)
     * writes through {@code writeReadOnly} as through {@code write} and never reports one.
     */
    @Test
    void readOnlyTargetsAreReportedAndKeptByWriteReadOnly() throws Exception {
        String target = newTarget(context);
        store().write(target, Optional.of(bytes("mine\n")), context);
        Optional<String> permissions = makeReadOnly(target, context);
        if (permissions.isPresent()) {
            keepsReadOnly(target, permissions);
        } else {
            writesThroughWithoutReadOnly(target);
        }
    }

    private void keepsReadOnly(String target, Optional<String> permissions) {
        String mode = permissions.get();
        assertEquals(permissions, store().readOnly(target, context), "readOnly() of " + target + " made read-only");
        Map<String, String> before = Contracts.snapshot(home);

        byte[] forced = bytes("forced\r\n");
        store().writeReadOnly(target, Optional.of(forced), mode, context);
        assertArrayEquals(forced, store().read(target, context).orElseThrow(), "what " + target + " holds");
        assertEquals(permissions, store().readOnly(target, context), "readOnly() after writeReadOnly");

        store().writeReadOnly(target, Optional.empty(), mode, context);
        assertEquals(Optional.empty(), store().read(target, context), target + " after writeReadOnly(empty)");
        assertEquals(Optional.empty(), store().readOnly(target, context), "readOnly() of a deleted target");

        // As a rollback re-creates a deleted read-only target: read-only again, in the same way.
        store().writeReadOnly(target, Optional.of(bytes("mine\n")), mode, context);
        assertArrayEquals(bytes("mine\n"), store().read(target, context).orElseThrow(), "re-created " + target);
        assertEquals(permissions, store().readOnly(target, context), "readOnly() of the re-created target");
        assertEquals(before, Contracts.snapshot(home), "files in " + home + " after the forced writes");
    }

    private void writesThroughWithoutReadOnly(String target) {
        assertEquals(Optional.empty(), store().readOnly(target, context), "readOnly() of " + target);
        byte[] forced = bytes("forced\r\n");
        store().writeReadOnly(target, Optional.of(forced), "r--r--r--", context);
        assertArrayEquals(forced, store().read(target, context).orElseThrow(), "what " + target + " holds");
        assertEquals(Optional.empty(), store().readOnly(target, context),
                "readOnly() after writeReadOnly: a store that cannot report read-only targets must not make one");
        store().writeReadOnly(target, Optional.empty(), "r--r--r--", context);
        assertEquals(Optional.empty(), store().read(target, context), target + " after writeReadOnly(empty)");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
