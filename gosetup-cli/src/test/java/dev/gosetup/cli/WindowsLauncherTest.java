package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code gosetup.cmd} cannot run here (no cmd.exe, no Windows PowerShell): these tests read it and
 * hold it to what the sh launcher does, so the two cannot drift apart unnoticed.
 */
class WindowsLauncherTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static String script() throws Exception {
        return Files.readString(ROOT.resolve("gosetup.cmd"), StandardCharsets.US_ASCII);
    }

    @Test
    void itIsABatchFileWithCrlfLineEnds() throws Exception {
        String text = script();
        assertThat(text).startsWith("@echo off\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void itRebuildsWhenAnySourceTheShLauncherWatchesIsNewerThanTheJar() throws Exception {
        String cmd = script();
        String sh = Files.readString(ROOT.resolve("gosetup"), StandardCharsets.UTF_8);
        // What the sh launcher compares with the jar...
        assertThat(sh).contains("\"$here/pom.xml\" \"$here\"/gosetup-*/pom.xml \"$here\"/gosetup-*/src/main")
                .contains("-newer \"$jar\"");
        // ...the cmd launcher compares too, by the files' modification times.
        Matcher ps = Pattern.compile("powershell -NoProfile -NonInteractive -Command \"([^\"]*)\"").matcher(cmd);
        assertThat(ps.find()).as("the staleness test").isTrue();
        String command = ps.group(1);
        assertThat(command).contains("(Get-Item -LiteralPath $env:JAR).LastWriteTimeUtc")
                .contains("Join-Path $env:HERE 'pom.xml'")
                .contains("-Directory -Filter 'gosetup-*'")
                .contains("-File -Filter 'pom.xml'")
                .contains("'src\\main'").contains("-File -Recurse")
                .contains("$_.LastWriteTimeUtc -gt $jar").contains("{ exit 1 }; exit 0");
        // Paths reach PowerShell through the environment only: no batch variable pasted into its code.
        assertThat(command).doesNotContain("%");
        // Only an up-to-date answer (status 0) skips the build; a failure of PowerShell rebuilds.
        List<String> lines = cmd.lines().map(String::strip).toList();
        assertThat(lines).contains("set \"STALE=1\"", "if not errorlevel 1 set \"STALE=\"", "if defined STALE (");
        assertThat(lines.indexOf("if defined STALE (")).isLessThan(lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("call \"%HERE%mvnw.cmd\"")).findFirst().orElseThrow()));
        assertThat(cmd).doesNotContain("if not exist \"%JAR%\"");
        // The build the sh launcher runs.
        assertThat(cmd).contains("-pl gosetup-cli -am -DskipTests -Dmaven.javadoc.skip package");
        assertThat(sh).contains("-pl gosetup-cli -am -DskipTests -Dmaven.javadoc.skip package");
    }
}
