package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: {@code doctor -o DIR} and {@code doctor -o /dev/full} ended in "unexpected ... report it
 * as a bug". Both are handled errors naming the output path.
 */
class DoctorOutputTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int doctor(String... args) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("bin"));
        String[] all = new String[args.length + 2];
        all[0] = "doctor";
        all[1] = "--offline";
        System.arraycopy(args, 0, all, 2, args.length);
        return GoSetupCommand.run(all, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("PATH", empty.toString(), "HOME", tmp.toString()));
    }

    @Test
    void aDirectoryAsOutputIsRefusedUpFrontNamingIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        assertThat(doctor("-o", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--output " + dir + " is a directory").doesNotContain("unexpected")
                .doesNotContain("report it as a bug");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFullDiskIsAHandledErrorNamingTheOutput() throws Exception {
        assertThat(doctor("-o", "/dev/full")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot write the report to /dev/full: No space left on device")
                .doesNotContain("unexpected").doesNotContain("report it as a bug");
    }
}
