package dev.gosetup.wsl;

import dev.gosetup.api.InvalidConfigurationException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WslPathsTest {
    private static WslPaths mapping(String root, String distro) {
        return new WslPaths(root, distro.isEmpty() ? Optional.empty() : Optional.of(distro));
    }

    /** Paths that translate both ways: Windows form, automount root, distro, Linux form. */
    @ParameterizedTest(name = "{0} <-> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "C:\\Users\\me\\src                 | /mnt/ |        | /mnt/c/Users/me/src",
        "C:\\                               | /mnt/ |        | /mnt/c",
        "D:\\go\\pkg\\mod                   | /mnt/ | Ubuntu | /mnt/d/go/pkg/mod",
        "C:\\Users\\me\\src                 | /     |        | /c/Users/me/src",
        "C:\\Users\\me\\src                 | /win  |        | /win/c/Users/me/src",
        "C:\\Users\\me\\My Projects\\go mod | /mnt/ |        | /mnt/c/Users/me/My Projects/go mod",
        "C:\\Users\\Jürgen\\källa\\日本語    | /mnt/ |        | /mnt/c/Users/Jürgen/källa/日本語",
        "\\\\wsl.localhost\\Ubuntu\\home\\me | /mnt/ | Ubuntu | /home/me",
        "\\\\wsl.localhost\\Ubuntu\\         | /mnt/ | Ubuntu | /",
        "\\\\wsl.localhost\\Debian-12\\tmp\\a b | /mnt/ | Debian-12 | /tmp/a b",
    })
    void translatesBothWays(String windows, String root, String distro, String linux) {
        WslPaths m = mapping(root, distro == null ? "" : distro);
        assertThat(m.toLinux(windows.strip())).isEqualTo(linux.strip());
        assertThat(m.toWindows(linux.strip())).isEqualTo(windows.strip());
    }

    /** Windows forms that translate to Linux but come back in the canonical form. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "C:/Users/me/src                  | Ubuntu | /mnt/c/Users/me/src",
        "c:\\users\\me                    | Ubuntu | /mnt/c/users/me",
        "C:\\Users\\me\\                  | Ubuntu | /mnt/c/Users/me",
        "C:\\Users\\\\me\\.\\src          | Ubuntu | /mnt/c/Users/me/src",
        "C:\\Users\\me\\x\\..\\src        | Ubuntu | /mnt/c/Users/me/src",
        "\\\\?\\C:\\Users\\me\\very\\long | Ubuntu | /mnt/c/Users/me/very/long",
        "\\\\wsl$\\Ubuntu\\home\\me       | Ubuntu | /home/me",
        "\\\\WSL.LOCALHOST\\ubuntu\\home  | Ubuntu | /home",
        "//wsl.localhost/Ubuntu/home/me   | Ubuntu | /home/me",
        "\\\\wsl$\\Alpine\\etc            |        | /etc",
        "C:                               |        | /mnt/c",
    })
    void readsOtherWindowsForms(String windows, String distro, String linux) {
        assertThat(mapping("/mnt/", distro == null ? "" : distro).toLinux(windows.strip())).isEqualTo(linux.strip());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/mnt/c/Users/me/../me/src | C:\\Users\\me\\src",
        "/mnt/c/                   | C:\\",
        "/mnt/z                    | Z:\\",
        "//mnt//c//x               | C:\\x",
        "/mnt/wsl/shared           | \\\\wsl.localhost\\Ubuntu\\mnt\\wsl\\shared",
        "/mnt/cd/x                 | \\\\wsl.localhost\\Ubuntu\\mnt\\cd\\x",
        "/mnt                      | \\\\wsl.localhost\\Ubuntu\\mnt",
    })
    void linuxToWindows(String linux, String windows) {
        assertThat(mapping("/mnt/", "Ubuntu").toWindows(linux.strip())).isEqualTo(windows.strip());
    }

    @Test
    void customRootMakesMntAnOrdinaryDirectory() {
        WslPaths m = mapping("/", "Ubuntu");
        assertThat(m.toWindows("/mnt/c/x")).isEqualTo("\\\\wsl.localhost\\Ubuntu\\mnt\\c\\x");
        assertThat(m.toWindows("/c/x")).isEqualTo("C:\\x");
        assertThat(m.toWindows("/home/me")).isEqualTo("\\\\wsl.localhost\\Ubuntu\\home\\me");
        assertThat(new WslPaths("/mnt", Optional.empty()).automountRoot()).isEqualTo("/mnt/");
        assertThat(new WslPaths("//win//", Optional.empty()).automountRoot()).isEqualTo("/win/");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "C:foo\\bar                       | relative to the current directory of drive C:",
        "c:foo                            | relative to the current directory of drive c:",
        "Users\\me                        | not an absolute Windows path",
        "\\Users\\me                      | not an absolute Windows path",
        "\\\\server\\share\\dir           | network share",
        "\\\\?\\UNC\\server\\share\\x     | network share",
        "\\\\.\\PhysicalDrive0            | device path",
        "\\\\wsl.localhost\\Debian\\home  | inside the distribution \"Debian\", not \"Ubuntu\"",
        "\\\\wsl.localhost\\              | names no distribution",
        "C:\\..\\x                        | goes above its root",
        "1:\\x                            | not an absolute Windows path",
    })
    void refusesWindowsPathsWithoutTranslation(String windows, String message) {
        assertThatThrownBy(() -> mapping("/mnt/", "Ubuntu").toLinux(windows.strip()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(windows.strip()).hasMessageContaining(message.strip())
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions()).isNotEmpty());
    }

    @Test
    void uncShareErrorSaysHowToMountIt() {
        assertThatThrownBy(() -> WslPaths.defaults().toLinux("\\\\nas\\go"))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions().get(0))
                        .contains("mount -t drvfs '\\\\nas\\go'"));
    }

    @Test
    void refusesLinuxPathsWithoutTranslation() {
        assertThatThrownBy(() -> WslPaths.defaults().toWindows("/home/me"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no distribution is named");
        assertThatThrownBy(() -> WslPaths.defaults().toWindows("home/me"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("not an absolute Linux path");
        assertThatThrownBy(() -> WslPaths.defaults().inDistro("Ubuntu").toWindows("/home/a\\b"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("backslash");
        assertThatThrownBy(() -> WslPaths.defaults().toWindows("/../etc"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("above its root");
    }

    @Test
    void refusesBadMappingsAndEscapesControlCharacters() {
        assertThatThrownBy(() -> new WslPaths("mnt/", Optional.empty()))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> WslPaths.defaults().inDistro("Ub untu"))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> WslPaths.defaults().toLinux("C:x\u001b[31m"))
                .hasMessageContaining("\\u001b[31m").hasMessageNotContaining("\u001b");
    }

    @Test
    void everyDriveLetterRoundTripsInBothCases() {
        WslPaths m = WslPaths.defaults().inDistro("Ubuntu");
        for (char c = 'a'; c <= 'z'; c++) {
            String lower = c + ":\\x y\\ü";
            String upper = Character.toUpperCase(c) + ":\\x y\\ü";
            assertThat(m.toLinux(lower)).isEqualTo("/mnt/" + c + "/x y/ü").isEqualTo(m.toLinux(upper));
            assertThat(m.toWindows(m.toLinux(lower))).isEqualTo(upper);
        }
    }
}
