package dev.gosetup.core.internal;

import dev.gosetup.api.InvalidConfigurationException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code GOSUMDB} value read as the go command reads it ({@code dbDial} in
 * cmd/go/internal/modfetch/sumdb.go): {@code off}; a known database name ({@code sum.golang.org},
 * or {@code sum.golang.google.cn}, Go's alias of it reachable in mainland China); a verifier key
 * {@code name+hash+key}; either of those followed by a space and the URL to reach it by.
 *
 * @param value the value as given
 * @param off true for {@code off}: no checksum database is consulted
 * @param name the database's name, e.g. {@code sum.golang.org}; empty when off
 * @param key the verifier key, given or known; empty when off
 * @param url the URL given after the name, or Go's implied one (for {@code sum.golang.google.cn});
 *     empty when the go command derives it ({@code https://<name>}, through the proxies)
 */
public record SumDb(String value, boolean off, String name, String key, Optional<String> url) {
    /** Go's default. */
    public static final String GO_DEFAULT = "sum.golang.org";
    /** The key of sum.golang.org, which the go command knows by heart (modfetch/key.go). */
    public static final String SUM_GOLANG_ORG_KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    /** Validates the components. */
    public SumDb {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
    }

    /**
     * Parses a {@code GOSUMDB} value.
     *
     * @param value the value; an empty one is not allowed here (the go command uses its default,
     *     {@value #GO_DEFAULT}, first)
     * @return the database
     * @throws InvalidConfigurationException naming what is wrong: too many fields, an unknown
     *     name without a key, a malformed key, a name that is not host[/path], a bad URL
     */
    public static SumDb parse(String value) {
        Objects.requireNonNull(value, "value");
        String v = value;
        if (v.equals("sum.golang.google.cn")) {
            v = "sum.golang.org https://sum.golang.google.cn";
        }
        if (v.equals("off")) {
            return new SumDb(value, true, "", "", Optional.empty());
        }
        String[] fields = v.strip().isEmpty() ? new String[0] : v.strip().split("\\s+");
        if (fields.length == 0) {
            throw invalid(value, "GOSUMDB is blank", "unset GOSUMDB for Go's default (" + GO_DEFAULT + "), or set off");
        }
        if (fields.length > 2) {
            throw invalid(value, "invalid GOSUMDB \"" + value + "\": too many fields",
                    "write a name (or name+hash+key), optionally followed by one space and its URL");
        }
        String key = fields[0].equals(GO_DEFAULT) ? SUM_GOLANG_ORG_KEY : fields[0];
        String[] parts = key.split("\\+", 3);
        if (parts.length != 3) {
            throw invalid(value, "invalid GOSUMDB \"" + value + "\": \"" + fields[0] + "\" is neither a database the "
                    + "go command knows (sum.golang.org, sum.golang.google.cn) nor a verifier key name+hash+key",
                    "give the database's full verifier key, e.g. " + SUM_GOLANG_ORG_KEY
                            + ", or GOSUMDB=off with GONOSUMDB patterns for private modules");
        }
        String name = parts[0];
        if (!parts[1].matches("[0-9a-f]{8}")) {
            throw invalid(value, "invalid GOSUMDB \"" + value + "\": the key hash \"" + parts[1]
                    + "\" is not 8 hex digits", "copy the verifier key exactly as the database publishes it");
        }
        byte[] keyData;
        try {
            keyData = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid(value, "invalid GOSUMDB \"" + value + "\": the key data is not base64",
                    "copy the verifier key exactly as the database publishes it");
        }
        if (keyData.length != 33 || keyData[0] != 1) {
            throw invalid(value, "invalid GOSUMDB \"" + value + "\": the key is not an Ed25519 verifier key",
                    "copy the verifier key exactly as the database publishes it");
        }
        URI direct;
        try {
            direct = new URI("https://" + name);
        } catch (URISyntaxException e) {
            direct = null;
        }
        if (direct == null || name.endsWith("/") || direct.getHost() == null || direct.getRawQuery() != null
                || direct.getRawFragment() != null || direct.getRawUserInfo() != null || name.contains("%")) {
            throw invalid(value, "invalid sumdb name (must be host[/path]): " + name,
                    "name the database by host and optional path, e.g. sum.example.com");
        }
        Optional<String> url = Optional.empty();
        if (fields.length == 2) {
            try {
                URI u = new URI(fields[1]);
                if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")
                        || u.getScheme().equals("file"))) {
                    throw new URISyntaxException(fields[1], "needs https://, http:// or file://");
                }
            } catch (URISyntaxException e) {
                throw invalid(value, "invalid GOSUMDB URL \"" + fields[1] + "\": " + e.getReason(),
                        "write the database's URL as https://host/path");
            }
            url = Optional.of(fields[1]);
        }
        return new SumDb(value, false, name, key, url);
    }

    /**
     * Describes the database for people.
     *
     * @return e.g. {@code "sum.golang.org via https://sum.golang.google.cn"} or {@code "off"}
     */
    public String describe() {
        if (off) {
            return "off (no checksum database)";
        }
        return name + url.map(u -> " via " + u).orElse(" (https://" + name + ", asked through the proxies first)");
    }

    private static InvalidConfigurationException invalid(String value, String message, String fix) {
        return new InvalidConfigurationException(message, List.of(fix));
    }
}
