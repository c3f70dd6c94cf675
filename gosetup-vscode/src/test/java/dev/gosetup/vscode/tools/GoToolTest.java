package dev.gosetup.vscode.tools;

import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The version tables: which dlv and gopls gosetup installs for a toolchain. */
class GoToolTest {

    @ParameterizedTest(name = "{0}: dlv {1}, gopls {2}")
    @CsvSource({
        // Matches vscode-go's docs/compatibility.md: go1.19 -> Delve v1.21.2, gopls v0.15.3.
        "1.19.13, v1.21.2, v0.15.3",
        // Delve v1.22 supports go1.20 but its go.mod says go 1.21: gosetup only picks what the toolchain builds.
        "1.20.14, v1.21.2, v0.15.3",
        "1.21.13, v1.25.0, v0.16.2",
        // Delve v1.25.0 still stops at 1.24; v1.25.1 supports 1.25 and needs go1.22.0 to build.
        "1.22.12, v1.25.2, v0.16.2",
        "1.23.0, v1.25.2, v0.16.2",
        "1.23.4, v1.25.2, v0.18.1",
        "1.24.2, v1.26.3, v0.20.0",
        "1.25.0, v1.27.1, v0.21.1",
    })
    void choosesTheNewestReleaseThatSupportsAndBuildsWithTheToolchain(String go, String dlv, String gopls) {
        assertThat(GoTool.DLV.choose(GoVersion.parse(go))).map(ToolRelease::version).hasValue(dlv);
        assertThat(GoTool.GOPLS.choose(GoVersion.parse(go))).map(ToolRelease::version).hasValue(gopls);
    }

    @Test
    void debiansDelveSupportsGo118To120() {
        ToolRelease debian = GoTool.DLV.release("1.20.2").orElseThrow();
        assertThat(debian.supports(GoVersion.parse("go1.19.8"))).isTrue();
        assertThat(debian.supports(GoVersion.parse("go1.20.14"))).isTrue();
        assertThat(debian.supports(GoVersion.parse("go1.22.12"))).isFalse();
        assertThat(debian.supports(GoVersion.parse("go1.17.13"))).isFalse();
        assertThat(debian.supportedRange()).isEqualTo("Go 1.18 to 1.20");
    }

    @Test
    void nothingFitsAGoOlderOrNewerThanTheTable() {
        assertThat(GoTool.DLV.choose(GoVersion.parse("1.17.13"))).isEmpty();
        assertThat(GoTool.DLV.choose(GoVersion.parse("1.30.0"))).isEmpty();
        assertThat(GoTool.of("example.com/tools/hello", "example.com/tools/hello").choose(GoVersion.parse("1.22.0")))
                .isEmpty();
    }

    @Test
    void namesAndInstallArguments() {
        assertThat(GoTool.named("dlv")).isSameAs(GoTool.DLV);
        assertThat(GoTool.named("gopls").installArgument("v0.15.3")).isEqualTo("golang.org/x/tools/gopls@v0.15.3");
        assertThat(GoTool.of("example.com/tools/hello", "example.com/tools/hello").name()).isEqualTo("hello");
        assertThatThrownBy(() -> GoTool.named("gdb")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("\"gdb\"");
        assertThat(GoTool.DLV.release("v9.9.9")).isEqualTo(Optional.empty());
    }
}
