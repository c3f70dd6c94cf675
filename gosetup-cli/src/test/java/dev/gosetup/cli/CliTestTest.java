package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The CLI tests' fixture itself: the fake user sees nothing of the machine, options land before {@code --}. */
class CliTestTest extends CliTest {
    @Test
    void theFakeUserHasAHomeAPlainPathAndNothingElse() {
        assertThat(home).isDirectory().hasParent(tmp);
        assertThat(store).doesNotExist();
        assertThat(store.getParent()).isEqualTo(tmp);
        assertThat(userEnv).containsOnlyKeys("HOME", "PATH").containsEntry("HOME", home.toString())
                .containsEntry("PATH", "/usr/bin:/bin");
    }

    @Test
    void optionsGoBeforeADoubleDashElseAtTheEnd() {
        assertThat(withOptions(List.of("exec", "--", "go", "version"), List.of("--home", "/s")))
                .containsExactly("exec", "--home", "/s", "--", "go", "version");
        assertThat(withOptions(List.of("list"), List.of("--home", "/s"))).containsExactly("list", "--home", "/s");
        assertThat(withOptions(List.of("list"), List.of())).containsExactly("list");
    }

    @Test
    void eachRunKeepsOnlyItsOwnOutput() {
        assertThat(gosetup(List.of("--version"))).isZero();
        assertThat(out.toString()).contains("gosetup");
        assertThat(gosetup(List.of("no-such-command"))).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("no-such-command");
    }
}
