package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CheckContextTest {

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertThat(CheckContext.parseDuration("500ms")).hasMillis(500);
        assertThat(CheckContext.parseDuration("1.5s")).hasMillis(1500);
        assertThat(CheckContext.parseDuration(" 2m ")).hasSeconds(120);
        assertThat(CheckContext.parseDuration("1h")).hasHours(1);
        assertThat(CheckContext.parseDuration("PT30S")).hasSeconds(30);
        assertThatThrownBy(() -> CheckContext.parseDuration("soon")).hasMessageContaining("\"soon\"");
        assertThatThrownBy(() -> CheckContext.parseDuration("-PT1S")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedParametersNameTheParameterAndTheValue() {
        CheckContext c = CheckContext.of(Map.of()).withParameters(
                Map.of("port", "80x", "fast", "yes", "timeout", "soon", "n", " 3 ", "on", "TRUE"));
        assertThat(c.longParameter("n", 0)).isEqualTo(3);
        assertThat(c.longParameter("absent", 7)).isEqualTo(7);
        assertThat(c.booleanParameter("on", false)).isTrue();
        assertThat(c.durationParameter("absent", Duration.ofSeconds(1))).hasSeconds(1);
        assertThatThrownBy(() -> c.longParameter("port", 0)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("\"port\"").hasMessageContaining("\"80x\"");
        assertThatThrownBy(() -> c.booleanParameter("fast", false)).hasMessageContaining("\"yes\"");
        assertThatThrownBy(() -> c.durationParameter("timeout", Duration.ZERO)).hasMessageContaining("\"timeout\"")
                .hasMessageContaining("\"soon\"");
    }

    @Test
    void aConfiguredToolchainComesFirstOnThePathOfProcesses() {
        Toolchain go = new Toolchain(GoVersion.parse("go1.22.5"), Platform.parse("linux-amd64"), Path.of("/opt/go"));
        CheckContext plain = CheckContext.of(Map.of("PATH", "/usr/bin", "GOFLAGS", "-mod=vendor", "EMPTY", ""));
        assertThat(plain.toolchain()).isEmpty();
        assertThat(plain.variable("EMPTY")).isEmpty();
        assertThat(plain.processEnvironment()).containsEntry("GOFLAGS", "-mod=vendor");
        CheckContext configured = plain.withGoEnvironment(GoEnvironment.of(go));
        assertThat(configured.toolchain()).contains(go);
        assertThat(configured.processEnvironment()).containsEntry("PATH", "/opt/go/bin:/usr/bin")
                .containsEntry("GOROOT", "/opt/go").doesNotContainKey("GOFLAGS");
    }
}
