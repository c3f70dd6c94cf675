package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionFileTest {

    private static VersionSpec exact(String version) {
        return new VersionSpec.Exact(GoVersion.parse(version));
    }

    private static VersionSpec line(int major, int minor) {
        return new VersionSpec.Line(major, minor, false);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String fileName, String content) {
        return assertThatThrownBy(() -> VersionFile.parse(fileName, content))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    // ---- go.mod and go.work ----

    @Test
    void goLineWithoutPatchMeansTheNewestOfTheLine() {
        VersionRequirement r = VersionFile.parse("go.mod", "module example.com/app\n\ngo 1.22\n");
        assertThat(r).isEqualTo(new VersionRequirement(line(1, 22), "go.mod", 3, "go"));
        assertThat(r).hasToString("go.mod:3: go 1.22");
    }

    @ParameterizedTest(name = "go {0}")
    @CsvSource({
        "1.22.5, 1.22.5",
        "1.22.0, 1.22.0",
        "1.23rc1, 1.23rc1",
        "1.21rc2, 1.21rc2",
        "1.20.3, 1.20.3"
    })
    void goLineWithPatchOrPrereleaseIsExact(String version, String expected) {
        VersionRequirement r = VersionFile.parse("go.mod", "module m\ngo " + version + "\n");
        assertThat(r.spec()).isEqualTo(exact(expected));
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.directive()).isEqualTo("go");
    }

    @Test
    void toolchainWinsOverTheGoLine() {
        String content = "\uFEFFmodule example.com/app\r\n\r\ngo 1.22.0 // minimum\r\n\r\ntoolchain go1.22.5\r\n\r\n"
                + "require (\r\n\tgo.uber.org/zap v1.27.0\r\n\tgolang.org/x/tools v0.22.0 // indirect\r\n)\r\n";
        VersionRequirement r = VersionFile.parse("go.mod", content);
        assertThat(r).isEqualTo(new VersionRequirement(exact("1.22.5"), "go.mod", 5, "toolchain"));
    }

    @Test
    void toolchainBeforeTheGoLineStillWins() {
        VersionRequirement r = VersionFile.parse("go.mod", "toolchain go1.23.4\nmodule m\ngo 1.22\n");
        assertThat(r).isEqualTo(new VersionRequirement(exact("1.23.4"), "go.mod", 1, "toolchain"));
    }

    @Test
    void toolchainOlderThanTheGoLineIsIgnoredAsTheGoCommandDoes() {
        VersionRequirement r = VersionFile.parse("go.mod", "module m\ngo 1.23.0\ntoolchain go1.22.5\n");
        assertThat(r).isEqualTo(new VersionRequirement(exact("1.23.0"), "go.mod", 2, "go"));
        // go1.22.0 is newer than the language version 1.22, so it counts.
        VersionRequirement lang = VersionFile.parse("go.mod", "module m\ngo 1.22\ntoolchain go1.22.0\n");
        assertThat(lang).isEqualTo(new VersionRequirement(exact("1.22.0"), "go.mod", 3, "toolchain"));
    }

    @Test
    void toolchainDefaultMeansNoToolchain() {
        VersionRequirement r = VersionFile.parse("go.mod", "module m\n\ngo 1.21\ntoolchain default\n");
        assertThat(r).isEqualTo(new VersionRequirement(line(1, 21), "go.mod", 3, "go"));
    }

    @Test
    void toolchainOnlyIsEnough() {
        assertThat(VersionFile.parse("go.mod", "module m\ntoolchain go1.21.4\n").spec()).isEqualTo(exact("1.21.4"));
    }

    @Test
    void toolchainNamingALanguageVersionMeansItsNewestRelease() {
        assertThat(VersionFile.parse("go.mod", "module m\ntoolchain go1.22\n").spec()).isEqualTo(line(1, 22));
        // Before 1.21 the x.y.0 release has the line's name: that release is meant.
        assertThat(VersionFile.parse("go.mod", "module m\ntoolchain go1.20\n").spec()).isEqualTo(exact("1.20.0"));
    }

    @Test
    void directivesInsideBlocksAreNotDirectives() {
        String content = String.join("\n",
                "module example.com/m",
                "",
                "require (",
                "    go 1.99 // a module path, not a directive",
                "    toolchain v1.0.0",
                ")",
                "",
                "replace (",
                "\tgo.example.com/x => ../x ( // odd but a comment",
                ") // end of replace",
                "",
                "go 1.21.3",
                "");
        assertThat(VersionFile.parse("go.mod", content))
                .isEqualTo(new VersionRequirement(exact("1.21.3"), "go.mod", 12, "go"));
    }

    @Test
    void commentsAndWhitespaceAreIgnored() {
        String content = "// go 1.19\n  module m // the module\n\t go   1.22   // keep in sync with CI\n"
                + "/* not a comment in go.mod, but harmless */\n";
        assertThat(VersionFile.parse("go.mod", content))
                .isEqualTo(new VersionRequirement(line(1, 22), "go.mod", 3, "go"));
        assertThat(VersionFile.parse("go.mod", "go 1.22.1//no space before the comment").spec())
                .isEqualTo(exact("1.22.1"));
    }

    @Test
    void oldMacLineEndsAreLineEndsToo() {
        assertThat(VersionFile.parse("go.mod", "module m\rgo 1.22.5\r").line()).isEqualTo(2);
    }

    @Test
    void goWork() {
        String content = "go 1.22.3\n\nuse (\n\t./api\n\t./cmd\n)\n\ntoolchain go1.23.1\n";
        assertThat(VersionFile.parse("go.work", content))
                .isEqualTo(new VersionRequirement(exact("1.23.1"), "go.work", 8, "toolchain"));
        assertThat(VersionFile.parse("/home/me/ws/go.work", "use ./a\ngo 1.21\n"))
                .isEqualTo(new VersionRequirement(line(1, 21), "/home/me/ws/go.work", 2, "go"));
    }

    @Test
    void missingDirective() {
        assertInvalid("go.mod", "module example.com/m\n\nrequire golang.org/x/text v0.14.0\n")
                .hasMessage("go.mod:1: no go or toolchain directive")
                .extracting(e -> ((GoSetupException) e).resolutions(), list(String.class))
                .containsExactly("add a line like \"go 1.22\" to go.mod");
        assertInvalid("go.work", "").hasMessage("go.work:1: no go or toolchain directive");
        assertInvalid("go.mod", "module m\ntoolchain default\n")
                .hasMessageContaining("go.mod:1: no go or toolchain directive naming a version")
                .hasMessageContaining("toolchain default");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "3 | go 1.x              | invalid go version: not a Go version: \"1.x\"",
        "3 | go go1.22           | invalid go version \"go1.22\": the go directive takes the version without \"go\"",
        "3 | go 1                | invalid go version \"1\": it needs a minor version",
        "3 | go 1.22 1.23        | the go directive takes exactly one version",
        "3 | go                  | the go directive takes exactly one version",
        "3 | go 1.021            | leading zero",
        "3 | go 1.22gamma1       | unknown pre-release kind \"gamma\"",
        "3 | toolchain 1.22.5    | invalid toolchain \"1.22.5\": a toolchain is named like go1.22.5",
        "3 | toolchain go1.22.5-bigcorp | invalid toolchain version: not a Go version: \"go1.22.5-bigcorp\"",
        "3 | toolchain           | the toolchain directive takes exactly one version",
        "3 | go (                | the go directive cannot be a block"
    })
    void badDirectivesNameFileAndLine(int line, String directive, String message) {
        assertInvalid("go.mod", "module m\n\n" + directive + "\n")
                .hasMessageStartingWith("go.mod:" + line + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void badDirectiveResolutionsSayTheFix() {
        assertInvalid("go.mod", "module m\ngo go1.22\n")
                .extracting(e -> ((GoSetupException) e).resolutions(), list(String.class))
                .containsExactly("write it like \"go 1.22\"");
        assertInvalid("go.mod", "module m\ntoolchain 1.22.5\n")
                .extracting(e -> ((GoSetupException) e).resolutions(), list(String.class))
                .containsExactly("write it like \"toolchain go1.22.5\", or \"toolchain default\"");
    }

    @Test
    void repeatedDirectives() {
        assertInvalid("go.mod", "module m\ngo 1.21\n\ngo 1.22\n")
                .hasMessage("go.mod:4: repeated go directive (first on line 2)");
        assertInvalid("go.work", "go 1.21\ntoolchain go1.22.0\ntoolchain default\n")
                .hasMessage("go.work:3: repeated toolchain directive (first on line 2)");
    }

    @Test
    void unclosedBlock() {
        assertInvalid("go.mod", "module m\ngo 1.22\nrequire (\n\tgolang.org/x/text v0.14.0\n")
                .hasMessage("go.mod:3: block opened with \"(\" is never closed");
    }

    // ---- .go-version ----

    @Test
    void goVersionFile() {
        assertThat(VersionFile.parse(".go-version", "1.22.5\n"))
                .isEqualTo(new VersionRequirement(exact("1.22.5"), ".go-version", 1, "version"));
        assertThat(VersionFile.parse(".go-version", "\uFEFF# pinned for CI\r\n\r\n   go1.22.5  \r\n1.21.0\r\n"))
                .isEqualTo(new VersionRequirement(exact("1.22.5"), ".go-version", 3, "version"));
        assertThat(VersionFile.parse(".go-version", "1.22").spec()).isEqualTo(line(1, 22));
        assertThat(VersionFile.parse(".go-version", "1.23rc2\n").spec()).isEqualTo(exact("1.23rc2"));
    }

    @Test
    void goVersionFileErrors() {
        assertInvalid(".go-version", "").hasMessage(".go-version:1: no version in the file");
        assertInvalid(".go-version", "# only a comment\n\n   \n").hasMessage(".go-version:1: no version in the file");
        assertInvalid(".go-version", "\n\nv1.22.5\n")
                .hasMessageStartingWith(".go-version:3: not a Go version spec: \"v1.22.5\"")
                .extracting(e -> ((GoSetupException) e).resolutions(), list(String.class))
                .containsExactly("write a version like 1.22.5 or 1.22");
    }

    // ---- .tool-versions ----

    @Test
    void toolVersionsFile() {
        assertThat(VersionFile.parse(".tool-versions", "nodejs 20.11.0\ngolang 1.22.5 1.21.0\n"))
                .isEqualTo(new VersionRequirement(exact("1.22.5"), ".tool-versions", 2, "golang"));
        assertThat(VersionFile.parse(".tool-versions", "\uFEFF# tools\r\ngo 1.23.1 # pinned\r\n"))
                .isEqualTo(new VersionRequirement(exact("1.23.1"), ".tool-versions", 2, "go"));
        assertThat(VersionFile.parse(".tool-versions", "  golang\t  1.22  \n").spec()).isEqualTo(line(1, 22));
        assertThat(VersionFile.parse(".tool-versions", "python 3.12\ngolangci-lint 1.59.1\ngo latest\n"))
                .isEqualTo(new VersionRequirement(VersionSpec.latest(), ".tool-versions", 3, "go"));
        assertThat(VersionFile.parse(".tool-versions", "golang 1.21.0\ngo 1.23.0\n").spec()).isEqualTo(exact("1.21.0"));
    }

    @Test
    void toolVersionsErrors() {
        assertInvalid(".tool-versions", "nodejs 20.11.0\n# golang 1.22.5\n")
                .hasMessage(".tool-versions:1: no golang or go entry")
                .extracting(e -> ((GoSetupException) e).resolutions(), list(String.class))
                .containsExactly("add a line like \"golang 1.22.5\" to .tool-versions");
        assertInvalid(".tool-versions", "nodejs 20\ngolang   # to do\n")
                .hasMessage(".tool-versions:2: no version after \"golang\"");
        assertInvalid(".tool-versions", "golang system\n")
                .hasMessageStartingWith(".tool-versions:1: not a Go version spec: \"system\"")
                .extracting(e -> ((GoSetupException) e).resolutions(), list(String.class))
                .singleElement().asString().contains("\"system\" means the Go already on PATH");
        assertInvalid(".tool-versions", "\n\ngo ref:master\n")
                .hasMessageStartingWith(".tool-versions:3: not a Go version spec: \"ref:master\"");
    }

    // ---- dispatch and reading ----

    @Test
    void dispatchesOnTheLastPathSegment() {
        assertThat(VersionFile.parse("sub/dir/go.mod", "go 1.22").source()).isEqualTo("sub/dir/go.mod");
        assertThat(VersionFile.parse("C:\\proj\\.go-version", "1.22.5").spec()).isEqualTo(exact("1.22.5"));
        assertInvalid("pom.xml", "go 1.22")
                .hasMessage("pom.xml: not a version file (expected go.mod, go.work, .go-version or .tool-versions)");
        assertInvalid("go.mod.bak", "go 1.22").hasMessageStartingWith("go.mod.bak: not a version file");
        assertInvalid("go.mod/", "go 1.22").hasMessageStartingWith("go.mod/: not a version file");
    }

    @Test
    void readsFilesFromDisk(@TempDir Path dir) throws IOException {
        Path goMod = dir.resolve("go.mod");
        Files.write(goMod, "\uFEFFmodule m\r\ngo 1.22.5\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(VersionFile.read(goMod))
                .isEqualTo(new VersionRequirement(exact("1.22.5"), goMod.toString(), 2, "go"));

        Path toolVersions = dir.resolve(".tool-versions");
        Files.writeString(toolVersions, "golang 1.21.13\n");
        assertThat(VersionFile.read(toolVersions).spec()).isEqualTo(exact("1.21.13"));
    }

    @Test
    void readErrors(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve(".go-version");
        assertThatThrownBy(() -> VersionFile.read(missing))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(missing + ": cannot read the file: ")
                .hasCauseInstanceOf(IOException.class);

        Path binary = dir.resolve("go.work");
        Files.write(binary, new byte[] {'g', 'o', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> VersionFile.read(binary))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(binary + ": not UTF-8 text");

        Path other = dir.resolve("build.gradle");
        assertThatThrownBy(() -> VersionFile.read(other))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(other + ": not a version file");

        Path bad = dir.resolve("go.mod");
        Files.writeString(bad, "module m\n\n\ngo 1.22.x\n");
        assertThatThrownBy(() -> VersionFile.read(bad))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(bad + ":4: invalid go version");
    }
}
