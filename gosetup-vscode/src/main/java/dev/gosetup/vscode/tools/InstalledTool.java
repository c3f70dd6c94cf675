package dev.gosetup.vscode.tools;

import dev.gosetup.api.GoVersion;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Go tool binary and what {@code go version -m} says it is.
 *
 * @param name the command name, e.g. {@code dlv}
 * @param binary the absolute path of the binary
 * @param packagePath the main package it was built from ({@code path} line)
 * @param modulePath the main module ({@code mod} line)
 * @param version the main module's version, e.g. {@code v1.21.2}
 * @param builtWith the Go version that built it
 */
public record InstalledTool(String name, Path binary, String packagePath, String modulePath, String version,
        GoVersion builtWith) {
    /** Validates the components. */
    public InstalledTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(packagePath, "packagePath");
        Objects.requireNonNull(modulePath, "modulePath");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(builtWith, "builtWith");
    }
}
