package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.core.internal.GoEnvFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 10: with a {@code :} in HOME, the GOPATH {@code $HOME/go} was refused as "GOPATH entry is
 * relative"; the message now names the list separator and proposes a path.
 */
@DisabledOnOs(OS.WINDOWS)
class GoPathSeparatorTest {
    @Test
    void aGoPathUnderAHomeWithAColonNamesTheSeparatorAndProposesAPath() {
        assertThatThrownBy(() -> GoEnvFile.validate("GOPATH", "/home/al:ice/go"))
                .isInstanceOf(GoSetupException.class)
                .hasMessageContaining("holds ':', the separator of GOPATH's list")
                .hasMessageNotContaining("is relative")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((GoSetupException) e).resolutions())
                        .anyMatch(r -> r.contains("/home/al-ice/go")));
        // A real list of absolute directories stays fine; a relative entry keeps its own message.
        assertThatCode(() -> GoEnvFile.validate("GOPATH", "/a/go:/b/go")).doesNotThrowAnyException();
        assertThatThrownBy(() -> GoEnvFile.validate("GOPATH", "go")).hasMessageContaining("relative");
    }
}
