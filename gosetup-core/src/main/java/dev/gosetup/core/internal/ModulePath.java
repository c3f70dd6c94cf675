package dev.gosetup.core.internal;

import dev.gosetup.api.InvalidConfigurationException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Module paths, file paths and versions as golang.org/x/mod/module and x/mod/semver define them:
 * checking them, the case-encoding of paths and versions in proxy URLs and file names (an
 * upper-case letter becomes {@code !} and its lower-case letter), and ordering versions.
 * Stateless utility.
 */
public final class ModulePath {
    private static final Pattern SEMVER = Pattern.compile(
            "v(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final List<String> BAD_WINDOWS_NAMES = List.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
            "LPT8", "LPT9");

    private ModulePath() {
    }

    /**
     * Case-encodes a module path for a proxy URL or a file name ({@code module.EscapePath}).
     *
     * @param path a valid module path, e.g. {@code github.com/Azure/sdk}
     * @return the encoded path, e.g. {@code github.com/!azure/sdk}
     * @throws InvalidConfigurationException when the path is not a valid module path
     */
    public static String escapePath(String path) {
        checkModulePath(path);
        return escape(path);
    }

    /**
     * Case-encodes a version ({@code module.EscapeVersion}).
     *
     * @param version a version, e.g. {@code v1.0.0-RC1}
     * @return the encoded version, e.g. {@code v1.0.0-!r!c1}
     * @throws InvalidConfigurationException for a version with {@code !}, a slash or non-ASCII characters
     */
    public static String escapeVersion(String version) {
        if (version.isEmpty() || version.contains("/") || version.contains("!")
                || version.chars().anyMatch(c -> c >= 0x80 || c <= ' ')) {
            throw new InvalidConfigurationException("invalid version \"" + version + "\"",
                    List.of("use a semantic version such as v1.2.3"));
        }
        return escape(version);
    }

