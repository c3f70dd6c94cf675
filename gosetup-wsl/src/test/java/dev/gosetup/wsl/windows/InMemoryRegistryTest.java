package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.wsl.windows.WindowsRegistry.Value;
import dev.gosetup.wsl.windows.WindowsRegistry.ValueType;
import org.junit.jupiter.api.Test;

class InMemoryRegistryTest extends WindowsRegistryContract {
    private final InMemoryRegistry registry = new InMemoryRegistry();

    @Override
    WindowsRegistry registry() {
        return registry;
    }

    @Override
    String scratchKey() {
        return "HKCU\\Software\\gosetup-test";
    }

    @Test
    void deniedKeysRefuseWritesAsANonElevatedHklmDoes() {
        registry.denyWrites("HKLM\\");
        assertThat(registry.canWrite("HKEY_LOCAL_MACHINE\\SYSTEM\\X")).isFalse();
        assertThatThrownBy(() -> registry.write("HKLM\\SYSTEM\\X", "A", new Value(ValueType.REG_SZ, "1")))
                .isInstanceOf(GoSetupException.class).hasMessageContaining("HKLM\\SYSTEM\\X\\A")
                .hasMessageContaining("access denied");
        assertThat(registry.read("HKLM\\SYSTEM\\X", "A")).isEmpty();
        assertThat(registry.canWrite("HKCU\\Environment")).isTrue();
    }

    @Test
    void keysMustNameAHive() {
        assertThatThrownBy(() -> registry.read("Environment", "Path")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HKCU");
        assertThat(WindowsRegistry.split("HKCU\\Environment\\Path")).containsExactly("HKCU\\Environment", "Path");
    }
}
