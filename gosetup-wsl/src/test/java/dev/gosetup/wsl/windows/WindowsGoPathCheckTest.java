package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.wsl.windows.WindowsRegistry.Value;
import dev.gosetup.wsl.windows.WindowsRegistry.ValueType;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which go a new Windows terminal runs, from registry contents as a real machine has them: the
 * machine Path of Windows 11 ({@code %SystemRoot%\system32;...}) with the line the Go MSI adds
 * ({@code C:\Program Files\Go\bin}), the MSI's {@code installLocation}, and a user Path holding
 * gosetup's {@code current\bin}. Files are a set of existing paths.
 */
class WindowsGoPathCheckTest {
    static final String MACHINE = MachineRegistryStore.MACHINE_ENVIRONMENT;
    static final String USER = WindowsRegistryStore.USER_ENVIRONMENT;
    static final String SYSTEM_PATH = "%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\System32\\Wbem;"
            + "%SYSTEMROOT%\\System32\\WindowsPowerShell\\v1.0\\;%SYSTEMROOT%\\System32\\OpenSSH\\";
    static final String GOSETUP_BIN = "%LOCALAPPDATA%\\gosetup\\current\\bin";
    static final Map<String, String> ENV = Map.of("SystemRoot", "C:\\WINDOWS", "LOCALAPPDATA", "C:\\Users\\me\\AppData\\Local",
            "ProgramFiles", "C:\\Program Files", "USERPROFILE", "C:\\Users\\me");

    final InMemoryRegistry registry = new InMemoryRegistry();
    Set<String> files = Set.of("C:\\Program Files\\Go\\bin\\go.exe", "C:\\Users\\me\\AppData\\Local\\gosetup\\current\\bin\\go.exe");

    CheckResult check(String processPath) {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("Path", processPath);
        CheckContext ctx = new CheckContext(Optional.empty(), env, Map.of(), false, new CancellationToken(),
                Clock.systemUTC(), new Platform("windows", "amd64"), java.nio.file.Path.of("").toAbsolutePath());
        return new WindowsGoPathCheck(registry, f -> files.contains(f)).check(ctx);
    }

    void msiInstalled() {
        registry.write(MACHINE, "Path", new Value(ValueType.REG_EXPAND_SZ, SYSTEM_PATH + ";C:\\Program Files\\Go\\bin"));
        registry.write("HKLM\\SOFTWARE\\Go", "installLocation", new Value(ValueType.REG_SZ, "C:\\Program Files\\Go\\"));
    }

    @Test
    void anMsiGoOnTheMachinePathShadowsGosetupsAndDoctorSaysTheFix() {
        msiInstalled();
        registry.write(USER, "Path", new Value(ValueType.REG_EXPAND_SZ, GOSETUP_BIN + ";%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;"));
        CheckResult r = check("C:\\WINDOWS\\system32;C:\\Program Files\\Go\\bin;C:\\Users\\me\\AppData\\Local\\gosetup\\current\\bin");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).contains("C:\\Program Files\\Go\\bin\\go.exe from the machine PATH (the MSI install)")
                .contains("C:\\Users\\me\\AppData\\Local\\gosetup\\current\\bin\\go.exe").contains("machine PATH first");
        assertThat(r.hints()).anySatisfy(h -> assertThat(h).contains("uninstall the MSI Go"))
                .anySatisfy(h -> assertThat(h).contains("gosetup env apply --machine"))
                .anySatisfy(h -> assertThat(h).contains("new terminal"));
        assertThat(r.details()).containsEntry("MSI install", "C:\\Program Files\\Go");
    }

    @Test
    void goOnNeitherPathIsNotRecognizedAndSaysHowToInstall() {
        registry.write(MACHINE, "Path", new Value(ValueType.REG_EXPAND_SZ, SYSTEM_PATH));
        registry.write(USER, "Path", new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;"));
        CheckResult r = check("C:\\WINDOWS\\system32");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).startsWith("'go' is not recognized in new terminals");
        assertThat(r.hints()).anySatisfy(h -> assertThat(h).contains("gosetup install latest; gosetup env apply"));
    }

    @Test
    void anMsiRegisteredButOffPathIsNamed() {
        registry.write("HKCU\\Software\\GoProgrammingLanguage", "installLocation", new Value(ValueType.REG_SZ, "D:\\Go"));
        CheckResult r = check("");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).contains("an MSI install is registered at D:\\Go, but not on PATH");
    }

    @Test
    void aTerminalOpenedBeforeTheChangeIsToldToOpenANewOne() {
        registry.write(MACHINE, "Path", new Value(ValueType.REG_EXPAND_SZ, SYSTEM_PATH));
        registry.write(USER, "Path", new Value(ValueType.REG_EXPAND_SZ, GOSETUP_BIN));
        CheckResult stale = check("C:\\WINDOWS\\system32");
        assertThat(stale.status()).isEqualTo(CheckStatus.WARN);
        assertThat(stale.hints()).anySatisfy(h -> assertThat(h).startsWith("open a new terminal"))
                .anySatisfy(h -> assertThat(h).contains("[Environment]::GetEnvironmentVariable('Path', 'Machine')"));
        CheckResult fresh = check("C:\\WINDOWS\\system32;C:\\Users\\me\\AppData\\Local\\gosetup\\current\\bin\\");
        assertThat(fresh.status()).isEqualTo(CheckStatus.PASS);
        assertThat(fresh.summary()).contains("(user PATH)");
    }

    @Test
    void theSameDirectoryOnBothPathsIsNoShadowing() {
        registry.write(MACHINE, "Path", new Value(ValueType.REG_EXPAND_SZ, SYSTEM_PATH + ";C:\\Users\\me\\AppData\\Local\\gosetup\\current\\bin"));
        registry.write(USER, "Path", new Value(ValueType.REG_EXPAND_SZ, GOSETUP_BIN + "\\"));
        assertThat(check("C:\\Users\\me\\AppData\\Local\\gosetup\\current\\bin").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void loadsThroughServiceLoaderForWindowsOnly() {
        ReadinessCheck c = ProviderRegistry.load(ReadinessCheck.class).byId(WindowsGoPathCheck.ID).orElseThrow();
        assertThat(c.appliesTo(new Platform("windows", "amd64"))).isTrue();
        assertThat(c.appliesTo(new Platform("darwin", "arm64"))).isFalse();
    }
}
