package dev.gosetup.core.persist;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A shell whose syntax {@link ShellScript} can write: the POSIX family ({@code sh}, {@code bash},
 * {@code zsh}), {@code fish}, PowerShell ({@code pwsh}) and the Windows command processor
 * ({@code cmd}).
 */
public enum Shell {
    /** The POSIX shell ({@code dash}, {@code ash}, {@code ksh}, ...). */
    SH,
    /** Bash; written in POSIX syntax. */
    BASH,
    /** Zsh; written in POSIX syntax. */
    ZSH,
    /** The friendly interactive shell, version 3 or later. */
    FISH,
    /** PowerShell 7 ({@code pwsh}) or Windows PowerShell 5.1. */
    PWSH,
    /** The Windows command processor, as a batch file ({@code .cmd} or {@code .bat}). */
    CMD;

    /**
     * Returns the name users type for this shell.
     *
     * @return the lower-case name, e.g. {@code "zsh"}; {@link #parse} accepts it
     */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Tells whether this shell reads POSIX shell syntax.
     *
     * @return true for {@link #SH}, {@link #BASH} and {@link #ZSH}
     */
    public boolean isPosix() {
        return this == SH || this == BASH || this == ZSH;
    }

    /**
     * Parses a shell name, ignoring case and surrounding blanks; {@code powershell} is accepted for
     * {@link #PWSH} and {@code bat} for {@link #CMD}.
     *
     * @param name such as {@code "bash"} or {@code "FISH"}
     * @return the shell
     * @throws IllegalArgumentException naming the input and listing the valid names when it is none
     */
    public static Shell parse(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "powershell":
                return PWSH;
            case "bat":
                return CMD;
            default:
                for (Shell s : values()) {
                    if (s.displayName().equals(n)) {
                        return s;
                    }
                }
                throw new IllegalArgumentException("unknown shell \"" + name + "\" (valid: "
                        + Arrays.stream(values()).map(Shell::displayName).collect(Collectors.joining(", "))
                        + "; also powershell for pwsh and bat for cmd)");
        }
    }
}
