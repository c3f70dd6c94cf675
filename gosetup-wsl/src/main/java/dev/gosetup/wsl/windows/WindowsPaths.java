package dev.gosetup.wsl.windows;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Windows' rules for environment strings and PATH entries, as pure functions. */
final class WindowsPaths {
    private WindowsPaths() {
    }

    /**
     * Expands {@code %NAME%} the way {@code ExpandEnvironmentStrings} does: names ignore case, an
     * unknown name or a lone {@code %} stays as written.
     */
    static String expand(String value, Map<String, String> environment) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(environment);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int open = value.indexOf('%', i);
            int close = open < 0 ? -1 : value.indexOf('%', open + 1);
            if (close < 0) {
                out.append(value, i, value.length());
                break;
            }
            String name = value.substring(open + 1, close);
            String found = name.isEmpty() ? null : env.get(name);
            if (found != null) {
                out.append(value, i, open).append(found);
                i = close + 1;
            } else {
                out.append(value, i, close); // "%" and the text up to the next "%", which may open a name
                i = close;
            }
        }
        return out.toString();
    }

    /** True when the value refers to a variable as {@code %NAME%}: what makes a value REG_EXPAND_SZ. */
    static boolean hasReference(String value) {
        return value.matches("(?s).*%[^%;\\\\/\\s]+%.*");
    }

    /**
     * The form in which two PATH entries are the same directory to Windows: expanded, without
     * trailing backslashes or slashes, ignoring case.
     */
    static String sameDirectoryKey(String entry, Map<String, String> environment) {
        String e = expand(entry.strip(), environment);
        int end = e.length();
        while (end > 0 && (e.charAt(end - 1) == '\\' || e.charAt(end - 1) == '/') && !(end == 3 && e.charAt(1) == ':')) {
            end--;
        }
        return e.substring(0, end).replace('/', '\\').toUpperCase(Locale.ROOT);
    }
}
