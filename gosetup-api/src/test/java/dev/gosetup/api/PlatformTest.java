package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Linux, linux",
        "Mac OS X, darwin",
        "Darwin, darwin",
        "Windows 10, windows",
        "Windows 11, windows",
        "Windows Server 2022, windows",
        "Windows Server 2019, windows",
        "Windows 7, windows",
        "FreeBSD, freebsd",
        "OpenBSD, openbsd",
        "NetBSD, netbsd",
        "SunOS, solaris",
        "AIX, aix",
        "z/OS, zos"
    })
    void mapsJavaOsNames(String osName, String goos) {
        assertThat(Platform.fromJava(osName, "amd64").os()).isEqualTo(goos);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "x86_64, amd64",
        "amd64, amd64",
        "aarch64, arm64",
        "arm64, arm64",
        "x86, 386",
        "i386, 386",
        "i486, 386",
        "i586, 386",
        "i686, 386",
        "arm, arm",
        "armv7l, arm",
        "aarch32, arm",
        "ppc64le, ppc64le",
        "s390x, s390x",
        "riscv64, riscv64",
        "loongarch64, loong64",
        "loong64, loong64",
        "mips64el, mips64le"
    })
    void mapsJavaArchNames(String osArch, String goarch) {
        assertThat(Platform.fromJava("Linux", osArch).arch()).isEqualTo(goarch);
    }

    @Test
    void unknownJavaNamesAreNamedInTheError() {
        assertThatThrownBy(() -> Platform.fromJava("OS/2", "amd64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"OS/2\"");
        assertThatThrownBy(() -> Platform.fromJava("Linux", "sparcv9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"sparcv9\"");
    }

    @Test
    void currentIsTheJvmsPlatform() {
        Platform current = Platform.current();
        assertThat(current).isEqualTo(Platform.fromJava(System.getProperty("os.name"), System.getProperty("os.arch")));
        assertThat(Platform.parse(current.toString())).isEqualTo(current);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "linux-amd64, linux, amd64",
        "linux/amd64, linux, amd64",
        "darwin-arm64, darwin, arm64",
        "windows/386, windows, 386",
        "linux-arm, linux, arm",
        "linux-loong64, linux, loong64",
        "js-wasm, js, wasm",
        "wasip1/wasm, wasip1, wasm"
    })
    void parses(String text, String os, String arch) {
        Platform p = Platform.parse(text);
        assertThat(p).isEqualTo(new Platform(os, arch));
        assertThat(p).hasToString(os + "-" + arch);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "linux", "linux-", "-amd64", "linux_amd64", "linux-amd64-v3", "linux/amd64/x",
        "Linux-amd64", "linux-x86_64", "linux-armv6l", "macos-arm64", " linux-amd64"})
    void rejectsMalformedPlatforms(String text) {
        assertThatThrownBy(() -> Platform.parse(text))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("not a platform: \"" + text + "\"");
    }

    @Test
    void constructorChecksGoosAndGoarch() {
        assertThatThrownBy(() -> new Platform("macos", "arm64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown GOOS \"macos\"")
                .hasMessageContaining("darwin");
        assertThatThrownBy(() -> new Platform("linux", "x86_64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown GOARCH \"x86_64\"")
                .hasMessageContaining("amd64");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "linux-amd64, go1.22.5, go1.22.5.linux-amd64.tar.gz, TAR_GZ, ''",
        "windows-amd64, go1.22.5, go1.22.5.windows-amd64.zip, ZIP, .exe",
        "windows-arm64, go1.23.0, go1.23.0.windows-arm64.zip, ZIP, .exe",
        "linux-arm, go1.22.5, go1.22.5.linux-armv6l.tar.gz, TAR_GZ, ''",
        "darwin-arm64, go1.21.0, go1.21.0.darwin-arm64.tar.gz, TAR_GZ, ''",
        "linux-386, go1.20, go1.20.linux-386.tar.gz, TAR_GZ, ''",
        "freebsd-amd64, go1.23rc1, go1.23rc1.freebsd-amd64.tar.gz, TAR_GZ, ''",
        "linux-ppc64le, go1.9.2rc2, go1.9.2rc2.linux-ppc64le.tar.gz, TAR_GZ, ''"
    })
    void archiveNames(String platform, String version, String fileName, ArchiveKind kind, String exeSuffix) {
        Platform p = Platform.parse(platform);
        assertThat(p.archiveFileName(GoVersion.parse(version))).isEqualTo(fileName);
        assertThat(p.archiveKind()).isEqualTo(kind);
        assertThat(p.exeSuffix()).isEqualTo(exeSuffix);
        assertThat(ArchiveKind.ofFileName(fileName)).contains(kind);
    }

    @Test
    void archiveArchWritesArmAsArmv6l() {
        assertThat(Platform.parse("linux-arm").archiveArch()).isEqualTo("armv6l");
        assertThat(Platform.parse("linux-arm64").archiveArch()).isEqualTo("arm64");
        assertThat(Platform.parse("linux-amd64").archiveArch()).isEqualTo("amd64");
    }

    @Test
    void noArchiveNameForALanguageVersion() {
        assertThatThrownBy(() -> Platform.parse("linux-amd64").archiveFileName(GoVersion.parse("1.22")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("go1.22 is a language version");
    }

    @Test
    void archiveKindExtensions() {
        assertThat(ArchiveKind.ZIP.extension()).isEqualTo(".zip");
        assertThat(ArchiveKind.TAR_GZ.extension()).isEqualTo(".tar.gz");
        assertThat(ArchiveKind.ofFileName("go1.22.5.windows-amd64.msi")).isEmpty();
        assertThat(ArchiveKind.ofFileName("go1.22.5.src.tar.gz")).contains(ArchiveKind.TAR_GZ);
    }
}
