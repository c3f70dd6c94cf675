package dev.gosetup.core.internal;

import dev.gosetup.core.internal.RegularFiles;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.internal.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Go's own per-user env file: the file {@code go env -w} writes and every {@code go} command reads.
 *
 * <p>The format is the one of {@code cmd/go}: {@code KEY=VALUE} lines separated by {@code \n}, no quoting, the value
 * being every byte after the first {@code =} up to the {@code \n}. Lines without {@code =}, or whose first byte is not
 * an ASCII upper-case letter, are ignored by Go; this class ignores them too but keeps them. Of duplicated keys the last
 * one wins. Like {@code cmd/go}, a {@code \r} before the {@code \n} is part of the value as Go sees it (so
 * {@link #values()} reports it), yet the original bytes of every line, line endings included, are kept, and
 * {@link #with}/{@link #without} change only the lines they must (unlike {@code go env -w}, they never re-sort).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GoEnvFile {

    /** Keys {@code go env -w} refuses because Go computes them. */
    private static final Set<String> READ_ONLY = Set.of(
            "GOEXE", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOMOD", "GOWORK", "GOTOOLDIR", "GOVERSION");

    /** Keys that only the OS environment may set. */
    private static final Set<String> OS_ONLY = Set.of("GOENV", "GODEBUG");

    /** The variables of {@code go help environment} that {@code go env -w} accepts. */
    private static final Set<String> KNOWN = Set.of(
            "GO111MODULE", "GOARCH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GOFLAGS", "GOINSECURE",
            "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH", "GOPRIVATE", "GOPROXY", "GOROOT", "GOSUMDB",
            "GOTMPDIR", "GOTOOLCHAIN", "GOVCS", "GOAUTH", "GOTELEMETRY", "GOTELEMETRYDIR", "CGO_ENABLED",
            "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS", "CC", "CXX", "AR", "FC",
            "PKG_CONFIG", "GCCGO", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64",
            "GORISCV64", "GOWASM", "GOEXPERIMENT", "GOFIPS140");

    private static final byte[] LF = {'\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    /** Every line with its original terminator; only the last may lack one. */
    private final List<byte[]> lines;
    private final Map<String, String> values;

    private GoEnvFile(List<byte[]> lines) {
        this.lines = Collections.unmodifiableList(lines);
        Map<String, String> map = new LinkedHashMap<>();
        for (byte[] line : lines) {
            String key = keyOf(line);
            if (key != null) {
                map.remove(key); // keep the order of the effective (last) occurrences
                map.put(key, valueOf(line));
            }
        }
        this.values = Collections.unmodifiableMap(map);
    }

    /**
     * Where Go looks for its env file, computed the way {@code cmd/go} does.
     *
     * <p>{@code $GOENV} wins when set and non-empty; {@code GOENV=off} disables the file. Otherwise it is
     * {@code go/env} in the user config directory: on Windows {@code %AppData%}; on macOS
     * {@code ~/Library/Application Support}; elsewhere {@code $XDG_CONFIG_HOME} when it is an absolute path, else
     * {@code ~/.config}.
     *
     * @param env      the environment variables to consult (not the process's unless the caller passes them)
     * @param osName   the OS name, as in the {@code os.name} system property
     * @param userHome the user's home directory
     * @return the env file's path, or empty when {@code GOENV=off} or when no config directory can be determined
     *         (Windows without {@code %AppData%})
     */
    public static Optional<Path> location(Map<String, String> env, String osName, Path userHome) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(userHome, "userHome");
        String goenv = env.getOrDefault("GOENV", "");
        if (goenv.equals("off")) {
            return Optional.empty();
        }
        if (!goenv.isEmpty()) {
            return Optional.of(userHome.getFileSystem().getPath(goenv));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path configDir;
        if (os.startsWith("windows")) {
            String appData = env.getOrDefault("AppData", env.getOrDefault("APPDATA", ""));
            if (appData.isEmpty()) {
                return Optional.empty();
            }
            configDir = userHome.getFileSystem().getPath(appData);
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            configDir = userHome.resolve("Library").resolve("Application Support");
        } else {
            String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
            Path xdgPath = xdg.isEmpty() ? null : userHome.getFileSystem().getPath(xdg);
            configDir = xdgPath != null && xdgPath.isAbsolute() ? xdgPath : userHome.resolve(".config");
        }
        return Optional.of(configDir.resolve("go").resolve("env"));
    }

    /**
     * Tells whether {@code go env -w} accepts a variable at all (whatever its value).
     *
     * @param key the variable name
     * @return true for a variable Go's env file can hold
     */
    public static boolean isWritable(String key) {
        return KNOWN.contains(Objects.requireNonNull(key, "key"));
    }

    /**
     * Refuses what {@code go env -w KEY=VALUE} refuses (and a little more that would corrupt the file).
     *
     * @param key   the variable name
     * @param value the value to write
     * @throws InvalidConfigurationException naming the key and value and how to fix them, when Go would refuse them
     * @throws NullPointerException          when either argument is null
     */
    public static void validate(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String shown = key + "=" + printable(value);
        if (READ_ONLY.contains(key)) {
            throw invalid(key + " cannot be modified (asked for " + shown + "): Go computes it",
                    "Remove " + key + " from the settings to write; Go derives it itself.");
        }
        if (OS_ONLY.contains(key)) {
            throw invalid(key + " can only be set using the OS environment, not Go's env file (asked for "
                    + shown + ")", "Set " + key + " in the OS environment (shell profile) instead.");
        }
        if (!KNOWN.contains(key)) {
            throw invalid("unknown go command variable " + key + " (asked for " + shown + ")",
                    "Check the spelling of " + key + "; 'go help environment' lists the known variables.");
        }
        if (value.indexOf('\0') >= 0) {
            throw invalid("invalid NUL in " + shown, "Remove the NUL character from the value of " + key + ".");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\u000B') >= 0) {
            throw invalid("invalid newline in " + shown, "Put the value of " + key + " on a single line.");
        }
        if (!validUtf16(value)) {
            throw invalid("invalid UTF-8 in " + shown + " (unpaired surrogate)",
                    "Remove the unpaired surrogate character from the value of " + key + ".");
        }
        switch (key) {
            case "GO111MODULE":
                if (!List.of("", "on", "off", "auto").contains(value)) {
                    throw invalid("invalid GO111MODULE value in " + shown,
                            "Use GO111MODULE=on, off, auto, or an empty value.");
                }
                break;
            case "GOPATH":
                String[] entries = value.split(File.pathSeparator, -1);
                if (entries.length > 1 && isAbsolute(entries[0])
                        && java.util.Arrays.stream(entries).skip(1).anyMatch(e -> !e.isEmpty() && !isAbsolute(e) && !e.startsWith("~"))) {
                    // One path holding the separator (a HOME like /home/a:b), not a list with a relative entry.
                    String proposed = value.replace(File.pathSeparator, "-");
                    throw invalid("GOPATH " + value + " holds '" + File.pathSeparator + "', the separator of GOPATH's list of"
                            + " directories, so Go would read it as " + entries.length + " entries, not one directory, in " + shown,
                            "Choose a GOPATH directory without '" + File.pathSeparator + "', such as " + proposed + ".");
                }
                for (String entry : entries) {
                    if (entry.startsWith("~")) {
                        throw invalid("GOPATH entry cannot start with shell metacharacter '~' in " + shown,
                                "Spell out the home directory: an absolute path instead of '~' (in a shell,"
                                        + " write \"$HOME\" and let the shell expand it).");
                    }
                    if (!entry.isEmpty() && !isAbsolute(entry)) {
                        throw invalid("GOPATH entry is relative; must be absolute path in " + shown,
                                "Use absolute paths in GOPATH.");
                    }
                }
                break;
            case "GOMODCACHE":
            case "GOTMPDIR":
                if (!value.isEmpty() && !isAbsolute(value)) {
                    throw invalid(key + " entry is relative; must be absolute path in " + shown,
                            "Use an absolute path for " + key + ".");
                }
                break;
            case "CC":
            case "CXX":
                if (!value.isEmpty()) {
                    String first = value.strip().split("\\s+", 2)[0];
                    if (value.isBlank()) {
                        throw invalid(key + " entry cannot contain only space in " + shown,
                                "Give " + key + " a compiler name or absolute path, or an empty value.");
                    }
                    first = first.replace("'", "").replace("\"", "");
                    boolean bareName = first.indexOf('/') < 0 && first.indexOf(File.separatorChar) < 0;
                    if (!bareName && !isAbsolute(first)) {
                        throw invalid(key + " entry is relative; must be absolute path in " + shown,
                                "Use an absolute path or a bare command name (looked up on PATH) for " + key + ".");
                    }
                }
                break;
            default:
                break;
        }
    }

    /**
     * Reads the env file at {@code path}; a missing file reads as an empty one.
     *
     * @param path the file (symbolic links are followed)
     * @return its contents, every byte kept
     * @throws IOException when the file exists but cannot be read
     */
    public static GoEnvFile read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return parse(RegularFiles.readIfExists(path, RegularFiles.DEFAULT_MAX_BYTES, "Go's env file").orElse(new byte[0]));
    }

    /**
     * Parses env file contents, keeping every byte.
     *
     * @param data the file's bytes
     * @return the parsed file; {@link #bytes()} returns exactly {@code data}
     */
    public static GoEnvFile parse(byte[] data) {
        Objects.requireNonNull(data, "data");
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(Arrays.copyOfRange(data, start, i + 1));
                start = i + 1;
            }
        }
        if (start < data.length) {
            lines.add(Arrays.copyOfRange(data, start, data.length));
        }
        return new GoEnvFile(lines);
    }

    /**
     * The effective variables, as {@code cmd/go} sees them: last duplicate wins; a {@code \r} of a CRLF line is part
     * of the value, as it is for Go. Invalid UTF-8 is decoded with replacement characters.
     *
     * @return an unmodifiable map, in the order of the effective lines
     */
    public Map<String, String> values() {
        return values;
    }

    /**
     * One effective variable.
     *
     * @param key the variable name
     * @return its value as Go sees it, or empty when the file does not set it
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * Returns a copy with {@code key} set to {@code value}. The key's last line is replaced in place (ending with
     * {@code \n}, as Go writes it, since a {@code \r} would become part of the value) and its earlier duplicates are
     * removed, as {@code go env -w} does; a new key is appended at the end. When the content lacks a final newline one
     * is added first, in the file's dominant line ending unless the last line is a {@code KEY=VALUE} line (where a
     * {@code \r} would change the value Go sees, so {@code \n} is used). All other lines keep their bytes.
     *
     * @param key   the variable name
     * @param value the value
     * @return the updated file
     * @throws InvalidConfigurationException when {@link #validate} refuses the pair
     */
    public GoEnvFile with(String key, String value) {
        validate(key, value);
        byte[] newLine = (key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>(lines);
        int last = lastIndexOf(out, key);
        if (last >= 0) {
            out.set(last, newLine);
            removeEarlier(out, key, last);
        } else {
            if (!out.isEmpty()) {
                byte[] tail = out.get(out.size() - 1);
                if (tail.length > 0 && tail[tail.length - 1] != '\n') {
                    byte[] ending = keyOf(tail) != null ? LF : dominantEnding();
                    out.set(out.size() - 1, concat(tail, ending));
                }
            }
            out.add(newLine);
        }
        return new GoEnvFile(out);
    }

    /**
     * Returns a copy without any line setting {@code key} (what {@code go env -u} does); other lines keep their
     * bytes. Unchanged when the key is absent.
     *
     * @param key the variable name
     * @return the updated file
     */
    public GoEnvFile without(String key) {
        Objects.requireNonNull(key, "key");
        List<byte[]> out = new ArrayList<>(lines);
        if (out.removeIf(line -> key.equals(keyOf(line)))) {
            return new GoEnvFile(out);
        }
        return this;
    }

    /**
     * The file's contents.
     *
     * @return a fresh copy of the bytes; for an unmodified parse, exactly the bytes read
     */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
        }
        return out.toByteArray();
    }

    /**
     * Replaces the file at {@code path} atomically with {@link #bytes()}: a temporary file in the same directory is
     * written, forced to disk, given the existing file's POSIX permissions, and renamed over it. A symbolic link is
     * followed and its target replaced (the link stays). Missing parent directories are created, owner-only
     * ({@code 0700}) where POSIX permissions are supported. A new file gets {@code 0644} (as {@code go env -w} would
     * under the usual umask).
     *
     * @param path the file to write
     * @throws IOException when writing fails; the original file is then left untouched
     */
    public void write(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try {
            AtomicFiles.replace(path, Optional.of(bytes()), "rw-r--r--");
        } catch (dev.gosetup.api.GoSetupException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "GoEnvFile" + values;
    }

    /** The key as {@code cmd/go} reads it, or null for a line Go ignores. */
    private static String keyOf(byte[] line) {
        if (line.length == 0 || line[0] < 'A' || line[0] > 'Z') {
            return null;
        }
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '=') {
                return new String(line, 0, i, StandardCharsets.UTF_8);
            }
            if (line[i] == '\n') {
                return null;
            }
        }
        return null;
    }

    private static String valueOf(byte[] line) {
        int eq = 0;
        while (line[eq] != '=') {
            eq++;
        }
        int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        return new String(line, eq + 1, end - eq - 1, StandardCharsets.UTF_8);
    }

    private static int lastIndexOf(List<byte[]> lines, String key) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (key.equals(keyOf(lines.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static void removeEarlier(List<byte[]> lines, String key, int last) {
        for (int i = last - 1; i >= 0; i--) {
            if (key.equals(keyOf(lines.get(i)))) {
                lines.remove(i);
            }
        }
    }

    private byte[] dominantEnding() {
        int crlf = 0;
        int lf = 0;
        for (byte[] line : lines) {
            int n = line.length;
            if (n > 0 && line[n - 1] == '\n') {
                if (n > 1 && line[n - 2] == '\r') {
                    crlf++;
                } else {
                    lf++;
                }
            }
        }
        return crlf > lf ? CRLF : LF;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static boolean validUtf16(String s) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(s));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isAbsolute(String p) {
        if (File.separatorChar == '\\') {
            return p.startsWith("\\\\") || p.startsWith("//")
                    || (p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':'
                    && (p.charAt(2) == '\\' || p.charAt(2) == '/'));
        }
        return p.startsWith("/");
    }

    private static String printable(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\x00");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static InvalidConfigurationException invalid(String message, String resolution) {
        return new InvalidConfigurationException(message, List.of(resolution));
    }
}
