package dev.gosetup.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Go toolchain found on the machine outside gosetup's store, as discovery saw it: never changed.
 *
 * @param goroot its GOROOT, the real path (links resolved)
 * @param origin the id of the discovery that found it, naming the install method: {@code goenv},
 *     {@code mise}, {@code asdf}, {@code homebrew}, {@code distro}, {@code path}, ...
 * @param reported the version text as the toolchain reports it, such as {@code go1.21.0-bigcorp}
 *     or {@code go1.22.5 X:boringcrypto}; empty when unreadable
 * @param version the release read from {@code reported} ({@link GoVersion#fromToolchain(String)}),
 *     empty for development builds and unreadable installs
 * @param platform the platform its binaries are for, empty when it cannot be told
 * @param problems why it does not look intact ({@code bin/go} missing, no readable {@code VERSION},
 *     no {@code src/runtime}); empty when intact
 */
public record DiscoveredToolchain(Path goroot, String origin, String reported, Optional<GoVersion> version,
        Optional<Platform> platform, List<String> problems) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if {@code goroot} is not absolute or {@code origin} is blank
     */
    public DiscoveredToolchain {
        Objects.requireNonNull(goroot, "goroot");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reported, "reported");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(platform, "platform");
        problems = List.copyOf(problems);
        if (!goroot.isAbsolute()) {
            throw new IllegalArgumentException("GOROOT must be an absolute path, got \"" + goroot + "\"");
        }
        if (origin.isBlank()) {
            throw new IllegalArgumentException("origin must not be blank");
        }
    }

    /**
     * Tells whether the install looks complete: {@code bin/go}, a readable {@code VERSION} and
     * {@code src/runtime} are there.
     *
     * @return true when {@link #problems()} is empty
     */
    public boolean intact() {
        return problems.isEmpty();
    }

    /**
     * Returns it as a toolchain that can be run, when it is intact and its version and platform are known.
     *
     * @return the toolchain, or empty
     */
    public Optional<Toolchain> toolchain() {
        if (!intact() || version.isEmpty() || platform.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Toolchain(version.get(), platform.get(), goroot));
    }
}
