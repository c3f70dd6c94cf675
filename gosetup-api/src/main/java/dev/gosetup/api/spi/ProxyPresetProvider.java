package dev.gosetup.api.spi;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.PresetRequest;
import dev.gosetup.api.ProxyPreset;

import java.util.List;
import java.util.Optional;

/**
 * Contributes named module-proxy presets ({@code gosetup proxy set NAME}): the core provider, id
 * {@code built-in}, offers {@code default}, {@code china}, {@code corporate} and {@code offline};
 * a plugin can add a company's own (its mirror, its private patterns).
 *
 * <p>When two providers offer the same name, the one with the higher {@link #priority()} wins, so
 * a plugin can also redefine a built-in preset. Implementations are stateless and thread-safe,
 * and do no I/O: a preset is a value computed from its request.
 */
public interface ProxyPresetProvider extends Provider {

    /**
     * Lists the presets this provider offers, for listings and help.
     *
     * @return the names, e.g. {@code ["default", "china"]}; never empty
     */
    List<String> names();

    /**
     * Resolves a request into a preset, or says it is not this provider's.
     *
     * @param request the name and inputs
     * @return the preset, or empty when {@link PresetRequest#name()} is not among {@link #names()}
     * @throws InvalidConfigurationException naming the input when the preset is this provider's but
     *     the request lacks an input it needs (the {@code corporate} preset without a proxy URL) or
     *     holds a malformed one
     */
    Optional<ProxyPreset> resolve(PresetRequest request);
}
