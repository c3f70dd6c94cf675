package dev.gosetup.core.proxy;

import dev.gosetup.api.InvalidConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A comma-separated list of module path patterns, as {@code GOPRIVATE}, {@code GONOPROXY},
 * {@code GONOSUMDB} and {@code GOINSECURE} hold them, matched exactly as the go command's
 * {@code module.MatchPrefixPatterns} matches: each pattern (a trailing {@code /} dropped) is
 * compared with Go's {@code path.Match} against as many leading elements of the module path as
 * the pattern has, so {@code example.com/team} matches {@code example.com/team/lib} but not
 * {@code example.com/teamwork}, and {@code *.corp.example.com} matches
 * {@code git.corp.example.com/x/y}.
 *
 * <p>Go silently ignores a malformed pattern (it never matches); {@link #parse} refuses it, and
 * also refuses a pattern with spaces, which Go would keep as part of the pattern (so
 * {@code " example.com"} never matches anything).
 *
 * @param variable the variable the value came from, for messages, e.g. {@code GOPRIVATE}
 * @param value the value as given
 * @param patterns the non-empty patterns, in order
 */
public record ModulePatterns(String variable, String value, List<String> patterns) {

    /** Copies the components. */
    public ModulePatterns {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        patterns = List.copyOf(patterns);
    }

    /**
     * Returns an empty list (matches nothing).
     *
     * @param variable the variable, for messages
     * @return the list
     */
    public static ModulePatterns none(String variable) {
        return new ModulePatterns(variable, "", List.of());
    }

    /**
     * Parses and checks a pattern list.
     *
     * @param variable the variable it came from, e.g. {@code GOPRIVATE}
     * @param value the comma-separated patterns; empty for none
     * @return the list
     * @throws InvalidConfigurationException naming the variable and the pattern that is malformed
     *     or holds spaces
     */
    public static ModulePatterns parse(String variable, String value) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        List<String> patterns = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String glob = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
            if (glob.isEmpty()) {
                continue;
            }
            if (!glob.strip().equals(glob) || glob.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidConfigurationException(variable + " pattern \"" + raw + "\" holds a space, which Go "
                        + "keeps as part of the pattern, so it never matches a module path (" + variable + "="
                        + value + ")", List.of("separate patterns with commas only: " + variable + "="
                        + String.join(",", value.replaceAll("\\s+", "").split(","))));
            }
            try {
                GoPathPattern.check(glob);
            } catch (GoPathPattern.BadPattern e) {
                throw new InvalidConfigurationException(variable + " pattern \"" + raw + "\" is malformed (Go's "
                        + "path.Match syntax: *, ?, [a-z], \\ to escape); the go command would ignore it (" + variable
                        + "=" + value + ")", List.of("close every [ with ], and end no pattern with \\"));
            }
            patterns.add(glob);
        }
        return new ModulePatterns(variable, value, patterns);
    }

    /**
     * Tells whether a module path matches one of the patterns, as {@code module.MatchPrefixPatterns} does.
     *
     * @param modulePath a module path, e.g. {@code git.corp.example.com/team/lib}
     * @return true when a pattern matches a leading part of it
     */
    public boolean matches(String modulePath) {
        return firstMatch(modulePath).isPresent();
    }

    /**
     * Returns the first pattern that matches a module path.
     *
     * @param modulePath a module path
     * @return the pattern, or empty when none matches
     */
    public java.util.Optional<String> firstMatch(String modulePath) {
        Objects.requireNonNull(modulePath, "modulePath");
        for (String glob : patterns) {
            int n = (int) glob.chars().filter(c -> c == '/').count();
            String prefix = modulePath;
            for (int i = 0; i < modulePath.length(); i++) {
                if (modulePath.charAt(i) == '/') {
                    if (n == 0) {
                        prefix = modulePath.substring(0, i);
                        break;
                    }
                    n--;
                }
            }
            if (n > 0) {
                continue;
            }
            try {
                if (GoPathPattern.match(glob, prefix)) {
                    return java.util.Optional.of(glob);
                }
            } catch (GoPathPattern.BadPattern e) {
                // parse refused it already; a record built by hand may hold one: Go ignores it too
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Tells whether the list has no patterns.
     *
     * @return true when it matches nothing
     */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }
}
