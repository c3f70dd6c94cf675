package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.persist.FileStoreContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PowerShell profile store through core's shared file-store contract, for PowerShell 7 on Linux
 * ({@code ~/.config/powershell/profile.ps1}), on real files under a temporary home. The user's
 * profile has CRLF lines and a {@code #region} of its own, which must never be taken for gosetup's.
 */
class PowerShellProfileStoreLinuxTest extends FileStoreContract {
    static final String USER_PROFILE = "Set-PSReadLineOption -EditMode Emacs\r\n#region aliases\r\n"
            + "function ll { Get-ChildItem -Force @args }\r\n#endregion\r\n";

    private final PowerShellProfileStore store = new PowerShellProfileStore(new InMemoryRegistry());

    @Override
    protected EnvironmentStore store() {
        return store;
    }

    @Override
    protected Path primaryFile() {
        return home.resolve(".config/powershell/profile.ps1");
    }

    @Override
    protected Optional<byte[]> userContent() {
        return Optional.of(USER_PROFILE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRegionGoesAfterTheUsersLinesInTheirLineEndings() throws Exception {
        seed();
        apply(store.plan(new EnvironmentSettings(Map.of("GOPATH", "/home/me/go"), List.of("/opt/go/bin")), context()));
        String text = Files.readString(primaryFile());
        assertThat(text).startsWith(USER_PROFILE + "\r\n#region gosetup\r\n# managed by gosetup; changes inside are overwritten\r\n# gosetup-settings: 1 ")
                .contains("\r\n$env:GOPATH = '/home/me/go'\r\n")
                .contains("if (($env:PATH -split ':') -cnotcontains '/opt/go/bin') {")
                .endsWith("\r\n#endregion gosetup\r\n");
        assertThat(store.describe(context())).isEqualTo("gosetup region in ~/.config/powershell/profile.ps1");
        StoreContext xdg = new StoreContext(home, Map.of("XDG_CONFIG_HOME", home.resolve("x").toString()), LINUX);
        assertThat(store.plan(OTHER, xdg)).singleElement()
                .satisfies(c -> assertThat(c.target()).isEqualTo(home.resolve("x/powershell/profile.ps1").toString()));
    }
}
