package dev.gosetup.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a user asks for when they name a Go version: an exact release, the newest release of a line,
 * {@code latest}, {@code oldstable} or a range; and the pure function that picks the release it means
 * from a release index.
 *
 * <p>{@link #parse(String)} accepts:
 * <ul>
 *   <li>an exact release: {@code 1.22.5}, {@code go1.22.5}, {@code 1.20.0}, {@code 1.23rc1} (a
 *       version with a patch number or a pre-release suffix) → {@link Exact};</li>
 *   <li>a line: {@code 1.22}, {@code go1.22}, {@code 1.22.x}, {@code 1.x}, {@code 1} → {@link Line},
 *       the newest stable release of that line; {@code go1.20} is a line too, to which the release
 *       {@code go1.20} belongs (write {@code 1.20.0} for that release alone);</li>
 *   <li>{@code latest} or {@code stable} → {@link Latest}; {@code oldstable} → {@link OldStable};</li>
 *   <li>a range → {@link Range}: terms {@code >=1.21}, {@code >1.21.3}, {@code <=1.22.5}, {@code <1.23},
 *       {@code =1.22.5}, {@code ^1.21}, {@code ~1.22.3}, separated by spaces or commas (all must hold),
 *       alternatives separated by {@code ||}, compared in {@link GoVersion} order.</li>
 * </ul>
 * Any form but the exact one considers only releases the index marks stable, unless it is preceded by
 * {@code pre:} ({@code pre:1.23}, {@code pre:latest}, {@code pre:>=1.23rc1}) or
 * {@link #withPrereleases()} was called. An exact pre-release is always allowed: it is asked for by name.
 *
 * <p>{@link #toString()} gives a normalized spelling that {@link #parse(String)} turns back into an
 * equal spec. All implementations are immutable and thread-safe.
 */
public sealed interface VersionSpec
        permits VersionSpec.Exact, VersionSpec.Line, VersionSpec.Latest, VersionSpec.OldStable, VersionSpec.Range {

    /** The prefix that lets a spec other than an exact one choose pre-releases. */
    String PRERELEASE_PREFIX = "pre:";

    /**
     * Parses a version spec.
     *
     * @param text the spec, such as {@code 1.22.5}, {@code 1.22}, {@code latest}, {@code >=1.21 <1.23}
     *     or {@code pre:1.23}; surrounding white space is ignored
     * @return the spec
     * @throws InvalidConfigurationException if {@code text} is none of the accepted forms; the message
     *     quotes it and lists the forms
     */
    static VersionSpec parse(String text) {
        try {
            return Specs.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage(),
                    List.of("write a version such as 1.22.5, 1.22 (newest 1.22.x), latest, oldstable or '>=1.21 <1.23'"),
                    e);
        }
    }

    /**
     * Returns the spec for the newest stable release.
     *
     * @return {@code latest}
     */
    static VersionSpec latest() {
        return new Latest(false);
    }

    /**
     * Tells whether this spec may pick a release the index does not mark stable.
     *
     * @return true for specs made with {@code pre:} or {@link #withPrereleases()}, and for exact
     *     pre-releases
     */
    boolean allowsPrereleases();

    /**
     * Returns the same spec, but allowed to pick pre-releases and other releases the index does not
     * mark stable.
     *
     * @return the new spec; an {@link Exact} spec returns itself, since it takes its release whatever
     *     the index says about its stability
     */
    VersionSpec withPrereleases();

    /**
     * Picks the release this spec means from an index; pure, no I/O.
     *
     * @param releases the releases of the index, in any order
     * @return the newest release that satisfies the spec, or empty when none does
     */
    Optional<Release> resolve(List<Release> releases);

    /**
     * Returns the spec in a normalized spelling that {@link #parse(String)} accepts.
     *
     * @return such as {@code 1.22.5}, {@code 1.22}, {@code latest} or {@code pre:>=1.21 <1.23}
     */
    @Override
    String toString();

    /**
     * Exactly one release, such as {@code go1.22.5} or {@code go1.23rc1}, stable or not.
     *
     * @param version the release; not a language version such as {@code go1.22}, which no release carries
     */
    record Exact(GoVersion version) implements VersionSpec {

        /**
         * Validates that the version can name a release.
         *
         * @param version the release
         * @throws IllegalArgumentException if {@code version} is a language version
         */
        public Exact {
            Objects.requireNonNull(version, "version");
            if (version.isLanguageVersion()) {
                throw new IllegalArgumentException(version + " is a language version, not a release; ask for "
                        + version.bare() + " (its newest stable release) or an exact release such as "
                        + version.bare() + ".0");
            }
        }

        /**
         * Tells whether the release asked for is a pre-release.
         *
         * @return {@code version().isPrerelease()}
         */
        @Override
        public boolean allowsPrereleases() {
            return version.isPrerelease();
        }

        /**
         * Returns this spec: an exact release is taken whatever its stability.
         *
         * @return this
         */
        @Override
        public VersionSpec withPrereleases() {
            return this;
        }

        /**
         * Finds the release with exactly this version.
         *
         * @param releases the releases of the index, in any order
         * @return the release, whether or not the index marks it stable; empty if it is not listed
         */
        @Override
        public Optional<Release> resolve(List<Release> releases) {
            return releases.stream().filter(r -> r.version().equals(version)).findFirst();
        }

        /**
         * Returns the version with every number written out.
         *
         * @return such as {@code 1.22.5}, {@code 1.20.0} or {@code 1.23rc1}
         */
        @Override
        public String toString() {
            return version.explicit();
        }
    }

    /**
     * The newest release of a minor line ({@code 1.22}, {@code 1.22.x}) or of a major line ({@code 1.x}).
     *
     * @param major the major version
     * @param minor the minor version, or {@link #ANY_MINOR} for the whole major line
     * @param prereleases whether releases the index does not mark stable count
     */
    record Line(int major, int minor, boolean prereleases) implements VersionSpec {

        /** The value of {@link #minor()} for a whole major line, such as {@code 1.x}. */
        public static final int ANY_MINOR = -1;

        /**
         * Validates the numbers.
         *
         * @param major the major version
         * @param minor the minor version or {@link #ANY_MINOR}
         * @param prereleases whether unstable releases count
         * @throws IllegalArgumentException if {@code major} is negative or {@code minor} is below {@link #ANY_MINOR}
         */
        public Line {
            if (major < 0 || minor < ANY_MINOR) {
                throw new IllegalArgumentException("not a Go version line: " + major + "." + minor);
            }
        }

        /**
         * Tells whether this spec may pick releases the index does not mark stable.
         *
         * @return {@link #prereleases()}
         */
        @Override
        public boolean allowsPrereleases() {
            return prereleases;
        }

        /**
         * Returns the same line, pre-releases allowed.
         *
         * @return the new spec
         */
        @Override
        public VersionSpec withPrereleases() {
            return new Line(major, minor, true);
        }

        /**
         * Finds the newest release of the line.
         *
         * @param releases the releases of the index, in any order
         * @return the newest (stable, unless allowed otherwise) release of the line, or empty
         */
        @Override
        public Optional<Release> resolve(List<Release> releases) {
            return Specs.newest(releases, prereleases,
                    v -> v.major() == major && (minor == ANY_MINOR || v.minor() == minor));
        }

        /**
         * Returns the line as {@code 1.22} or {@code 1.x}, with {@code pre:} when pre-releases are allowed.
         *
         * @return the normalized spec
         */
        @Override
        public String toString() {
            return (prereleases ? PRERELEASE_PREFIX : "") + major + "." + (minor == ANY_MINOR ? "x" : minor);
        }
    }

    /**
     * The newest release: {@code latest} (also spelled {@code stable}).
     *
     * @param prereleases whether releases the index does not mark stable count
     */
    record Latest(boolean prereleases) implements VersionSpec {

        /**
         * Tells whether this spec may pick releases the index does not mark stable.
         *
         * @return {@link #prereleases()}
         */
        @Override
        public boolean allowsPrereleases() {
            return prereleases;
        }

        /**
         * Returns the spec for the newest release of all, pre-releases included.
         *
         * @return the new spec
         */
        @Override
        public VersionSpec withPrereleases() {
            return new Latest(true);
        }

        /**
         * Finds the newest release.
         *
         * @param releases the releases of the index, in any order
         * @return the newest stable release (or newest of all when pre-releases are allowed), or empty
         */
        @Override
        public Optional<Release> resolve(List<Release> releases) {
            return Specs.newest(releases, prereleases, v -> true);
        }

        /**
         * Returns {@code latest} or {@code pre:latest}.
         *
         * @return the normalized spec
         */
        @Override
        public String toString() {
            return (prereleases ? PRERELEASE_PREFIX : "") + "latest";
        }
    }

    /**
     * The newest release of the minor line before the newest stable release's line: {@code oldstable}.
     * When go1.23.4 is the newest stable release, that is the newest go1.22.x.
     *
     * @param prereleases whether releases the index does not mark stable count when choosing within the
     *     older lines; the newest line is always that of the newest stable release
     */
    record OldStable(boolean prereleases) implements VersionSpec {

        /**
         * Tells whether this spec may pick releases the index does not mark stable.
         *
         * @return {@link #prereleases()}
         */
        @Override
        public boolean allowsPrereleases() {
            return prereleases;
        }

        /**
         * Returns the same spec, pre-releases allowed.
         *
         * @return the new spec
         */
        @Override
        public VersionSpec withPrereleases() {
            return new OldStable(true);
        }

        /**
         * Finds the newest release older than the newest stable release's minor line.
         *
         * @param releases the releases of the index, in any order
         * @return the release, or empty when the index has no stable release or no older line
         */
        @Override
        public Optional<Release> resolve(List<Release> releases) {
            Optional<Release> newestStable = Specs.newest(releases, false, v -> true);
            if (newestStable.isEmpty()) {
                return Optional.empty();
            }
            GoVersion line = newestStable.get().version().language();
            return Specs.newest(releases, prereleases, v -> v.language().compareTo(line) < 0);
        }

        /**
         * Returns {@code oldstable} or {@code pre:oldstable}.
         *
         * @return the normalized spec
         */
        @Override
        public String toString() {
            return (prereleases ? PRERELEASE_PREFIX : "") + "oldstable";
        }
    }

    /**
     * A range: one or more alternatives, each a list of constraints that must all hold.
     *
     * @param alternatives the alternatives ({@code ||}), none empty, at least one
     * @param prereleases whether releases the index does not mark stable count
     */
    record Range(List<List<Constraint>> alternatives, boolean prereleases) implements VersionSpec {

        /**
         * Validates and copies the alternatives.
         *
         * @param alternatives the alternatives
         * @param prereleases whether unstable releases count
         * @throws IllegalArgumentException if there is no alternative or an alternative has no constraint
         */
        public Range {
            alternatives = alternatives.stream().map(List::copyOf).collect(Collectors.toUnmodifiableList());
            if (alternatives.isEmpty() || alternatives.stream().anyMatch(List::isEmpty)) {
                throw new IllegalArgumentException("a version range needs at least one constraint in each alternative");
            }
        }

        /**
         * Tells whether a version satisfies the range, regardless of stability.
         *
         * @param version the version to test
         * @return true when every constraint of at least one alternative holds
         */
        public boolean contains(GoVersion version) {
            return alternatives.stream().anyMatch(alt -> alt.stream().allMatch(c -> c.test(version)));
        }

        /**
         * Tells whether this spec may pick releases the index does not mark stable.
         *
         * @return {@link #prereleases()}
         */
        @Override
        public boolean allowsPrereleases() {
            return prereleases;
        }

        /**
         * Returns the same range, pre-releases allowed.
         *
         * @return the new spec
         */
        @Override
        public VersionSpec withPrereleases() {
            return new Range(alternatives, true);
        }

        /**
         * Finds the newest release in the range.
         *
         * @param releases the releases of the index, in any order
         * @return the newest (stable, unless allowed otherwise) release the range contains, or empty
         */
        @Override
        public Optional<Release> resolve(List<Release> releases) {
            return Specs.newest(releases, prereleases, this::contains);
        }

        /**
         * Returns the range as constraints separated by spaces and alternatives by {@code " || "}.
         *
         * @return such as {@code >=1.21 <1.23 || ^1.24.0}, with {@code pre:} when pre-releases are allowed
         */
        @Override
        public String toString() {
            return (prereleases ? PRERELEASE_PREFIX : "") + alternatives.stream()
                    .map(alt -> alt.stream().map(Constraint::toString).collect(Collectors.joining(" ")))
                    .collect(Collectors.joining(" || "));
        }
    }

    /**
     * One term of a range, such as {@code >=1.21} or {@code ~1.22.3}.
     *
     * <p>{@code ^v} holds for versions at or above {@code v} with the same major version, {@code ~v} for
     * versions at or above {@code v} on the same minor line. A language version as their bound means its
     * {@code .0} release ({@code ^1.21} is {@code ^1.21.0}), and they are stored that way.
     *
     * @param operator the comparison
     * @param version the version compared with
     */
    record Constraint(Operator operator, GoVersion version) {

        /**
         * Validates the constraint and normalizes the bound of {@code ^} and {@code ~}.
         *
         * @param operator the comparison
         * @param version the version compared with
         */
        public Constraint {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(version, "version");
            if ((operator == Operator.CARET || operator == Operator.TILDE) && version.isLanguageVersion()) {
                version = GoVersion.of(version.major(), version.minor(), 0);
            }
        }

        /**
         * Tells whether a version satisfies this constraint.
         *
         * @param candidate the version to test
         * @return the result of the comparison in {@link GoVersion} order
         */
        public boolean test(GoVersion candidate) {
            int c = candidate.compareTo(version);
            switch (operator) {
                case EQ:
                    return c == 0;
                case LT:
                    return c < 0;
                case LE:
                    return c <= 0;
                case GT:
                    return c > 0;
                case GE:
                    return c >= 0;
                case CARET:
                    // "Same major" rather than "< next major": 2.0rc1 sorts below 2.0.0 yet is not a 1.x.
                    return c >= 0 && candidate.major() == version.major();
                case TILDE:
                    return c >= 0 && candidate.sameLanguage(version);
                default:
                    throw new AssertionError(operator);
            }
        }

        /**
         * Returns the constraint as written in a spec.
         *
         * @return such as {@code >=1.21} or {@code ^1.21.0}
         */
        @Override
        public String toString() {
            return operator.symbol() + version.bare();
        }
    }

    /**
     * The comparison of a range {@link Constraint}.
     */
    enum Operator {
        /** {@code =}: the same version. */
        EQ("="),
        /** {@code <}: older. */
        LT("<"),
        /** {@code <=}: older or the same. */
        LE("<="),
        /** {@code >}: newer. */
        GT(">"),
        /** {@code >=}: newer or the same. */
        GE(">="),
        /** {@code ^}: the same or newer, with the same major version. */
        CARET("^"),
        /** {@code ~}: the same or newer, on the same minor line. */
        TILDE("~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /**
         * Returns how the operator is written.
         *
         * @return such as {@code ">="}
         */
        public String symbol() {
            return symbol;
        }
    }
}

/** Parsing and selection shared by the {@link VersionSpec} forms; not API. */
final class Specs {

    private static final String FORMS = "accepted forms: 1.22.5, go1.22.5, 1.23rc1 (exact release);"
            + " 1.22, 1.22.x, 1.x (newest stable of a line); latest, stable, oldstable;"
            + " ranges like \">=1.21 <1.23\", \"^1.21\", \"~1.22.3\", alternatives joined by \"||\";"
            + " prefix \"pre:\" to allow pre-releases, as in \"pre:1.23\"";

    // Longest first, so that ">=" is not read as ">" followed by "=".
    private static final List<VersionSpec.Operator> OPERATORS = List.of(VersionSpec.Operator.GE,
            VersionSpec.Operator.LE, VersionSpec.Operator.GT, VersionSpec.Operator.LT, VersionSpec.Operator.EQ,
            VersionSpec.Operator.CARET, VersionSpec.Operator.TILDE);

    private Specs() {
    }

    static Optional<Release> newest(List<Release> releases, boolean prereleases, Predicate<GoVersion> test) {
        return releases.stream()
                .filter(r -> (prereleases || r.stable()) && test.test(r.version()))
                .max(Comparator.comparing(Release::version));
    }

    static VersionSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        boolean prereleases = false;
        if (s.startsWith(VersionSpec.PRERELEASE_PREFIX)) {
            prereleases = true;
            s = s.substring(VersionSpec.PRERELEASE_PREFIX.length()).strip();
        }
        if (s.isEmpty()) {
            throw invalid(text, "empty");
        }
        switch (s) {
            case "latest":
            case "stable":
                return new VersionSpec.Latest(prereleases);
            case "oldstable":
                return new VersionSpec.OldStable(prereleases);
            default:
                break;
        }
        if (containsAny(s, "<>=^~|,", true)) {
            return parseRange(text, s, prereleases);
        }
        String bare = s.startsWith("go") ? s.substring(2) : s;
        boolean wildcard = bare.endsWith(".x");
        if (wildcard) {
            bare = bare.substring(0, bare.length() - 2);
        }
        if (wildcard || digitsAndDots(bare) && dots(bare) <= 1) {
            GoVersion v = version(text, bare);
            if (v.isPrerelease() || dots(bare) > 1) {
                throw invalid(text, "\".x\" can follow only a major or major.minor version");
            }
            return new VersionSpec.Line(v.major(), dots(bare) == 0 ? VersionSpec.Line.ANY_MINOR : v.minor(),
                    prereleases);
        }
        return new VersionSpec.Exact(version(text, s));
    }

    private static VersionSpec parseRange(String text, String s, boolean prereleases) {
        List<List<VersionSpec.Constraint>> alternatives = new ArrayList<>();
        for (String alternative : s.split("\\|\\|", -1)) {
            List<VersionSpec.Constraint> constraints = new ArrayList<>();
            String a = alternative.replace(',', ' ').strip();
            int i = 0;
            while (i < a.length()) {
                VersionSpec.Operator op = null;
                for (VersionSpec.Operator candidate : OPERATORS) {
                    if (a.startsWith(candidate.symbol(), i)) {
                        op = candidate;
                        break;
                    }
                }
                int termStart = i;
                if (op == null) {
                    int end = tokenEnd(a, i);
                    throw invalid(text, "range term \"" + a.substring(i, end)
                            + "\" needs an operator (>=, >, <=, <, =, ^ or ~)");
                }
                i += op.symbol().length();
                while (i < a.length() && Character.isWhitespace(a.charAt(i))) {
                    i++;
                }
                int end = tokenEnd(a, i);
                if (end == i) {
                    throw invalid(text, "operator \"" + op.symbol() + "\" needs a version after it");
                }
                String term = a.substring(i, end);
                if (containsAny(term, "<>=^~|", false)) {
                    throw invalid(text, "malformed range term \"" + a.substring(termStart, end) + "\"");
                }
                constraints.add(new VersionSpec.Constraint(op, version(text, term)));
                i = end;
                while (i < a.length() && Character.isWhitespace(a.charAt(i))) {
                    i++;
                }
            }
            if (constraints.isEmpty()) {
                throw invalid(text, "empty alternative in a range");
            }
            alternatives.add(constraints);
        }
        return new VersionSpec.Range(alternatives, prereleases);
    }

    private static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    // Plain loops, not chars() streams: parse is on every command's and HermeticGo's first call, where a
    // stream pipeline and its lambdas cost milliseconds of class loading.
    private static int dots(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == '.' ? 1 : 0;
        }
        return n;
    }

    private static boolean digitsAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(String s, String chars, boolean orWhitespace) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (chars.indexOf(c) >= 0 || orWhitespace && Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    private static GoVersion version(String text, String version) {
        try {
            return GoVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("not a Go version spec: \"" + text + "\" (" + reason + "; " + FORMS + ")");
    }
}
