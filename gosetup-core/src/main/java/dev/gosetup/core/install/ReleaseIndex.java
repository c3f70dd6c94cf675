package dev.gosetup.core.install;

import dev.gosetup.core.internal.Printable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Release;
import dev.gosetup.api.ReleaseFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads the go.dev download index ({@code https://go.dev/dl/?mode=json&include=all}, or a mirror of
 * it) into {@link Release}s.
 *
 * <p>The index is a JSON array of {@code {version, stable, files: [{filename, os, arch, version,
 * sha256, size, kind}]}}. Every one of those fields is required and must have its JSON type (strings,
 * a boolean, an array, an integer size); unknown fields are ignored, so that go.dev may add some.
 * Duplicate keys are rejected, so that a crafted index cannot show one checksum to one reader and
 * another to us. The index is where the SHA-256 that every download is verified against comes from:
 * anything malformed rejects the whole index rather than skipping an entry.
 *
 * <p>The methods are pure, thread-safe and stateless; they block only while reading the stream.
 */
public final class ReleaseIndex {
    private static final System.Logger LOG = System.getLogger(ReleaseIndex.class.getName());


    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Far above the real full index (a few MB); a bound so that a hostile mirror cannot exhaust memory. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final String FIX = "check that --index points at a go.dev-style JSON index, such as"
            + " https://go.dev/dl/?mode=json&include=all";

    private ReleaseIndex() {
    }

    /**
     * Parses an index from a stream, which is read to its end (at most 64 MiB) but not closed.
     *
     * @param in the JSON, UTF-8
     * @param source the URL or path the index came from, named in error messages
     * @return the releases, newest first in {@link GoVersion} order whatever the order of the input;
     *     empty for an empty array
     * @throws InvalidConfigurationException if the input is not JSON, not an array, or a release or file
     *     lacks a field, has one of the wrong type or with an invalid value; the message names the
     *     source, the release and the file; also if the stream holds more than 64 MiB
     * @throws UncheckedIOException if reading the stream fails
     */
    public static List<Release> parse(InputStream in, String source) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        byte[] json;
        try {
            json = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index " + source, e);
        }
        if (json.length > MAX_BYTES) {
            throw new InvalidConfigurationException("index " + source + ": larger than " + (MAX_BYTES >> 20)
                    + " MiB, far more than a Go release index holds", List.of(FIX));
        }
        return parse(json, source);
    }

    /**
     * Parses an index held in memory.
     *
     * @param json the JSON, UTF-8
     * @param source the URL or path the index came from, named in error messages
     * @return the releases, newest first; empty for an empty array
     * @throws InvalidConfigurationException as {@link #parse(InputStream, String)}
     */
    public static List<Release> parse(byte[] json, String source) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        String where = "index " + source;
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException(where + ": " + notJson(json) + ": " + e.getOriginalMessage()
                    + location(e), List.of(FIX), e);
        } catch (IOException e) {
            // Reading from a byte array fails only on malformed content, never on I/O.
            throw new InvalidConfigurationException(where + ": not valid JSON: " + e.getMessage(), List.of(FIX), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidConfigurationException(where + ": empty, expected a JSON array of releases",
                    List.of(FIX));
        }
        if (!root.isArray()) {
            throw new InvalidConfigurationException(where + ": expected a JSON array of releases, found "
                    + describe(root), List.of(FIX));
        }
        List<Release> releases = new ArrayList<>(root.size());
        java.util.Map<String, String> positions = new java.util.HashMap<>();
        java.util.Map<String, ReleaseFile> byName = new java.util.HashMap<>();
        java.util.Set<GoVersion> versions = new java.util.HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            Release release = release(where, i + 1, root.get(i));
            boolean repeated = !versions.add(release.version());
            for (int j = 0; j < release.files().size(); j++) {
                ReleaseFile f = release.files().get(j);
                String at = "release #" + (i + 1) + " (" + release.version() + ")";
                ReleaseFile earlier = byName.putIfAbsent(f.filename(), f);
                if (earlier != null && !earlier.equals(f)) {
                    // Using either would blame the mirror for the index's contradiction.
                    throw invalid(where + ": two different entries for " + f.filename() + ": in "
                            + positions.get(f.filename()) + " (sha256 " + earlier.sha256() + ", " + earlier.size()
                            + " bytes) and in " + at + " (sha256 " + f.sha256() + ", " + f.size() + " bytes)");
                }
                positions.putIfAbsent(f.filename(), at);
            }
            if (repeated) {
                LOG.log(System.Logger.Level.WARNING, () -> where + ": " + release.version()
                        + " is listed twice with the same files; using it once");
                continue;
            }
            releases.add(release);
        }
        releases.sort(Comparator.comparing(Release::version).reversed());
        return List.copyOf(releases);
    }

    /**
     * Parses an index held in a string.
     *
     * @param json the JSON
     * @param source the URL or path the index came from, named in error messages
     * @return the releases, newest first; empty for an empty array
     * @throws InvalidConfigurationException as {@link #parse(InputStream, String)}
     */
    public static List<Release> parse(String json, String source) {
        Objects.requireNonNull(json, "json");
        return parse(json.getBytes(StandardCharsets.UTF_8), source);
    }

    private static Release release(String where, int number, JsonNode node) {
        String at = where + ": release #" + number;
        if (!node.isObject()) {
            throw invalid(at + ": expected an object, found " + describe(node));
        }
        String versionText = text(at, node, "version");
        at += " (\"" + Printable.escape(versionText) + "\")";
        GoVersion version = version(at, versionText);
        JsonNode stable = field(at, node, "stable");
        if (!stable.isBoolean()) {
            throw invalid(at + ": field \"stable\" must be true or false, found " + describe(stable));
        }
        JsonNode filesNode = field(at, node, "files");
        if (!filesNode.isArray()) {
            throw invalid(at + ": field \"files\" must be an array, found " + describe(filesNode));
        }
        List<ReleaseFile> files = new ArrayList<>(filesNode.size());
        for (int j = 0; j < filesNode.size(); j++) {
            String fileAt = at + ": file #" + (j + 1);
            ReleaseFile f = file(fileAt, version, filesNode.get(j));
            if (wellNamed(f, filesNode.get(j).path("version").asText())) {
                files.add(f);
            } else {
                // It would be cached, and named in URLs, under a name Go never uses (?x=1, spaces, slashes).
                LOG.log(System.Logger.Level.WARNING, () -> fileAt + ": ignoring \"" + Printable.escape(f.filename())
                        + "\", which is not a Go archive name (" + f.version() + "." + f.os() + "-" + f.arch()
                        + ".tar.gz or .zip, or a source/installer file name of letters, digits, '.', '-' and '_')");
            }
        }
        return new Release(version, stable.booleanValue(), files);
    }

    private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("go[0-9A-Za-z._-]+");

    /** Go's archive naming: {@code go<version>.<os>-<arch>.tar.gz|zip} for archives; safe characters for the rest. */
    private static boolean wellNamed(ReleaseFile f, String versionText) {
        String prefix = versionText + ".";
        if (!f.filename().startsWith(prefix) || !SAFE_NAME.matcher(f.filename()).matches()) {
            return false;
        }
        if (f.kind() != ReleaseFile.Kind.ARCHIVE) {
            return true;
        }
        String platform = f.os() + "-" + f.arch();
        return f.filename().equals(prefix + platform + ".tar.gz") || f.filename().equals(prefix + platform + ".zip");
    }

    private static ReleaseFile file(String at, GoVersion releaseVersion, JsonNode node) {
        if (!node.isObject()) {
            throw invalid(at + ": expected an object, found " + describe(node));
        }
        String filename = text(at, node, "filename");
        String fileAt = at + " (\"" + Printable.escape(filename) + "\")";
        String os = text(fileAt, node, "os");
        String arch = text(fileAt, node, "arch");
        String versionText = text(fileAt, node, "version");
        GoVersion version = version(fileAt, versionText);
        if (!version.equals(releaseVersion)) {
            // Installing a file under another release's name would defeat version pinning.
            throw invalid(fileAt + ": version \"" + Printable.escape(versionText) + "\" differs from its release's");
        }
        String sha256 = text(fileAt, node, "sha256");
        JsonNode size = field(fileAt, node, "size");
        if (!size.isIntegralNumber() || !size.canConvertToLong()) {
            throw invalid(fileAt + ": field \"size\" must be a whole number of bytes, found " + describe(size));
        }
        String kindText = text(fileAt, node, "kind");
        try {
            ReleaseFile.Kind kind = ReleaseFile.Kind.parse(kindText);
            return new ReleaseFile(filename, os, arch, version, sha256, size.longValue(), kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(fileAt + ": " + Printable.escape(e.getMessage()), List.of(FIX), e);
        }
    }

    private static JsonNode field(String at, JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw invalid(at + ": missing field \"" + name + "\"");
        }
        return value;
    }

    private static String text(String at, JsonNode node, String name) {
        JsonNode value = field(at, node, name);
        if (!value.isTextual()) {
            throw invalid(at + ": field \"" + name + "\" must be a string, found " + describe(value));
        }
        return value.textValue();
    }

    private static GoVersion version(String at, String text) {
        try {
            return GoVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(at + ": " + Printable.escape(e.getMessage()), List.of(FIX), e);
        }
    }

    private static InvalidConfigurationException invalid(String message) {
        return new InvalidConfigurationException(message, List.of(FIX));
    }

    private static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "the string " + abbreviate(node.toString());
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(node.toString());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String notJson(byte[] json) {
        int i = 0;
        // A UTF-8 byte order mark, then white space, may precede what the server really sent.
        if (json.length >= 3 && (json[0] & 0xff) == 0xef && (json[1] & 0xff) == 0xbb && (json[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < json.length && Character.isWhitespace(json[i])) {
            i++;
        }
        if (i < json.length && json[i] == '<') {
            // A proxy login page or an error page: the commonest way to get a wrong index (golang/go#42796).
            return "not JSON but what looks like an HTML or XML page";
        }
        return "not valid JSON";
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
