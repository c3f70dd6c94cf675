package dev.gosetup.wsl;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.journal.ChangeJournal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WslConfigEditorTest {
    @TempDir
    Path dir;

    /** A wsl.conf as people write them: comments of both kinds, blank lines, an unknown section and key, quotes. */
    private static final String WSL_CONF = String.join("\r\n",
            "# /etc/wsl.conf written by hand",
            "[boot]",
            "systemd=true",
            "",
            "; drives",
            "[automount]",
            "enabled = true",
            "options = \"metadata,umask=22,fmask=11\"",
            "crossDistro = true",
            "",
            "[interop]",
            "appendWindowsPath = true   # Windows tools on PATH",
            "",
            "[mystuff]",
            "answer = 42",
            "");

    private static ConfigSetting set(String text) {
        return ConfigSetting.parse(text);
    }

    private Path write(String name, byte[] content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    /** Applies a change through gosetup's real change journal (its built-in "file" store), or rolls the last back. */
    private void apply(StoreChange change, boolean forward) {
        ChangeJournal journal = ChangeJournal.create(new ToolchainStore(dir.resolve("gosetup")),
                new StoreContext(dir, Map.of("HOME", dir.toString()), Platform.parse("linux-amd64")), List.of(),
                Clock.systemUTC());
        if (forward) {
            assertThat(journal.apply("gosetup wsl config", List.of(change)).changes()).hasSize(1);
        } else {
            assertThat(journal.rollback(false)).isPresent();
        }
    }

    @Test
    void wslconfigWithCrlfBomAndCommentsAppliesAndRollsBackExactlyThroughTheJournal() throws Exception {
        byte[] original = ("\uFEFF# .wslconfig\r\n[wsl2]\r\n; half the RAM\r\nmemory=8GB\r\nkernelCommandLine = "
                + "\"sysctl.vm.swappiness=10\"\r\nfutureKey=1\r\n\r\n[experimental]\r\nsparseVhd=true\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Path f = write(".wslconfig", original);
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSLCONFIG,
                List.of(set("wsl2.memory=4GB"), set("wsl2.dnsTunneling=true"), set("experimental.autoMemoryReclaim=gradual")),
                false);
        assertThat(plan.unknown()).containsExactly("wsl2.futureKey (line 6, kept)");
        apply(plan.changes().get(0), true);
        assertThat(Files.readString(f)).isEqualTo("\uFEFF# .wslconfig\r\n[wsl2]\r\n; half the RAM\r\nmemory=4GB\r\n"
                + "kernelCommandLine = \"sysctl.vm.swappiness=10\"\r\nfutureKey=1\r\ndnsTunneling = true\r\n\r\n"
                + "[experimental]\r\nsparseVhd=true\r\nautoMemoryReclaim = gradual\r\n");
        apply(plan.changes().get(0), false);
        assertThat(Files.readAllBytes(f)).isEqualTo(original);
    }

    @Test
    void changesOnlyTheValueAndKeepsCrlfCommentsUnknownKeysAndTrailingComment() throws Exception {
        byte[] original = WSL_CONF.getBytes(StandardCharsets.UTF_8);
        Path f = write("wsl.conf", original);
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSL_CONF,
                List.of(set("interop.appendWindowsPath=false")), false);
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.storeId()).isEqualTo("file");
            assertThat(c.target()).isEqualTo(f.toString());
            assertThat(c.isBefore(java.util.Optional.of(original))).isTrue();
        });
        assertThat(Files.readAllBytes(f)).isEqualTo(original);
        String after = new String(plan.changes().get(0).after().orElseThrow(), StandardCharsets.UTF_8);
        assertThat(after).isEqualTo(WSL_CONF.replace("appendWindowsPath = true   #", "appendWindowsPath = false   #"));
        assertThat(plan.unknown()).containsExactly("automount.crossDistro (line 9, kept)", "mystuff.answer (line 15, kept)");
        assertThat(plan.notes()).singleElement().asString().contains("wsl.exe --shutdown").contains("8 seconds");

        apply(plan.changes().get(0), true);
        apply(plan.changes().get(0), false);
        assertThat(Files.readAllBytes(f)).isEqualTo(original);
    }

    @Test
    void addsAKeyAfterTheSectionsLastEntryAndANewSectionAtTheEndWithTheFilesLineEndings() throws Exception {
        Path f = write("wsl.conf", WSL_CONF.getBytes(StandardCharsets.UTF_8));
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSL_CONF,
                List.of(set("automount.root=/win/"), set("network.generateResolvConf=false"), set("user.default=me")),
                false);
        String after = new String(plan.changes().get(0).after().orElseThrow(), StandardCharsets.UTF_8);
        assertThat(after).isEqualTo(WSL_CONF
                .replace("crossDistro = true\r\n", "crossDistro = true\r\nroot = /win/\r\n")
                + "\r\n[network]\r\ngenerateResolvConf = false\r\n\r\n[user]\r\ndefault = me\r\n");
        assertThat(after.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void keepsTheByteOrderMarkAndAFileWithoutAFinalNewline() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "[wsl2]\nmemory=8GB".getBytes(StandardCharsets.UTF_8);
        byte[] original = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, original, 0, 3);
        System.arraycopy(body, 0, original, 3, body.length);
        Path f = write(".wslconfig", original);
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSLCONFIG,
                List.of(set("wsl2.memory=4GB"), set("wsl2.networkingMode=mirrored"), set("experimental.sparseVhd=true")),
                false);
        byte[] after = plan.changes().get(0).after().orElseThrow();
        assertThat(after).startsWith(bom);
        assertThat(new String(after, 3, after.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("[wsl2]\nmemory=4GB\nnetworkingMode = mirrored\n\n[experimental]\nsparseVhd = true\n");
        assertThat(plan.notes().get(0)).contains(".wslconfig").contains("wsl.exe --shutdown");
    }

    @Test
    void keepsUtf16WithItsMark() throws Exception {
        byte[] original = ("\uFEFF[wsl2]\r\nswap=0\r\n").getBytes(StandardCharsets.UTF_16LE);
        Path f = write(".wslconfig", original);
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSLCONFIG, List.of(set("wsl2.swap=2GB")), false);
        assertThat(plan.changes().get(0).after().orElseThrow())
                .isEqualTo("\uFEFF[wsl2]\r\nswap=2GB\r\n".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void createsAMissingFileAndRollbackDeletesIt() throws Exception {
        Path f = dir.resolve("etc/wsl.conf");
        Files.createDirectories(f.getParent());
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSL_CONF, List.of(set("boot.systemd=true")), false);
        StoreChange change = plan.changes().get(0);
        assertThat(change.before()).isEmpty();
        assertThat(new String(change.after().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("[boot]\nsystemd = true\n");
        apply(change, true);
        apply(change, false);
        assertThat(f).doesNotExist();
    }

    @Test
    void settingWhatIsThereAlreadyPlansNothing() throws Exception {
        Path f = write("wsl.conf", WSL_CONF.getBytes(StandardCharsets.UTF_8));
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSL_CONF, List.of(set("boot.systemd=true")), false);
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void matchesSectionsAndKeysIgnoringCaseAndWritesTheKnownSpelling() throws Exception {
        Path f = write("wsl.conf", "[Interop]\nAppendWindowsPath=true\n".getBytes(StandardCharsets.UTF_8));
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSL_CONF,
                List.of(set("interop.appendwindowspath=false"), set("INTEROP.enabled=true")), false);
        assertThat(new String(plan.changes().get(0).after().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("[Interop]\nAppendWindowsPath=false\nenabled = true\n");
    }

    @Test
    void refusesBadValuesUnknownKeysAndDuplicatesBeforeReadingTheFile() throws Exception {
        Path missing = dir.resolve("no/such/dir/wsl.conf");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSL_CONF,
                List.of(set("interop.appendWindowsPath=no")), false))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("\"no\" is not true or false");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSLCONFIG,
                List.of(set("wsl2.memory=4 gigs")), false)).hasMessageContaining("a size such as 4GB");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSLCONFIG,
                List.of(set("wsl2.networkingMode=bridge")), false)).hasMessageContaining("nat, mirrored");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSLCONFIG,
                List.of(set("wsl2.processors=-1")), false)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSL_CONF,
                List.of(set("network.generateResolvConf=false"), set("Network.GenerateResolvConf=true")), false))
                .hasMessageContaining("set twice");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSL_CONF,
                List.of(set("interop.appendWindowPath=false")), false))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("interop.appendWindowPath").hasMessageContaining("typo");
        // A wsl.conf key is unknown in .wslconfig and the other way round.
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSLCONFIG,
                List.of(set("interop.appendWindowsPath=false")), false)).hasMessageContaining("unknown in");
        assertThatThrownBy(() -> ConfigSetting.parse("interop=false")).hasMessageContaining("SECTION.KEY=VALUE");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSL_CONF,
                List.of(set("boot.command=a\nb")), false)).hasMessageContaining("line break");
        assertThatThrownBy(() -> WslConfigEditor.plan(missing, WslConfigKind.WSL_CONF,
                List.of(set("boot.command=a\u0007b")), false)).hasMessageContaining("control character");
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void forceWritesAnUnknownKeyAndReportsIt() throws Exception {
        Path f = write("wsl.conf", "[boot]\nsystemd=true\n".getBytes(StandardCharsets.UTF_8));
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSL_CONF, List.of(set("boot.newThing=1")), true);
        assertThat(plan.unknown()).containsExactly("boot.newThing (set with --force)");
        assertThat(new String(plan.changes().get(0).after().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("[boot]\nsystemd=true\nnewThing = 1\n");
    }

    @Test
    void aHugeFileChangesInOneLineOnly() throws Exception {
        StringBuilder sb = new StringBuilder("[boot]\nsystemd=false\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append("# comment ").append(i).append('\n').append("[s").append(i).append("]\nk=v\n");
        }
        byte[] original = sb.toString().getBytes(StandardCharsets.UTF_8);
        Path f = write("wsl.conf", original);
        ConfigPlan plan = WslConfigEditor.plan(f, WslConfigKind.WSL_CONF, List.of(set("boot.systemd=true")), false);
        byte[] after = plan.changes().get(0).after().orElseThrow();
        assertThat(after.length).isEqualTo(original.length - 1);
        assertThat(new String(after, StandardCharsets.UTF_8)).isEqualTo(sb.toString().replaceFirst("systemd=false", "systemd=true"));
    }
}
