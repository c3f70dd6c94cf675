package dev.gosetup.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Go version a project asks for from {@code go.mod}, {@code go.work}, {@code .go-version}
 * or {@code .tool-versions}.
 *
 * <p>{@code go.mod} and {@code go.work}: the {@code go} and {@code toolchain} directives, outside
 * {@code require ( … )}-style blocks, with {@code //} comments removed. {@code go 1.22} becomes the
 * newest stable 1.22.x ({@link VersionSpec.Line}); the go command itself would accept any 1.22.0 or
 * later, and the newest patch of the line is what it would download. {@code go 1.22.5} and
 * {@code go 1.23rc1} become exact versions. {@code toolchain go1.22.5} becomes an exact version and is
 * preferred to the {@code go} line unless it is older than it: the go command then ignores it too
 * ({@code go mod tidy} removes such lines). {@code toolchain default} is ignored. A
 * {@code toolchain go1.22} (a language version, not a release) becomes the newest stable 1.22.x.
 *
 * <p>{@code .go-version}: the first line that is neither blank nor a {@code #} comment, in
 * {@link VersionSpec#parse(String)} syntax ({@code 1.22.5}, {@code go1.22.5}, {@code 1.22}).
 *
 * <p>{@code .tool-versions} (asdf, mise): the first line whose key is {@code golang} (asdf) or
 * {@code go} (mise), {@code #} comments removed; of several versions on the line the first wins, as in
 * asdf.
 *
 * <p>Every file may start with a UTF-8 byte order mark and use CRLF line ends. Errors are
 * {@link InvalidConfigurationException}s whose message reads {@code <file>:<line>: <what is wrong>}
 * ({@code <file>: <what is wrong>} for errors about the whole file, such as an unreadable one) and whose
 * resolutions say how to fix the file. The methods are pure apart from {@link #read(Path)}'s reading,
 * and thread-safe.
 */
public final class VersionFile {

    private static final String GO_MOD = "go.mod";
    private static final String GO_WORK = "go.work";
    private static final String GO_VERSION = ".go-version";
    private static final String TOOL_VERSIONS = ".tool-versions";

    private VersionFile() {
    }

    /**
     * Reads a version file, choosing the format by its file name.
     *
     * <p>Blocks while reading the file.
     *
     * @param file a {@code go.mod}, {@code go.work}, {@code .go-version} or {@code .tool-versions}
     * @return what the file asks for; the source is {@code file} as given
     * @throws InvalidConfigurationException if the file name is none of those, the file cannot be read or
     *     is not UTF-8, or its content names no valid version
     */
    public static VersionRequirement read(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        Path name = file.getFileName();
        kindOf(source, name == null ? "" : name.toString());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException(source + ": cannot read the file: " + e,
                    List.of("check that " + source + " exists and is readable"), e);
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidConfigurationException(source + ": not UTF-8 text",
                    List.of("save " + source + " as UTF-8"), e);
        }
        return parse(source, content);
    }

    /**
     * Parses the content of a version file, choosing the format by the file name.
     *
     * @param fileName the file's name or path; its last segment must be {@code go.mod}, {@code go.work},
     *     {@code .go-version} or {@code .tool-versions}; it is the source named in messages
     * @param content the file's text
     * @return what the file asks for
     * @throws InvalidConfigurationException if the file name is none of those or the content names no
     *     valid version
     */
    public static VersionRequirement parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String kind = kindOf(fileName, fileName.substring(slash + 1));
        String[] lines = lines(content);
        switch (kind) {
            case GO_MOD:
            case GO_WORK:
                return parseGoMod(fileName, kind, lines);
            case GO_VERSION:
                return parseGoVersion(fileName, lines);
            default:
                return parseToolVersions(fileName, lines);
        }
    }

    private static String kindOf(String source, String name) {
        switch (name) {
            case GO_MOD:
            case GO_WORK:
            case GO_VERSION:
            case TOOL_VERSIONS:
                return name;
            default:
                throw new InvalidConfigurationException(source + ": not a version file (expected go.mod, go.work,"
                        + " .go-version or .tool-versions)",
                        List.of("point gosetup at a go.mod, go.work, .go-version or .tool-versions file"));
        }
    }

    private static String[] lines(String content) {
        String c = content.startsWith("\uFEFF") ? content.substring(1) : content;
        // Also splits CRLF and lone CR line ends, so no '\r' survives into a version.
        return c.split("\r\n|\r|\n", -1);
    }

    /** A version found on a line, before the directives are weighed against each other. */
    private static final class Found {
        final VersionSpec spec;
        final GoVersion version;
        final int line;

        Found(VersionSpec spec, GoVersion version, int line) {
            this.spec = spec;
            this.version = version;
            this.line = line;
        }
    }

    private static VersionRequirement parseGoMod(String source, String kind, String[] lines) {
        Found go = null;
        Found toolchain = null;
        int toolchainLine = 0;
        int blockStart = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (blockStart > 0) {
                if (line.equals(")")) {
                    blockStart = 0;
                }
                continue;
            }
            String verb = verb(line);
            if (line.endsWith("(")) {
                if (verb.equals("go") || verb.equals("toolchain")) {
                    throw error(source, lineNo, "the " + verb + " directive cannot be a block",
                            "write it on one line, like \"" + example(verb) + "\"");
                }
                blockStart = lineNo;
                continue;
            }
            if (!verb.equals("go") && !verb.equals("toolchain")) {
                continue;
            }
            String[] args = line.substring(verb.length()).strip().split("\\s+");
            if (args.length != 1 || args[0].isEmpty()) {
                throw error(source, lineNo, "the " + verb + " directive takes exactly one version, not \""
                        + line + "\"", "write it like \"" + example(verb) + "\"");
            }
            if (verb.equals("go")) {
                if (go != null) {
                    throw error(source, lineNo, "repeated go directive (first on line " + go.line + ")",
                            "keep only one go line in " + kind);
                }
                go = goDirective(source, lineNo, args[0]);
            } else {
                if (toolchainLine > 0) {
                    throw error(source, lineNo, "repeated toolchain directive (first on line " + toolchainLine + ")",
                            "keep only one toolchain line in " + kind);
                }
                toolchainLine = lineNo;
                if (!args[0].equals("default")) {
                    toolchain = toolchainDirective(source, lineNo, args[0]);
                }
            }
        }
        if (blockStart > 0) {
            throw error(source, blockStart, "block opened with \"(\" is never closed",
                    "close the block with a line holding only \")\"");
        }
        if (toolchain != null && (go == null || toolchain.version.compareTo(go.version) >= 0)) {
            return new VersionRequirement(toolchain.spec, source, toolchain.line, "toolchain");
        }
        if (go != null) {
            return new VersionRequirement(go.spec, source, go.line, "go");
        }
        throw error(source, 1, "no go or toolchain directive"
                + (toolchainLine > 0 ? " naming a version (\"toolchain default\" names none)" : ""),
                "add a line like \"go 1.22\" to " + kind);
    }

    private static String example(String verb) {
        return verb.equals("go") ? "go 1.22" : "toolchain go1.22.5";
    }

    private static String stripComment(String line) {
        int comment = line.indexOf("//");
        return comment < 0 ? line : line.substring(0, comment);
    }

    private static String verb(String line) {
        int i = 0;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '(') {
            i++;
        }
        return line.substring(0, i);
    }

    private static Found goDirective(String source, int lineNo, String text) {
        if (text.startsWith("go")) {
            throw error(source, lineNo, "invalid go version \"" + text + "\": the go directive takes the version"
                    + " without \"go\"", "write it like \"go " + text.substring(2) + "\"");
        }
        GoVersion v = version(source, lineNo, "go", text);
        long dots = text.chars().filter(c -> c == '.').count();
        if (dots == 0) {
            throw error(source, lineNo, "invalid go version \"" + text + "\": it needs a minor version",
                    "write it like \"go 1.22\"");
        }
        VersionSpec spec = v.isPrerelease() || dots > 1 ? new VersionSpec.Exact(v)
                : new VersionSpec.Line(v.major(), v.minor(), false);
        return new Found(spec, v, lineNo);
    }

    private static Found toolchainDirective(String source, int lineNo, String text) {
        if (!text.startsWith("go")) {
            throw error(source, lineNo, "invalid toolchain \"" + text + "\": a toolchain is named like go1.22.5",
                    "write it like \"toolchain go" + text + "\", or \"toolchain default\"");
        }
        GoVersion v = version(source, lineNo, "toolchain", text);
        VersionSpec spec = v.isLanguageVersion() ? new VersionSpec.Line(v.major(), v.minor(), false)
                : new VersionSpec.Exact(v);
        return new Found(spec, v, lineNo);
    }

    private static GoVersion version(String source, int lineNo, String directive, String text) {
        try {
            return GoVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(source + ":" + lineNo + ": invalid " + directive + " version: "
                    + e.getMessage(), List.of("use a release name from https://go.dev/dl/, like \""
                    + example(directive) + "\""), e);
        }
    }

    private static VersionRequirement parseGoVersion(String source, String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            return new VersionRequirement(spec(source, i + 1, line, "write a version like 1.22.5 or 1.22"), source,
                    i + 1, "version");
        }
        throw error(source, 1, "no version in the file", "write a version like 1.22.5 on the first line of "
                + GO_VERSION);
    }

    private static VersionRequirement parseToolVersions(String source, String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf('#');
            String[] fields = (comment < 0 ? line : line.substring(0, comment)).strip().split("\\s+");
            String key = fields[0];
            if (!key.equals("golang") && !key.equals("go")) {
                continue;
            }
            if (fields.length < 2) {
                throw error(source, i + 1, "no version after \"" + key + "\"",
                        "write it like \"" + key + " 1.22.5\"");
            }
            String fix = fields[1].equals("system")
                    ? "\"system\" means the Go already on PATH; write a version like \"" + key + " 1.22.5\" for"
                            + " gosetup to install"
                    : "write it like \"" + key + " 1.22.5\"";
            return new VersionRequirement(spec(source, i + 1, fields[1], fix), source, i + 1, key);
        }
        throw error(source, 1, "no golang or go entry", "add a line like \"golang 1.22.5\" to " + TOOL_VERSIONS);
    }

    private static VersionSpec spec(String source, int lineNo, String text, String fix) {
        try {
            return VersionSpec.parse(text);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(source + ":" + lineNo + ": " + e.getMessage(), List.of(fix), e);
        }
    }

    private static InvalidConfigurationException error(String source, int line, String what, String fix) {
        return new InvalidConfigurationException(source + ":" + line + ": " + what, List.of(fix));
    }
}
