package dev.gosetup.core.internal;

import java.util.Locale;

/**
 * The one escaping rule for text that came from outside (a download index, a mirror, HTTP headers,
 * archive entry names, checklist files, plugin messages) before a person sees it: on a terminal, in
 * a log line, in a text, JSON or JUnit report. Control characters (C0, DEL, C1: ESC sequences that
 * clear the screen, set the window title or colour the terminal; NUL; BEL; line breaks that forge
 * lines), invisible format characters (bidirectional overrides) and lone surrogates become
 * {@code \}{@code uXXXX}; a backslash stays as it is. Stateless and thread-safe.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * Escapes every character of {@code text} that could act on a terminal or forge a line.
     *
     * @param text any text; not null
     * @return the text with those characters written as {@code \}{@code uXXXX}; the same string when
     *         there is nothing to escape
     */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                if (Character.getType(cp) == Character.FORMAT) {
                    out.append(String.format(Locale.ROOT, "\\u%04x\\u%04x", (int) c, (int) text.charAt(i + 1)));
                } else {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (unsafe(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Like {@link #escape(String)}, but line breaks and tabs become single spaces first: for text
     * shown inside one line of a report.
     *
     * @param text any text; not null
     * @return one escaped line
     */
    public static String line(String text) {
        return escape(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c) || Character.isHighSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Tells whether {@link #escape(String)} writes this character as {@code \}{@code uXXXX} (for
     * formats with escapes of their own, such as XML, that must agree with it).
     *
     * @param c a UTF-16 unit
     * @return true for control, format and surrogate characters
     */
    public static boolean unsafe(char c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c);
    }
}
