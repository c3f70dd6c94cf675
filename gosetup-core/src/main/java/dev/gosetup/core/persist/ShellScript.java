package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders {@link EnvironmentSettings} as a script that a shell sources (or a batch file that
 * {@code cmd} calls) to set the variables and put the directories in front of {@code PATH}.
 *
 * <p>Every value is quoted so that the shell sees exactly its characters, whatever they are:
 * <ul>
 *   <li>{@code sh}, {@code bash}, {@code zsh}: single quotes, a {@code '} written {@code '\''};
 *       nothing else is special inside single quotes.
 *   <li>{@code fish}: single quotes, {@code \} written {@code \\} and {@code '} written {@code \'}
 *       (the only escapes fish 3 knows inside single quotes).
 *   <li>{@code pwsh}: single quotes, each quote character doubled; PowerShell also takes the
 *       typographic quotes U+2018 to U+201B for {@code '}, so those are doubled too.
 *       On Windows the output is ASCII only: a non-ASCII character is written {@code [char]0xXXXX}
 *       and concatenated, {@code ('J' + [char]0x00FC + 'rgen')}, because Windows PowerShell 5.1
 *       decodes piped native output in the OEM code page and BOM-less scripts in the ANSI one.
 *   <li>{@code cmd}: {@code set "NAME=value"}, which protects {@code & | < > ^} and spaces; a
 *       {@code %} is written {@code %%} because the script is a batch file. What cmd cannot carry
 *       safely is refused: a {@code "} (it would end the quoting and expose the rest of the line),
 *       a {@code !} (with delayed expansion on, which a registry setting or {@code cmd /V:ON} turns
 *       on, it would be expanded, and no escape works both with and without it) and control
 *       characters. An empty value removes the variable, as Windows has no empty variables. The
 *       script is text: whoever writes it to a file must use the console's code page (or only
 *       ASCII values), because cmd does not read batch files as UTF-8. Lines end in CRLF.
 * </ul>
 * A character that is half of a UTF-16 surrogate pair on its own is refused for every shell: it
 * has no UTF-8 encoding.
 *
 * <p>Putting directories in front of {@code PATH} is idempotent: a directory already on
 * {@code PATH} is not added again, so sourcing a script twice leaves each directory once. The
 * first directory of {@link EnvironmentSettings#pathPrepend()} ends up first. A directory
 * containing the path-list separator cannot be on {@code PATH} and is refused: {@code :} for the
 * POSIX shells and fish, {@code ;} on Windows and {@code :} elsewhere for PowerShell.
 *
 * <p>Stateless; the methods are pure functions and thread-safe.
 */
public final class ShellScript {

    private ShellScript() {
    }

    /**
     * Renders the settings as a script in the syntax of {@code shell}.
     *
     * @param shell the shell that reads the script
     * @param settings what to set; {@link EnvironmentSettings#NONE} gives an empty script
     * @param host the platform the shell runs on: it decides PowerShell's path separator
     *     ({@code ;} on Windows, {@code :} elsewhere) and whether PowerShell compares directories
     *     ignoring case (on Windows); the POSIX shells and fish always use {@code :}
     * @return the script, every line terminated ({@code \n}, or {@code \r\n} for cmd); empty when
     *     the settings set nothing
     * @throws InvalidConfigurationException naming the variable or directory and the shell, when a
     *     value cannot be written safely in that shell
     * @throws IllegalArgumentException for {@link Shell#CMD} with a host that is not Windows
     */
    public static String render(Shell shell, EnvironmentSettings settings, Platform host) {
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(host, "host");
        if (shell == Shell.CMD && !host.isWindows()) {
            throw new IllegalArgumentException("cmd runs only on Windows; pass a windows platform, not " + host);
        }
        for (Map.Entry<String, String> e : settings.variables().entrySet()) {
            check(shell, host, e.getKey(), e.getValue(), false);
        }
        for (String dir : settings.pathPrepend()) {
            check(shell, host, "PATH", dir, true);
        }
        StringBuilder out = new StringBuilder();
        String nl = shell == Shell.CMD ? "\r\n" : "\n";
        settings.variables().forEach((name, value) -> out.append(assignment(shell, host, name, value)).append(nl));
        List<String> reversed = new ArrayList<>(settings.pathPrepend());
        java.util.Collections.reverse(reversed); // the last one prepended ends up first
        for (String dir : reversed) {
            for (String line : prepend(shell, host, dir)) {
                out.append(line).append(nl);
            }
        }
        if (!settings.pathPrepend().isEmpty() && shell.isPosix()) {
            out.append("export PATH").append(nl);
        }
        return out.toString();
    }

    /**
     * What a script that switches toolchains removes before it sets anything: variables to unset and
     * directories to drop from {@code PATH} wherever they stand (typically every other toolchain's
     * {@code bin} directory, so that switching back and forth never leaves a stale one in front).
     *
     * @param variables names of variables to unset (a stale {@code GOROOT}); a name the settings
     *     also set is set, not unset
     * @param pathEntries directories to drop from {@code PATH}, compared exactly (ignoring case on
     *     Windows)
     */
    public record Cleanup(List<String> variables, List<String> pathEntries) {
        /** Copies the lists and validates them as {@link EnvironmentSettings} does. */
        public Cleanup {
            variables = List.copyOf(variables);
            pathEntries = List.copyOf(pathEntries);
            Map<String, String> asSettings = new java.util.LinkedHashMap<>();
            variables.forEach(v -> asSettings.put(v, ""));
            new EnvironmentSettings(asSettings, pathEntries);
        }
    }

    /**
     * Renders a script that switches to {@code settings}: it unsets {@code cleanup}'s variables,
     * drops {@code cleanup}'s directories and the settings' own from {@code PATH} wherever they are,
     * then puts the settings' directories in front, in order. Sourcing it again, or after a script
     * for another toolchain, gives the same {@code PATH}: the chosen directories first, the user's
     * own entries after them in their order (empty entries included).
     *
     * @param shell the shell that reads the script
     * @param settings what to set
     * @param host the platform the shell runs on, as for {@link #render(Shell, EnvironmentSettings, Platform)}
     * @param cleanup what to remove first
     * @return the script, every line terminated
     * @throws InvalidConfigurationException as {@link #render(Shell, EnvironmentSettings, Platform)},
     *     for the settings and for the directories of {@code cleanup}
     * @throws IllegalArgumentException for {@link Shell#CMD} with a host that is not Windows
     */
    public static String render(Shell shell, EnvironmentSettings settings, Platform host, Cleanup cleanup) {
        Objects.requireNonNull(cleanup, "cleanup");
        List<String> unset = cleanup.variables().stream().filter(v -> !settings.variables().containsKey(v))
                .distinct().toList();
        java.util.LinkedHashSet<String> drop = new java.util.LinkedHashSet<>(settings.pathPrepend());
        drop.addAll(cleanup.pathEntries());
        for (String dir : drop) {
            check(shell, host, "PATH", dir, true);
        }
        // The variables and the checks of the settings, without the guarded prepend.
        String script = render(shell, new EnvironmentSettings(settings.variables(), List.of()), host);
        StringBuilder out = new StringBuilder(script);
        String nl = shell == Shell.CMD ? "\r\n" : "\n";
        for (String name : unset) {
            out.append(switch (shell) {
                case FISH -> "set -e " + name;
                case PWSH -> "Remove-Item -ErrorAction SilentlyContinue Env:" + name;
                case CMD -> "set \"" + name + "=\"";
                default -> "unset " + name;
            }).append(nl);
        }
        if (settings.pathPrepend().isEmpty() && cleanup.pathEntries().isEmpty()) {
            return out.toString();
        }
        for (String line : replacePath(shell, host, settings.pathPrepend(), List.copyOf(drop))) {
            out.append(line).append(nl);
        }
        return out.toString();
    }

    private static List<String> replacePath(Shell shell, Platform host, List<String> front, List<String> drop) {
        switch (shell) {
            case FISH: {
                String dropped = drop.stream().map(d -> quote(shell, d)).collect(java.util.stream.Collectors.joining(" "));
                String first = front.stream().map(d -> quote(shell, d)).collect(java.util.stream.Collectors.joining(" "));
                return List.of(
                        "begin",
                        "    set -l gosetup_path",
                        "    for gosetup_dir in $PATH",
                        "        contains -- $gosetup_dir " + dropped + "; or set -a gosetup_path $gosetup_dir",
                        "    end",
                        "    set -gx PATH " + first + (first.isEmpty() ? "" : " ") + "$gosetup_path",
                        "end");
            }
            case PWSH: {
                String sep = "'" + separator(shell, host) + "'";
                String dropped = drop.stream().map(d -> quote(shell, d)).collect(java.util.stream.Collectors.joining(", "));
                String first = front.stream().map(d -> quote(shell, d)).collect(java.util.stream.Collectors.joining(", "));
                // -notin ignores case, as Windows does; elsewhere directories differ by case.
                String notIn = host.isWindows() ? "-notin" : "-cnotin";
                return List.of("$env:PATH = (@(" + first + ") + @(if ($env:PATH) { $env:PATH -split " + sep
                        + " | Where-Object { $_ " + notIn + " @(" + dropped + ") } })) -join " + sep);
            }
            case CMD: {
                // %VAR:find=replace% ignores case, as Windows does. Each removal runs twice because one
                // pass leaves the second of two adjacent copies (";d;d;": the matches would overlap).
                List<String> lines = new ArrayList<>();
                lines.add("set \"GOSETUP_PATH=;%PATH%;\"");
                for (String dir : drop) {
                    String line = "set \"GOSETUP_PATH=%GOSETUP_PATH:;" + dir + ";=;%\"";
                    lines.add(line);
                    lines.add(line);
                }
                String first = String.join(";", front);
                lines.add(first.isEmpty() ? "set \"PATH=%GOSETUP_PATH:~1,-1%\""
                        : "set \"PATH=" + first + "%GOSETUP_PATH:~0,-1%\"");
                lines.add("set \"GOSETUP_PATH=\"");
                return lines;
            }
            default: {
                // A loop over PATH's entries in the shell itself: no subshell, no external command, and
                // every directory quoted, so the case patterns match literally.
                String dropped = drop.stream().map(d -> quote(shell, d)).collect(java.util.stream.Collectors.joining("|"));
                String first = front.stream().map(d -> quote(shell, d)).collect(java.util.stream.Collectors.joining(":"));
                return List.of(
                        "gosetup_rest=${PATH:+${PATH}:}",
                        "gosetup_path=",
                        "while [ -n \"$gosetup_rest\" ]; do",
                        "    gosetup_dir=${gosetup_rest%%:*}",
                        "    gosetup_rest=${gosetup_rest#*:}",
                        "    case $gosetup_dir in",
                        "        " + dropped + ") ;;",
                        "        *) gosetup_path=$gosetup_path:$gosetup_dir ;;",
                        "    esac",
                        "done",
                        first.isEmpty() ? "PATH=${gosetup_path#:}" : "PATH=" + first + "$gosetup_path",
                        "unset gosetup_rest gosetup_path gosetup_dir",
                        "export PATH");
            }
        }
    }

    /**
     * Quotes a value so that {@code shell} reads it back exactly as a single word.
     *
     * @param shell the shell; for {@link Shell#CMD} the text to put between {@code set "NAME=} and
     *     {@code "}
     * @param value the value, already checked
     * @return the quoted value
     */
    static String quote(Shell shell, String value) {
        switch (shell) {
            case SH:
            case BASH:
            case ZSH:
                return "'" + value.replace("'", "'\\''") + "'";
            case FISH:
                return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
            case PWSH: {
                StringBuilder sb = new StringBuilder("'");
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (isPowerShellQuote(c)) {
                        sb.append(c);
                    }
                    sb.append(c);
                }
                return sb.append('\'').toString();
            }
            case CMD:
                return value.replace("%", "%%");
            default:
                throw new AssertionError(shell);
        }
    }

    /**
     * Quotes a value for PowerShell on Windows as ASCII only: a single-quoted string when the value
     * is ASCII, else a parenthesized concatenation of single-quoted ASCII runs and
     * {@code [char]0xXXXX} for each other UTF-16 unit, starting with a string so that {@code +}
     * concatenates. Windows PowerShell 5.1 decodes a native command's output in the console's OEM
     * code page and reads a profile without byte order mark in the ANSI code page: raw non-ASCII
     * characters would arrive garbled in {@code gosetup env | Invoke-Expression} and in a profile.
     */
    static String quotePowerShellAscii(String value) {
        if (value.chars().allMatch(c -> c < 0x80)) {
            return quote(Shell.PWSH, value);
        }
        StringBuilder sb = new StringBuilder("(");
        StringBuilder run = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                run.append(c);
                continue;
            }
            if (run.length() > 0 || first) {
                sb.append(first ? "" : " + ").append(quote(Shell.PWSH, run.toString()));
                run.setLength(0);
                first = false;
            }
            sb.append(" + [char]0x").append(hex(c));
        }
        if (run.length() > 0) {
            sb.append(" + ").append(quote(Shell.PWSH, run.toString()));
        }
        return sb.append(')').toString();
    }

    private static String quote(Shell shell, Platform host, String value) {
        return shell == Shell.PWSH && host.isWindows() ? quotePowerShellAscii(value) : quote(shell, value);
    }

    private static String assignment(Shell shell, Platform host, String name, String value) {
        switch (shell) {
            case FISH:
                return "set -gx " + name + " " + quote(shell, value);
            case PWSH:
                return "$env:" + name + " = " + quote(shell, host, value);
            case CMD:
                return "set \"" + name + "=" + quote(shell, value) + "\"";
            default:
                return "export " + name + "=" + quote(shell, value);
        }
    }

    private static List<String> prepend(Shell shell, Platform host, String dir) {
        switch (shell) {
            case FISH: {
                String q = quote(shell, dir);
                return List.of("contains -- " + q + " $PATH; or set -gx PATH " + q + " $PATH");
            }
            case PWSH: {
                String q = quote(shell, host, dir);
                String sep = "'" + separator(shell, host) + "'";
                // -notcontains ignores case, as Windows does; elsewhere directories differ by case.
                String notContains = host.isWindows() ? "-notcontains" : "-cnotcontains";
                return List.of("if (($env:PATH -split " + sep + ") " + notContains + " " + q + ") { $env:PATH = " + q
                        + " + $(if ($env:PATH) { " + sep + " + $env:PATH } else { '' }) }");
            }
            case CMD:
                // %VAR:find=replace% removes the directory if present (ignoring case, as Windows
                // does); the value is unchanged only when it was absent.
                return List.of(
                        "set \"GOSETUP_PATH=;%PATH%;\"",
                        "if \"%GOSETUP_PATH:;" + dir + ";=%\"==\"%GOSETUP_PATH%\" set \"PATH=" + dir + ";%PATH%\"",
                        "set \"GOSETUP_PATH=\"");
            default: {
                String q = quote(shell, dir);
                // rustup's guard; ${PATH:+:...} adds no empty entry (the current directory) to an empty PATH.
                return List.of(
                        "case \":${PATH}:\" in",
                        "    *:" + q + ":*) ;;",
                        "    *) PATH=" + q + "\"${PATH:+:${PATH}}\" ;;",
                        "esac");
            }
        }
    }

    private static char separator(Shell shell, Platform host) {
        if (shell == Shell.CMD || (shell == Shell.PWSH && host.isWindows())) {
            return ';';
        }
        return ':';
    }

    private static boolean isPowerShellQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b';
    }

    private static void check(Shell shell, Platform host, String name, String value, boolean pathEntry) {
        String what = pathEntry ? "the PATH entry " + show(value) : "the value of " + name + " (" + show(value) + ")";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw refuse(what + " holds an unpaired UTF-16 surrogate (U+" + hex(c) + "), which has no UTF-8 form",
                        "Remove the character U+" + hex(c) + " from " + (pathEntry ? "the directory" : name) + ".");
            }
        }
        if (pathEntry && value.indexOf(separator(shell, host)) >= 0) {
            throw refuse(what + " holds '" + separator(shell, host) + "', which separates PATH entries for "
                            + shell.displayName() + (shell == Shell.PWSH ? " on " + host.os() : ""),
                    "Move the directory to a path without '" + separator(shell, host) + "', or link it from one.");
        }
        if (shell == Shell.CMD) {
            String bad = pathEntry ? "\"%!=" : "\"!";
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (bad.indexOf(c) >= 0) {
                    throw refuse(what + " holds '" + c + "', which a cmd batch file cannot carry safely"
                                    + (c == '!' ? " (delayed expansion would expand it)" : "")
                                    + (c == '"' ? " (it ends the quoting of set \"NAME=value\")" : "")
                                    + (pathEntry && (c == '%' || c == '=') ? " (it breaks the %PATH:...=% test)" : ""),
                            "Leave " + (pathEntry ? "the directory" : name) + " out of the cmd script, or use a value"
                                    + " without '" + c + "'; PowerShell can carry it.");
                }
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw refuse(what + " holds the control character U+" + hex(c) + ", which cmd reads unreliably",
                            "Remove the control character from " + (pathEntry ? "the directory" : name) + ".");
                }
            }
        }
    }

    private static InvalidConfigurationException refuse(String message, String resolution) {
        return new InvalidConfigurationException(message, List.of(resolution));
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    /** The value in double quotes, with control characters and surrogates visible. */
    static String show(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                sb.append(c).append(value.charAt(++i));
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                sb.append("\\u").append(hex(c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
