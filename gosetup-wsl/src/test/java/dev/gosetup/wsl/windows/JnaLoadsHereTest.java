package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JNA classes are on the class path and the stores can be created off Windows (they load nothing early). */
class JnaLoadsHereTest {
    @Test
    void classesLoadAndConstructorsDoNoNativeWork() throws Exception {
        assertThat(Class.forName("com.sun.jna.platform.win32.Advapi32", false, getClass().getClassLoader())).isNotNull();
        assertThat(Class.forName("dev.gosetup.wsl.windows.JnaRegistry")).isNotNull();
        assertThat(new WindowsRegistryStore().id()).isEqualTo("windows-registry");
        assertThat(new MachineRegistryStore().id()).isEqualTo("windows-registry-machine");
        assertThat(JnaRegistry.WM_SETTINGCHANGE).isEqualTo(0x1A);
    }
}
