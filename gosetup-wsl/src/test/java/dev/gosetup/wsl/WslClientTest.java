package dev.gosetup.wsl;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WslClientTest {
    private static final List<String> LIST = List.of("--list", "--verbose");
    private static final String ENGLISH = "  NAME                   STATE           VERSION\r\n"
            + "* Ubuntu-22.04           Running         2\r\n"
            + "  docker-desktop         Stopped         2\r\n"
            + "  Legacy                 Stopped         1\r\n";
    private static final String GERMAN = "  NAME            STATUS             VERSION\r\n"
            + "* Ubuntu          Wird ausgeführt    2\r\n"
            + "  Debian          Beendet            2\r\n";
    private static final String FRENCH = "  NOM             ÉTAT                    VERSION\r\n"
            + "  Ubuntu          En cours d'exécution    2\r\n"
            + "* Debian          Arrêté                  1\r\n";

    private static byte[] utf16(String s, boolean bom) {
        return ((bom ? "\uFEFF" : "") + s).getBytes(StandardCharsets.UTF_16LE);
    }

    private static WslClient client(RecordedWslExe exe) {
        return new WslClient(exe, Optional.empty());
    }

    @Test
    void readsTheListInUtf16WithAndWithoutMarkAndInUtf8() {
        for (byte[] output : List.of(utf16(ENGLISH, false), utf16(ENGLISH, true),
                ENGLISH.getBytes(StandardCharsets.UTF_8), utf16(ENGLISH.replace("\r\n", "\r\r\n"), false))) {
            List<WslDistro> distros = client(new RecordedWslExe().answer(LIST, 0, output, new byte[0])).distributions();
            assertThat(distros).containsExactly(new WslDistro("Ubuntu-22.04", "Running", true, 2, true),
                    new WslDistro("docker-desktop", "Stopped", false, 2, false),
                    new WslDistro("Legacy", "Stopped", false, 1, false));
        }
    }

    @Test
    void toleratesTranslatedHeadersAndStatesOfSeveralWords() {
        assertThat(client(new RecordedWslExe().answer(LIST, 0, utf16(GERMAN, false), new byte[0])).distributions())
                .containsExactly(new WslDistro("Ubuntu", "Wird ausgeführt", false, 2, true),
                        new WslDistro("Debian", "Beendet", false, 2, false));
        assertThat(client(new RecordedWslExe().answer(LIST, 0, utf16(FRENCH, true), new byte[0])).distributions())
                .extracting(WslDistro::name, WslDistro::state, WslDistro::version, WslDistro::isDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ubuntu", "En cours d'exécution", 2, false),
                        org.assertj.core.groups.Tuple.tuple("Debian", "Arrêté", 1, true));
    }

    @Test
    void noDistributionFailsWithWslsOwnMessageEscaped() {
        String message = "Windows Subsystem for Linux has no installed distributions.\r\n"
                + "Distributions can be installed by visiting the Microsoft Store:\r\nhttps://aka.ms/wslstore\r\n\u001b[0m";
        assertThatThrownBy(() -> client(new RecordedWslExe().answer(LIST, -1, utf16(message, false), new byte[0]))
                .distributions()).isInstanceOf(GoSetupException.class)
                .hasMessageContaining("has no installed distributions").hasMessageContaining("\\u001b[0m")
                .hasMessageNotContaining("\u001b");
    }

    @Test
    void unreadableOutputFallsBackToTheRegistrysNames() {
        DistroRegistry registry = () -> List.of(
                new DistroRegistry.Entry("{0b2d8d8c-5e4a-4e0c-9a3e-2f7f0c2f8a11}", "Ubuntu", 2, true),
                new DistroRegistry.Entry("{6f4e8b0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b}", "kali-linux", 1, false));
        WslClient c = new WslClient(new RecordedWslExe().answer(LIST, 0, utf16("名前 状態 バージョン\r\n", false),
                new byte[0]), Optional.of(registry));
        assertThat(c.distributions()).containsExactly(new WslDistro("Ubuntu", "unknown", false, 2, true),
                new WslDistro("kali-linux", "unknown", false, 1, false));
    }

    @Test
    void runsACommandAsAnArgumentListWithExitStatusAndTimeout() {
        List<String> expected = List.of("-d", "Ubuntu", "-u", "me", "--exec", "ls", "-la", "/home/me/my dir; rm -rf /");
        RecordedWslExe exe = new RecordedWslExe().answer(expected, 2, new byte[0],
                "ls: cannot access '/home/me/my dir; rm -rf /': No such file or directory\n".getBytes(StandardCharsets.UTF_8))
                .timeout(List.of("-d", "Ubuntu", "--exec", "sleep", "100"));
        WslClient.CommandResult r = client(exe).run("Ubuntu", Optional.of("me"),
                List.of("ls", "-la", "/home/me/my dir; rm -rf /"), Duration.ofSeconds(5));
        assertThat(r.arguments()).isEqualTo(expected);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stderr()).contains("No such file");
        WslClient.CommandResult slow = client(exe).run("Ubuntu", Optional.empty(), List.of("sleep", "100"),
                Duration.ofMillis(250));
        assertThat(slow.timedOut()).isTrue();
        assertThat(exe.timeouts).containsExactly(Duration.ofSeconds(5), Duration.ofMillis(250));
    }

    @Test
    void refusesArgumentsWindowsCannotPassIntactBeforeRunningAnything() {
        RecordedWslExe exe = new RecordedWslExe();
        assertThatThrownBy(() -> client(exe).run("Ubuntu", Optional.empty(), List.of("echo", "say \"hi\""),
                Duration.ofSeconds(1))).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("double quote");
        assertThatThrownBy(() -> client(exe).run("-e rm", Optional.empty(), List.of("true"), Duration.ofSeconds(1)))
                .hasMessageContaining("not a WSL distribution name");
        assertThatThrownBy(() -> client(exe).run("Ubuntu", Optional.of("--help"), List.of("true"), Duration.ofSeconds(1)))
                .hasMessageContaining("not a Linux user name");
        assertThatThrownBy(() -> client(exe).run("Ubuntu", Optional.empty(), List.of(), Duration.ofSeconds(1)))
                .hasMessageContaining("no command");
        assertThat(exe.calls).isEmpty();
    }

    @Test
    void installsGoByRunningGosetupInsideTheDistroAndReportsGoVersion() {
        List<List<String>> plan = WslClient.planGoInstall("Ubuntu", Optional.of("me"), "C:\\Tools\\go setup\\gosetup.jar",
                WslPaths.defaults(), "1.22");
        assertThat(plan).containsExactly(
                List.of("-d", "Ubuntu", "-u", "me", "--exec", "java", "-version"),
                List.of("-d", "Ubuntu", "-u", "me", "--exec", "java", "-jar", "/mnt/c/Tools/go setup/gosetup.jar",
                        "install", "--quiet", "1.22"));
        String goroot = "/home/me/.cache/gosetup/toolchains/go1.22.12.linux-amd64";
        RecordedWslExe exe = new RecordedWslExe()
                .answer(plan.get(0), 0, new byte[0], "openjdk version \"17.0.13\" 2024-10-15\n".getBytes(StandardCharsets.UTF_8))
                .answer(plan.get(1), 0, (goroot + "\n").getBytes(StandardCharsets.UTF_8), new byte[0])
                .answer(List.of("-d", "Ubuntu", "-u", "me", "--exec", goroot + "/bin/go", "version"), 0,
                        "go version go1.22.12 linux/amd64\n".getBytes(StandardCharsets.UTF_8), new byte[0]);
        WslClient.GoInstall done = client(exe).installGo("Ubuntu", Optional.of("me"), "C:\\Tools\\go setup\\gosetup.jar",
                WslPaths.defaults(), "1.22", Duration.ofMinutes(10));
        assertThat(done.goroot()).isEqualTo(goroot);
        assertThat(done.goVersion()).isEqualTo("go version go1.22.12 linux/amd64");
        assertThat(done.commands()).hasSize(3);
        assertThat(String.join(" ", done.commands().stream().flatMap(List::stream).toList())).doesNotContain("curl", "| sh");
    }

    @Test
    void goInstallWithoutJavaSaysHowToGetIt() {
        RecordedWslExe exe = new RecordedWslExe().answer(List.of("-d", "Ubuntu", "--exec", "java", "-version"), 1,
                new byte[0], utf16("<3>WSL (8) ERROR: CreateProcessParseCommon:863: execvpe(java) failed: No such file "
                        + "or directory\r\n", false));
        assertThatThrownBy(() -> client(exe).installGo("Ubuntu", Optional.empty(), "C:\\gosetup.jar", WslPaths.defaults(),
                "1.22", Duration.ofMinutes(1))).isInstanceOf(GoSetupException.class)
                .hasMessageContaining("Java does not run in Ubuntu").hasMessageContaining("execvpe(java) failed")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions().get(0)).contains("openjdk-17-jre-headless"));
        assertThat(exe.calls).hasSize(1);
    }

    @Test
    void aFailedInstallStopsBeforeRunningGo() {
        List<List<String>> plan = WslClient.planGoInstall("Ubuntu", Optional.empty(), "D:\\gosetup.jar",
                new WslPaths("/", Optional.empty()), "1.99");
        assertThat(plan.get(1)).contains("/d/gosetup.jar");
        RecordedWslExe exe = new RecordedWslExe().answer(plan.get(0), 0, new byte[0], new byte[0])
                .answer(plan.get(1), 1, new byte[0], "gosetup: no release matches 1.99\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> client(exe).installGo("Ubuntu", Optional.empty(), "D:\\gosetup.jar",
                new WslPaths("/", Optional.empty()), "1.99", Duration.ofMinutes(1)))
                .hasMessageContaining("no release matches 1.99");
        assertThat(exe.calls).hasSize(2);
        assertThatThrownBy(() -> WslClient.planGoInstall("Ubuntu", Optional.empty(), "C:\\g.jar", WslPaths.defaults(),
                "1.22; rm -rf /")).isInstanceOf(InvalidConfigurationException.class);
    }
}
