package dev.gosetup.core.proxy;

import dev.gosetup.api.InvalidConfigurationException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code GOPROXY} value read exactly as the go command reads it ({@code proxyList} in
 * cmd/go/internal/modfetch/proxy.go): entries separated by {@code ,} (the next entry is tried only
 * after a 404 or 410) or {@code |} (the next entry is tried after any error), each a proxy URL,
 * {@code direct} or {@code off}.
 *
 * <p>Rules, as Go applies them: spaces around an entry are ignored and empty entries skipped;
 * {@code off} and {@code direct} end the list (what follows them is never used, kept in
 * {@link #ignored()}); an entry without a scheme that contains {@code .}, {@code :} or {@code /}
 * (and not {@code :/}, and is not an absolute path) means {@code https://} + the entry; a URL must
 * be {@code https://}, {@code http://} or {@code file://} (a {@code file} URL with nothing but a
 * path). gosetup is stricter than Go in one place: an http(s) URL without a host is refused here,
 * where Go fails only when it first uses it.
 *
 * @param value the value as given
 * @param entries the entries Go uses, in order; never empty
 * @param ignored entries after {@code direct} or {@code off}, which Go ignores; usually empty
 */
public record GoProxyList(String value, List<Entry> entries, List<String> ignored) {
    /** Go's default, from {@code $GOROOT/go.env} (Go 1.21+) or built in (before). */
    public static final String GO_DEFAULT = "https://proxy.golang.org,direct";

    /** Copies the components. */
    public GoProxyList {
        Objects.requireNonNull(value, "value");
        entries = List.copyOf(entries);
        ignored = List.copyOf(ignored);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a GOPROXY list has at least one entry");
        }
    }

    /** What an entry is. */
    public enum Kind {
        /** A module proxy URL. */
        PROXY,
        /** {@code direct}: the module's origin (its version control repository). */
        DIRECT,
        /** {@code off}: no download at all. */
        OFF
    }

    /**
     * One entry of the list.
     *
     * @param kind what it is
     * @param url for {@link Kind#PROXY} the URL (with {@code https://} added when the entry had no
     *     scheme); {@code direct} or {@code off} otherwise
     * @param fallBackOnError true when a {@code |} follows the entry, so any error moves on to the
     *     next entry; false when a {@code ,} follows it (or nothing), so only 404 and 410 do
     */
    public record Entry(Kind kind, String url, boolean fallBackOnError) {
        /** Validates the components. */
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(url, "url");
        }

        /**
         * Returns the URL as a URI, for a proxy entry.
         *
         * @return the URI; for {@code direct} and {@code off} an opaque {@code gosetup:} URI
         */
        public URI uri() {
            return kind == Kind.PROXY ? URI.create(url) : URI.create("gosetup:" + url);
        }

        /**
         * Describes when the go command moves past this entry.
         *
         * @return e.g. {@code "on 404 or 410 only (,)"}
         */
        public String fallThrough() {
            return switch (kind) {
                case OFF -> "never: off ends the list";
                case DIRECT -> "never: direct ends the list";
                case PROXY -> fallBackOnError ? "on any error (|)" : "on 404 or 410 only (,)";
            };
        }
    }

    /**
     * Parses a {@code GOPROXY} value.
     *
     * @param value the value, e.g. {@code https://goproxy.cn|https://proxy.golang.org,direct}; an
     *     empty value is not allowed here: the go command replaces it by its default first
     *     ({@link #GO_DEFAULT})
     * @return the list
     * @throws InvalidConfigurationException naming the entry that is wrong and how to fix it
     */
    public static GoProxyList parse(String value) {
        Objects.requireNonNull(value, "value");
        List<Entry> entries = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        String rest = value;
        boolean ended = false;
        while (!rest.isEmpty()) {
            int sep = indexOfSeparator(rest);
            String raw = sep < 0 ? rest : rest.substring(0, sep);
            boolean fallBack = sep >= 0 && rest.charAt(sep) == '|';
            rest = sep < 0 ? "" : rest.substring(sep + 1);
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (ended) {
                ignored.add(entry);
                continue;
            }
            if (entry.equals("off") || entry.equals("direct")) {
                entries.add(new Entry(entry.equals("off") ? Kind.OFF : Kind.DIRECT, entry, false));
                ended = true;
                continue;
            }
            entries.add(new Entry(Kind.PROXY, checkUrl(value, entry), fallBack));
        }
        if (entries.isEmpty()) {
            throw invalid(value, "GOPROXY \"" + value + "\" is not empty but holds no entries",
                    "unset GOPROXY for Go's default (" + GO_DEFAULT + "), or name a proxy");
        }
        return new GoProxyList(value, entries, ignored);
    }

    /**
     * Returns the first entry, the one every download tries first.
     *
     * @return the entry
     */
    public Entry first() {
        return entries.get(0);
    }

    /**
     * Returns the proxy URLs of the list, in order, without {@code direct} and {@code off}.
     *
     * @return the URLs; empty for {@code direct} or {@code off} alone
     */
    public List<String> proxyUrls() {
        return entries.stream().filter(e -> e.kind() == Kind.PROXY).map(Entry::url).toList();
    }

    /**
     * Writes the entries from one index on back as a GOPROXY value, with their separators.
     *
     * @param from the first entry to write, 0 for all
     * @return e.g. {@code https://proxy.golang.org,direct}; empty when {@code from} is past the end
     */
    public String join(int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.append(e.url());
            if (i < entries.size() - 1) {
                out.append(e.fallBackOnError() ? '|' : ',');
            }
        }
        return out.toString();
    }

    private static int indexOfSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ',' || s.charAt(i) == '|') {
                return i;
            }
        }
        return -1;
    }

    private static String checkUrl(String value, String entry) {
        String url = entry;
        boolean absolutePath = entry.startsWith("/") || entry.matches("[A-Za-z]:[\\\\/].*") || entry.startsWith("\\\\");
        if (entry.chars().anyMatch(c -> c == '.' || c == ':' || c == '/') && !entry.contains(":/") && !absolutePath) {
            url = "https://" + entry;
        }
        String shown = dev.gosetup.core.http.HttpDownloader.redact(entry);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(value, "the GOPROXY entry \"" + shown + "\" is not a URL: " + e.getReason(),
                    "write it as https://host/path (percent-encode spaces and other special characters)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (uri.getRawUserInfo() != null) {
            // go would send them as Basic auth, but gosetup shows, journals and probes these URLs: a
            // secret in one would reach the screen, the journal and its own (credential-less) requests.
            throw credentials(value, shown, uri.getHost());
        }
        switch (scheme) {
            case "https", "http" -> {
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw invalid(value, "the GOPROXY entry \"" + shown + "\" has no host",
                            "write it as " + scheme + "://host[:port]/path");
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw invalid(value, "the GOPROXY entry \"" + shown + "\" has a query or fragment, which the"
                            + " go command would keep out of its requests", "remove the ?... or #... part");
                }
            }
            case "file" -> {
                if (uri.getRawAuthority() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                        || uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
                    throw invalid(value, "invalid file:// proxy URL with non-path elements: " + shown,
                            "write a local directory as file:///absolute/path");
                }
            }
            case "" -> {
                String lower = entry.toLowerCase(Locale.ROOT);
                String fix = lower.equals("direct") || lower.equals("off")
                        ? "write " + lower + " in lower case"
                        : absolutePath ? "write a local directory as file://" + (entry.startsWith("/") ? "" : "/")
                                + shown.replace('\\', '/')
                        : "write the proxy as https://" + shown + " (or use direct or off)";
                throw invalid(value, "invalid proxy URL missing scheme: \"" + shown + "\"", fix);
            }
            default -> throw invalid(value, "invalid proxy URL scheme \"" + scheme + "\" in \"" + shown
                    + "\" (must be https, http, file)", "use an https:// URL, or file:// for a directory");
        }
        return url;
    }

    /**
     * Refuses a GOPROXY value (as the user's environment or Go's env file holds it) that has
     * credentials in one of its URLs, before gosetup runs the go command with it or shows it: the
     * one rule of {@link #parse}, for callers that hand the value to go without parsing it.
     *
     * @param value a GOPROXY value; empty, {@code direct} and {@code off} pass
     * @throws InvalidConfigurationException naming the entry, redacted, and how to give go the
     *     credentials instead ({@code ~/.netrc})
     */
    public static void refuseCredentials(String value) {
        Objects.requireNonNull(value, "value");
        for (String entry : value.split("[,|]")) {
            String shown = dev.gosetup.core.http.HttpDownloader.redact(entry.strip());
            if (!shown.equals(entry.strip())) {
                int at = entry.lastIndexOf('@');
                String host = entry.substring(at + 1).replaceAll("[:/].*", "");
                throw credentials(value, shown, host.isEmpty() ? "HOST" : host);
            }
        }
    }

    private static InvalidConfigurationException credentials(String value, String shownEntry, String host) {
        return invalid(value, "the GOPROXY entry " + shownEntry + " holds credentials; gosetup does not take"
                + " credentials in URLs (it never prints or stores a secret)",
                "remove the user and password from the URL and give them to go in ~/.netrc (machine " + host
                        + " login USER password PASSWORD), which go uses for GOPROXY");
    }

    private static InvalidConfigurationException invalid(String value, String message, String fix) {
        String shown = redact(value);
        return new InvalidConfigurationException(message + (message.contains(shown) ? "" : " (GOPROXY=" + shown + ")"),
                List.of(fix));
    }

    /**
     * Returns a GOPROXY list (or any list of URLs separated by {@code ,} or {@code |}, or one URL)
     * with the user information of every entry replaced by {@code ***}, for showing it.
     *
     * @param value the value
     * @return the value without credentials, separators and everything else kept
     */
    public static String redact(String value) {
        StringBuilder shown = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ',' || value.charAt(i) == '|') {
                shown.append(dev.gosetup.core.http.HttpDownloader.redact(value.substring(start, i)));
                if (i < value.length()) {
                    shown.append(value.charAt(i));
                }
                start = i + 1;
            }
        }
        return shown.toString();
    }
}
