package dev.gosetup.api;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A toolchain in a gosetup store, with the record of how it got there.
 *
 * @param toolchain the toolchain
 * @param source where its archive was downloaded from (or read from, for a cached archive)
 * @param sha256 the SHA-256 of the archive, as the trusted index gave it and as verified
 * @param installedAt when the install was committed
 */
public record InstalledToolchain(Toolchain toolchain, URI source, String sha256, Instant installedAt) {

    /** Validates that no component is null. */
    public InstalledToolchain {
        Objects.requireNonNull(toolchain, "toolchain");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(installedAt, "installedAt");
    }
}
