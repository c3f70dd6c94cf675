package dev.gosetup.core.proxy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.PresetRequest;
import dev.gosetup.api.ProxyPreset;
import dev.gosetup.api.spi.ProxyPresetProvider;
import dev.gosetup.core.proxy.SumDb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in module proxy presets, provider id {@value #ID}:
 * <table>
 * <caption>Built-in presets</caption>
 * <tr><th>name</th><th>GOPROXY</th><th>GOSUMDB</th><th>other</th></tr>
 * <tr><td>{@code default}</td><td>{@code https://proxy.golang.org,direct}</td><td>{@code sum.golang.org}</td><td></td></tr>
 * <tr><td>{@code china}</td><td>{@code https://goproxy.cn,direct}</td><td>{@code sum.golang.google.cn}</td><td></td></tr>
 * <tr><td>{@code corporate}</td><td>the given URL, then {@code direct}</td><td>{@code sum.golang.org}</td>
 *     <td>{@code GOPRIVATE} and {@code GONOSUMDB} = the private patterns; {@code GONOPROXY=none}, so
 *     private modules too come from the company's proxy</td></tr>
 * <tr><td>{@code offline}</td><td>{@code off}</td><td>unchanged</td><td></td></tr>
 * </table>
 * Presets other than {@code corporate} take the private patterns too, as {@code GOPRIVATE}.
 * Stateless and thread-safe.
 */
public final class BuiltInProxyPresets implements ProxyPresetProvider {
    /** The provider id. */
    public static final String ID = "built-in";

    /** Creates the provider. */
    public BuiltInProxyPresets() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> names() {
        return List.of("default", "china", "corporate", "offline");
    }

    @Override
    public Optional<ProxyPreset> resolve(PresetRequest request) {
        Map<String, String> vars = new LinkedHashMap<>();
        String privatePatterns = String.join(",", request.privatePatterns());
        if (!privatePatterns.isEmpty()) {
            ModulePatterns.parse("GOPRIVATE", privatePatterns);
        }
        String description;
        switch (request.name()) {
            case "default" -> {
                noUrl(request);
                vars.put("GOPROXY", GoProxyList.GO_DEFAULT);
                vars.put("GOSUMDB", SumDb.GO_DEFAULT);
                description = "Go's defaults: proxy.golang.org, then direct; checksums from sum.golang.org";
            }
            case "china" -> {
                noUrl(request);
                vars.put("GOPROXY", "https://goproxy.cn,direct");
                vars.put("GOSUMDB", "sum.golang.google.cn");
                description = "goproxy.cn, then direct; checksums from sum.golang.google.cn (reachable in mainland China)";
            }
            case "corporate" -> {
                String url = request.proxyUrl().orElseThrow(() -> new InvalidConfigurationException(
                        "the corporate preset needs the company's module proxy URL",
                        List.of("give it: gosetup proxy set corporate --url https://goproxy.corp.example.com "
                                + "--private '*.corp.example.com'")));
                GoProxyList list = GoProxyList.parse(url);
                if (list.entries().size() != 1 || list.first().kind() != GoProxyList.Kind.PROXY) {
                    throw new InvalidConfigurationException("the corporate preset needs one proxy URL, not \"" + url + "\"",
                            List.of("give one https:// URL; the preset adds direct after it"));
                }
                vars.put("GOPROXY", list.first().url() + ",direct");
                vars.put("GOSUMDB", SumDb.GO_DEFAULT);
                if (!privatePatterns.isEmpty()) {
                    vars.put("GONOPROXY", "none");
                    vars.put("GONOSUMDB", privatePatterns);
                }
                description = "the company's proxy " + list.first().url() + ", then direct"
                        + (privatePatterns.isEmpty() ? "" : "; " + privatePatterns
                                + " private: served by that proxy, not checked against sum.golang.org");
            }
            case "offline" -> {
                noUrl(request);
                vars.put("GOPROXY", "off");
                description = "no module downloads at all: only the module cache and vendor directories";
            }
            default -> {
                return Optional.empty();
            }
        }
        if (!privatePatterns.isEmpty()) {
            vars.put("GOPRIVATE", privatePatterns);
        }
        return Optional.of(new ProxyPreset(request.name(), description, vars));
    }

    private static void noUrl(PresetRequest request) {
        if (request.proxyUrl().isPresent()) {
            throw new InvalidConfigurationException("the " + request.name() + " preset takes no proxy URL",
                    List.of("leave out --url, or use the corporate preset for a proxy of your own"));
        }
    }
}
