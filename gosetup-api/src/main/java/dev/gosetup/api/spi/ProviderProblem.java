package dev.gosetup.api.spi;

import java.util.Objects;

/**
 * A provider that could not be used, and why: a jar whose service entry names a missing class, a
 * constructor that threw, an id that another provider already has.
 *
 * @param service the provider interface being loaded, e.g. {@code dev.gosetup.api.spi.Installer}
 * @param source where the offending provider came from (a jar, a module), or {@code "unknown"}
 * @param message what went wrong and what to do about it
 */
public record ProviderProblem(String service, String source, String message) {

    /** Validates that no component is null. */
    public ProviderProblem {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return service + " from " + source + ": " + message;
    }
}
