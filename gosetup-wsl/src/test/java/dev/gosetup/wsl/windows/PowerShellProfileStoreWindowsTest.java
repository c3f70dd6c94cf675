package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.persist.FileStoreContract;
import dev.gosetup.wsl.windows.WindowsRegistry.Value;
import dev.gosetup.wsl.windows.WindowsRegistry.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PowerShell profile store through core's shared file-store contract as on Windows: the host is
 * Windows, Documents is redirected to OneDrive the way Explorer records it (the {@code Personal}
 * value, {@code REG_EXPAND_SZ} {@code %USERPROFILE%\OneDrive\Documents}, as on a real Windows 11
 * machine with OneDrive backup on), and the files are real files under a temporary home standing in
 * for {@code %USERPROFILE%} (backslashes in the registry value read as separators here).
 */
class PowerShellProfileStoreWindowsTest extends FileStoreContract {
    static final Platform WINDOWS = new Platform("windows", "amd64");
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final PowerShellProfileStore store = new PowerShellProfileStore(registry);

    PowerShellProfileStoreWindowsTest() {
        registry.write(PowerShellProfileStore.SHELL_FOLDERS, "Personal",
                new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\OneDrive\\Documents"));
    }

    @Override
    protected Platform host() {
        return WINDOWS;
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of("USERPROFILE", home.toString());
    }

    @Override
    protected EnvironmentStore store() {
        return store;
    }

    @Override
    protected Path primaryFile() {
        return home.resolve("OneDrive/Documents/WindowsPowerShell/profile.ps1");
    }

    @Override
    protected Optional<byte[]> userContent() {
        byte[] text = PowerShellProfileStoreLinuxTest.USER_PROFILE.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return Optional.of(out);
    }

    @Test
    void followsTheRedirectedDocumentsFolderAndFallsBackToTheHomeOne() {
        assertThat(store.describe(context())).isEqualTo("gosetup region in ~/OneDrive/Documents/WindowsPowerShell/profile.ps1");
        registry.delete(PowerShellProfileStore.SHELL_FOLDERS, "Personal");
        assertThat(store.plan(OTHER, context())).singleElement().satisfies(c -> assertThat(c.target())
                .isEqualTo(home.resolve("Documents/WindowsPowerShell/profile.ps1").toString()));
    }

    @Test
    void powerShell7sProfileIsWrittenWhenItsDirectoryExists() throws Exception {
        seed();
        Path pwsh7 = home.resolve("OneDrive/Documents/PowerShell/profile.ps1");
        assertThat(store.plan(OTHER, context())).extracting(StoreChange::target).containsExactly(primaryFile().toString());
        Files.createDirectories(pwsh7.getParent().resolve("Modules"));
        List<StoreChange> both = store.plan(OTHER, context());
        assertThat(both).extracting(StoreChange::target).containsExactly(primaryFile().toString(), pwsh7.toString());
        apply(both);
        byte[] created = Files.readAllBytes(pwsh7);
        assertThat(new String(created, StandardCharsets.UTF_8)).startsWith("#region gosetup\n")
                .contains("if (($env:PATH -split ';') -notcontains '/opt/go/bin') {");
        assertThat(store.held(context())).isEqualTo(OTHER);
        apply(store.plan(EnvironmentSettings.NONE, context()));
        assertThat(Files.readAllBytes(primaryFile())).isEqualTo(userContent().orElseThrow());
        assertThat(Files.readAllBytes(pwsh7)).isEmpty(); // gosetup does not delete a profile; rollback would
    }

    /** Windows PowerShell 5.1 reads a profile without BOM in the ANSI code page: the region stays ASCII. */
    @Test
    void nonAsciiValuesAreWrittenAsAsciiSoABomLessProfileStaysReadable() throws Exception {
        Files.createDirectories(primaryFile().getParent());
        Files.writeString(primaryFile(), "Import-Module posh-git\r\n", StandardCharsets.US_ASCII);
        EnvironmentSettings unicode = new EnvironmentSettings(Map.of("GOPATH", "C:\\Users\\J\u00fcrgen\\go"),
                List.of("C:\\Users\\J\u00fcrgen\\go\\bin"));
        apply(store.plan(unicode, context()));
        byte[] bytes = Files.readAllBytes(primaryFile());
        for (byte b : bytes) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        assertThat(new String(bytes, StandardCharsets.US_ASCII))
                .startsWith("Import-Module posh-git\r\n\r\n#region gosetup\r\n")
                .contains("$env:GOPATH = ('C:\\Users\\J' + [char]0x00FC + 'rgen\\go')\r\n")
                .contains("-notcontains ('C:\\Users\\J' + [char]0x00FC + 'rgen\\go\\bin')");
        assertThat(store.held(context())).isEqualTo(unicode);
    }

    @Test
    void aUsersOwnRegionsAreNeverTakenForGosetups() throws Exception {
        seed();
        StoreContext ctx = context();
        apply(store.plan(SETTINGS, ctx));
        String text = new String(Files.readAllBytes(primaryFile()), StandardCharsets.UTF_8);
        assertThat(text).contains("#region aliases\r\nfunction ll { Get-ChildItem -Force @args }\r\n#endregion\r\n");
        assertThat(store.held(ctx)).isEqualTo(SETTINGS);
    }
}
