package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellScriptTest {
    static final Platform LINUX = new Platform("linux", "amd64");
    static final Platform WINDOWS = new Platform("windows", "amd64");

    /** Values that break naive quoting in at least one shell. */
    static final List<String> NASTY = List.of(
            "plain",
            "",
            "with space",
            "  leading and trailing  ",
            "it's",
            "'",
            "''",
            "'\\''",
            "say \"hi\"",
            "$HOME and ${PATH} and $(id) and $((1+1))",
            "`id`",
            "100% %PATH% %%",
            "wow! !! !$",
            "back\\slash\\",
            "\\",
            "\\'\\\\'",
            "a\\nb\\t",
            "tab\there",
            "ünïcödé ✓ 日本語",
            "emoji 😀",
            "\u2018curly\u2019 \u201cdouble\u201d \u201a\u201b",
            "-n",
            "--",
            "*",
            "~",
            "~/go",
            "#not a comment",
            "; echo injected; #",
            "& echo injected",
            "| < > ^ ( ) { } [ ] ?",
            "x=y",
            "a;b:c,d");

    static final List<String> DIRS = List.of("/opt/go bin", "/opt/it's", "/opt/$HOME", "/opt/ü ✓", "/opt/[a]*?",
            "/opt/back\\slash", "/opt/plain");

    static EnvironmentSettings nastySettings() {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < NASTY.size(); i++) {
            vars.put(String.format("V%02d", i), NASTY.get(i));
        }
        return new EnvironmentSettings(vars, DIRS);
    }

    static String printVars(boolean fish) {
        String vars = IntStream.range(0, NASTY.size()).mapToObj(i -> String.format("\"$V%02d\"", i))
                .collect(Collectors.joining(" "));
        return "printf '%s\\0' " + vars + (fish ? "; printf '%s\\0' $PATH" : "; printf '%s\\0' \"$PATH\"");
    }

    @TempDir
    Path home;

    private Path script(Shell shell) throws IOException {
        Path file = home.resolve("gosetup." + shell.displayName());
        Files.writeString(file, ShellScript.render(shell, nastySettings(), LINUX), StandardCharsets.UTF_8);
        return file;
    }

    /** The real shell, sourcing the script twice, sees every value exactly and each directory once. */
    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash", "zsh", "dash"})
    void posixShellsSeeExactlyTheValues(String name) throws IOException {
        String shell = RealShells.require(name);
        Path file = script(Shell.SH);
        List<String> out = RealShells.fields(RealShells.run(home,
                List.of(shell, "-c", ". \"$1\"; . \"$1\"; " + printVars(false), name, file.toString()), Map.of())
                .stdout());
        assertThat(out.subList(0, NASTY.size())).containsExactlyElementsOf(NASTY);
        assertThat(out.get(NASTY.size())).isEqualTo(String.join(":", DIRS) + ":" + RealShells.BASE_PATH);
    }

    @Test
    void fishSeesExactlyTheValues() throws IOException {
        String fish = RealShells.require("fish");
        Path file = script(Shell.FISH);
        List<String> out = RealShells.fields(RealShells.run(home,
                List.of(fish, "-c", "source $argv[1]; source $argv[1]; " + printVars(true), file.toString()), Map.of())
                .stdout());
        assertThat(out.subList(0, NASTY.size())).containsExactlyElementsOf(NASTY);
        List<String> path = new ArrayList<>(DIRS);
        path.addAll(List.of(RealShells.BASE_PATH.split(":")));
        assertThat(out.subList(NASTY.size(), out.size())).containsExactlyElementsOf(path);
    }

    @Test
    void posixPathGuardAddsNoEmptyEntryToAnEmptyPath() throws IOException {
        String sh = RealShells.require("sh");
        Path file = home.resolve("s");
        Files.writeString(file, ShellScript.render(Shell.SH, new EnvironmentSettings(Map.of(), List.of("/a", "/b")),
                LINUX));
        String out = RealShells.run(home, List.of(sh, "-c", "PATH=; . \"$1\"; . \"$1\"; /usr/bin/printf '%s' \"$PATH\"",
                "sh", file.toString()), Map.of()).stdout();
        assertThat(out).isEqualTo("/a:/b");
    }

    @Test
    void aDirectoryAlreadyOnPathIsNotAddedAgain() throws IOException {
        String sh = RealShells.require("sh");
        Path file = home.resolve("s");
        Files.writeString(file, ShellScript.render(Shell.SH,
                new EnvironmentSettings(Map.of(), List.of("/new", "/usr/bin")), LINUX));
        String out = RealShells.run(home, List.of(sh, "-c", ". \"$1\"; printf '%s' \"$PATH\"", "sh", file.toString()),
                Map.of()).stdout();
        assertThat(out).isEqualTo("/new:/usr/bin:/bin");
    }

    @Test
    void posixSyntax() {
        String s = ShellScript.render(Shell.BASH, new EnvironmentSettings(Map.of("GOPATH", "/home/a b/go",
                "GOFLAGS", "-ldflags='-s'"), List.of("/usr/local/go/bin", "/home/me/go/bin")), LINUX);
        assertThat(s).isEqualTo("""
                export GOFLAGS='-ldflags='\\''-s'\\'''
                export GOPATH='/home/a b/go'
                case ":${PATH}:" in
                    *:'/home/me/go/bin':*) ;;
                    *) PATH='/home/me/go/bin'"${PATH:+:${PATH}}" ;;
                esac
                case ":${PATH}:" in
                    *:'/usr/local/go/bin':*) ;;
                    *) PATH='/usr/local/go/bin'"${PATH:+:${PATH}}" ;;
                esac
                export PATH
                """);
        assertThat(ShellScript.render(Shell.ZSH, EnvironmentSettings.NONE, LINUX)).isEmpty();
    }

    @Test
    void fishSyntax() {
        String s = ShellScript.render(Shell.FISH, new EnvironmentSettings(Map.of("A", "it's a \\ $x"),
                List.of("/opt/go/bin")), LINUX);
        assertThat(s).isEqualTo("""
                set -gx A 'it\\'s a \\\\ $x'
                contains -- '/opt/go/bin' $PATH; or set -gx PATH '/opt/go/bin' $PATH
                """);
    }

    // pwsh and cmd cannot be run here (pwsh is not in Debian's archive, cmd is Windows-only), so their
    // output is checked against expected text written and checked by hand, NOT run in a real pwsh or cmd.
    // The rules it follows: PowerShell single-quoted strings, where a quote character (' and the
    // typographic U+2018..U+201B, which the tokenizer also takes for ') is escaped by doubling it and
    // nothing else is special; cmd's batch parser, which expands %...% first (so % is written %%) and
    // treats & | < > ^ ( ) as literal between double quotes. Run them on Windows before relying on more.

    @Test
    void pwshOnWindows() {
        String s = ShellScript.render(Shell.PWSH, new EnvironmentSettings(Map.of("GOPATH", "C:\\Users\\O'Brien\\go",
                "X", "$env:USERNAME `n \u2019"), List.of("C:\\Program Files\\Go\\bin", "C:\\Users\\me\\go\\bin")),
                WINDOWS);
        assertThat(s).isEqualTo("""
                $env:GOPATH = 'C:\\Users\\O''Brien\\go'
                $env:X = ('$env:USERNAME `n ' + [char]0x2019)
                if (($env:PATH -split ';') -notcontains 'C:\\Users\\me\\go\\bin') { $env:PATH = 'C:\\Users\\me\\go\\bin' + $(if ($env:PATH) { ';' + $env:PATH } else { '' }) }
                if (($env:PATH -split ';') -notcontains 'C:\\Program Files\\Go\\bin') { $env:PATH = 'C:\\Program Files\\Go\\bin' + $(if ($env:PATH) { ';' + $env:PATH } else { '' }) }
                """);
    }

    @Test
    void pwshElsewhereUsesColonAndComparesCase() {
        String s = ShellScript.render(Shell.PWSH, new EnvironmentSettings(Map.of(), List.of("/opt/go/bin")), LINUX);
        assertThat(s).isEqualTo("if (($env:PATH -split ':') -cnotcontains '/opt/go/bin') { $env:PATH = '/opt/go/bin'"
                + " + $(if ($env:PATH) { ':' + $env:PATH } else { '' }) }\n");
        assertThatThrownBy(() -> ShellScript.render(Shell.PWSH,
                new EnvironmentSettings(Map.of(), List.of("C:\\a;b")), WINDOWS))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("';'");
    }

    @Test
    void cmdBatchFile() {
        String s = ShellScript.render(Shell.CMD, new EnvironmentSettings(Map.of("GOFLAGS", "-tags=a&b|c^d <e> 100%",
                "EMPTY", ""), List.of("C:\\Program Files (x86)\\Go\\bin")), WINDOWS);
        assertThat(s).isEqualTo("set \"EMPTY=\"\r\n"
                + "set \"GOFLAGS=-tags=a&b|c^d <e> 100%%\"\r\n"
                + "set \"GOSETUP_PATH=;%PATH%;\"\r\n"
                + "if \"%GOSETUP_PATH:;C:\\Program Files (x86)\\Go\\bin;=%\"==\"%GOSETUP_PATH%\" "
                + "set \"PATH=C:\\Program Files (x86)\\Go\\bin;%PATH%\"\r\n"
                + "set \"GOSETUP_PATH=\"\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"say \"hi\"", "wow!", "bell\u0007"})
    void cmdRefusesWhatItCannotCarry(String value) {
        assertThatThrownBy(() -> ShellScript.render(Shell.CMD, new EnvironmentSettings(Map.of("GOFLAGS", value),
                List.of()), WINDOWS))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("GOFLAGS")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions()).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\100%", "C:\\a=b", "C:\\wow!", "C:\\a;b", "C:\\\"q\""})
    void cmdRefusesPathEntriesItCannotTest(String dir) {
        assertThatThrownBy(() -> ShellScript.render(Shell.CMD, new EnvironmentSettings(Map.of(), List.of(dir)),
                WINDOWS)).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("PATH entry");
    }

    @Test
    void cmdOnlyForWindows() {
        assertThatThrownBy(() -> ShellScript.render(Shell.CMD, EnvironmentSettings.NONE, LINUX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windows");
    }

    @ParameterizedTest
    @EnumSource(value = Shell.class, names = {"SH", "BASH", "ZSH", "FISH"})
    void colonInAPathEntryIsRefused(Shell shell) {
        assertThatThrownBy(() -> ShellScript.render(shell, new EnvironmentSettings(Map.of(), List.of("/a:b")), LINUX))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("\"/a:b\"").hasMessageContaining("':'");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void unpairedSurrogatesAreRefusedEverywhere(Shell shell) {
        assertThatThrownBy(() -> ShellScript.render(shell, new EnvironmentSettings(Map.of("A", "x\uD800y"), List.of()),
                WINDOWS)).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("U+D800");
    }

    @Test
    void parseShellNames() {
        assertThat(Shell.parse("bash")).isEqualTo(Shell.BASH);
        assertThat(Shell.parse(" FISH ")).isEqualTo(Shell.FISH);
        assertThat(Shell.parse("PowerShell")).isEqualTo(Shell.PWSH);
        assertThat(Shell.parse("bat")).isEqualTo(Shell.CMD);
        for (Shell s : Shell.values()) {
            assertThat(Shell.parse(s.displayName())).isEqualTo(s);
        }
        assertThatThrownBy(() -> Shell.parse("tcsh")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown shell \"tcsh\" (valid: sh, bash, zsh, fish, pwsh, cmd; also powershell for pwsh"
                        + " and bat for cmd)");
    }

    /** A switch: the chosen directory first, the other toolchains dropped, GOROOT unset; sh, twice. */
    @Test
    void aSwitchScriptReplacesTheOtherToolchainsOnPath() throws IOException {
        String sh = RealShells.require("sh");
        Path file = home.resolve("switch.sh");
        Files.writeString(file, ShellScript.render(Shell.SH, new EnvironmentSettings(Map.of("GOPATH", "/g"),
                List.of("/s/go1.22/bin")), LINUX, new ShellScript.Cleanup(List.of("GOROOT"),
                List.of("/s/go1.21/bin", "/s/current/bin", "/s/go1.22/bin"))));
        String out = RealShells.run(home, List.of(sh, "-c", "GOROOT=/stale; export GOROOT; "
                + "PATH=\"/s/go1.21/bin:/usr/bin::/s/go1.22/bin:/bin:/s/current/bin\"; . \"$1\"; . \"$1\"; "
                + "/usr/bin/printf '%s|%s|%s' \"$PATH\" \"${GOROOT-unset}\" \"$GOPATH\"", "sh", file.toString()),
                Map.of()).stdout();
        // The user's empty entry (the current directory) stays where it was.
        assertThat(out).isEqualTo("/s/go1.22/bin:/usr/bin::/bin|unset|/g");
    }

    @Test
    void switchScriptsForPowerShellAndCmdDropTheOtherToolchains() {
        ShellScript.Cleanup cleanup = new ShellScript.Cleanup(List.of("GOROOT"), List.of("C:\\s\\go1.21\\bin"));
        EnvironmentSettings settings = new EnvironmentSettings(Map.of(), List.of("C:\\s\\go1.22\\bin"));
        String pwsh = ShellScript.render(Shell.PWSH, settings, WINDOWS, cleanup);
        assertThat(pwsh).isEqualTo("Remove-Item -ErrorAction SilentlyContinue Env:GOROOT\n"
                + "$env:PATH = (@('C:\\s\\go1.22\\bin') + @(if ($env:PATH) { $env:PATH -split ';' | Where-Object "
                + "{ $_ -notin @('C:\\s\\go1.22\\bin', 'C:\\s\\go1.21\\bin') } })) -join ';'\n");
        assertThat(ShellScript.render(Shell.PWSH, new EnvironmentSettings(Map.of(), List.of("/s/go1.22/bin")), LINUX,
                new ShellScript.Cleanup(List.of(), List.of("/s/go1.21/bin")))).contains("-cnotin @('/s/go1.22/bin', "
                + "'/s/go1.21/bin')").contains("-split ':'");
        String cmd = ShellScript.render(Shell.CMD, settings, WINDOWS, cleanup);
        assertThat(cmd.split("\r\n")).containsExactly(
                "set \"GOROOT=\"",
                "set \"GOSETUP_PATH=;%PATH%;\"",
                "set \"GOSETUP_PATH=%GOSETUP_PATH:;C:\\s\\go1.22\\bin;=;%\"",
                "set \"GOSETUP_PATH=%GOSETUP_PATH:;C:\\s\\go1.22\\bin;=;%\"",
                "set \"GOSETUP_PATH=%GOSETUP_PATH:;C:\\s\\go1.21\\bin;=;%\"",
                "set \"GOSETUP_PATH=%GOSETUP_PATH:;C:\\s\\go1.21\\bin;=;%\"",
                "set \"PATH=C:\\s\\go1.22\\bin%GOSETUP_PATH:~0,-1%\"",
                "set \"GOSETUP_PATH=\"");
        // What cmd cannot carry in a removal is refused, as for a prepend.
        assertThatThrownBy(() -> ShellScript.render(Shell.CMD, settings, WINDOWS,
                new ShellScript.Cleanup(List.of(), List.of("C:\\100%\\bin")))).isInstanceOf(InvalidConfigurationException.class);
    }
}
