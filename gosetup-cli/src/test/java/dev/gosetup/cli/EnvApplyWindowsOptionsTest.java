package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code env apply --machine} and the Windows stores, as far as they can be driven on this (Linux) host. */
class EnvApplyWindowsOptionsTest {
    @TempDir
    Path tmp;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int gosetup(String... args) {
        return GoSetupCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("HOME", tmp.resolve("home").toString(), "PATH", "/usr/bin:/bin"));
    }

    /**
     * The usage text. (Through {@code gosetup env apply --help} it is not reachable: on main that answers
     * "Unknown option: '--help'" for every {@code env} subcommand, reported to the coordinator.)
     */
    @Test
    void usageListsMachineAndTheWindowsStores() {
        String usage = new picocli.CommandLine(new EnvCommands.Apply()).getUsageMessage();
        assertThat(usage).contains("--machine").contains("elevated").contains("windows-registry")
                .contains("powershell-profile");
    }

    @Test
    void machineOffWindowsIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.createDirectories(tmp.resolve("home"));
        assertThat(gosetup("env", "apply", "--machine", "--home", tmp.resolve("store").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--machine is for Windows").contains("fix: leave out --machine");
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void thePowerShellProfileStoreIsListedHereForPowerShell7() {
        assertThat(gosetup("env", "apply", "--list-stores", "--home", tmp.resolve("store").toString())).isZero();
        assertThat(out.toString()).contains("powershell-profile\tgosetup region in ~/.config/powershell/profile.ps1")
                .doesNotContain("windows-registry");
    }
}
