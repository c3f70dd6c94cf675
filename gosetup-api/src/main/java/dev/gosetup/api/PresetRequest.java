package dev.gosetup.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asks a proxy preset for: its name, and the inputs some presets need, such as the
 * company's proxy URL and private module patterns for {@code corporate}.
 *
 * @param name the preset's name, e.g. {@code "corporate"}
 * @param proxyUrl the proxy URL to use, for presets that need one; empty otherwise
 * @param privatePatterns module path patterns ({@code GOPRIVATE} syntax) that are private; empty for none
 */
public record PresetRequest(String name, Optional<String> proxyUrl, List<String> privatePatterns) {

    /**
     * Copies and validates the components.
     *
     * @throws IllegalArgumentException for a blank name or a blank pattern
     */
    public PresetRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(proxyUrl, "proxyUrl");
        privatePatterns = List.copyOf(privatePatterns);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a preset name must not be blank");
        }
        for (String p : privatePatterns) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("a private module pattern must not be blank");
            }
        }
    }

    /**
     * Returns a request for a preset that needs no inputs.
     *
     * @param name the preset's name
     * @return the request
     */
    public static PresetRequest of(String name) {
        return new PresetRequest(name, Optional.empty(), List.of());
    }
}
