package dev.gosetup.core.internal;

import dev.gosetup.api.EnvironmentSettings;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The comment line by which a store whose content gosetup renders (a shell profile's block, fish's
 * file, environment.d's file) remembers the settings it was rendered from, so that
 * {@link dev.gosetup.api.spi.EnvironmentStore#held} can give them back exactly:
 *
 * <pre>
 * # gosetup-settings: 1 BASE64
 * </pre>
 *
 * <p>{@code BASE64} is the standard Base64 encoding, with padding, of a UTF-8 text of lines each
 * ending in {@code \n}: {@code v NAME=VALUE} per variable in name order, then {@code p DIR} per
 * {@code PATH} entry in order. No value, directory or name holds a line break (settings refuse
 * them) and no name holds {@code =}, so the text is unambiguous; the line holds no character that
 * needs quoting in any shell comment or systemd env file.
 *
 * <p>Decoding is strict: a line that is not exactly what {@link #line} makes for some settings
 * (other characters, non-canonical Base64, invalid UTF-8, an unknown record, a repeated name) is
 * damaged. A store also renders the decoded settings again and compares them with what its target
 * holds, so that a line that no longer matches hand-edited content is never taken for the truth.
 */
public final class HeldSettings {
    /** What the line starts with. */
    public static final String PREFIX = "# gosetup-settings: ";
    private static final String VERSION = "1 ";
    private static final System.Logger LOG = System.getLogger(HeldSettings.class.getName());

    private HeldSettings() {
    }

    /**
     * The line for the settings, without a line ending.
     *
     * @param settings the settings; not {@link EnvironmentSettings#NONE} (nothing is rendered then)
     * @return {@code # gosetup-settings: 1 BASE64}
     */
    public static String line(EnvironmentSettings settings) {
        StringBuilder text = new StringBuilder();
        settings.variables().forEach((k, v) -> text.append("v ").append(k).append('=').append(v).append('\n'));
        settings.pathPrepend().forEach(d -> text.append("p ").append(d).append('\n'));
        return PREFIX + VERSION + Base64.getEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a line {@link #line} made.
     *
     * @param line the line, without its line ending (a trailing {@code \r} is allowed)
     * @return the settings, or empty when the line is not exactly one {@link #line} makes
     */
    public static Optional<EnvironmentSettings> parse(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (!text.startsWith(PREFIX + VERSION)) {
            return Optional.empty();
        }
        String encoded = text.substring(PREFIX.length() + VERSION.length());
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            if (!Base64.getEncoder().encodeToString(bytes).equals(encoded)) {
                return Optional.empty(); // not canonical: not what gosetup wrote
            }
            String payload = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            if (payload.isEmpty() || !payload.endsWith("\n")) {
                return Optional.empty();
            }
            Map<String, String> variables = new LinkedHashMap<>();
            List<String> path = new ArrayList<>();
            for (String record : payload.substring(0, payload.length() - 1).split("\n", -1)) {
                if (record.startsWith("v ") && record.indexOf('=') > 2 && path.isEmpty()) {
                    int eq = record.indexOf('=');
                    if (variables.put(record.substring(2, eq), record.substring(eq + 1)) != null) {
                        return Optional.empty();
                    }
                } else if (record.startsWith("p ")) {
                    path.add(record.substring(2));
                } else {
                    return Optional.empty();
                }
            }
            EnvironmentSettings settings = new EnvironmentSettings(variables, path);
            return line(settings).equals(text) ? Optional.of(settings) : Optional.empty();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Finds the settings line in rendered content and checks the content against them.
     *
     * @param content what the target holds, as text with {@code \n} line endings
     * @param render what the store would render for given settings
     * @param where the target, for the warning
     * @return the settings, or {@link EnvironmentSettings#NONE} with a logged warning when the
     *     line is missing or damaged, or the content is not what the store renders for it
     */
    public static EnvironmentSettings check(String content, Function<EnvironmentSettings, String> render, String where) {
        Optional<EnvironmentSettings> found = Optional.empty();
        boolean seen = false;
        for (String l : content.split("\n", -1)) {
            if (l.startsWith(PREFIX)) {
                if (seen) {
                    return warn(where, "it holds two \"" + PREFIX.strip() + "\" lines");
                }
                seen = true;
                found = parse(l);
            }
        }
        if (!seen) {
            return warn(where, "it has no \"" + PREFIX.strip() + "\" line (written by an older gosetup?)");
        }
        if (found.isEmpty()) {
            return warn(where, "its \"" + PREFIX.strip() + "\" line is damaged");
        }
        String expected;
        try {
            expected = render.apply(found.get());
        } catch (RuntimeException e) {
            return warn(where, "its \"" + PREFIX.strip() + "\" line holds settings gosetup would not write ("
                    + e.getMessage() + ")");
        }
        if (!expected.equals(content)) {
            return warn(where, "its content was edited after gosetup wrote it");
        }
        return found.get();
    }

    private static EnvironmentSettings warn(String where, String why) {
        LOG.log(System.Logger.Level.DEBUG, "cannot tell which settings gosetup wrote to " + where + ": " + why
                + "; taking it to hold none. Apply the settings again (gosetup env apply) to rewrite it.");
        return EnvironmentSettings.NONE;
    }
}
