package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseTest {

    private static final String SHA = "904b924d435eaea086515bc63235b192ea441bd8c9b198c507e85009e6e4c7f0";
    private static final GoVersion V = GoVersion.parse("go1.22.5");

    private static ReleaseFile file(String name, String os, String arch, ReleaseFile.Kind kind) {
        return new ReleaseFile(name, os, arch, V, SHA, 68_000_000L, kind);
    }

    private static final Release RELEASE = new Release(V, true, List.of(
            file("go1.22.5.src.tar.gz", "", "", ReleaseFile.Kind.SOURCE),
            file("go1.22.5.darwin-arm64.pkg", "darwin", "arm64", ReleaseFile.Kind.INSTALLER),
            file("go1.22.5.darwin-arm64.tar.gz", "darwin", "arm64", ReleaseFile.Kind.ARCHIVE),
            file("go1.22.5.linux-amd64.tar.gz", "linux", "amd64", ReleaseFile.Kind.ARCHIVE),
            file("go1.22.5.linux-armv6l.tar.gz", "linux", "armv6l", ReleaseFile.Kind.ARCHIVE),
            file("go1.22.5.windows-amd64.msi", "windows", "amd64", ReleaseFile.Kind.INSTALLER),
            file("go1.22.5.windows-amd64.zip", "windows", "amd64", ReleaseFile.Kind.ARCHIVE)));

    @Test
    void archiveForPicksTheArchiveOfThePlatform() {
        assertThat(RELEASE.archiveFor(Platform.parse("linux-amd64")).map(ReleaseFile::filename))
                .contains("go1.22.5.linux-amd64.tar.gz");
        assertThat(RELEASE.archiveFor(Platform.parse("windows-amd64")).map(ReleaseFile::filename))
                .contains("go1.22.5.windows-amd64.zip");
        assertThat(RELEASE.archiveFor(Platform.parse("darwin-arm64")).map(ReleaseFile::filename))
                .contains("go1.22.5.darwin-arm64.tar.gz");
        assertThat(RELEASE.archiveFor(Platform.parse("linux-arm")).map(ReleaseFile::filename))
                .contains("go1.22.5.linux-armv6l.tar.gz");
        assertThat(RELEASE.archiveFor(Platform.parse("linux-riscv64"))).isEmpty();
        assertThat(RELEASE.archiveFor(Platform.parse("windows-arm64"))).isEmpty();
    }

    @Test
    void archiveForPrefersTheStandardNameAmongSeveralMatches() {
        GoVersion v = GoVersion.parse("go1.4.2");
        Release old = new Release(v, true, List.of(
                new ReleaseFile("go1.4.2.darwin-amd64-osx10.6.tar.gz", "darwin", "amd64", v, SHA, 1, ReleaseFile.Kind.ARCHIVE),
                new ReleaseFile("go1.4.2.darwin-amd64.tar.gz", "darwin", "amd64", v, SHA, 1, ReleaseFile.Kind.ARCHIVE)));
        assertThat(old.archiveFor(Platform.parse("darwin-amd64")).map(ReleaseFile::filename))
                .contains("go1.4.2.darwin-amd64.tar.gz");
        Release oddOnly = new Release(v, true, List.of(old.files().get(0)));
        assertThat(oddOnly.archiveFor(Platform.parse("darwin-amd64")).map(ReleaseFile::filename))
                .contains("go1.4.2.darwin-amd64-osx10.6.tar.gz");
    }

    @Test
    void filesAreCopiedAndMustBelongToTheRelease() {
        List<ReleaseFile> files = new ArrayList<>(RELEASE.files());
        Release r = new Release(V, true, files);
        files.clear();
        assertThat(r.files()).hasSize(7);
        assertThatThrownBy(() -> r.files().clear()).isInstanceOf(UnsupportedOperationException.class);
        ReleaseFile other = new ReleaseFile("go1.22.4.linux-amd64.tar.gz", "linux", "amd64",
                GoVersion.parse("go1.22.4"), SHA, 1, ReleaseFile.Kind.ARCHIVE);
        assertThatThrownBy(() -> new Release(V, true, List.of(other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("go1.22.4.linux-amd64.tar.gz belongs to go1.22.4");
        assertThat(new Release(V, false, List.of()).archiveFor(Platform.parse("linux-amd64"))).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", ".", "..", "../go.tar.gz", "dir/go.tar.gz", "dir\\go.zip", "/etc/passwd",
        "C:go.zip", "go\u0000.tar.gz", "go\n.tar.gz"})
    void rejectsFileNamesThatCouldSteerAPath(String name) {
        assertThatThrownBy(() -> new ReleaseFile(name, "linux", "amd64", V, SHA, 1, ReleaseFile.Kind.ARCHIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsafe release file name: \"" + name + "\"");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "904b924d435eaea086515bc63235b192ea441bd8c9b198c507e85009e6e4c7f",
        "904b924d435eaea086515bc63235b192ea441bd8c9b198c507e85009e6e4c7f00",
        "g04b924d435eaea086515bc63235b192ea441bd8c9b198c507e85009e6e4c7f0"})
    void rejectsBadSha256(String sha) {
        assertThatThrownBy(() -> new ReleaseFile("go.tar.gz", "linux", "amd64", V, sha, 1, ReleaseFile.Kind.ARCHIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SHA-256: \"" + sha + "\"");
    }

    @Test
    void storesSha256InLowerCase() {
        ReleaseFile f = new ReleaseFile("go.tar.gz", "linux", "amd64", V, SHA.toUpperCase(), 1, ReleaseFile.Kind.ARCHIVE);
        assertThat(f.sha256()).isEqualTo(SHA);
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> new ReleaseFile("go.tar.gz", "linux", "amd64", V, SHA, 0, ReleaseFile.Kind.ARCHIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive, not 0");
        assertThatThrownBy(() -> new ReleaseFile("go.tar.gz", "linux", "amd64", V, SHA, -5, ReleaseFile.Kind.ARCHIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindParsesTheIndexNames() {
        assertThat(ReleaseFile.Kind.parse("archive")).isEqualTo(ReleaseFile.Kind.ARCHIVE);
        assertThat(ReleaseFile.Kind.parse("installer")).isEqualTo(ReleaseFile.Kind.INSTALLER);
        assertThat(ReleaseFile.Kind.parse("source")).isEqualTo(ReleaseFile.Kind.SOURCE);
        assertThat(ReleaseFile.Kind.SOURCE.jsonName()).isEqualTo("source");
        assertThatThrownBy(() -> ReleaseFile.Kind.parse("Archive"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a release file kind: \"Archive\"")
                .hasMessageContaining("archive, installer or source");
    }
}
