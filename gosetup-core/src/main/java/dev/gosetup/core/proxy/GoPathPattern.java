package dev.gosetup.core.proxy;

/**
 * Go's {@code path.Match}, ported byte for byte from the Go standard library (src/path/match.go):
 * {@code *} matches any run of characters but {@code /}, {@code ?} one character but {@code /},
 * {@code [...]} a class ({@code ^} negates, {@code a-z} ranges, {@code \} escapes), {@code \}
 * escapes the next character. The whole name must match. Package-private: {@link ModulePatterns}
 * is the public face.
 */
final class GoPathPattern {
    /** A malformed pattern, as Go's {@code path.ErrBadPattern}. */
    static final class BadPattern extends Exception {
        private static final long serialVersionUID = 1L;

        BadPattern() {
            super("syntax error in pattern", null, false, false);
        }
    }

    private GoPathPattern() {
    }

    /**
     * Reports whether {@code name} matches {@code pattern}.
     *
     * @throws BadPattern when the pattern is malformed (Go reports it even when the match fails early)
     */
    static boolean match(String pattern, String name) throws BadPattern {
        Pattern:
        while (!pattern.isEmpty()) {
            String[] scanned = scanChunk(pattern);
            boolean star = scanned[0] != null;
            String chunk = scanned[1];
            pattern = scanned[2];
            if (star && chunk.isEmpty()) {
                return name.indexOf('/') < 0;
            }
            String t = matchChunk(chunk, name);
            if (t != null && (t.isEmpty() || !pattern.isEmpty())) {
                name = t;
                continue;
            }
            if (star) {
                for (int i = 0; i < name.length() && name.charAt(i) != '/'; i++) {
                    t = matchChunk(chunk, name.substring(i + 1));
                    if (t != null) {
                        if (pattern.isEmpty() && !t.isEmpty()) {
                            continue;
                        }
                        name = t;
                        continue Pattern;
                    }
                }
            }
            while (!pattern.isEmpty()) {
                scanned = scanChunk(pattern);
                pattern = scanned[2];
                matchChunk(scanned[1], "");
            }
            return false;
        }
        return name.isEmpty();
    }

    /**
     * Checks a pattern's syntax.
     *
     * @throws BadPattern when it is malformed
     */
    static void check(String pattern) throws BadPattern {
        match(pattern, "");
        String rest = pattern;
        while (!rest.isEmpty()) {
            String[] scanned = scanChunk(rest);
            rest = scanned[2];
            matchChunk(scanned[1], "");
        }
    }

    /** Returns {star-or-null, chunk, rest}. */
    private static String[] scanChunk(String pattern) {
        boolean star = false;
        while (!pattern.isEmpty() && pattern.charAt(0) == '*') {
            pattern = pattern.substring(1);
            star = true;
        }
        boolean inRange = false;
        int i;
        scan:
        for (i = 0; i < pattern.length(); i++) {
            switch (pattern.charAt(i)) {
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        i++;
                    }
                }
                case '[' -> inRange = true;
                case ']' -> inRange = false;
                case '*' -> {
                    if (!inRange) {
                        break scan;
                    }
                }
                default -> {
                }
            }
        }
        return new String[] {star ? "*" : null, pattern.substring(0, i), pattern.substring(i)};
    }

    /** Returns the rest of s after the chunk matched, or null when it did not match. */
    private static String matchChunk(String chunk, String s) throws BadPattern {
        boolean failed = false;
        while (!chunk.isEmpty()) {
            if (!failed && s.isEmpty()) {
                failed = true;
            }
            char c = chunk.charAt(0);
            if (c == '[') {
                int r = -1;
                if (!failed) {
                    r = s.codePointAt(0);
                    s = s.substring(Character.charCount(r));
                }
                chunk = chunk.substring(1);
                boolean negated = false;
                if (!chunk.isEmpty() && chunk.charAt(0) == '^') {
                    negated = true;
                    chunk = chunk.substring(1);
                }
                boolean match = false;
                int nrange = 0;
                while (true) {
                    if (!chunk.isEmpty() && chunk.charAt(0) == ']' && nrange > 0) {
                        chunk = chunk.substring(1);
                        break;
                    }
                    Object[] lo = getEsc(chunk);
                    int low = (int) lo[0];
                    chunk = (String) lo[1];
                    int high = low;
                    if (chunk.charAt(0) == '-') {
                        Object[] hi = getEsc(chunk.substring(1));
                        high = (int) hi[0];
                        chunk = (String) hi[1];
                    }
                    if (low <= r && r <= high) {
                        match = true;
                    }
                    nrange++;
                }
                if (match == negated) {
                    failed = true;
                }
            } else if (c == '?') {
                if (!failed) {
                    if (s.charAt(0) == '/') {
                        failed = true;
                    }
                    s = s.substring(Character.charCount(s.codePointAt(0)));
                }
                chunk = chunk.substring(1);
            } else {
                if (c == '\\') {
                    chunk = chunk.substring(1);
                    if (chunk.isEmpty()) {
                        throw new BadPattern();
                    }
                }
                if (!failed) {
                    if (chunk.charAt(0) != s.charAt(0)) {
                        failed = true;
                    }
                    s = s.substring(1);
                }
                chunk = chunk.substring(1);
            }
        }
        return failed ? null : s;
    }

    private static Object[] getEsc(String chunk) throws BadPattern {
        if (chunk.isEmpty() || chunk.charAt(0) == '-' || chunk.charAt(0) == ']') {
            throw new BadPattern();
        }
        if (chunk.charAt(0) == '\\') {
            chunk = chunk.substring(1);
            if (chunk.isEmpty()) {
                throw new BadPattern();
            }
        }
        int r = chunk.codePointAt(0);
        String next = chunk.substring(Character.charCount(r));
        if (next.isEmpty()) {
            throw new BadPattern();
        }
        return new Object[] {r, next};
    }
}
