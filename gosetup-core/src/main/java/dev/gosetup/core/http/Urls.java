package dev.gosetup.core.http;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.core.internal.Failures;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * URL rules shared by the downloader and the proxy selection: which schemes are allowed, which hosts are loopback,
 * and how URLs are redacted before they reach a log or a message. Nothing here touches the network or DNS.
 */
final class Urls {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Urls() {
    }

    /**
     * Refuses a URL the downloader must not fetch, before any connection or DNS lookup.
     *
     * @throws InvalidConfigurationException for a URL holding user information (credentials), a relative URL, a scheme other than https, http and file, an http
     *     URL to a host that is not loopback unless {@code allowInsecureHttp}, or an http(s) URL without a host
     */
    static void checkAllowed(URI uri, boolean allowInsecureHttp) {
        String scheme = scheme(uri);
        String shown = redact(uri);
        if (uri.getRawUserInfo() != null) {
            // The downloader sends no Authorization header from a URL; keeping the URL would only
            // spread the secret into progress lines, messages, logs and receipts.
            throw new InvalidConfigurationException("refusing " + shown + ": credentials in a URL are not supported"
                    + " (they would not be sent, and gosetup never prints or stores a secret)",
                    List.of("remove the user and password from the URL",
                            "to reach a mirror that needs a login, serve it without one on loopback"
                                    + " (an authenticating reverse proxy on 127.0.0.1, or `gosetup proxy serve`)"));
        }
        switch (scheme) {
            case "https":
                requireHost(uri, shown);
                return;
            case "http":
                requireHost(uri, shown);
                if (!allowInsecureHttp && !isLoopbackHost(uri.getHost())) {
                    throw new InvalidConfigurationException("refusing to download " + shown
                            + " over plain http: its content could be altered on the way",
                            List.of("use the https:// URL of the same server",
                                    "or, for a trusted network mirror, allow insecure http explicitly:"
                                            + " --allow-insecure-http (CLI) or allowInsecureHttp(true) (API)"));
                }
                return;
            case "file":
                return;
            case "":
                throw new InvalidConfigurationException("not an absolute URL: " + shown,
                        List.of("give a full https:// URL or a file: URI"));
            default:
                throw new InvalidConfigurationException("unsupported URL scheme '" + scheme + "' in " + shown,
                        List.of("use an https:// URL (or http:// to a loopback mirror, or a file: URI)"));
        }
    }

    private static void requireHost(URI uri, String shown) {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidConfigurationException("URL has no host: " + shown,
                    List.of("write the URL as scheme://host/path"));
        }
    }

    /** The lower-cased scheme, empty for a relative URI. */
    static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a host is loopback by its spelling alone: {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}
     * (IPv4-mapped forms included). Never resolves names, so {@code example.invalid} costs no DNS query.
     */
    static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        return literalAddress(h).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /**
     * Parses an IPv4 or IPv6 literal (brackets allowed) without DNS; empty for anything else, host names included.
     */
    static Optional<InetAddress> literalAddress(String text) {
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (IPV4.matcher(s).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            try {
                return Optional.of(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        // A colon makes InetAddress treat the text as an IPv6 literal: it is parsed, never looked up.
        if (s.indexOf(':') >= 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.'
                || c == '%')) {
            try {
                return Optional.of(InetAddress.getByName(s));
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The URL with any {@code user:password@} replaced by {@code ***@}. */
    static String redact(URI uri) {
        return redact(uri.toString());
    }

    /**
     * Replaces the user information of a URL-like string ({@code scheme://user:pass@host...} or
     * {@code user:pass@host:port}) with {@code ***}; strings without one come back unchanged.
     */
    static String redact(String url) {
        int authorityStart = url.indexOf("://");
        authorityStart = authorityStart < 0 ? 0 : authorityStart + 3;
        int authorityEnd = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        // The last '@' of the authority: a password may hold an unencoded '@'.
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return url;
        }
        return url.substring(0, authorityStart) + "***" + url.substring(at);
    }

    /** The last path segment, for messages: {@code go1.22.0.linux-amd64.tar.gz}; the URL when there is none. */
    static String fileName(URI uri) {
        String path = uri.getPath();
        if (path != null) {
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            int slash = trimmed.lastIndexOf('/');
            String name = trimmed.substring(slash + 1);
            if (!name.isEmpty()) {
                return name;
            }
        }
        return redact(uri);
    }

    /** The port a URL connects to: its explicit port, else 80 for http and 443 for https, else -1. */
    static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        switch (scheme(uri)) {
            case "http":
                return 80;
            case "https":
                return 443;
            default:
                return -1;
        }
    }

    /** The local path of a {@code file:} URI, refused naming the URI when it has none. */
    static Path toPath(URI uri) {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidConfigurationException("not a usable file: URI: " + redact(uri) + " ("
                    + Failures.oneLine(e) + ")", List.of("write a local path as file:///absolute/path"), e);
        }
    }

    /** A {@code file:} source that does not exist. */
    static NotFoundException missingFile(URI uri, Throwable cause) {
        return new NotFoundException(redact(uri) + " does not exist",
                List.of("check the path of the local mirror"), cause);
    }
}
