package dev.gosetup.vscode.dap;

import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Toolchain;
import dev.gosetup.vscode.tools.GoTool;
import dev.gosetup.vscode.tools.ToolRelease;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Delve version as {@code dlv version} prints it, and what it means for a Go version.
 *
 * <p>{@code dlv version} prints (cmd/dlv/cmds/commands.go):
 * <pre>
 * Delve Debugger
 * Version: 1.20.2
 * Build: $Id: e0c278ad8e0126a312b553b8e171e81bcbd37f60 $
 * </pre>
 * Delve refuses a program built by a Go outside its range when it launches it
 * (pkg/goversion/compat.go): "Version of Delve is too old for Go version 1.22.12 (maximum
 * supported version 1.20, suppress this error with --check-go-version=false)" or "Go version 1.17.13
 * is too old for this version of Delve (minimum supported version 1.18, ...)".
 *
 * @param version the version without {@code v}, e.g. {@code 1.20.2}
 */
public record DelveVersion(String version) {
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^Version:\\s*v?(\\d+\\.\\d+\\.\\d+\\S*)\\s*$");
    private static final Pattern TOO_OLD_DELVE = Pattern.compile(
            "Version of Delve is too old for Go version (\\S+) \\(maximum supported version (\\d+\\.\\d+)");
    private static final Pattern TOO_OLD_GO = Pattern.compile(
            "Go version (\\S+) is too old for this version of Delve \\(minimum supported version (\\d+\\.\\d+)");

    /** Validates the component. */
    public DelveVersion {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("empty Delve version");
        }
    }

    /**
     * Reads the output of {@code dlv version}.
     *
     * @param output what it printed
     * @return the version, or empty when there is no {@code Version:} line
     */
    public static Optional<DelveVersion> parse(String output) {
        Matcher m = VERSION_LINE.matcher(output);
        return m.find() ? Optional.of(new DelveVersion(m.group(1))) : Optional.empty();
    }

    /**
     * Returns this release's line in gosetup's table of Delve releases.
     *
     * @return the release, or empty for a version the table does not list (newer, or a fork)
     */
    public Optional<ToolRelease> release() {
        return GoTool.DLV.release(version);
    }

    /**
     * Tells whether this Delve is known to refuse a Go version.
     *
     * @param go the Go version
     * @return true when the table says the Go version is outside this Delve's range
     */
    public boolean knownToRefuse(GoVersion go) {
        return release().map(r -> !r.supports(go)).orElse(false);
    }

    /**
     * Explains a version mismatch and how to fix it, from the table and from Delve's own words
     * (which win when they name a range the table does not know).
     *
     * @param toolchain the toolchain that built the program
     * @param delveSaid what Delve printed or answered, searched for its version errors
     * @return the explanation and the fixes, or empty when neither the table nor Delve says the versions clash
     */
    Optional<Mismatch> mismatch(Toolchain toolchain, String delveSaid) {
        GoVersion go = toolchain.version();
        Matcher newer = TOO_OLD_DELVE.matcher(delveSaid);
        Matcher older = TOO_OLD_GO.matcher(delveSaid);
        String range;
        boolean goTooNew;
        if (newer.find()) {
            range = release().map(ToolRelease::supportedRange).orElse("Go up to " + newer.group(2));
            goTooNew = true;
        } else if (older.find()) {
            range = release().map(ToolRelease::supportedRange).orElse("Go " + older.group(2) + " and newer");
            goTooNew = false;
        } else if (knownToRefuse(go)) {
            ToolRelease r = release().orElseThrow();
            range = r.supportedRange();
            goTooNew = go.language().compareTo(r.minimumGo()) >= 0;
        } else {
            return Optional.empty();
        }
        String message = "Delve " + version + " supports " + range + ", but the program is built with " + go
                + (goTooNew ? ": this Delve is too old for it" : ": this Go is too old for this Delve");
        List<String> fixes = new ArrayList<>();
        Optional<ToolRelease> fitting = GoTool.DLV.choose(go);
        fitting.ifPresent(r -> fixes.add("install a Delve that supports " + go + " (Delve " + r.version().substring(1)
                + " supports " + r.supportedRange() + "): go install " + GoTool.DLV.installArgument(r.version())
                + " (run with " + go + "'s go; or: gosetup tools install --goroot " + toolchain.goroot() + " dlv)"));
        fixes.add("or debug with a Go that Delve " + version + " supports (" + range + "), e.g. gosetup debug verify --version "
                + release().flatMap(r -> r.maximumGo()).map(v -> v.toString().substring(2)).orElse("<version>"));
        return Optional.of(new Mismatch(message, fixes));
    }

    /** A version clash: what is wrong and what to do. */
    record Mismatch(String message, List<String> fixes) {
    }
}
