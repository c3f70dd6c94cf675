package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The contract against the real registry: a scratch key under HKCU\Software. Windows only. */
@EnabledOnOs(OS.WINDOWS)
class JnaRegistryTest extends WindowsRegistryContract {
    private final JnaRegistry registry = new JnaRegistry();

    @Override
    WindowsRegistry registry() {
        return registry;
    }

    @Override
    String scratchKey() {
        return "HKCU\\Software\\gosetup-contract-test";
    }

    @Test
    void aNonElevatedProcessCannotWriteTheMachineEnvironment() {
        // True in a normal (non-elevated) test run; an elevated run may write there.
        boolean elevated = registry.canWrite("HKLM\\SOFTWARE");
        assertThat(registry.canWrite(MachineRegistryStore.MACHINE_ENVIRONMENT)).isEqualTo(elevated);
    }
}
