package dev.gosetup.core.http;

import dev.gosetup.api.InvalidConfigurationException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which proxy each request goes through, read from the usual environment variables with the JVM's own proxy
 * settings as the fallback; hands the {@link java.net.http.HttpClient} a {@link ProxySelector} and, for proxies
 * with credentials, an {@link Authenticator}. Neither is installed as a JVM-wide default.
 *
 * <p><b>Variables</b>, read as Go's {@code golang.org/x/net/http/httpproxy.FromEnvironment} reads them: for each of
 * {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} the upper-case name is looked up first and the
 * lower-case one ({@code https_proxy} ...) only when the upper-case one is unset or empty. (curl differs: it reads
 * only the lower-case {@code http_proxy}, and prefers lower-case for the others.) An https URL uses only
 * {@code HTTPS_PROXY} and an http URL only {@code HTTP_PROXY}: there is no fallback from one to the other, and
 * {@code ALL_PROXY} is not read. When {@code REQUEST_METHOD} is set (a CGI program, where a client can set
 * {@code HTTP_PROXY} through a {@code Proxy:} header) the http proxy variables are ignored, as Go does.
 *
 * <p><b>Values</b>: {@code http://[user:password@]host[:port]}, or just {@code host[:port]}; the port defaults to
 * 80. The user and password are percent-decoded. {@code https://} (TLS to the proxy) and {@code socks5://}
 * proxies are not supported by the JDK HTTP client and are refused with an {@link InvalidConfigurationException}
 * when the configuration is read.
 *
 * <p><b>Selection</b> for a URL: a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) always goes
 * direct; if the scheme's proxy variable is set, the URL goes through it unless {@code NO_PROXY} matches the host
 * (see the matching rules in the package documentation); if it is not set, the fallback selector decides, by
 * default {@link ProxySelector#getDefault()}, which honours {@code -Dhttps.proxyHost}, {@code -Dhttp.proxyHost},
 * {@code -Dhttp.nonProxyHosts} and {@code -Djava.net.useSystemProxies}. {@code NO_PROXY} applies only to the
 * proxies from the environment. The JDK client ignores SOCKS proxies a fallback selector returns.
 *
 * <p><b>Credentials</b> from the proxy URL are answered by {@link #authenticator()} to proxy challenges
 * ({@link Authenticator.RequestorType#PROXY}) from that proxy's host and port only, never to servers. Note that the
 * JDK refuses Basic authentication on HTTPS tunnels ({@code CONNECT}) unless the system property
 * {@code jdk.http.auth.tunneling.disabledSchemes} is set to an empty string (e.g.
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=}) when the JVM starts; gosetup does not change that global
 * setting. Plain-http requests through a proxy may use Basic by default. Credentials never appear in
 * {@link #toString()}, log records or exception messages: {@code user:password@} is shown as {@code ***@}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ProxyConfig {

    private static final System.Logger LOG = System.getLogger(ProxyConfig.class.getName());

    private final Optional<Endpoint> http;
    private final Optional<Endpoint> https;
    private final NoProxy noProxy;
    private final ProxySelector fallback;
    private final String fallbackName;
    private final ProxySelector selector = new Selector();

    private ProxyConfig(Optional<Endpoint> http, Optional<Endpoint> https, NoProxy noProxy, ProxySelector fallback,
            String fallbackName) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
        this.fallback = fallback;
        this.fallbackName = fallbackName;
    }

    /**
     * Reads the proxy settings of this process's environment, with {@link ProxySelector#getDefault()} as the
     * fallback.
     *
     * @return the configuration
     * @throws InvalidConfigurationException if a proxy variable holds an unusable value
     */
    public static ProxyConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the proxy settings from the given environment, with {@link ProxySelector#getDefault()} (looked up now)
     * as the fallback.
     *
     * @param env environment variables, e.g. {@code System.getenv()}
     * @return the configuration
     * @throws InvalidConfigurationException if a proxy variable holds an unusable value; the message names the
     *     variable and shows the value with credentials redacted
     */
    public static ProxyConfig fromEnvironment(Map<String, String> env) {
        ProxySelector jvm = ProxySelector.getDefault();
        return fromEnvironment(env, jvm == null ? ProxySelector.of(null) : jvm, "JVM default");
    }

    /**
     * Reads the proxy settings from the given environment, with a fallback selector of your choice.
     *
     * @param env      environment variables
     * @param fallback decides for URLs whose scheme has no proxy variable; {@code ProxySelector.of(null)} for
     *                 "direct"
     * @return the configuration
     * @throws InvalidConfigurationException if a proxy variable holds an unusable value
     */
    public static ProxyConfig fromEnvironment(Map<String, String> env, ProxySelector fallback) {
        return fromEnvironment(env, fallback, fallback.toString());
    }

    private static ProxyConfig fromEnvironment(Map<String, String> env, ProxySelector fallback, String fallbackName) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(fallback, "fallback");
        Optional<Endpoint> https = lookup(env, "HTTPS_PROXY", "https_proxy").map(Endpoint::parse);
        Optional<Endpoint> http = lookup(env, "HTTP_PROXY", "http_proxy").map(Endpoint::parse);
        if (http.isPresent() && !env.getOrDefault("REQUEST_METHOD", "").isEmpty()) {
            String variable = http.get().variable();
            LOG.log(Level.DEBUG, () -> "ignoring " + variable + " in a CGI environment (REQUEST_METHOD is set), as"
                    + " Go does; see https://golang.org/s/cgihttpproxy");
            http = Optional.empty();
        }
        NoProxy noProxy = lookup(env, "NO_PROXY", "no_proxy").map(v -> NoProxy.parse(v.value())).orElse(NoProxy.none());
        ProxyConfig config = new ProxyConfig(http, https, noProxy, fallback, fallbackName);
        LOG.log(Level.DEBUG, () -> "proxy configuration: " + config);
        return config;
    }

    /**
     * A configuration that never uses a proxy.
     *
     * @return the direct configuration
     */
    public static ProxyConfig direct() {
        return new ProxyConfig(Optional.empty(), Optional.empty(), NoProxy.none(), ProxySelector.of(null), "direct");
    }

    /**
     * The proxy a URL would go through.
     *
     * @param uri an absolute http or https URL
     * @return the proxy's address, or empty for a direct connection (also for other schemes)
     */
    public Optional<InetSocketAddress> proxyFor(URI uri) {
        List<Proxy> proxies = selector.select(uri);
        for (Proxy proxy : proxies) {
            if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress) {
                return Optional.of((InetSocketAddress) proxy.address());
            }
        }
        return Optional.empty();
    }

    /**
     * The selector to give an {@link java.net.http.HttpClient}; it follows the rules of the class description and
     * never throws for odd URLs (they go direct).
     *
     * @return the selector, the same instance on every call
     */
    public ProxySelector proxySelector() {
        return selector;
    }

    /**
     * The authenticator to give an {@link java.net.http.HttpClient} when a proxy URL carries credentials.
     *
     * @return an authenticator answering only proxy challenges from the configured proxies; empty when no proxy
     *     has credentials
     */
    public Optional<Authenticator> authenticator() {
        if (http.flatMap(Endpoint::credentials).isEmpty() && https.flatMap(Endpoint::credentials).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProxyAuthenticator(http, https));
    }

    /**
     * The {@code NO_PROXY} entries in effect.
     *
     * @return the entries, trimmed and lower-cased; empty when the variable is unset
     */
    public List<String> noProxy() {
        return noProxy.entries();
    }

    /**
     * A description for logs, with credentials redacted.
     *
     * @return e.g. {@code ProxyConfig[https=http://***@proxy:3128 (HTTPS_PROXY), http=none, noProxy=[.corp],
     *     fallback=JVM default]}
     */
    @Override
    public String toString() {
        return "ProxyConfig[https=" + https.map(Endpoint::toString).orElse("none")
                + ", http=" + http.map(Endpoint::toString).orElse("none")
                + ", noProxy=" + noProxy.entries() + ", fallback=" + fallbackName + "]";
    }

    private static Optional<Variable> lookup(Map<String, String> env, String upper, String lower) {
        for (String name : List.of(upper, lower)) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Variable(name, value.strip()));
            }
        }
        return Optional.empty();
    }

    private final class Selector extends ProxySelector {
        @Override
        public List<Proxy> select(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String host = uri.getHost();
            if (host == null || Urls.isLoopbackHost(host)) {
                return List.of(Proxy.NO_PROXY);
            }
            String scheme = Urls.scheme(uri);
            Optional<Endpoint> endpoint = scheme.equals("https") ? https
                    : scheme.equals("http") ? http : Optional.empty();
            if (endpoint.isPresent()) {
                if (noProxy.matches(host, Urls.effectivePort(uri))) {
                    return List.of(Proxy.NO_PROXY);
                }
                return List.of(endpoint.get().proxy());
            }
            try {
                List<Proxy> proxies = fallback.select(uri);
                return proxies == null || proxies.isEmpty() ? List.of(Proxy.NO_PROXY) : proxies;
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "fallback proxy selector failed for " + Urls.redact(uri)
                        + ", going direct: " + e);
                return List.of(Proxy.NO_PROXY);
            }
        }

        @Override
        public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
            LOG.log(Level.DEBUG, () -> "connecting to proxy " + proxy + " for " + Urls.redact(uri) + " failed: "
                    + failure);
        }

        @Override
        public String toString() {
            return ProxyConfig.this.toString();
        }
    }

    /** Answers proxy challenges, and only from the proxy whose URL carried the credentials. */
    private static final class ProxyAuthenticator extends Authenticator {
        private final List<Endpoint> endpoints;

        ProxyAuthenticator(Optional<Endpoint> http, Optional<Endpoint> https) {
            List<Endpoint> list = new ArrayList<>();
            https.ifPresent(list::add);
            http.ifPresent(list::add);
            this.endpoints = List.copyOf(list);
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestorType() != RequestorType.PROXY || getRequestingHost() == null) {
                return null;
            }
            for (Endpoint endpoint : endpoints) {
                if (endpoint.host().equalsIgnoreCase(getRequestingHost()) && endpoint.port() == getRequestingPort()
                        && endpoint.credentials().isPresent()) {
                    Credentials credentials = endpoint.credentials().get();
                    return new PasswordAuthentication(credentials.user(), credentials.password().toCharArray());
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "ProxyAuthenticator" + endpoints;
        }
    }

    private record Variable(String name, String value) {
    }

    private record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "***";
        }
    }

    /** One proxy from one variable; {@link #toString()} is redacted. */
    private record Endpoint(String variable, String host, int port, Optional<Credentials> credentials) {

        static Endpoint parse(Variable variable) {
            String value = variable.value();
            String shown = Urls.redact(value);
            URI uri;
            try {
                uri = new URI(value.contains("://") ? value : "http://" + value);
            } catch (URISyntaxException e) {
                // Not e.getMessage(): it quotes the whole value, password included.
                throw invalid(variable, shown, "not a valid URL");
            }
            String scheme = Urls.scheme(uri);
            if (!scheme.equals("http")) {
                throw invalid(variable, shown, "the JDK HTTP client supports only http:// proxies, not " + scheme
                        + "://");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw invalid(variable, shown, "no proxy host");
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                throw invalid(variable, shown, "a proxy URL has no path");
            }
            Optional<Credentials> credentials = Optional.empty();
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
                String password = colon < 0 ? "" : userInfo.substring(colon + 1);
                credentials = Optional.of(new Credentials(decode(user), decode(password)));
            }
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Endpoint(variable.name(), host, port, credentials);
        }

        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static InvalidConfigurationException invalid(Variable variable, String shown, String why) {
            return new InvalidConfigurationException("environment variable " + variable.name() + "=" + shown
                    + " is not a usable proxy: " + why,
                    List.of("set " + variable.name() + " to http://[user:password@]host:port",
                            "or unset it to connect directly"));
        }

        Proxy proxy() {
            // Resolved on each selection, so that a proxy whose address changes is followed; the target host is
            // never resolved here.
            return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(host, port));
        }

        @Override
        public String toString() {
            String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return "http://" + (credentials.isPresent() ? "***@" : "") + hostPart + ":" + port + " (" + variable
                    + ")";
        }
    }
}
