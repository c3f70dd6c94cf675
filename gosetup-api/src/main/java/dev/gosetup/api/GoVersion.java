package dev.gosetup.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A Go version or release name such as {@code go1.22.5}, {@code go1.21rc2} or the language version
 * {@code go1.22}, ordered exactly as the go command orders them.
 *
 * <p>{@link #parse(String)} accepts the release names of the go.dev index with or without the
 * {@code go} prefix: {@code 1.22.5}, {@code go1.22.5}, {@code 1.22}, {@code 1.21rc2},
 * {@code 1.21beta1}, {@code go1.9.2rc2}, {@code 1}, {@code go1}. Numbers may not have leading zeros,
 * as in Go. The only pre-release kinds accepted are {@code alpha}, {@code beta} and {@code rc}, and a
 * kind must be followed by its number: Go's own parser accepts any lower-case word and a missing
 * number ({@code 1.21gamma}, {@code 1.21rc}), we refuse them on purpose so that typos in a
 * configuration file fail loudly instead of naming a version that can never be downloaded.
 *
 * <p>The order is that of Go's {@code internal/gover.Compare}: major, minor and patch compare
 * numerically, an absent patch sorting before any number; then the pre-release kind, no kind sorting
 * before {@code alpha < beta < rc}; then the pre-release number. A missing patch means {@code .0}
 * before Go 1.21 ({@code 1.20 == 1.20.0}) but not from Go 1.21 on, where {@code 1.21} is the language
 * version that sorts before all its releases: {@code 1.21 < 1.21rc1 < 1.21.0 < 1.21.1}. Go's parser
 * rejects pre-releases of patch releases, yet the index contains some (such as {@code go1.9.2rc2});
 * we accept them and, so that they sort where they were released, order a
 * pre-release of a patch release before that release ({@code 1.9.1 < 1.9.2rc2 < 1.9.2}).
 *
 * <p>Toolchains report versions {@link #parse(String)} does not take: vendor builds carry suffixes
 * ({@code go1.21.0-bigcorp} in {@code VERSION}, {@code go1.22.5 X:boringcrypto} from
 * {@code go version}). {@link #fromToolchain(String)} reads those, and {@link #compare(String, String)},
 * {@link #lang(String)} and {@link #isValid(String)} answer for any string exactly as Go's
 * {@code go/version} package does.
 *
 * <p>Instances are normalized so that {@link #equals} agrees with {@link #compareTo}: {@code 1},
 * {@code 1.0} and {@code 1.0.0} are the same value, as are {@code 1.20} and {@code 1.20.0}.
 * {@link #toString()} gives the real release name: {@code go1}, {@code go1.20}, {@code go1.21.0},
 * {@code go1.22.5}, {@code go1.23rc1}.
 *
 * @param major the major version, at least 0
 * @param minor the minor version, at least 0
 * @param patch the patch version, or {@link #NO_PATCH} when absent (language versions such as
 *     {@code go1.22} and pre-releases such as {@code go1.23rc1})
 * @param kind the pre-release kind, {@link Kind#NONE} for releases and language versions
 * @param pre the pre-release number; 0 when {@code kind} is {@link Kind#NONE}
 */
public record GoVersion(int major, int minor, int patch, Kind kind, int pre) implements Comparable<GoVersion> {

    /** The value of {@link #patch()} when the version has no patch number. */
    public static final int NO_PATCH = -1;

    private static final String EXPECTED = "expected forms like 1.22.5, go1.22.5, 1.22, 1.21rc2";

    /**
     * The pre-release kind of a version, in Go's order.
     */
    public enum Kind {
        /** Not a pre-release: a release or a language version. */
        NONE(""),
        /** An alpha pre-release, such as {@code go1.22alpha1}. */
        ALPHA("alpha"),
        /** A beta pre-release, such as {@code go1.21beta1}. */
        BETA("beta"),
        /** A release candidate, such as {@code go1.21rc2}. */
        RC("rc");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /**
         * Returns how the kind is spelled in a version.
         *
         * @return {@code ""}, {@code "alpha"}, {@code "beta"} or {@code "rc"}
         */
        public String label() {
            return label;
        }
    }

    /**
     * Validates the components and normalizes a missing patch before Go 1.21 to {@code .0}.
     *
     * @param major the major version
     * @param minor the minor version
     * @param patch the patch version or {@link #NO_PATCH}
     * @param kind the pre-release kind
     * @param pre the pre-release number
     * @throws IllegalArgumentException if a number is negative, {@code kind} is null, or a
     *     pre-release number is given without a pre-release kind
     */
    public GoVersion {
        Objects.requireNonNull(kind, "kind");
        if (major < 0 || minor < 0 || patch < NO_PATCH || pre < 0) {
            throw new IllegalArgumentException("negative number in Go version " + major + "." + minor + "."
                    + patch + kind.label() + pre + " (only patch may be GoVersion.NO_PATCH)");
        }
        if (kind == Kind.NONE && pre != 0) {
            throw new IllegalArgumentException("pre-release number " + pre + " without a pre-release kind");
        }
        // Go reads "1.20" as "1.20.0" but "1.21" as the language version before 1.21.0; normalizing
        // here keeps equals consistent with compareTo.
        if (patch == NO_PATCH && kind == Kind.NONE && minor < 21) {
            patch = 0;
        }
    }

    /**
     * Returns the release {@code major.minor.patch}.
     *
     * @param major the major version, at least 0
     * @param minor the minor version, at least 0
     * @param patch the patch version, at least 0
     * @return the version; {@code of(1, 20, 0)} is {@code go1.20}, {@code of(1, 21, 0)} is {@code go1.21.0}
     * @throws IllegalArgumentException if a number is negative
     */
    public static GoVersion of(int major, int minor, int patch) {
        if (patch < 0) {
            throw new IllegalArgumentException("negative patch version " + patch);
        }
        return new GoVersion(major, minor, patch, Kind.NONE, 0);
    }

    /**
     * Parses a Go version or release name, with or without the {@code go} prefix.
     *
     * @param text the version, such as {@code 1.22.5}, {@code go1.22.5}, {@code 1.22} or {@code 1.21rc2};
     *     no surrounding white space
     * @return the version
     * @throws IllegalArgumentException if {@code text} is not a version; the message quotes it
     */
    public static GoVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.startsWith("go") ? text.substring(2) : text;
        int[] pos = {0};
        int major = number(text, s, pos);
        if (pos[0] == s.length()) {
            return new GoVersion(major, 0, 0, Kind.NONE, 0);
        }
        expect(text, s, pos, '.');
        int minor = number(text, s, pos);
        int patch = NO_PATCH;
        if (pos[0] < s.length() && s.charAt(pos[0]) == '.') {
            pos[0]++;
            patch = number(text, s, pos);
        }
        if (pos[0] == s.length()) {
            return new GoVersion(major, minor, patch, Kind.NONE, 0);
        }
        int kindStart = pos[0];
        while (pos[0] < s.length() && s.charAt(pos[0]) >= 'a' && s.charAt(pos[0]) <= 'z') {
            pos[0]++;
        }
        String label = s.substring(kindStart, pos[0]);
        Kind kind = kindOf(text, label);
        if (pos[0] == s.length()) {
            throw invalid(text, "pre-release \"" + label + "\" needs a number, as in " + label + "1");
        }
        int pre = number(text, s, pos);
        if (pos[0] != s.length()) {
            throw invalid(text, null);
        }
        return new GoVersion(major, minor, patch, kind, pre);
    }

    /**
     * Reads the version of a toolchain as its {@code VERSION} file or {@code go version} reports it,
     * as Go's {@code go/version} package does: the {@code go} prefix is required, a vendor suffix
     * after {@code -} ({@code go1.21.0-bigcorp}) and anything after white space (the
     * {@code X:boringcrypto} experiments of {@code go1.22.5 X:boringcrypto}) are ignored.
     *
     * @param toolchain such as {@code go1.22.5}, {@code go1.21.0-bigcorp}, {@code go1.22.5 X:boringcrypto}
     * @return the version; empty when the text names none that {@link #parse(String)} accepts once
     *     the suffix is gone (development builds such as {@code devel go1.23-0a1b2c3}, a missing
     *     {@code go} prefix, pre-release words other than alpha, beta and rc)
     */
    public static Optional<GoVersion> fromToolchain(String toolchain) {
        Objects.requireNonNull(toolchain, "toolchain");
        String[] words = toolchain.strip().split("\\s+", 2);
        String bare = Gover.stripGo(words[0]);
        try {
            return bare.isEmpty() ? Optional.empty() : Optional.of(parse(bare));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Compares two Go version strings exactly as Go's {@code go/version.Compare} does, for names
     * this type cannot hold: {@code go1.20} equals {@code go1.20.0-bigcorp}, {@code go1.21} is older
     * than {@code go1.21.0-bigcorp}, numbers may have any size, and malformed names (such as those
     * without the {@code go} prefix) compare equal to each other and older than every valid one.
     *
     * @param x a version such as {@code go1.21rc1}
     * @param y another
     * @return -1, 0 or +1 as {@code x} is older than, the same as or newer than {@code y}
     */
    public static int compare(String x, String y) {
        return Gover.compare(Gover.stripGo(Objects.requireNonNull(x, "x")), Gover.stripGo(Objects.requireNonNull(y, "y")));
    }

    /**
     * Returns the language version of a Go version string, as Go's {@code go/version.Lang} does.
     *
     * @param x a version such as {@code go1.2.3}, {@code go1.21rc2} or {@code go1.21.0-bigcorp}
     * @return such as {@code go1.2}, {@code go1.21}, {@code go222.0} for {@code go222}; empty when
     *     {@code x} is not valid ({@link #isValid(String)})
     */
    public static Optional<String> lang(String x) {
        Objects.requireNonNull(x, "x");
        String v = Gover.lang(Gover.stripGo(x));
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(x.substring(2).startsWith(v) ? x.substring(0, 2 + v.length()) : "go" + v);
    }

    /**
     * Tells whether a string is a valid Go version as Go's {@code go/version.IsValid} does: it needs
     * the {@code go} prefix, may carry a {@code -suffix}, and accepts any lower-case pre-release word.
     *
     * @param x a version such as {@code go1.21.0} or {@code go1.999testmod}
     * @return true when Go accepts it
     */
    public static boolean isValid(String x) {
        return Gover.isValid(Gover.stripGo(Objects.requireNonNull(x, "x")));
    }

    private static Kind kindOf(String text, String label) {
        for (Kind k : Kind.values()) {
            if (k != Kind.NONE && k.label.equals(label)) {
                return k;
            }
        }
        if (label.isEmpty()) {
            throw invalid(text, null);
        }
        throw invalid(text, "unknown pre-release kind \"" + label + "\", use alpha, beta or rc");
    }

    private static int number(String text, String s, int[] pos) {
        int start = pos[0];
        while (pos[0] < s.length() && s.charAt(pos[0]) >= '0' && s.charAt(pos[0]) <= '9') {
            pos[0]++;
        }
        String digits = s.substring(start, pos[0]);
        if (digits.isEmpty()) {
            throw invalid(text, null);
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw invalid(text, "leading zero in \"" + digits + "\"");
        }
        if (digits.length() > 9) {
            throw invalid(text, "number \"" + digits + "\" is too large");
        }
        return Integer.parseInt(digits);
    }

    private static void expect(String text, String s, int[] pos, char c) {
        if (pos[0] >= s.length() || s.charAt(pos[0]) != c) {
            throw invalid(text, null);
        }
        pos[0]++;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("not a Go version: \"" + text + "\" ("
                + (reason == null ? "" : reason + "; ") + EXPECTED + ")");
    }

    /**
     * Tells whether this is an alpha, beta or release candidate.
     *
     * @return true for versions such as {@code go1.23rc1}
     */
    public boolean isPrerelease() {
        return kind != Kind.NONE;
    }

    /**
     * Tells whether this version has a patch number.
     *
     * @return false for language versions such as {@code go1.22} and pre-releases such as {@code go1.23rc1}
     */
    public boolean hasPatch() {
        return patch != NO_PATCH;
    }

    /**
     * Tells whether this is a language version from Go 1.21 on, such as {@code go1.22}: a version that
     * names a minor line rather than a release, and that no download exists for.
     *
     * @return true when there is neither a patch number nor a pre-release (Go 1.21 and later only;
     *     {@code go1.20} is a release)
     */
    public boolean isLanguageVersion() {
        return patch == NO_PATCH && kind == Kind.NONE;
    }

    /**
     * Returns the language version of this version's minor line, as Go's {@code gover.Lang} does.
     *
     * @return {@code go1.22} for {@code go1.22.5} and {@code go1.22rc1}; {@code go1.20} for
     *     {@code go1.20.14}; {@code go1} for {@code go1.0.3}. Two versions are on the same minor line
     *     exactly when their language versions are equal, so this is the key to group releases by.
     */
    public GoVersion language() {
        return new GoVersion(major, minor, NO_PATCH, Kind.NONE, 0);
    }

    /**
     * Tells whether this version and another are on the same minor line (same major and minor).
     *
     * @param other the version to compare with
     * @return true for {@code go1.22rc1} and {@code go1.22.5}; false for {@code go1.22.5} and {@code go1.23.0}
     */
    public boolean sameLanguage(GoVersion other) {
        return major == other.major && minor == other.minor;
    }

    /**
     * Compares two versions in Go's order (see the type's documentation).
     *
     * @param other the version to compare with
     * @return negative, zero or positive as this version is older than, the same as or newer than {@code other}
     */
    @Override
    public int compareTo(GoVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            // NO_PATCH is -1, so an absent patch sorts before every number, as in Go.
            c = Integer.compare(patch, other.patch);
        }
        if (c == 0) {
            c = Integer.compare(kindRank(), other.kindRank());
        }
        if (c == 0) {
            c = Integer.compare(pre, other.pre);
        }
        return c;
    }

    private int kindRank() {
        // Go puts "" before the kinds (1.21 < 1.21rc1); for the pre-release of a patch release, which
        // Go does not parse, the release must come after its release candidates (1.9.2rc2 < 1.9.2).
        if (kind == Kind.NONE && hasPatch()) {
            return Kind.values().length;
        }
        return kind.ordinal();
    }

    /**
     * Returns the canonical release name.
     *
     * @return the name as go.dev spells it: {@code go1}, {@code go1.20}, {@code go1.21.0},
     *     {@code go1.22.5}, {@code go1.9.2rc2}, {@code go1.23rc1}, or {@code go1.22} for a language version
     */
    @Override
    public String toString() {
        return "go" + bare();
    }

    /** The canonical name without the {@code go} prefix, for version specs. */
    String bare() {
        if (minor == 0 && patch == 0 && kind == Kind.NONE) {
            return Integer.toString(major);
        }
        StringBuilder b = new StringBuilder().append(major).append('.').append(minor);
        // Before Go 1.21 the x.y.0 release is named without ".0" (go1.20, not go1.20.0).
        boolean impliedPatch = patch == 0 && minor < 21 && kind == Kind.NONE;
        if (hasPatch() && !impliedPatch) {
            b.append('.').append(patch);
        }
        return b.append(kind.label()).append(kind == Kind.NONE ? "" : Integer.toString(pre)).toString();
    }

    /** The name with every number written out (1.20.0, 1.0.0), so that no reader takes it for a line. */
    String explicit() {
        StringBuilder b = new StringBuilder().append(major).append('.').append(minor);
        if (hasPatch()) {
            b.append('.').append(patch);
        }
        return b.append(kind.label()).append(kind == Kind.NONE ? "" : Integer.toString(pre)).toString();
    }
}
