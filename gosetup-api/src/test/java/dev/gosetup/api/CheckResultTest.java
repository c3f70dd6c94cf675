package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.spi.AbstractReadinessCheck;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void buildsUpDetailsAndHintsInOrder() {
        CheckResult r = CheckResult.fail("GOPATH is writable by everyone")
                .withDetail("path", "/home/me/go").withDetail("mode", "rwxrwxrwx").withDetail("path", "/x")
                .withHint("chmod 700 /home/me/go").withHint("or set GOPATH elsewhere");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.details()).containsExactly(Map.entry("path", "/x"), Map.entry("mode", "rwxrwxrwx"));
        assertThat(r.hints()).containsExactly("chmod 700 /home/me/go", "or set GOPATH elsewhere");
        assertThat(r.duration()).isZero();
        assertThat(r.withDuration(Duration.ofMillis(5)).duration()).hasMillis(5);
    }

    @Test
    void theSummaryIsAlwaysOneLine() {
        assertThat(CheckResult.warn("  first\r\n  second\nthird  ").summary()).isEqualTo("first second third");
        assertThatThrownBy(() -> CheckResult.pass(" \n ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckResult.pass("x").withHint(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExceptionBecomesAnErrorWithItsResolutionsAsHints() {
        CheckResult r = CheckResult.error(new NotFoundException("go was not found", List.of("gosetup install latest")));
        assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(r.summary()).isEqualTo("go was not found");
        assertThat(r.hints()).containsExactly("gosetup install latest");
        assertThat(CheckResult.error(new NullPointerException()).summary()).isEqualTo("NullPointerException");
    }

    @Test
    void onlyFailAndErrorAreProblemsAndOnlyPassAndWarnLetDependentsRun() {
        assertThat(List.of(CheckStatus.values())).filteredOn(CheckStatus::isProblem)
                .containsExactly(CheckStatus.FAIL, CheckStatus.ERROR);
        assertThat(List.of(CheckStatus.values())).filteredOn(CheckStatus::satisfiesDependents)
                .containsExactly(CheckStatus.PASS, CheckStatus.WARN);
    }

    @Test
    void aCheckMayThrowACheckedExceptionAndGetsAnError() {
        AbstractReadinessCheck reading = new AbstractReadinessCheck() {
            @Override
            public String id() {
                return "reads";
            }

            @Override
            public String title() {
                return "Reads a file";
            }

            @Override
            protected CheckResult doCheck(CheckContext context) throws java.io.IOException {
                throw new java.nio.file.NoSuchFileException("/etc/team-settings.conf");
            }
        };
        CheckResult r = reading.check(CheckContext.of(Map.of()));
        assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(r.summary()).contains("/etc/team-settings.conf");
    }

    @Test
    void theAbstractBaseTurnsAThrowIntoAnError() {
        AbstractReadinessCheck throwing = new AbstractReadinessCheck() {
            @Override
            public String id() {
                return "throws";
            }

            @Override
            public String title() {
                return "Throws";
            }

            @Override
            protected CheckResult doCheck(CheckContext context) {
                return CheckResult.pass("port " + context.requiredParameter("port"));
            }
        };
        CheckResult r = throwing.check(CheckContext.of(Map.of()));
        assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(r.summary()).contains("\"port\" is required");
        assertThat(r.hints()).singleElement().asString().contains("with:");
        assertThat(throwing.check(CheckContext.of(Map.of()).withParameters(Map.of("port", "80"))).summary())
                .isEqualTo("port 80");
    }
}
