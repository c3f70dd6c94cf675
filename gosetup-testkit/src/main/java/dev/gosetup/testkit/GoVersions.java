package dev.gosetup.testkit;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders Go version strings ({@code go1.19.8 < go1.21rc2 < go1.21.0 < go1.22.12}) numerically, not lexically. */
final class GoVersions {

    private static final Pattern VERSION =
            Pattern.compile("go(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:(beta|rc)(\\d+))?(.*)");

    /** Ascending order; strings that are not Go versions sort after all real ones, lexically. */
    static final Comparator<String> ASCENDING = GoVersions::compare;

    private GoVersions() {
    }

    static int compare(String a, String b) {
        Matcher ma = VERSION.matcher(a);
        Matcher mb = VERSION.matcher(b);
        boolean pa = ma.matches();
        boolean pb = mb.matches();
        if (!pa || !pb) {
            return pa ? -1 : pb ? 1 : a.compareTo(b);
        }
        for (int group = 1; group <= 3; group++) {
            int c = Long.compare(number(ma.group(group)), number(mb.group(group)));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(stage(ma.group(4)), stage(mb.group(4)));
        if (c != 0) {
            return c;
        }
        c = Long.compare(number(ma.group(5)), number(mb.group(5)));
        return c != 0 ? c : ma.group(6).compareTo(mb.group(6));
    }

    /** Whether go.dev would list the version as stable (no beta or release candidate). */
    static boolean isStable(String version) {
        Matcher m = VERSION.matcher(version);
        return m.matches() && m.group(4) == null && m.group(6).isEmpty();
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static int stage(String preRelease) {
        if (preRelease == null) {
            return 2;
        }
        return preRelease.equals("rc") ? 1 : 0;
    }
}
