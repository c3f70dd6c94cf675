package dev.gosetup.vscode.tools;

import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Go command installed with {@code go install PACKAGE@VERSION}: its binary name, the package of
 * its {@code main}, the module that package lives in, and the releases gosetup knows with the Go
 * versions each supports (newest first).
 *
 * <p>The tables of {@link #DLV} and {@link #GOPLS} were read from the tools' own sources at each
 * tag: Delve's {@code pkg/goversion/compat.go} ({@code MinSupportedVersionOfGoMinor},
 * {@code MaxSupportedVersionOfGoMinor}) and {@code go.mod}; gopls' {@code go.mod} and its
 * "final gopls version with support" table ({@code gopls/internal/util/goversion}). See
 * {@code docs/debugging.md}.
 *
 * @param name the binary's name without extension, e.g. {@code dlv}
 * @param packagePath the main package, e.g. {@code github.com/go-delve/delve/cmd/dlv}
 * @param modulePath the module holding it, e.g. {@code github.com/go-delve/delve}
 * @param releases the known releases, newest first; may be empty (then a version must be given)
 */
public record GoTool(String name, String packagePath, String modulePath, List<ToolRelease> releases) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** Delve, the Go debugger; VS Code runs it as {@code dlv dap}. */
    public static final GoTool DLV = new GoTool("dlv", "github.com/go-delve/delve/cmd/dlv", "github.com/go-delve/delve",
            List.of(
                    ToolRelease.of("v1.27.1", "1.25", "1.27", "1.25.0"),
                    ToolRelease.of("v1.27.0", "1.25", "1.27", "1.25"),
                    ToolRelease.of("v1.26.3", "1.24", "1.26", "1.24"),
                    ToolRelease.of("v1.26.2", "1.24", "1.26", "1.24"),
                    ToolRelease.of("v1.26.1", "1.24", "1.26", "1.24"),
                    ToolRelease.of("v1.26.0", "1.24", "1.26", "1.24"),
                    ToolRelease.of("v1.25.2", "1.22", "1.25", "1.22.0"),
                    ToolRelease.of("v1.25.1", "1.22", "1.25", "1.22.0"),
                    ToolRelease.of("v1.25.0", "1.21", "1.24", "1.21"),
                    ToolRelease.of("v1.24.2", "1.21", "1.24", "1.21"),
                    ToolRelease.of("v1.24.1", "1.21", "1.24", "1.21"),
                    ToolRelease.of("v1.24.0", "1.21", "1.24", "1.21"),
                    ToolRelease.of("v1.23.1", "1.21", "1.23", "1.21"),
                    ToolRelease.of("v1.23.0", "1.21", "1.23", "1.21"),
                    ToolRelease.of("v1.22.1", "1.19", "1.22", "1.21"),
                    ToolRelease.of("v1.22.0", "1.19", "1.22", "1.21"),
                    ToolRelease.of("v1.21.2", "1.19", "1.21", "1.17"),
                    ToolRelease.of("v1.21.1", "1.19", "1.21", "1.17"),
                    ToolRelease.of("v1.21.0", "1.18", "1.21", "1.16"),
                    ToolRelease.of("v1.20.2", "1.18", "1.20", "1.16"),
                    ToolRelease.of("v1.20.1", "1.18", "1.20", "1.16"),
                    ToolRelease.of("v1.20.0", "1.18", "1.20", "1.16")));

    /**
     * gopls, the Go language server. gopls sets no newest Go; the minimum is the oldest Go it
     * supports without warnings.
     */
    public static final GoTool GOPLS = new GoTool("gopls", "golang.org/x/tools/gopls", "golang.org/x/tools/gopls",
            List.of(
                    ToolRelease.of("v0.23.0", "1.21", "", "1.26.0"),
                    ToolRelease.of("v0.22.0", "1.21", "", "1.26.0"),
                    ToolRelease.of("v0.21.1", "1.21", "", "1.25"),
                    ToolRelease.of("v0.20.0", "1.21", "", "1.24.2"),
                    ToolRelease.of("v0.19.1", "1.21", "", "1.24.2"),
                    ToolRelease.of("v0.18.1", "1.21", "", "1.23.4"),
                    ToolRelease.of("v0.17.1", "1.21", "", "1.23.1"),
                    ToolRelease.of("v0.16.2", "1.21", "", "1.19"),
                    ToolRelease.of("v0.15.3", "1.19", "", "1.18"),
                    ToolRelease.of("v0.14.2", "1.18", "", "1.18")));

    /** Validates and copies the components. */
    public GoTool {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a command name");
        }
        Objects.requireNonNull(packagePath, "packagePath");
        Objects.requireNonNull(modulePath, "modulePath");
        if (!packagePath.equals(modulePath) && !packagePath.startsWith(modulePath + "/")) {
            throw new IllegalArgumentException("the package " + packagePath + " is not in the module " + modulePath);
        }
        releases = List.copyOf(releases);
    }

    /**
     * Returns a tool gosetup has no table for; installing it needs an explicit version.
     *
     * @param packagePath the main package; the binary is named after its last element
     * @param modulePath the module holding it
     * @return the tool
     */
    public static GoTool of(String packagePath, String modulePath) {
        return new GoTool(packagePath.substring(packagePath.lastIndexOf('/') + 1), packagePath, modulePath, List.of());
    }

    /**
     * Finds a known tool by its command name.
     *
     * @param name {@code dlv} or {@code gopls}
     * @return the tool
     * @throws InvalidConfigurationException naming the input and the known names
     */
    public static GoTool named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "dlv", "delve" -> DLV;
            case "gopls" -> GOPLS;
            default -> throw new InvalidConfigurationException("unknown Go tool \"" + name + "\"",
                    List.of("name dlv or gopls"));
        };
    }

    /**
     * Chooses the newest known release that supports a Go version and that a toolchain of that
     * version can build without switching toolchains.
     *
     * @param go the toolchain's version
     * @return the release, or empty when none in the table fits
     */
    public Optional<ToolRelease> choose(GoVersion go) {
        return releases.stream().filter(r -> r.supports(go) && r.buildableWith(go)).findFirst();
    }

    /**
     * Finds a release in the table.
     *
     * @param version the module version, with or without the {@code v}
     * @return the release, or empty when the table does not list it
     */
    public Optional<ToolRelease> release(String version) {
        String v = version.startsWith("v") ? version : "v" + version;
        return releases.stream().filter(r -> r.version().equals(v)).findFirst();
    }

    /**
     * Returns the {@code go install} argument for a version, e.g.
     * {@code github.com/go-delve/delve/cmd/dlv@v1.21.2}.
     *
     * @param version the module version
     * @return the argument
     */
    public String installArgument(String version) {
        return packagePath + "@" + version;
    }
}
