package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.NotFoundException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class GoSetupCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GoSetupCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpPrintsUsageAndExitStatusesToStdout() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: gosetup").contains("--version").contains("--debug")
                .contains("2  bad usage or bad input");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionNamesTheProjectVersionAndJava() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("gosetup 0.").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void unknownOptionIsBadUsageWithAOneLineErrorAndAHint() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly("gosetup: Unknown option: '--frobnicate'", "  fix: see 'gosetup --help'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noArgumentsPrintsUsageToStderrAsBadUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: gosetup");
    }

    @Test
    void errorsBecomeOneLinePlusFixesAndTheRightStatus() {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text, true);
        int status = ErrorReporter.report(new InvalidConfigurationException("go.mod:3: \"go 1.x\" is not a Go version",
                List.of("write a version like \"go 1.22\"")), false, w);
        assertThat(status).isEqualTo(2);
        assertThat(text.toString().lines().toList()).containsExactly(
                "gosetup: go.mod:3: \"go 1.x\" is not a Go version", "  fix: write a version like \"go 1.22\"");

        assertThat(ErrorReporter.statusOf(new NotFoundException("no go1.99", List.of()))).isEqualTo(2);
        assertThat(ErrorReporter.statusOf(new NetworkException("timeout", List.of()))).isEqualTo(1);
        assertThat(ErrorReporter.statusOf(new IllegalStateException("bug"))).isEqualTo(1);
    }

    @Test
    void debugAddsTheStackTraceAndUnexpectedErrorsSaySo() {
        StringWriter text = new StringWriter();
        int status = ErrorReporter.report(new IllegalStateException("boom"), true, new PrintWriter(text, true));
        assertThat(status).isEqualTo(1);
        assertThat(text.toString()).startsWith("gosetup: unexpected IllegalStateException: boom")
                .contains("\tat dev.gosetup.cli.");

        StringWriter quiet = new StringWriter();
        ErrorReporter.report(new IllegalStateException("boom"), false, new PrintWriter(quiet, true));
        assertThat(quiet.toString()).doesNotContain("\tat ").contains("--debug");
    }
}
