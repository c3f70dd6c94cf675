package dev.gosetup.api;

import java.util.Objects;

/**
 * The Go version a project asks for, and where it asks for it: the result of reading a
 * {@link VersionFile}.
 *
 * @param spec what the project asks for
 * @param source the file it was read from, as given to {@link VersionFile}
 * @param line the 1-based line the version is on
 * @param directive the key that carried the version: {@code go} or {@code toolchain} in
 *     {@code go.mod} and {@code go.work}, {@code golang} or {@code go} in {@code .tool-versions},
 *     {@code version} in {@code .go-version}
 */
public record VersionRequirement(VersionSpec spec, String source, int line, String directive) {

    /**
     * Validates the requirement.
     *
     * @param spec what the project asks for
     * @param source the file
     * @param line the 1-based line
     * @param directive the key that carried the version
     * @throws IllegalArgumentException if {@code line} is not positive
     */
    public VersionRequirement {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(directive, "directive");
        if (line < 1) {
            throw new IllegalArgumentException("line must be positive, not " + line);
        }
    }

    /**
     * Returns where the requirement comes from and what it asks for.
     *
     * @return such as {@code go.mod:3: toolchain 1.22.5}
     */
    @Override
    public String toString() {
        return source + ":" + line + ": " + directive + " " + spec;
    }
}
