package dev.gosetup.core.doctor.checks;

import java.nio.file.Path;
import java.util.List;

/**
 * The commands doctor's hints show, in the user's shell: POSIX shell syntax, or PowerShell on
 * Windows (what Windows Terminal opens by default; not cmd's {@code set NAME=} or {@code for /f},
 * and {@code icacls} instead of {@code chmod}). Pure functions.
 */
public final class Hints {
    private Hints() {
    }

    /** A PowerShell single-quoted string: only {@code '} is special, written twice. */
    public static String psQuote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Removing a variable for this terminal and for good. */
    static List<String> unset(String name, boolean windows) {
        if (!windows) {
            return List.of("unset " + name);
        }
        return List.of("Remove-Item Env:" + name + " (or $env:" + name + " = $null) for this terminal",
                "[Environment]::SetEnvironmentVariable('" + name + "', $null, 'User') for new terminals");
    }

    /** Setting a variable in this terminal. */
    static String set(String name, String value, boolean windows) {
        return windows ? "$env:" + name + " = " + psQuote(value) : "export " + name + "=\"" + value + "\"";
    }

    /** Putting a directory first on PATH in this terminal. */
    static String prependPath(Path dir, boolean windows) {
        return windows ? "$env:Path = " + psQuote(dir + ";") + " + $env:Path" : "export PATH=\"" + dir + ":$PATH\"";
    }

    /** Creating a directory only its owner may use. */
    public static String makeOwnerOnlyDirectory(Path dir, boolean windows) {
        return windows ? "New-Item -ItemType Directory -Force -Path " + psQuote(dir.toString()) + "; " + ownerOnly(dir, true)
                : "mkdir -p -m 700 " + dir;
    }

    /** Making a directory owner-only: {@code chmod 700}, or on Windows an ACL granting only the user. */
    public static String ownerOnly(Path dir, boolean windows) {
        return windows ? "icacls " + psQuote(dir.toString()) + " /inheritance:r /grant:r \"${env:USERNAME}:(OI)(CI)F\""
                : "chmod 700 " + dir;
    }
}
