package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.wsl.windows.WindowsRegistry.Value;
import dev.gosetup.wsl.windows.WindowsRegistry.ValueType;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WindowsRegistry} must do, run against the in-memory one everywhere and against
 * the real registry (a scratch key under {@code HKCU\Software}) on Windows.
 */
abstract class WindowsRegistryContract {
    /** The registry under test. */
    abstract WindowsRegistry registry();

    /** A key nobody else uses, removed after each test. */
    abstract String scratchKey();

    @AfterEach
    void cleanUp() {
        for (String name : registry().valueNames(scratchKey())) {
            registry().delete(scratchKey(), name);
        }
    }

    @Test
    void aMissingKeyOrValueReadsAsAbsent() {
        assertThat(registry().read(scratchKey() + "\\missing", "X")).isEmpty();
        assertThat(registry().valueNames(scratchKey() + "\\missing")).isEmpty();
        registry().write(scratchKey(), "A", new Value(ValueType.REG_SZ, "1"));
        assertThat(registry().read(scratchKey(), "B")).isEmpty();
        registry().delete(scratchKey(), "B"); // nothing to delete: no error
    }

    @Test
    void expandableStringsAreReadRawAndKeepTheirType() {
        registry().write(scratchKey(), "GoBin", new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\go\\bin"));
        assertThat(registry().read(scratchKey(), "GoBin"))
                .contains(new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\go\\bin"));
        registry().write(scratchKey(), "Plain", new Value(ValueType.REG_SZ, "%NOT_EXPANDED%"));
        assertThat(registry().read(scratchKey(), "Plain")).contains(new Value(ValueType.REG_SZ, "%NOT_EXPANDED%"));
    }

    @Test
    void namesIgnoreCaseAndKeepTheirSpelling() {
        registry().write(scratchKey(), "Path", new Value(ValueType.REG_EXPAND_SZ, "a"));
        registry().write(scratchKey(), "PATH", new Value(ValueType.REG_EXPAND_SZ, "b"));
        assertThat(registry().valueNames(scratchKey())).containsExactly("Path");
        assertThat(registry().read(scratchKey(), "path").map(Value::data)).contains("b");
        registry().delete(scratchKey(), "pAtH");
        assertThat(registry().valueNames(scratchKey())).isEmpty();
    }

    @Test
    void longAndUnicodeValuesAreKeptWhole() {
        String longValue = "C:\\Tools\\ä日本\\".repeat(500) + "end"; // 7,000+ characters, beyond setx's 1024
        registry().write(scratchKey(), "Long", new Value(ValueType.REG_SZ, longValue));
        assertThat(registry().read(scratchKey(), "Long").map(Value::data)).contains(longValue);
        registry().write(scratchKey(), "Empty", new Value(ValueType.REG_SZ, ""));
        assertThat(registry().read(scratchKey(), "Empty")).contains(new Value(ValueType.REG_SZ, ""));
    }

    @Test
    void theUsersOwnKeysAreWritable() {
        assertThat(registry().canWrite(scratchKey())).isTrue();
        assertThat(registry().canWrite(scratchKey() + "\\not\\yet\\there")).isTrue();
        registry().broadcastEnvironmentChange(); // never throws
        assertThat(registry().read(scratchKey(), "X")).isEqualTo(Optional.empty());
    }
}
