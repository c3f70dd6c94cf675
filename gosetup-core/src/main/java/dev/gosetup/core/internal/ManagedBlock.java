package dev.gosetup.core.internal;

import dev.gosetup.api.InvalidConfigurationException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * gosetup's marked block in a file someone else owns, such as {@code ~/.profile}: found, inserted,
 * replaced and removed on the file's raw bytes.
 *
 * <pre>
 * # &gt;&gt;&gt; gosetup &gt;&gt;&gt;
 * # managed by gosetup; changes inside are overwritten
 * export GOPATH='/home/me/go'
 * # &lt;&lt;&lt; gosetup &lt;&lt;&lt;
 * </pre>
 *
 * <p><b>Lines.</b> A line ends at {@code \n}; a {@code \r} before it belongs to the line ending
 * ({@code \r\n}), a {@code \r} elsewhere is an ordinary byte, as for every POSIX shell. A marker
 * line is recognised with blanks, tabs and a {@code \r} around it, and a UTF-8 byte order mark
 * before it on the first line. The bytes need not be UTF-8.
 *
 * <p><b>Byte-exact.</b> Every byte outside the block is kept: line endings (mixed or not), a byte
 * order mark, invalid UTF-8, a missing final newline. A new block goes at the end of the file, in
 * the file's dominant line ending ({@code \r\n} when more lines end so than in {@code \n}, else
 * {@code \n}; {@link #withLf} forces {@code \n} for shells), preceded by one line ending: that
 * ending belongs to the block. So a file ending in
 * a newline gets a blank line before the block, a file without a final newline gets its last line
 * terminated, and an empty file (or one holding only a byte order mark) gets the block alone.
 * Removing a block that ends the file removes that line ending too, which makes
 * {@link #without()} the exact inverse of {@link #with(String)} on a file without a block. A block
 * followed by other lines (moved there by a person) is removed without touching the line before
 * it. An existing block is replaced where it is, keeping its own line ending; replacing it with
 * the same body gives the same bytes.
 *
 * <p><b>Damage.</b> A start marker without an end marker, an end marker without a start marker,
 * and two blocks are refused when parsing, with an {@link InvalidConfigurationException} naming
 * the file and lines and saying how to repair the file: gosetup never guesses which lines are its
 * own.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ManagedBlock {
    /** The line that opens the block. */
    public static final String START = "# >>> gosetup >>>";
    /** The line that closes the block. */
    public static final String END = "# <<< gosetup <<<";
    /** The second line of the block, telling people not to edit it. */
    public static final String NOTICE = "# managed by gosetup; changes inside are overwritten";

    /**
     * The lines that open and close a block, and the notice line after the opening one.
     *
     * @param start the line that opens the block
     * @param end the line that closes the block
     * @param notice the second line of the block, telling people not to edit it
     */
    public record Markers(String start, String end, String notice) {
        /** The markers for shells whose comments start with {@code #}: {@link #START}, {@link #END}, {@link #NOTICE}. */
        public static final Markers SHELL = new Markers(START, END, NOTICE);
        /**
         * PowerShell's folding region, as conda writes it: {@code #region gosetup} ... {@code #endregion gosetup}.
         * The name after {@code #endregion} keeps a user's own regions from ever being taken for gosetup's.
         */
        public static final Markers POWERSHELL = new Markers("#region gosetup", "#endregion gosetup", NOTICE);

        /**
         * Validates the lines.
         *
         * @throws IllegalArgumentException when a line is blank, holds a line break, or start equals end
         */
        public Markers {
            for (String l : new String[] {start, end, notice}) {
                java.util.Objects.requireNonNull(l, "marker");
                if (l.isBlank() || l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0 || !l.equals(l.strip())) {
                    throw new IllegalArgumentException("a marker line must be one stripped non-blank line: \"" + l + "\"");
                }
            }
            if (start.equals(end)) {
                throw new IllegalArgumentException("the start and end markers must differ");
            }
        }
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] LF = {'\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] content;
    private final String source;
    private final Markers markers;
    /** Offset of the start marker line, or -1 when there is no block. */
    private final int start;
    /** Offset just after the end marker line and its line ending (if any). */
    private final int end;
    /** The line ending of the start marker line. */
    private final byte[] blockEnding;

    private ManagedBlock(byte[] content, String source, Markers markers, int start, int end, byte[] blockEnding) {
        this.content = content;
        this.source = source;
        this.markers = markers;
        this.start = start;
        this.end = end;
        this.blockEnding = blockEnding;
    }

    /**
     * Finds gosetup's block in a file's content.
     *
     * @param content the file's bytes (copied); empty for a file that does not exist
     * @param source the file's name, for messages, e.g. its absolute path
     * @return the parsed file, with or without a block
     * @throws InvalidConfigurationException naming {@code source} and the lines, when the markers
     *     are damaged: a start without an end, an end without a start, or two blocks
     */
    public static ManagedBlock parse(byte[] content, String source) {
        return parse(content, source, Markers.SHELL);
    }

    /**
     * Finds gosetup's block, delimited by the given markers, in a file's content.
     *
     * @param content the file's bytes (copied); empty for a file that does not exist
     * @param source the file's name, for messages, e.g. its absolute path
     * @param markers the block's marker lines
     * @return the parsed file, with or without a block
     * @throws InvalidConfigurationException naming {@code source} and the lines, when the markers
     *     are damaged: a start without an end, an end without a start, or two blocks
     */
    public static ManagedBlock parse(byte[] content, String source, Markers markers) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(markers, "markers");
        final String open = markers.start();
        final String close = markers.end();
        Objects.requireNonNull(source, "source");
        byte[] bytes = content.clone();
        int blockStart = -1;
        int blockEnd = -1;
        int openAt = -1;
        int openLine = 0;
        int firstBlockLine = 0;
        byte[] ending = LF;
        int line = 0;
        for (int pos = 0; pos < bytes.length; ) {
            line++;
            int nl = indexOf(bytes, (byte) '\n', pos);
            int next = nl < 0 ? bytes.length : nl + 1;
            int textEnd = nl < 0 ? bytes.length : nl;
            int from = pos == 0 && startsWith(bytes, BOM) ? BOM.length : pos;
            if (isLine(bytes, from, textEnd, open)) {
                if (openAt >= 0) {
                    throw damaged(source, "line " + line + " opens a gosetup block while the one opened on line "
                            + openLine + " is not closed", markers, openLine, line);
                }
                if (blockStart >= 0) {
                    throw twoBlocks(source, markers, firstBlockLine, line);
                }
                openAt = from; // after a byte order mark, which stays outside the block
                openLine = line;
                ending = nl > pos && bytes[nl - 1] == '\r' ? CRLF : LF;
            } else if (isLine(bytes, from, textEnd, close)) {
                if (openAt < 0) {
                    throw damaged(source, "line " + line + " closes a gosetup block (\"" + close
                            + "\") that no \"" + open + "\" line opens", markers, line, line);
                }
                blockStart = openAt;
                blockEnd = next;
                firstBlockLine = openLine;
                openAt = -1;
            }
            pos = next;
        }
        if (openAt >= 0) {
            throw damaged(source, "line " + openLine + " opens a gosetup block (\"" + open
                    + "\") that no \"" + close + "\" line closes", markers, openLine, line);
        }
        return new ManagedBlock(bytes, source, markers, blockStart, blockEnd, ending);
    }

    /**
     * Tells whether the file holds a gosetup block.
     *
     * @return true when it does
     */
    public boolean isPresent() {
        return start >= 0;
    }

    /**
     * Returns the lines inside the block, without the markers and the notice.
     *
     * @return each line followed by {@code \n} (its {@code \r} dropped), decoded as UTF-8 with
     *     invalid bytes replaced; empty when there is no block
     */
    public Optional<String> body() {
        if (start < 0) {
            return Optional.empty();
        }
        String text = new String(content, start, end - start, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        // lines[0] is the start marker; the last non-empty one is the end marker.
        int last = lines.length - 1;
        while (last > 0 && !isText(lines[last], markers.end())) {
            last--;
        }
        for (int i = 1; i < last; i++) {
            String l = stripCr(lines[i]);
            if (i == 1 && l.equals(markers.notice())) {
                continue;
            }
            out.append(l).append('\n');
        }
        return Optional.of(out.toString());
    }

    /**
     * Returns the file with its block holding {@code body}: the block replaced where it is, or
     * added at the end. {@code body} is written in the block's line ending (a new block: the file's
     * dominant one).
     *
     * @param body the lines to put inside the block, each ending in {@code \n} (a {@code \r}
     *     before it is dropped); empty for a block with only the markers and notice
     * @return the new content; equal to the current content when the block already holds {@code body}
     * @throws IllegalArgumentException when a line of {@code body} is a marker line
     */
    public byte[] with(String body) {
        return with(body, start >= 0 ? blockEnding : dominantEnding(content));
    }

    /**
     * Returns the file with its block holding {@code body} in LF line endings, whatever the rest of
     * the file uses: for files whose reader takes a {@code \r} before {@code \n} for part of the line,
     * as every POSIX shell does ({@code export A='x'\r} would set {@code x\r}). Otherwise like
     * {@link #with(String)}; an existing CRLF block is rewritten in LF.
     *
     * @param body the lines to put inside the block, each ending in {@code \n}
     * @return the new content; equal to the current content when the block already holds {@code body} in LF
     * @throws IllegalArgumentException when a line of {@code body} is a marker line
     */
    public byte[] withLf(String body) {
        return with(body, LF);
    }

    private byte[] with(String body, byte[] ending) {
        Objects.requireNonNull(body, "body");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (start >= 0) {
            out.write(content, 0, start);
            out.writeBytes(block(body, ending, markers));
            out.write(content, end, content.length - end);
        } else {
            out.writeBytes(content);
            if (content.length > 0 && !Arrays.equals(content, BOM)) {
                out.writeBytes(ending);
            }
            out.writeBytes(block(body, ending, markers));
        }
        return out.toByteArray();
    }

    /**
     * Returns the file without gosetup's block. When the block ends the file, the line ending
     * before it goes too (gosetup put it there when adding the block).
     *
     * @return the new content; equal to the current content when there is no block
     */
    public byte[] without() {
        if (start < 0) {
            return content.clone();
        }
        int cut = start;
        int contentStart = startsWith(content, BOM) ? BOM.length : 0;
        if (end == content.length && start > contentStart) {
            boolean crlf = Arrays.equals(blockEnding, CRLF) && start >= 2 && content[start - 2] == '\r';
            cut = start - (crlf ? 2 : 1); // content[start - 1] is the '\n' ending the previous line
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(content, 0, cut);
        out.write(content, end, content.length - end);
        return out.toByteArray();
    }

    /**
     * Counts the lines of the block {@link #with(String)} writes, for summaries.
     *
     * @param body the body
     * @return the number of lines, markers and notice included
     */
    public static int lineCount(String body) {
        return 3 + (int) body.chars().filter(c -> c == '\n').count()
                + (body.isEmpty() || body.endsWith("\n") ? 0 : 1);
    }

    private static byte[] block(String body, byte[] ending, Markers markers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLine(out, markers.start(), ending);
        writeLine(out, markers.notice(), ending);
        if (!body.isEmpty()) {
            String[] lines = (body.endsWith("\n") ? body.substring(0, body.length() - 1) : body).split("\n", -1);
            for (String l : lines) {
                String text = stripCr(l);
                if (isText(text, markers.start()) || isText(text, markers.end())) {
                    throw new IllegalArgumentException("the body of a gosetup block cannot hold a marker line: " + l);
                }
                writeLine(out, text, ending);
            }
        }
        writeLine(out, markers.end(), ending);
        return out.toByteArray();
    }

    private static void writeLine(ByteArrayOutputStream out, String text, byte[] ending) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(ending);
    }

    /** CRLF when more lines end in CRLF than in a bare LF; LF otherwise (ties and no lines included). */
    static byte[] dominantEnding(byte[] bytes) {
        int crlf = 0;
        int lf = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i > 0 && bytes[i - 1] == '\r') {
                    crlf++;
                } else {
                    lf++;
                }
            }
        }
        return crlf > lf ? CRLF : LF;
    }

    private static boolean isLine(byte[] bytes, int from, int to, String marker) {
        while (from < to && isBlank(bytes[from])) {
            from++;
        }
        while (to > from && isBlank(bytes[to - 1])) {
            to--;
        }
        if (to - from != marker.length()) {
            return false;
        }
        for (int i = 0; i < marker.length(); i++) {
            if (bytes[from + i] != marker.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(String line, String marker) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return isLine(b, 0, b.length, marker);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static InvalidConfigurationException twoBlocks(String source, Markers markers, int first, int second) {
        final String open = markers.start();
        final String close = markers.end();
        return new InvalidConfigurationException(source + ": two gosetup blocks, starting on lines " + first
                + " and " + second + "; gosetup manages exactly one",
                List.of("Delete one of the blocks in " + source + " (each runs from \"" + open + "\" to \"" + close
                        + "\"), or both, then run gosetup again to write a fresh one."));
    }

    private static InvalidConfigurationException damaged(String source, String what, Markers markers, int from, int to) {
        final String open = markers.start();
        final String close = markers.end();
        return new InvalidConfigurationException(source + ": " + what,
                List.of("Open " + source + " at line " + from + " and either delete the gosetup lines "
                        + (from == to ? "(line " + from + ")" : "(lines " + from + " to " + to + ")")
                        + " or complete the block so it runs from \"" + open + "\" to \"" + close
                        + "\", then run gosetup again."));
    }
}
