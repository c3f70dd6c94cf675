package dev.gosetup.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.PresetRequest;
import dev.gosetup.api.ProxyPreset;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ProxyPresetProvider;
import dev.gosetup.core.proxy.SumDb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GOPROXY/GOSUMDB/GOPRIVATE model against tables of real-world values and the rules of
 * cmd/go (modfetch/proxy.go, repo.go, sumdb.go, module.MatchPrefixPatterns) and its documentation
 * ({@code go help private}, the Go Modules Reference's "Private modules").
 */
class ModuleSettingsTest {

    @ParameterizedTest(name = "GOPROXY={0}")
    @CsvSource(delimiter = ';', textBlock = """
            https://proxy.golang.org,direct                      ; https://proxy.golang.org, direct                 ;
            https://goproxy.cn,direct                            ; https://goproxy.cn, direct                       ;
            https://goproxy.io|https://proxy.golang.org|direct   ; https://goproxy.io|, https://proxy.golang.org|, direct ;
            goproxy.cn                                           ; https://goproxy.cn                               ;
            ' https://a.example , https://b.example '            ; https://a.example, https://b.example             ;
            localhost:3000                                       ; https://localhost:3000                           ;
            http://127.0.0.1:8080/goproxy/                       ; http://127.0.0.1:8080/goproxy/                   ;
            file:///srv/goproxy                                  ; file:///srv/goproxy                              ;
            'https://artifactory.corp/api/go/go-remote,,direct'  ; https://artifactory.corp/api/go/go-remote, direct ;
            off                                                  ; off                                              ;
            direct                                               ; direct                                           ;
            'direct,https://proxy.golang.org'                    ; direct                                           ; https://proxy.golang.org
            """)
    void realWorldGoproxyValues(String value, String expected, String ignored) {
        GoProxyList list = GoProxyList.parse(value);
        List<String> shown = list.entries().stream().map(e -> e.url() + (e.fallBackOnError() ? "|" : "")).toList();
        assertThat(String.join(", ", shown)).isEqualTo(expected.strip());
        assertThat(list.ignored()).isEqualTo(ignored == null || ignored.isBlank() ? List.of() : List.of(ignored.strip()));
    }

    @ParameterizedTest(name = "GOPROXY={0}")
    @CsvSource(delimiter = ';', textBlock = """
            ','                              ; holds no entries
            ' | '                            ; holds no entries
            proxy                            ; missing scheme: "proxy"
            DIRECT                           ; write direct in lower case
            /srv/goproxy                     ; file:///srv/goproxy
            ftp://mirror.example/go          ; invalid proxy URL scheme "ftp"
            'https://proxy example.com'      ; is not a URL
            'file://host/srv/goproxy'        ; non-path elements
            'https://'                       ; is not a URL
            'https:///path'                  ; has no host
            'https://proxy.golang.org;direct'; has no host
            'https://user:pw@nexus.corp/repository/go/,off' ; the GOPROXY entry https://***@nexus.corp/repository/go/ holds credentials
            'https://goproxy.io|http://u:pw@127.0.0.1:3000'  ; (GOPROXY=https://goproxy.io|http://***@127.0.0.1:3000)
            'nexus.corp?x=1,https://u:pw@other.corp'       ; (GOPROXY=nexus.corp?x=1,https://***@other.corp)
            """)
    void malformedGoproxyValuesNameTheEntry(String value, String message) {
        // Issue 10: a URL with credentials is refused (go would send them; gosetup shows, journals and
        // probes these values), and no message repeats the password of any entry.
        assertThatThrownBy(() -> GoProxyList.parse(value)).isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage() + " " + ((InvalidConfigurationException) e).resolutions())
                        .contains(message.strip()).doesNotContain("pw@"));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(textBlock = """
            '*.corp.example.com,rsc.io/private', git.corp.example.com/xyzzy,  true
            '*.corp.example.com,rsc.io/private', rsc.io/private,              true
            '*.corp.example.com,rsc.io/private', rsc.io/private/quux,         true
            '*.corp.example.com,rsc.io/private', rsc.io/privately,            false
            '*.corp.example.com,rsc.io/private', corp.example.com/x,          false
            'github.com/acme/*',                 github.com/acme/tools/cmd,   true
            'github.com/acme/*',                 github.com/acme,             false
            'github.com/acme',                   github.com/acme/tools,       true
            'github.com/acme/',                  github.com/acme/tools,       true
            'example.com',                       example.com/greeter,         true
            'example.com',                       example.community/x,         false
            '*',                                 anything.example/x/y,        true
            'gitlab.com/g?oup/*',                gitlab.com/group/p,          true
            'gitlab.com/[a-f]*',                 gitlab.com/acme,             true
            'gitlab.com/[^a-f]*',                gitlab.com/acme,             false
            'none',                              example.com/x,               false
            '',                                  example.com/x,               false
            """)
    void patternsMatchPathPrefixesAsGoDoes(String patterns, String module, boolean matches) {
        assertThat(ModulePatterns.parse("GOPRIVATE", patterns == null ? "" : patterns).matches(module)).isEqualTo(matches);
    }

    @Test
    void malformedPatternsAreNamed() {
        assertThatThrownBy(() -> ModulePatterns.parse("GOPRIVATE", "github.com/acme/[abc"))
                .hasMessageContaining("GOPRIVATE pattern \"github.com/acme/[abc\" is malformed");
        assertThatThrownBy(() -> ModulePatterns.parse("GONOSUMDB", "a.example, b.example"))
                .hasMessageContaining("GONOSUMDB pattern \" b.example\" holds a space")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions())
                        .containsExactly("separate patterns with commas only: GONOSUMDB=a.example,b.example"));
        assertThatThrownBy(() -> ModulePatterns.parse("GOINSECURE", "x.example\\"))
                .hasMessageContaining("GOINSECURE pattern");
    }

    @ParameterizedTest(name = "GOSUMDB={0}")
    @CsvSource(delimiter = ';', textBlock = """
            sum.golang.org                                    ; sum.golang.org ;
            sum.golang.google.cn                              ; sum.golang.org ; https://sum.golang.google.cn
            off                                               ;                ;
            'sum.golang.org https://sum.golang.google.cn'     ; sum.golang.org ; https://sum.golang.google.cn
            'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 https://gosum.corp/' ; sum.golang.org ; https://gosum.corp/
            """)
    void sumdbValues(String value, String name, String url) {
        SumDb db = SumDb.parse(value);
        assertThat(db.off()).isEqualTo(value.equals("off"));
        assertThat(db.name()).isEqualTo(name == null ? "" : name.strip());
        assertThat(db.url()).isEqualTo(Optional.ofNullable(url).map(String::strip));
    }

    @ParameterizedTest(name = "GOSUMDB={0}")
    @CsvSource(delimiter = ';', textBlock = """
            sum.example.com                                  ; neither a database the go command knows
            'sum.golang.org a b'                             ; too many fields
            'sum.golang.org+zz+AAAA'                         ; not 8 hex digits
            'sum.example.com+033de0ae+AAAA'                  ; not an Ed25519 verifier key
            'sum.golang.org ftp://x'                         ; invalid GOSUMDB URL
            """)
    void malformedSumdbValues(String value, String message) {
        assertThatThrownBy(() -> SumDb.parse(value)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void otherVariablesAreCheckedAndAllProblemsCollected() {
        Map<String, String> env = Map.of("GOPROXY", "proxy", "GO111MODULE", "yes", "GOFLAGS", "-mod=mod vendor",
                "HTTPS_PROXY", "socks5://127.0.0.1:1080", "GOPRIVATE", "[x");
        List<InvalidConfigurationException> problems = ModuleSettings.problems(env);
        assertThat(problems).extracting(Throwable::getMessage).satisfiesExactly(
                m -> assertThat(m).contains("missing scheme"),
                m -> assertThat(m).contains("GOPRIVATE pattern"),
                m -> assertThat(m).contains("GONOPROXY pattern"),
                m -> assertThat(m).contains("GONOSUMDB pattern"),
                m -> assertThat(m).contains("invalid GO111MODULE \"yes\""),
                m -> assertThat(m).contains("GOFLAGS holds \"vendor\""),
                m -> assertThat(m).contains("HTTPS_PROXY"));
        assertThatThrownBy(() -> ModuleSettings.of(env)).hasMessageContaining("missing scheme");
    }

    /**
     * The decision table, from {@code go help private} and the Modules Reference: GONOPROXY and
     * GONOSUMDB default to GOPRIVATE; a GONOPROXY match goes direct whatever GOPROXY says;
     * GONOPROXY=none (the documented idiom for a company proxy serving private modules) sends
     * them through the proxy while GOPRIVATE still keeps them from the checksum database.
     */
    @ParameterizedTest(name = "[{index}] {0} / {1}")
    @CsvSource(delimiter = ';', textBlock = """
            ''                                                              ; golang.org/x/text        ; https://proxy.golang.org,direct ; true
            GOPRIVATE=*.corp.example.com,rsc.io/private                     ; git.corp.example.com/x   ; direct                          ; false
            GOPRIVATE=*.corp.example.com,rsc.io/private                     ; rsc.io/private/quux      ; direct                          ; false
            GOPRIVATE=*.corp.example.com,rsc.io/private                     ; rsc.io/quote             ; https://proxy.golang.org,direct ; true
            GOPRIVATE=*.corp.example.com GOPROXY=proxy.example.com GONOPROXY=none ; git.corp.example.com/x ; https://proxy.example.com ; false
            GOPRIVATE=*.corp.example.com GONOSUMDB=none                     ; git.corp.example.com/x   ; direct                          ; true
            GONOSUMDB=example.com                                           ; example.com/greeter      ; https://proxy.golang.org,direct ; false
            GONOPROXY=example.com                                           ; example.com/greeter      ; direct                          ; true
            GOSUMDB=off                                                     ; golang.org/x/text        ; https://proxy.golang.org,direct ; false
            GOPROXY=off                                                     ; golang.org/x/text        ; off                             ; true
            GOPROXY=off GOPRIVATE=example.com                               ; example.com/greeter      ; direct                          ; false
            GOPROXY=https://a.example|https://b.example,direct              ; golang.org/x/text        ; https://a.example|https://b.example,direct ; true
            GOPROXY=direct GOPRIVATE=example.com                            ; example.com/greeter      ; direct                          ; false
            GOPROXY=file:///srv/p GOSUMDB=off                               ; golang.org/toolchain     ; file:///srv/p                   ; false
            GOPROXY=https://p.example GOSUMDB=off                           ; golang.org/toolchain     ; https://p.example               ; true
            """)
    void routeDecidesAsTheGoCommand(String settings, String module, String sources, boolean checksum) {
        Map<String, String> env = new HashMap<>();
        for (String pair : settings.strip().split(" ")) {
            if (!pair.isEmpty()) {
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        ModuleRoute route = ModuleSettings.of(env).route(module.strip());
        GoProxyList joined = new GoProxyList("", route.sources(), List.of());
        assertThat(joined.join(0)).as(route.explanation().toString()).isEqualTo(sources.strip());
        assertThat(route.checksumDatabase()).as(route.explanation().toString()).isEqualTo(checksum);
    }

    @Test
    void goinsecureCountsOnlyForDirectFetches() {
        ModuleSettings s = ModuleSettings.of(Map.of("GOPRIVATE", "git.corp", "GOINSECURE", "git.corp,other.example",
                "GOPROXY", "https://p.example"));
        assertThat(s.route("git.corp/a").insecure()).isTrue();
        assertThat(s.route("other.example/b").insecure()).as("through the proxy, GOINSECURE does nothing").isFalse();
    }

    @Test
    void builtInPresetsThroughServiceLoader() {
        ProviderRegistry<ProxyPresetProvider> registry = ProviderRegistry.load(ProxyPresetProvider.class);
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.byId("built-in")).containsInstanceOf(BuiltInProxyPresets.class);
        ProxyPresets presets = ProxyPresets.load();
        assertThat(presets.names()).startsWith("default", "china", "corporate", "offline");
        assertThat(presets.resolve(PresetRequest.of("china")).variables())
                .containsEntry("GOPROXY", "https://goproxy.cn,direct").containsEntry("GOSUMDB", "sum.golang.google.cn");
        assertThat(presets.resolve(PresetRequest.of("offline")).variables()).containsExactly(Map.entry("GOPROXY", "off"));
        ProxyPreset corporate = presets.resolve(new PresetRequest("corporate", Optional.of("goproxy.corp.example.com"),
                List.of("*.corp.example.com", "github.com/acme")));
        assertThat(corporate.variables()).containsEntry("GOPROXY", "https://goproxy.corp.example.com,direct")
                .containsEntry("GOPRIVATE", "*.corp.example.com,github.com/acme").containsEntry("GONOPROXY", "none")
                .containsEntry("GONOSUMDB", "*.corp.example.com,github.com/acme");
        ModuleRoute route = ModuleSettings.of(corporate.variables()).route("git.corp.example.com/team/lib");
        assertThat(route.sources().get(0).url()).isEqualTo("https://goproxy.corp.example.com");
        assertThat(route.checksumDatabase()).isFalse();
        assertThat(presets.proxyUrls()).containsExactly("https://proxy.golang.org", "https://goproxy.cn");
        assertThatThrownBy(() -> presets.resolve(PresetRequest.of("corporate"))).hasMessageContaining("needs the company's");
        assertThatThrownBy(() -> presets.resolve(PresetRequest.of("mars"))).hasMessageContaining("no module proxy preset \"mars\"");
        for (String name : List.of("default", "china", "offline")) {
            assertThat(ModuleSettings.problems(presets.resolve(PresetRequest.of(name)).variables())).isEmpty();
        }
    }

    @Test
    void aPluginPresetWithHigherPriorityWins() {
        ProxyPresetProvider plugin = new ProxyPresetProvider() {
            @Override
            public String id() {
                return "acme";
            }

            @Override
            public int priority() {
                return 10;
            }

            @Override
            public List<String> names() {
                return List.of("china", "acme");
            }

            @Override
            public Optional<ProxyPreset> resolve(PresetRequest request) {
                return Optional.of(new ProxyPreset(request.name(), "acme's mirror", Map.of("GOPROXY", "https://go.acme.example")));
            }
        };
        ProxyPresets presets = ProxyPresets.of(List.of(new BuiltInProxyPresets(), plugin));
        assertThat(presets.names()).containsExactly("default", "china", "corporate", "offline", "acme");
        assertThat(presets.resolve(PresetRequest.of("china")).description()).isEqualTo("acme's mirror");
    }
}
