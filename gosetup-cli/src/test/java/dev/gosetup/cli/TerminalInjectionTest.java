package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 10, "terminal injection": a download index holding ESC, BEL and NUL sequences (clear the
 * screen, set the window title, colour the terminal) must reach the terminal escaped.
 */
class TerminalInjectionTest extends CliTest {
    /** Clears the screen, sets the window title to "pwned", turns the text red, and a NUL and a C1 CSI. */
    private static final String ATTACK = "\u001b[2J\u001b]0;pwned\u0007\u001b[31m\u0000\u009b1m";

    private int gosetup(String... args) {
        return gosetup(List.of(args));
    }

    private Path index(String version, String filename) throws Exception {
        Platform host = Platform.current();
        String json = "[{\"version\":\"" + json(version) + "\",\"stable\":true,\"files\":[{\"filename\":\"" + json(filename)
                + "\",\"os\":\"" + host.os() + "\",\"arch\":\"" + host.arch() + "\",\"version\":\"" + json(version)
                + "\",\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":1000,\"kind\":\"archive\"}]}]";
        return Files.writeString(tmp.resolve("index.json"), json);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }

    private static String unsafe(String text) {
        StringBuilder found = new StringBuilder();
        text.chars().filter(c -> c != '\n' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                .forEach(c -> found.append(String.format("U+%04X ", c)));
        return found.toString();
    }

    @Test
    void aHostileVersionInTheIndexIsEscapedInTheError() throws Exception {
        Path index = index("go1.22.12" + ATTACK, "go1.22.12.linux-amd64.tar.gz");
        int status = gosetup("list", "--remote", "--home", tmp.resolve("store").toString(), "--index", index.toString());
        assertThat(status).isEqualTo(2);
        assertThat(unsafe(out + err.toString())).as(err.toString()).isEmpty();
        assertThat(err.toString()).contains("\\u001b]0;pwned\\u0007");
    }

    @Test
    void aHostileFilenameInTheIndexIsEscapedInProgressAndErrors() throws Exception {
        Platform host = Platform.current();
        Path index = index("go1.22.12", "go1.22.12." + host + ATTACK + ".tar.gz");
        int status = gosetup("install", "1.22.12", "--home", tmp.resolve("store").toString(), "--index", index.toString(),
                "--mirror", "http://127.0.0.1:9/");
        assertThat(status).isNotZero();
        assertThat(unsafe(out + err.toString())).as(err.toString()).isEmpty();
        assertThat(err.toString()).contains("\\u001b[2J");
    }
}
