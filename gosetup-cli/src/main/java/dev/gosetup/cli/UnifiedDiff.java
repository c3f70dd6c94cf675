package dev.gosetup.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A unified diff (as {@code diff -u} prints it, 3 lines of context) of a file's content before
 * and after a planned change, for dry runs. Control characters are shown escaped: the content
 * comes from the user's files; a CRLF line end is shown as the line alone, with "(CRLF)" in the
 * header.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;
    /** Above this many line pairs the diff is one hunk replacing everything: a dry run stays quick. */
    private static final long MAX_CELLS = 4_000_000L;

    private UnifiedDiff() {
    }

    static List<String> of(String path, Optional<byte[]> before, Optional<byte[]> after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        boolean crlf = before.map(UnifiedDiff::hasCrlf).orElse(false) || after.map(UnifiedDiff::hasCrlf).orElse(false);
        List<String> out = new ArrayList<>();
        out.add("--- " + (before.isPresent() ? "a" + slash(path) : "/dev/null") + (crlf ? "\t(CRLF)" : ""));
        out.add("+++ " + (after.isPresent() ? "b" + slash(path) : "/dev/null"));
        // ops: ' ' keep, '-' remove, '+' add; computed from a longest common subsequence
        List<char[]> ops = new ArrayList<>();
        List<String> text = new ArrayList<>();
        // The lines both share at the start and the end need no search: edits are usually small.
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        for (int p = 0; p < prefix; p++) {
            ops.add(new char[] {' '});
            text.add(a.get(p));
        }
        List<String> midA = a.subList(prefix, a.size() - suffix);
        List<String> midB = b.subList(prefix, b.size() - suffix);
        if ((long) midA.size() * midB.size() > MAX_CELLS) {
            midA.forEach(l -> { ops.add(new char[] {'-'}); text.add(l); });
            midB.forEach(l -> { ops.add(new char[] {'+'}); text.add(l); });
        } else {
            middle(midA, midB, ops, text);
        }
        for (int p = a.size() - suffix; p < a.size(); p++) {
            ops.add(new char[] {' '});
            text.add(a.get(p));
        }
        return hunks(out, ops, text);
    }

    /** The edit script of two line lists from a longest common subsequence; removals before additions. */
    private static void middle(List<String> a, List<String> b, List<char[]> ops, List<String> text) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new char[] {' '});
                text.add(a.get(i++));
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.add(new char[] {'+'});
                text.add(b.get(j++));
            } else {
                ops.add(new char[] {'-'});
                text.add(a.get(i++));
            }
        }
    }

    private static List<String> hunks(List<String> out, List<char[]> ops, List<String> text) {
        int k = 0;
        int lineA = 1;
        int lineB = 1;
        while (k < ops.size()) {
            int change = k;
            while (change < ops.size() && ops.get(change)[0] == ' ') {
                change++;
            }
            if (change == ops.size()) {
                break;
            }
            int start = Math.max(k, change - CONTEXT);
            for (int s = k; s < start; s++) {
                lineA++;
                lineB++;
            }
            int end = change;
            int quiet = 0;
            while (end < ops.size() && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end)[0] == ' ' ? quiet + 1 : 0;
                end++;
            }
            end -= Math.max(0, quiet - CONTEXT);
            int countA = 0;
            int countB = 0;
            List<String> hunk = new ArrayList<>();
            for (int s = start; s < end; s++) {
                char op = ops.get(s)[0];
                countA += op != '+' ? 1 : 0;
                countB += op != '-' ? 1 : 0;
                hunk.add(op + printable(text.get(s)));
            }
            out.add("@@ -" + (countA == 0 ? lineA - 1 : lineA) + "," + countA + " +" + (countB == 0 ? lineB - 1 : lineB)
                    + "," + countB + " @@");
            out.addAll(hunk);
            lineA += countA;
            lineB += countB;
            k = end;
        }
        return out;
    }

    private static String slash(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static boolean hasCrlf(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).contains("\r\n");
    }

    private static List<String> lines(Optional<byte[]> content) {
        if (content.isEmpty()) {
            return List.of();
        }
        String text = new String(content.get(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The line with control and bidirectional-override characters escaped, for showing to people. */
    static String printable(String line) {
        StringBuilder s = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }
}
