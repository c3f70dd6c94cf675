package dev.gosetup.vscode.tools;

import dev.gosetup.api.GoVersion;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One release of a Go tool and the Go versions it works with: the oldest and newest Go it
 * supports (Delve's {@code pkg/goversion/compat.go}, gopls' {@code internal/util/goversion}) and
 * the {@code go} line of its {@code go.mod}, the oldest toolchain that can build it with
 * {@code GOTOOLCHAIN=local}.
 *
 * @param version the module version, e.g. {@code v1.21.2}
 * @param minimumGo the oldest Go language version supported, e.g. {@code go1.19}
 * @param maximumGo the newest Go language version supported, or empty when the tool sets no limit
 * @param buildGo the {@code go} line of the tool's go.mod
 */
public record ToolRelease(String version, GoVersion minimumGo, Optional<GoVersion> maximumGo, GoVersion buildGo) {
    /** The module versions accepted: {@code vMAJOR.MINOR.PATCH} with an optional pre-release. */
    static final Pattern SEMVER = Pattern.compile("v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?");

    /** Validates the components. */
    public ToolRelease {
        Objects.requireNonNull(version, "version");
        if (!SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("\"" + version + "\" is not a module version such as v1.2.3");
        }
        Objects.requireNonNull(minimumGo, "minimumGo");
        Objects.requireNonNull(maximumGo, "maximumGo");
        Objects.requireNonNull(buildGo, "buildGo");
    }

    static ToolRelease of(String version, String minimumGo, String maximumGo, String buildGo) {
        return new ToolRelease(version, GoVersion.parse(minimumGo),
                maximumGo.isEmpty() ? Optional.empty() : Optional.of(GoVersion.parse(maximumGo)), GoVersion.parse(buildGo));
    }

    /**
     * Tells whether this release supports a Go version (its language version lies in
     * [{@link #minimumGo}, {@link #maximumGo}]).
     *
     * @param go a Go version, e.g. {@code go1.22.12}
     * @return true when supported
     */
    public boolean supports(GoVersion go) {
        GoVersion language = go.language();
        return language.compareTo(minimumGo.language()) >= 0
                && maximumGo.map(max -> language.compareTo(max.language()) <= 0).orElse(true);
    }

    /**
     * Tells whether a toolchain can build this release without switching toolchains.
     *
     * @param toolchain the toolchain's version
     * @return true when it is at least {@link #buildGo}
     */
    public boolean buildableWith(GoVersion toolchain) {
        return toolchain.compareTo(buildGo) >= 0;
    }

    /**
     * Describes the supported range for messages, e.g. {@code "Go 1.18 to 1.20"}.
     *
     * @return the range
     */
    public String supportedRange() {
        String min = minimumGo.toString().substring(2);
        return maximumGo.map(max -> "Go " + min + " to " + max.toString().substring(2)).orElse("Go " + min + " and newer");
    }
}
