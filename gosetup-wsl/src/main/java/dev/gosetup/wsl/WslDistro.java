package dev.gosetup.wsl;

import java.util.Objects;

/**
 * A distribution as {@code wsl.exe --list --verbose} shows it.
 *
 * @param name its name, e.g. {@code Ubuntu-22.04}
 * @param state its state as printed ({@code Running}, {@code Stopped}, or a translation)
 * @param running whether the state is the English {@code Running} (unknown translations count as not running)
 * @param version the WSL version it runs under, 1 or 2
 * @param isDefault whether it is the default distribution (marked {@code *})
 */
public record WslDistro(String name, String state, boolean running, int version, boolean isDefault) {
    /** Validates the components. */
    public WslDistro {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("a WSL version is 1 or 2, not " + version);
        }
    }
}
