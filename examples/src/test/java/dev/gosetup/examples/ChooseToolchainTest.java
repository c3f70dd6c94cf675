package dev.gosetup.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.ToolchainMirror;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example against the index of the real toolchains packed by the testkit. */
class ChooseToolchainTest {

    @Test
    void choosesTheNewestPatchOfTheLineAGoModAsksFor(@TempDir Path project) throws Exception {
        ToolchainMirror mirror = ToolchainMirror.build();
        PackedToolchain newest = mirror.newest();
        String line = newest.version().replaceFirst("^go(\\d+\\.\\d+).*", "$1");
        Path goMod = project.resolve("go.mod");
        Files.writeString(goMod, "module example.com/hello\n\n// the language line\ngo " + line + "\n");

        ChooseToolchain.Choice choice = ChooseToolchain.choose(goMod, mirror.indexFile(), Platform.current());

        assertThat(choice.release().version()).hasToString(newest.version());
        assertThat(choice.archive().filename()).isEqualTo(newest.filename());
        assertThat(choice.archive().sha256()).isEqualTo(newest.sha256());
        assertThat(choice.requirement().line()).isEqualTo(4);
        assertThat(choice.toString()).contains(newest.filename()).contains(newest.sha256());
    }

    @Test
    void aVersionTheIndexDoesNotHaveIsNamedInTheError(@TempDir Path project) throws Exception {
        ToolchainMirror mirror = ToolchainMirror.build();
        Path goVersion = project.resolve(".go-version");
        Files.writeString(goVersion, "1.4.3\n");
        assertThatThrownBy(() -> ChooseToolchain.choose(goVersion, mirror.indexFile(), Platform.current()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("matches 1.4.3")
                .hasMessageContaining(".go-version");
    }
}
