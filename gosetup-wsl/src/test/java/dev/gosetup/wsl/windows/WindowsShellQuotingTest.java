package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.Platform;
import dev.gosetup.core.persist.Shell;
import dev.gosetup.core.persist.ShellScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden output of {@code gosetup env --shell pwsh|powershell|cmd} on Windows. Neither PowerShell
 * nor cmd can run here (pwsh is not in Debian's archive), so each expected line was written and
 * checked by hand against the languages' rules:
 * <ul>
 *   <li>PowerShell 5.1 and 7 single-quoted strings: verbatim except a quote character ({@code '}
 *       and U+2018..U+201B), written twice; {@code `}, {@code $}, {@code %}, {@code ^}, {@code &}
 *       and spaces are literal. {@code [char]0xXXXX} is one UTF-16 unit; {@code '' + [char]...}
 *       concatenates because the left operand is a string. Output is ASCII so that 5.1, which
 *       decodes a native command's output in the console's OEM code page, reads it unchanged.
 *   <li>cmd batch files: {@code set "NAME=value"} keeps {@code ^ & | < >} and spaces literal
 *       between the quotes; {@code %} must be {@code %%} (the batch parser expands {@code %...%}
 *       before anything else); backtick, {@code $} and {@code '} mean nothing to cmd.
 * </ul>
 */
class WindowsShellQuotingTest {
    static final Platform WINDOWS = new Platform("windows", "amd64");

    static EnvironmentSettings settings() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("A_QUOTE", "O'Brien's");
        vars.put("B_BACKTICK", "a`nb`$c");
        vars.put("C_DOLLAR", "$env:USERPROFILE $(whoami) ${x}");
        vars.put("D_PERCENT", "100% %PATH% %%");
        vars.put("E_CARET_AMP", "a^b & c | d > e");
        vars.put("F_SPACES", "C:\\Program Files\\Go Tools\\");
        vars.put("G_UNICODE", "J\u00fcrgen \u65e5\ud83d\ude00");
        return new EnvironmentSettings(vars, List.of("C:\\Program Files\\Go\\bin", "C:\\Users\\J\u00fcrgen\\go\\bin"));
    }

    @Test
    void powerShellOnWindowsForBothNames() {
        String expected = String.join("\n",
                "$env:A_QUOTE = 'O''Brien''s'",
                "$env:B_BACKTICK = 'a`nb`$c'",
                "$env:C_DOLLAR = '$env:USERPROFILE $(whoami) ${x}'",
                "$env:D_PERCENT = '100% %PATH% %%'",
                "$env:E_CARET_AMP = 'a^b & c | d > e'",
                "$env:F_SPACES = 'C:\\Program Files\\Go Tools\\'",
                "$env:G_UNICODE = ('J' + [char]0x00FC + 'rgen ' + [char]0x65E5 + [char]0xD83D + [char]0xDE00)",
                "if (($env:PATH -split ';') -notcontains ('C:\\Users\\J' + [char]0x00FC + 'rgen\\go\\bin')) { $env:PATH ="
                        + " ('C:\\Users\\J' + [char]0x00FC + 'rgen\\go\\bin') + $(if ($env:PATH) { ';' + $env:PATH } else { '' }) }",
                "if (($env:PATH -split ';') -notcontains 'C:\\Program Files\\Go\\bin') { $env:PATH ="
                        + " 'C:\\Program Files\\Go\\bin' + $(if ($env:PATH) { ';' + $env:PATH } else { '' }) }",
                "");
        for (String name : List.of("pwsh", "powershell", "PowerShell")) {
            String out = ShellScript.render(Shell.parse(name), settings(), WINDOWS);
            assertThat(out).isEqualTo(expected);
            assertThat(out.chars().allMatch(c -> c < 0x80)).as("ASCII only").isTrue();
        }
    }

    @Test
    void valuesThatStartWithNonAsciiOrAreOnlyQuotesStayStrings() {
        String out = ShellScript.render(Shell.PWSH, new EnvironmentSettings(Map.of("A", "\u2018x\u2019", "B", "'",
                "C", "\u00e9"), List.of()), WINDOWS);
        assertThat(out).isEqualTo("$env:A = ('' + [char]0x2018 + 'x' + [char]0x2019)\n$env:B = ''''\n"
                + "$env:C = ('' + [char]0x00E9)\n");
    }

    @Test
    void cmdBatchFile() {
        EnvironmentSettings s = new EnvironmentSettings(Map.of("A_QUOTE", "O'Brien's", "B_BACKTICK", "a`b$c",
                "D_PERCENT", "100% %PATH%", "E_CARET_AMP", "a^b & c | d > e", "F_SPACES", "C:\\Program Files\\Go Tools\\"),
                List.of("C:\\Program Files\\Go\\bin"));
        assertThat(ShellScript.render(Shell.parse("cmd"), s, WINDOWS)).isEqualTo(String.join("\r\n",
                "set \"A_QUOTE=O'Brien's\"",
                "set \"B_BACKTICK=a`b$c\"",
                "set \"D_PERCENT=100%% %%PATH%%\"",
                "set \"E_CARET_AMP=a^b & c | d > e\"",
                "set \"F_SPACES=C:\\Program Files\\Go Tools\\\"",
                "set \"GOSETUP_PATH=;%PATH%;\"",
                "if \"%GOSETUP_PATH:;C:\\Program Files\\Go\\bin;=%\"==\"%GOSETUP_PATH%\" set \"PATH=C:\\Program Files\\Go\\bin;%PATH%\"",
                "set \"GOSETUP_PATH=\"",
                ""));
    }
}
