package dev.gosetup.api;

/**
 * Go's own version reading, ported from {@code go/version} and {@code internal/gover} (Go 1.22)
 * line by line, for strings that {@link GoVersion#parse(String)} refuses on purpose: numbers of any
 * size (compared as decimal strings), any lower-case pre-release word with or without a number
 * ({@code go1.999testmod}), vendor suffixes after {@code -} ({@code go1.21.0-bigcorp}), and
 * malformed input, which compares equal to other malformed input and below every valid version.
 */
final class Gover {
    /** A parsed version; all fields empty means malformed, as Go's zero {@code Version}. */
    private record Parts(String major, String minor, String patch, String kind, String pre) {
        static final Parts INVALID = new Parts("", "", "", "", "");
    }

    private Gover() {
    }

    /** go/version.stripGo: cut a {@code -suffix}, require and drop the {@code go} prefix; "" when absent. */
    static String stripGo(String v) {
        int dash = v.indexOf('-');
        String cut = dash < 0 ? v : v.substring(0, dash);
        return cut.length() < 2 || !cut.startsWith("go") ? "" : cut.substring(2);
    }

    static int compare(String x, String y) {
        Parts a = parse(x);
        Parts b = parse(y);
        int c = cmpInt(a.major, b.major);
        if (c == 0) {
            c = cmpInt(a.minor, b.minor);
        }
        if (c == 0) {
            c = cmpInt(a.patch, b.patch);
        }
        if (c == 0) {
            c = Integer.signum(a.kind.compareTo(b.kind)); // "" < alpha < beta < rc, as strings
        }
        if (c == 0) {
            c = cmpInt(a.pre, b.pre);
        }
        return c;
    }

    static String lang(String x) {
        Parts v = parse(x);
        if (v.minor.isEmpty() || v.major.equals("1") && v.minor.equals("0")) {
            return v.major;
        }
        return v.major + "." + v.minor;
    }

    static boolean isValid(String x) {
        return !parse(x).equals(Parts.INVALID);
    }

    static Parts parse(String x) {
        String[] cut = cutInt(x);
        if (cut == null) {
            return Parts.INVALID;
        }
        String major = cut[0];
        String rest = cut[1];
        if (rest.isEmpty()) {
            return new Parts(major, "0", "0", "", "");
        }
        if (rest.charAt(0) != '.') {
            return Parts.INVALID;
        }
        cut = cutInt(rest.substring(1));
        if (cut == null) {
            return Parts.INVALID;
        }
        String minor = cut[0];
        rest = cut[1];
        if (rest.isEmpty()) {
            // A missing patch is .0 before Go 1.21; from 1.21 on it is the language version.
            return new Parts(major, minor, cmpInt(minor, "21") < 0 ? "0" : "", "", "");
        }
        if (rest.charAt(0) == '.') {
            cut = cutInt(rest.substring(1));
            if (cut == null || !cut[1].isEmpty()) {
                return Parts.INVALID; // Go refuses pre-releases of patch releases
            }
            return new Parts(major, minor, cut[0], "", "");
        }
        int i = 0;
        while (i < rest.length() && (rest.charAt(i) < '0' || rest.charAt(i) > '9')) {
            if (rest.charAt(i) < 'a' || rest.charAt(i) > 'z') {
                return Parts.INVALID;
            }
            i++;
        }
        if (i == 0) {
            return Parts.INVALID;
        }
        String kind = rest.substring(0, i);
        rest = rest.substring(i);
        if (rest.isEmpty()) {
            return new Parts(major, minor, "", kind, "");
        }
        cut = cutInt(rest);
        if (cut == null || !cut[1].isEmpty()) {
            return Parts.INVALID;
        }
        return new Parts(major, minor, "", kind, cut[0]);
    }

    /** The leading decimal number and the rest, or null when there is none or it has a leading zero. */
    private static String[] cutInt(String x) {
        int i = 0;
        while (i < x.length() && x.charAt(i) >= '0' && x.charAt(i) <= '9') {
            i++;
        }
        if (i == 0 || x.charAt(0) == '0' && i != 1) {
            return null;
        }
        return new String[] {x.substring(0, i), x.substring(i)};
    }

    /** Compares decimal strings of any length as numbers; "" sorts first. */
    static int cmpInt(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.length() != y.length()) {
            return x.length() < y.length() ? -1 : 1;
        }
        return x.compareTo(y) < 0 ? -1 : 1;
    }
}
