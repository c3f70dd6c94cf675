package dev.gosetup.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import java.net.Authenticator;
import java.net.Authenticator.RequestorType;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading proxies from the environment, NO_PROXY matching, credentials and their redaction. */
class ProxyConfigTest {

    private static final ProxySelector DIRECT = ProxySelector.of(null);

    private static ProxyConfig env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return ProxyConfig.fromEnvironment(env, DIRECT);
    }

    private static Optional<String> proxyFor(ProxyConfig config, String url) {
        return config.proxyFor(URI.create(url)).map(a -> a.getHostString() + ":" + a.getPort());
    }

    @Test
    void upperCaseWinsOverLowerCaseAsInGo() {
        ProxyConfig config = env("HTTPS_PROXY", "http://upper:1", "https_proxy", "http://lower:2",
                "HTTP_PROXY", "http://upper:3", "http_proxy", "http://lower:4");

        assertThat(proxyFor(config, "https://go.dev/dl/")).contains("upper:1");
        assertThat(proxyFor(config, "http://go.dev/dl/")).contains("upper:3");
    }

    @Test
    void lowerCaseIsTheFallbackWhenUpperCaseIsUnsetOrEmpty() {
        ProxyConfig config = env("HTTPS_PROXY", "", "https_proxy", "http://lower:2", "http_proxy", "lower:4");

        assertThat(proxyFor(config, "https://go.dev/")).contains("lower:2");
        assertThat(proxyFor(config, "http://go.dev/")).contains("lower:4");
    }

    @Test
    void eachSchemeUsesOnlyItsOwnVariable() {
        assertThat(proxyFor(env("HTTP_PROXY", "http://p:3128"), "https://go.dev/")).isEmpty();
        assertThat(proxyFor(env("HTTPS_PROXY", "http://p:3128"), "http://go.dev/")).isEmpty();
        assertThat(proxyFor(env("ALL_PROXY", "http://p:3128"), "https://go.dev/")).isEmpty();
    }

    @Test
    void hostOnlyValuesAndDefaultPort() {
        assertThat(proxyFor(env("HTTPS_PROXY", "proxy.corp:8080"), "https://go.dev/")).contains("proxy.corp:8080");
        assertThat(proxyFor(env("HTTPS_PROXY", "http://proxy.corp"), "https://go.dev/")).contains("proxy.corp:80");
        assertThat(proxyFor(env("HTTPS_PROXY", "  http://proxy.corp:1/  "), "https://go.dev/"))
                .contains("proxy.corp:1");
    }

    @Test
    void httpProxyIsIgnoredInCgi() {
        ProxyConfig config = env("HTTP_PROXY", "http://evil:1", "HTTPS_PROXY", "http://good:2", "REQUEST_METHOD",
                "GET");

        assertThat(proxyFor(config, "http://go.dev/")).isEmpty();
        assertThat(proxyFor(config, "https://go.dev/")).contains("good:2");
    }

    @Test
    void loopbackNeverGoesThroughAProxy() {
        ProxyConfig config = env("HTTPS_PROXY", "http://p:1", "HTTP_PROXY", "http://p:1");

        assertThat(proxyFor(config, "http://localhost:8080/x")).isEmpty();
        assertThat(proxyFor(config, "http://127.0.0.1/x")).isEmpty();
        assertThat(proxyFor(config, "http://127.9.9.9/x")).isEmpty();
        assertThat(proxyFor(config, "https://[::1]:8443/x")).isEmpty();
        assertThat(proxyFor(config, "https://go.dev/x")).contains("p:1");
    }

    @ParameterizedTest(name = "NO_PROXY={0} {1} -> direct={2}")
    @CsvSource(delimiter = '|', value = {
        "*                    | https://go.dev/                  | true",
        "go.dev               | https://go.dev/                  | true",
        "go.dev               | https://dl.go.dev/               | true",
        "go.dev               | https://notgo.dev/               | false",
        "GO.DEV               | https://go.dev/                  | true",
        ".go.dev              | https://dl.go.dev/               | true",
        ".go.dev              | https://go.dev/                  | false",
        "*.go.dev             | https://a.b.go.dev/              | true",
        "*.go.dev             | https://go.dev/                  | false",
        "go.dev:443           | https://go.dev/                  | true",
        "go.dev:8443          | https://go.dev/                  | false",
        "go.dev:8443          | https://go.dev:8443/             | true",
        "10.1.2.3             | https://10.1.2.3/                | true",
        "10.1.2.3             | https://10.1.2.4/                | false",
        "10.1.2.3:443         | https://10.1.2.3/                | true",
        "10.1.2.3:80          | https://10.1.2.3/                | false",
        "10.0.0.0/8           | https://10.20.30.40/             | true",
        "10.0.0.0/8           | https://11.0.0.1/                | false",
        "192.168.0.0/16       | https://192.168.7.7:8443/        | true",
        "fd00::/8             | https://[fd12::1]/               | true",
        "fd00::/8             | https://[fe80::1]/               | false",
        "[2001:db8::1]:443    | https://[2001:db8::1]/           | true",
        "2001:db8::1          | https://[2001:db8::1]/           | true",
        "' corp , go.dev '    | https://go.dev/                  | true",
        "'example.com,,*.corp'| https://x.corp/                  | true",
        "'example.com,*'      | https://go.dev/                  | true",
        "10.0.0.0/8           | https://ten.example/             | false",
        "go.dev               | https://go.dev.evil.example/     | false",
    })
    void noProxyMatching(String noProxy, String url, boolean direct) {
        ProxyConfig config = env("HTTPS_PROXY", "http://p:1", "NO_PROXY", noProxy);

        assertThat(proxyFor(config, url).isEmpty()).isEqualTo(direct);
    }

    @Test
    void lowerCaseNoProxyIsTheFallback() {
        assertThat(proxyFor(env("HTTPS_PROXY", "http://p:1", "no_proxy", "go.dev"), "https://go.dev/")).isEmpty();
        assertThat(proxyFor(env("HTTPS_PROXY", "http://p:1", "NO_PROXY", "x.org", "no_proxy", "go.dev"),
                "https://go.dev/")).contains("p:1");
    }

    @Test
    void withoutAVariableTheFallbackSelectorDecides() {
        ProxySelector jvm = ProxySelector.of(InetSocketAddress.createUnresolved("jvm-proxy", 3128));
        ProxyConfig config = ProxyConfig.fromEnvironment(Map.of("HTTP_PROXY", "http://env:1", "NO_PROXY", "go.dev"),
                jvm);

        assertThat(proxyFor(config, "https://go.dev/")).contains("jvm-proxy:3128");
        assertThat(proxyFor(config, "http://go.dev/")).isEmpty();
        assertThat(proxyFor(config, "http://example.com/")).contains("env:1");
        assertThat(proxyFor(config, "http://localhost/")).isEmpty();
    }

    @Test
    void directNeverProxies() {
        assertThat(ProxyConfig.direct().proxyFor(URI.create("https://go.dev/"))).isEmpty();
        assertThat(ProxyConfig.direct().authenticator()).isEmpty();
    }

    @Test
    void unsupportedProxySchemesAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> env("HTTPS_PROXY", "socks5://bob:hunter2@socks:1080"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("HTTPS_PROXY=socks5://***@socks:1080")
                .hasMessageContaining("only http:// proxies")
                .message().doesNotContain("hunter2").doesNotContain("bob");
        assertThatThrownBy(() -> env("HTTP_PROXY", "https://proxy:443"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("HTTP_PROXY");
        assertThatThrownBy(() -> env("HTTPS_PROXY", "http://bob:hunter2@bad host:1"))
                .isInstanceOf(InvalidConfigurationException.class)
                .message().doesNotContain("hunter2");
    }

    @Test
    void credentialsAreRedactedEverywhere() {
        ProxyConfig config = env("HTTPS_PROXY", "http://alice:s3cret@proxy.corp:3128", "NO_PROXY", ".corp");

        assertThat(config.toString())
                .contains("https=http://***@proxy.corp:3128 (HTTPS_PROXY)")
                .contains("noProxy=[.corp]")
                .doesNotContain("s3cret").doesNotContain("alice");
        assertThat(config.proxySelector().toString()).doesNotContain("s3cret");
        assertThat(config.authenticator().orElseThrow().toString()).doesNotContain("s3cret").doesNotContain("alice");
        assertThat(config.noProxy()).containsExactly(".corp");
    }

    @Test
    void theAuthenticatorAnswersOnlyItsProxy() {
        ProxyConfig config = env("HTTPS_PROXY", "http://al%40ice:p%3As%2Bs@proxy.corp:3128",
                "HTTP_PROXY", "http://plain.corp:8080");
        Authenticator auth = config.authenticator().orElseThrow();

        PasswordAuthentication answer = auth.requestPasswordAuthenticationInstance("proxy.corp", null, 3128, "http",
                "corp", "basic", null, RequestorType.PROXY);
        assertThat(answer).isNotNull();
        assertThat(answer.getUserName()).isEqualTo("al@ice");
        assertThat(new String(answer.getPassword())).isEqualTo("p:s+s");

        assertThat(auth.requestPasswordAuthenticationInstance("proxy.corp", null, 3128, "https", "site", "basic",
                null, RequestorType.SERVER)).isNull();
        assertThat(auth.requestPasswordAuthenticationInstance("proxy.corp", null, 9999, "http", "corp", "basic",
                null, RequestorType.PROXY)).isNull();
        assertThat(auth.requestPasswordAuthenticationInstance("plain.corp", null, 8080, "http", "corp", "basic",
                null, RequestorType.PROXY)).isNull();
    }

    @Test
    void noCredentialsNoAuthenticator() {
        assertThat(env("HTTPS_PROXY", "http://proxy:1").authenticator()).isEmpty();
        assertThat(env().authenticator()).isEmpty();
        assertThat(env().toString()).contains("https=none").contains("http=none");
    }

    @Test
    void redaction() {
        assertThat(Urls.redact("http://u:p@h:1/x")).isEqualTo("http://***@h:1/x");
        assertThat(Urls.redact("http://u:p@ss@h:1")).isEqualTo("http://***@h:1");
        assertThat(Urls.redact("u:p@h:1")).isEqualTo("***@h:1");
        assertThat(Urls.redact("https://go.dev/dl/?mail=a@b")).isEqualTo("https://go.dev/dl/?mail=a@b");
        assertThat(Urls.redact("proxy:3128")).isEqualTo("proxy:3128");
        assertThat(Urls.redact(URI.create("https://token@example.com/a"))).isEqualTo("https://***@example.com/a");
    }
}
