package dev.gosetup.core.proxy;

import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.PresetRequest;
import dev.gosetup.api.ProxyPreset;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ProxyPresetProvider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The module proxy presets of all {@link ProxyPresetProvider}s found, resolved by name: the
 * provider with the highest priority that offers a name wins. Immutable and thread-safe.
 */
public final class ProxyPresets {
    private final ProviderRegistry<ProxyPresetProvider> registry;

    private ProxyPresets(ProviderRegistry<ProxyPresetProvider> registry) {
        this.registry = registry;
    }

    /**
     * Loads the providers visible to the context class loader ({@link ProviderRegistry#load(Class)}).
     *
     * @return the presets
     */
    public static ProxyPresets load() {
        return new ProxyPresets(ProviderRegistry.load(ProxyPresetProvider.class));
    }

    /**
     * Uses the given providers, for tests and hosts that wire providers by hand.
     *
     * @param providers the providers
     * @return the presets
     */
    public static ProxyPresets of(List<? extends ProxyPresetProvider> providers) {
        return new ProxyPresets(ProviderRegistry.of(ProxyPresetProvider.class, providers));
    }

    /**
     * Lists every preset name offered, built-ins first in their order, then the plugins' in
     * priority order.
     *
     * @return the names, without duplicates
     */
    public List<String> names() {
        Set<String> names = new LinkedHashSet<>(new BuiltInProxyPresets().names());
        names.retainAll(registry.all().stream().flatMap(p -> p.names().stream()).toList());
        for (ProxyPresetProvider p : registry.all()) {
            names.addAll(p.names());
        }
        return List.copyOf(names);
    }

    /**
     * Tells whether some provider offers a preset of this name.
     *
     * @param name the name
     * @return true when {@link #names()} holds it
     */
    public boolean has(String name) {
        return names().contains(name);
    }

    /**
     * Resolves a request with the first provider (highest priority) that offers its name.
     *
     * @param request the name and inputs
     * @return the preset
     * @throws NotFoundException when no provider offers the name, listing the names there are
     * @throws dev.gosetup.api.InvalidConfigurationException when the provider refuses the inputs
     */
    public ProxyPreset resolve(PresetRequest request) {
        Objects.requireNonNull(request, "request");
        for (ProxyPresetProvider p : registry.all()) {
            if (p.names().contains(request.name())) {
                Optional<ProxyPreset> preset = p.resolve(request);
                if (preset.isPresent()) {
                    return preset.get();
                }
            }
        }
        throw new NotFoundException("no module proxy preset \"" + request.name() + "\"",
                List.of("use one of: " + String.join(", ", names()), "or give a GOPROXY list, e.g. https://proxy.example.com,direct"));
    }

    /**
     * Returns the proxy URLs of every preset that needs no inputs, in order, without duplicates:
     * the default candidates for probing.
     *
     * @return the URLs
     */
    public List<String> proxyUrls() {
        List<String> urls = new ArrayList<>();
        for (String name : names()) {
            try {
                ProxyPreset preset = resolve(PresetRequest.of(name));
                Optional.ofNullable(preset.variables().get("GOPROXY")).map(GoProxyList::parse)
                        .ifPresent(list -> list.proxyUrls().stream().filter(u -> !urls.contains(u)).forEach(urls::add));
            } catch (RuntimeException e) {
                // a preset that needs inputs (corporate) has no URL of its own
            }
        }
        return List.copyOf(urls);
    }
}
