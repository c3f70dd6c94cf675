package dev.gosetup.core.archive;

import dev.gosetup.core.internal.Printable;

import java.util.function.Predicate;

/**
 * Lexical checks of archive entry names and symlink targets, so that no file system call is needed to
 * decide whether a name stays inside the target directory.
 *
 * <p>Every name means the same on every operating system: what Windows would interpret differently
 * from POSIX (backslashes, drive letters and other colons, segments ending in a dot or a space, which
 * Windows strips) is refused everywhere.
 */
final class EntryNames {

    /** Far above any real name (Go's longest is about 110 characters); bounds memory and messages. */
    static final int MAX_LENGTH = 4096;

    private EntryNames() {
    }

    /**
     * Checks the characters of a name or a symlink target, without looking at its segments.
     *
     * @return what is wrong, or {@code null} when nothing is
     */
    static String characterProblem(String name) {
        if (name.isEmpty()) {
            return "the name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "the name is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "the name contains a control character";
            }
            if (c == '\\') {
                return "the name contains a backslash, which Windows reads as a separator";
            }
            if (c == ':') {
                return i == 1 ? "the name starts with a Windows drive letter"
                        : "the name contains a colon, which Windows reads as a drive or a stream";
            }
        }
        if (name.charAt(0) == '/') {
            return "the name is an absolute path";
        }
        return null;
    }

    /**
     * Checks an entry name: its characters and its segments, which may not be {@code ..}.
     *
     * @return what is wrong, or {@code null} when nothing is
     */
    static String entryProblem(String name) {
        return pathProblem(name, false);
    }

    /**
     * Returns a checked entry name in canonical form: segments joined by single slashes, without
     * {@code .} segments, empty segments or a trailing slash.
     *
     * @param name a name for which {@link #entryProblem} returned {@code null}
     * @return the canonical name; empty when the name denotes the target directory itself
     */
    static String normalize(String name) {
        if (isCanonical(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        int start = 0;
        int length = name.length();
        while (start <= length) {
            int end = name.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            boolean skip = end == start || (end == start + 1 && name.charAt(start) == '.');
            if (!skip) {
                if (out.length() > 0) {
                    out.append('/');
                }
                out.append(name, start, end);
            }
            start = end + 1;
        }
        return out.toString();
    }

    /**
     * Resolves a symlink target lexically against the directory holding the link, step by step, so
     * that a target passing through another symlink is noticed: {@code link/..} is the parent of
     * wherever {@code link} points, not the directory holding {@code link}, so a lexical answer would
     * be wrong for it.
     *
     * @param linkName the canonical name of the link
     * @param target the link's target, for which {@link #linkTargetProblem} returned {@code null}
     * @param isSymlink tells whether a canonical name is a symlink of the archive
     * @return the canonical name the target denotes (empty for the target directory itself), or what
     *     is wrong with the target
     */
    static LinkResolution resolveLink(String linkName, String target, Predicate<String> isSymlink) {
        int slash = linkName.lastIndexOf('/');
        StringBuilder path = new StringBuilder(linkName.length() + target.length());
        if (slash > 0) {
            path.append(linkName, 0, slash);
        }
        int start = 0;
        int length = target.length();
        while (start <= length) {
            int end = target.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            int segment = end - start;
            if (segment == 2 && target.charAt(start) == '.' && target.charAt(start + 1) == '.') {
                if (path.length() == 0) {
                    return new LinkResolution(null, "the symlink points outside the target directory");
                }
                path.setLength(Math.max(path.lastIndexOf("/"), 0));
            } else if (segment > 0 && !(segment == 1 && target.charAt(start) == '.')) {
                if (path.length() > 0) {
                    path.append('/');
                }
                path.append(target, start, end);
                if (end < length && isSymlink.test(path.toString())) {
                    return new LinkResolution(null, "the symlink target passes through the symlink '"
                            + display(path.toString()) + "'");
                }
            }
            start = end + 1;
        }
        return new LinkResolution(path.toString(), null);
    }

    /**
     * The outcome of {@link #resolveLink}: exactly one component is non-null.
     *
     * @param name the canonical name the link points at
     * @param problem what is wrong with the link
     */
    record LinkResolution(String name, String problem) {
    }

    /**
     * Checks the segments of a symlink target other than {@code ..}, which {@link #resolveLink}
     * handles.
     *
     * @return what is wrong, or {@code null} when nothing is
     */
    static String linkTargetProblem(String target) {
        return pathProblem(target, true);
    }

    /** Checks the characters of a path, then each of its segments ({@code ..} ones only when not allowed). */
    private static String pathProblem(String path, boolean allowDotDot) {
        String problem = characterProblem(path);
        if (problem != null) {
            return problem;
        }
        int start = 0;
        int length = path.length();
        while (start <= length) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            boolean dotDot = end - start == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.';
            if (!(allowDotDot && dotDot)) {
                problem = segmentProblem(path, start, end);
                if (problem != null) {
                    return problem;
                }
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * Makes a name from an archive safe to print: control and other invisible characters escaped,
     * long names cut, so that a hostile name cannot forge log lines or terminal output.
     */
    static String display(String name) {
        int limit = Math.min(name.length(), 200);
        if (limit < name.length() && Character.isHighSurrogate(name.charAt(limit - 1))) {
            limit--;
        }
        String shown = Printable.escape(name.substring(0, limit)).replace("'", "\\'");
        return name.length() > limit ? shown + "...(" + name.length() + " characters)" : shown;
    }

    private static String segmentProblem(String name, int start, int end) {
        int length = end - start;
        if (length == 0 || (length == 1 && name.charAt(start) == '.')) {
            return null;
        }
        if (length == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
            return "the name has a '..' segment";
        }
        char last = name.charAt(end - 1);
        if (last == '.' || last == ' ') {
            return "a segment of the name ends in a dot or a space, which Windows strips";
        }
        return null;
    }

    /** True when the name has no empty or {@code .} segment and no trailing slash, the usual case. */
    private static boolean isCanonical(String name) {
        int length = name.length();
        if (length == 0 || name.charAt(length - 1) == '/') {
            return length == 0;
        }
        if (name.charAt(0) == '.' && (length == 1 || name.charAt(1) == '/')) {
            return false;
        }
        return !name.contains("//") && !name.contains("/./") && !name.endsWith("/.");
    }
}
