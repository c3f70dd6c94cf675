package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 10, read-only profiles, from the command line: every command that writes a user's file
 * through the journal ({@code proxy set}, {@code env apply}, {@code wsl config}, {@code vscode
 * apply}) refuses a file its owner made read-only (exit 2, the file named, {@code --force} or
 * {@code chmod} offered, nothing written or journaled) and rewrites it with {@code --force},
 * leaving it read-only; {@code gosetup rollback} gives back its bytes and its mode. Real files;
 * the tests run as root, so the refusal comes from the mode bits, not from the kernel.
 */
@DisabledOnOs(OS.WINDOWS)
class ReadOnlyProfileCliTest extends CliTest {
    @BeforeEach
    void bashUser() {
        userEnv.put("SHELL", "/bin/bash");
    }

    private int gosetup(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(storeOption());
        return gosetup(all);
    }

    private static Path readOnly(Path file, byte[] content, String mode) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private List<String> journalFiles() throws Exception {
        Path journal = store.resolve("journal");
        if (!Files.exists(journal)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(journal)) {
            return files.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }

    /** Refused without --force: exit 2, one error naming the file, the two ways out, nothing changed. */
    private void refused(Path file, byte[] content, String mode, String... command) throws Exception {
        assertThat(gosetup(command)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("gosetup: " + file + " is read-only (" + mode + ")")
                .contains("fix: run the command again with --force").contains("fix: or make it writable first: chmod u+w " + file)
                .doesNotContain("\tat ");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(mode(file)).isEqualTo(mode);
        assertThat(journalFiles()).isEmpty();
    }

    private void rolledBackExactly(Path file, byte[] content, String mode) throws Exception {
        assertThat(gosetup("rollback")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("restored " + file);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(mode(file)).isEqualTo(mode);
    }

    @Test
    void proxySetRefusesAReadOnlyGoEnvFileUnlessForcedAndRollbackRestoresBytesAndMode() throws Exception {
        byte[] mine = "# mine\r\nGOFLAGS=-mod=mod\r\n".getBytes(StandardCharsets.UTF_8);
        Path envFile = readOnly(home.resolve(".config/go/env"), mine, "r--r--r--");

        refused(envFile, mine, "r--r--r--", "proxy", "set", "china");

        assertThat(gosetup("proxy", "set", "china", "--force")).as(err.toString()).isZero();
        assertThat(Files.readString(envFile)).contains("GOPROXY=https://goproxy.cn").contains("GOFLAGS=-mod=mod");
        assertThat(mode(envFile)).isEqualTo("r--r--r--");
        assertThat(gosetup("history", "--json")).isZero();
        assertThat(out.toString()).contains("\"readOnly\" : \"r--r--r--\"");

        rolledBackExactly(envFile, mine, "r--r--r--");
    }

    @Test
    void envApplyRemoveRefusesAReadOnlyBashrcUnlessForced() throws Exception {
        byte[] mine = "# my bashrc\nalias ll='ls -l'\n".getBytes(StandardCharsets.UTF_8);
        Path bashrc = home.resolve(".bashrc");
        Files.write(bashrc, mine);
        // gosetup's block, written while the file was writable ...
        assertThat(gosetup("proxy", "set", "china", "--store", "posix-profile")).as(err.toString()).isZero();
        byte[] withBlock = Files.readAllBytes(bashrc);
        assertThat(new String(withBlock, StandardCharsets.UTF_8)).contains("goproxy.cn");
        // ... then the user locks the file.
        Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString("r--------"));
        List<String> journalBefore = journalFiles();

        assertThat(gosetup("env", "apply", "--remove", "--store", "posix-profile")).isEqualTo(2);
        assertThat(err.toString()).contains(bashrc + " is read-only (r--------)").contains("--force")
                .contains("chmod u+w " + bashrc);
        assertThat(Files.readAllBytes(bashrc)).isEqualTo(withBlock);
        assertThat(journalFiles()).isEqualTo(journalBefore);

        assertThat(gosetup("env", "apply", "--remove", "--store", "posix-profile", "--force")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(bashrc)).isEqualTo(mine);
        assertThat(mode(bashrc)).isEqualTo("r--------");

        rolledBackExactly(bashrc, withBlock, "r--------");
    }

    @Test
    void wslConfigOnAReadOnlyCopyOfWslConfRefusesUnlessForced() throws Exception {
        byte[] mine = "[boot]\r\nsystemd=true\r\n".getBytes(StandardCharsets.UTF_8);
        Path conf = readOnly(tmp.resolve("distro/etc/wsl.conf"), mine, "r--r--r--");

        refused(conf, mine, "r--r--r--", "wsl", "config", "--file", conf.toString(), "--set",
                "interop.appendWindowsPath=false");

        assertThat(gosetup("wsl", "config", "--file", conf.toString(), "--set", "interop.appendWindowsPath=false",
                "--force")).as(err.toString()).isZero();
        assertThat(Files.readString(conf)).startsWith("[boot]\r\nsystemd=true\r\n").contains("appendWindowsPath");
        assertThat(mode(conf)).isEqualTo("r--r--r--");

        rolledBackExactly(conf, mine, "r--r--r--");
    }

    @Test
    void rollbackOfAFileMadeReadOnlySinceIsRefusedUnlessForced() throws Exception {
        Path envFile = home.resolve(".config/go/env");
        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("r--r--r--"));
        byte[] applied = Files.readAllBytes(envFile);

        assertThat(gosetup("rollback")).isEqualTo(2);
        assertThat(err.toString()).contains(envFile + " is read-only").contains("roll back anyway with --force");
        assertThat(Files.readAllBytes(envFile)).isEqualTo(applied);

        assertThat(gosetup("rollback", "--force")).as(err.toString()).isZero();
        assertThat(envFile).doesNotExist(); // it did not exist before `proxy set`
    }

    @Test
    void everyCommandThatWritesAUsersFileDocumentsForceInItsHelp() {
        for (String[] command : new String[][] {{"env", "apply"}, {"proxy", "set"}, {"vscode", "apply"},
                {"wsl", "config"}, {"rollback"}}) {
            List<String> args = new ArrayList<>(List.of(command));
            args.add("--help");
            assertThat(gosetup(args.toArray(String[]::new))).as(String.join(" ", command)).isZero();
            assertThat(out.toString()).as(String.join(" ", command)).contains("--force").contains("read-only");
        }
    }
}
