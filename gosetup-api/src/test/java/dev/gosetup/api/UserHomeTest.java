package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one home-directory rule: $HOME (USERPROFILE on Windows) when absolute, else the caller's fallback. */
class UserHomeTest {
    private static final Platform LINUX = Platform.parse("linux-amd64");
    private static final Platform WINDOWS = Platform.parse("windows-amd64");
    private static final Path FALLBACK = Path.of("/from/passwd").toAbsolutePath();

    @Test
    void followsHomeLikeEveryShellToolNotThePasswordDatabase() {
        Path home = Path.of("/elsewhere/me").toAbsolutePath();
        assertThat(UserHome.resolve(Map.of("HOME", home.toString()), LINUX, FALLBACK)).isEqualTo(home);
    }

    @Test
    void emptyBlankRelativeOrMissingHomeFallsBack() {
        for (String value : new String[] {"", "  ", "relative/dir"}) {
            assertThat(UserHome.resolve(Map.of("HOME", value), LINUX, FALLBACK)).as(value).isEqualTo(FALLBACK);
        }
        assertThat(UserHome.resolve(Map.of(), LINUX, FALLBACK)).isEqualTo(FALLBACK);
        assertThat(UserHome.fromEnvironment(Map.of("HOME", ""), LINUX)).isEmpty();
    }

    @Test
    void windowsReadsUserProfileNotHome() {
        assertThat(UserHome.variable(WINDOWS)).isEqualTo("USERPROFILE");
        assertThat(UserHome.resolve(Map.of("HOME", "/home/x"), WINDOWS, FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void contextsUseTheRule() {
        Path home = Path.of("/elsewhere/me").toAbsolutePath();
        Map<String, String> env = Map.of("HOME", home.toString());
        assertThat(DiscoveryContext.of(env, LINUX, FALLBACK).home()).isEqualTo(home);
        assertThat(DiscoveryContext.of(Map.of("HOME", ""), LINUX, FALLBACK).home()).isEqualTo(FALLBACK);
        if (!Platform.current().isWindows()) {
            assertThat(dev.gosetup.api.spi.StoreContext.of(env).home()).isEqualTo(home);
            assertThat(CheckContext.of(env).home()).isEqualTo(home);
        }
    }
}