    /**
     * Decodes a case-encoded path or version ({@code module.UnescapePath} without the path check).
     *
     * @param escaped the encoded text
     * @return the decoded text, or empty when it is not a valid encoding (an upper-case letter,
     *     a {@code !} not followed by a lower-case letter, non-ASCII)
     */
    public static Optional<String> unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        boolean bang = false;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c >= 0x80) {
                return Optional.empty();
            }
            if (bang) {
                bang = false;
                if (c < 'a' || c > 'z') {
                    return Optional.empty();
                }
                out.append(Character.toUpperCase(c));
                continue;
            }
            if (c == '!') {
                bang = true;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                return Optional.empty();
            }
            out.append(c);
        }
        return bang ? Optional.empty() : Optional.of(out.toString());
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append('!').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Checks a module path as {@code module.CheckPath} does: ASCII letters, digits and {@code -._~}
     * in slash-separated elements, a dot in the first element (lower-case, no leading dash), no
     * element that starts or ends with a dot, no Windows-reserved names, and a valid {@code /vN} suffix.
     *
     * @param path the module path
     * @throws InvalidConfigurationException naming the path and what is wrong with it
     */
    public static void checkModulePath(String path) {
        Optional<String> problem = modulePathProblem(path);
        if (problem.isPresent()) {
            throw new InvalidConfigurationException("malformed module path \"" + path + "\": " + problem.get(),
                    List.of("write a module path such as example.com/team/lib, as in a go.mod module line"));
        }
    }

    private static Optional<String> modulePathProblem(String path) {
        Optional<String> p = pathProblem(path, false);
        if (p.isPresent()) {
            return p;
        }
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (!first.contains(".")) {
            return Optional.of("missing dot in first path element");
        }
        if (path.charAt(0) == '-') {
            return Optional.of("leading dash in first path element");
        }
        for (char c : first.toCharArray()) {
            if (!(c == '-' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
                return Optional.of("invalid char '" + c + "' in first path element");
            }
        }
        Matcher major = Pattern.compile("/v(\\d[\\d.]*)$").matcher(path);
        if (!path.startsWith("gopkg.in/") && major.find()) {
            String n = major.group(1);
            if (n.contains(".") || n.startsWith("0") || n.equals("1")) {
                return Optional.of("invalid version suffix /v" + n);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a file path inside a module as {@code module.CheckFilePath} does: slash-separated
     * elements of Unicode letters, ASCII digits, spaces and {@code !#$%&()+,-.=@[]^_{}~}; no
     * empty, all-dot or dot-ending element; no Windows-reserved names.
     *
     * @param path the slash-separated path relative to the module root
     * @return what is wrong, or empty when the path is valid
     */
    public static Optional<String> filePathProblem(String path) {
        return pathProblem(path, true);
    }

    private static Optional<String> pathProblem(String path, boolean file) {
        if (path.isEmpty()) {
            return Optional.of("empty string");
        }
        if (path.charAt(0) == '-' && !file) {
            return Optional.of("leading dash");
        }
        if (path.contains("//")) {
            return Optional.of("double slash");
        }
        if (path.endsWith("/")) {
            return Optional.of("trailing slash");
        }
        for (String elem : path.split("/", -1)) {
            if (elem.isEmpty()) {
                return Optional.of("empty path element");
            }
            if (elem.chars().allMatch(c -> c == '.')) {
                return Optional.of("invalid path element \"" + elem + "\"");
            }
            if (elem.charAt(0) == '.' && !file) {
                return Optional.of("leading dot in path element");
            }
            if (elem.endsWith(".")) {
                return Optional.of("trailing dot in path element \"" + elem + "\"");
            }
            for (int i = 0; i < elem.length(); ) {
                int c = elem.codePointAt(i);
                i += Character.charCount(c);
                boolean ok = file ? fileNameOk(c) : c < 0x80 && (c == '-' || c == '.' || c == '_' || c == '~'
                        || Character.isLetterOrDigit(c));
                if (!ok) {
                    return Optional.of("invalid char '" + new String(Character.toChars(c)) + "' in \"" + elem + "\"");
                }
            }
            String shortName = elem.contains(".") ? elem.substring(0, elem.indexOf('.')) : elem;
            if (BAD_WINDOWS_NAMES.contains(shortName.toUpperCase(Locale.ROOT))) {
                return Optional.of("\"" + shortName + "\" disallowed as path element component on Windows");
            }
        }
        return Optional.empty();
    }

    private static boolean fileNameOk(int c) {
        if (c < 0x80) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || "!#$%&()+,-.=@[]^_{}~ ".indexOf(c) >= 0;
        }
        return Character.isLetter(c);
    }

    /**
     * Tells whether a version is a canonical semantic version as the go command writes them:
     * {@code vMAJOR.MINOR.PATCH}, an optional pre-release, and no build suffix but {@code +incompatible}.
     *
     * @param version the version
     * @return true for e.g. {@code v1.2.3}, {@code v2.0.0-rc.1}, {@code v3.0.0+incompatible}
     */
    public static boolean isCanonicalVersion(String version) {
        Matcher m = SEMVER.matcher(version);
        return m.matches() && (m.group(5) == null || m.group(5).equals("+incompatible"));
    }

    /**
     * Tells whether a version is a pre-release ({@code v1.0.0-rc.1}).
     *
     * @param version a canonical version
     * @return true when it has a pre-release part
     */
    public static boolean isPrerelease(String version) {
        Matcher m = SEMVER.matcher(version);
        return m.matches() && m.group(4) != null;
    }

    /**
     * Compares two canonical versions by semantic-version precedence (build suffixes ignored).
     *
     * @param a a canonical version
     * @param b a canonical version
     * @return negative, zero or positive as {@code a} is older, equal or newer
     * @throws IllegalArgumentException when one is not a semantic version
     */
    public static int compareVersions(String a, String b) {
        Matcher x = SEMVER.matcher(a);
        Matcher y = SEMVER.matcher(b);
        if (!x.matches() || !y.matches()) {
            throw new IllegalArgumentException("not semantic versions: " + a + ", " + b);
        }
        for (int i = 1; i <= 3; i++) {
            int c = new java.math.BigInteger(x.group(i)).compareTo(new java.math.BigInteger(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        String pa = x.group(4);
        String pb = y.group(4);
        if (pa == null || pb == null) {
            return pa == null ? (pb == null ? 0 : 1) : -1;
        }
        String[] ea = pa.split("\\.");
        String[] eb = pb.split("\\.");
        for (int i = 0; i < Math.min(ea.length, eb.length); i++) {
            boolean na = ea[i].matches("\\d+");
            boolean nb = eb[i].matches("\\d+");
            int c = na && nb ? new java.math.BigInteger(ea[i]).compareTo(new java.math.BigInteger(eb[i]))
                    : na ? -1 : nb ? 1 : ea[i].compareTo(eb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ea.length, eb.length);
    }

    /**
     * Checks that a version suits a module path's major version ({@code module.CheckPathMajor}):
     * v0 or v1 (or {@code +incompatible}) without a suffix, vN with {@code /vN}.
     *
     * @param modulePath the module path
     * @param version a canonical version
     * @throws InvalidConfigurationException naming both when they do not fit
     */
    public static void checkPathMajor(String modulePath, String version) {
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            throw new InvalidConfigurationException("\"" + version + "\" is not a semantic version",
                    List.of("use a version such as v1.2.3"));
        }
        String major = m.group(1);
        Matcher suffix = Pattern.compile("/v(\\d+)$").matcher(modulePath);
        Matcher gopkg = Pattern.compile("\\.v(\\d+)(-unstable)?$").matcher(modulePath);
        String want;
        if (modulePath.startsWith("gopkg.in/") && gopkg.find()) {
            want = gopkg.group(1);
        } else if (suffix.find()) {
            want = suffix.group(1);
        } else {
            if (major.equals("0") || major.equals("1") || version.endsWith("+incompatible")) {
                return;
            }
            want = "0 or 1";
        }
        if (!want.equals(major)) {
            throw new InvalidConfigurationException("version " + version + " does not fit module " + modulePath
                    + ": it should be v" + want, List.of("tag a v" + want + ".x.y version, or change the module path's"
                    + " major version suffix (/v" + major + ")"));
        }
    }
}
