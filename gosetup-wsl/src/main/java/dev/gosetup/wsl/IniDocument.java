package dev.gosetup.wsl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An INI file as WSL reads {@code wsl.conf} and {@code .wslconfig}, kept line by line so that an
 * edit changes only the value it sets: comments ({@code #}, {@code ;}), blank lines, unknown keys
 * and sections, each line's own ending (LF or CRLF), a trailing comment after a value, the byte
 * order mark and the encoding (UTF-8, or UTF-16 when the file starts with its mark) are kept.
 * Section and key names match ignoring case. Not thread-safe.
 */
final class IniDocument {
    private static final Pattern SECTION = Pattern.compile("\\s*\\[([^\\]]*)\\]\\s*(?:[#;].*)?");
    private static final Pattern ENTRY = Pattern.compile("(\\s*)([^=#;\\[\\s][^=]*?)(\\s*=\\s*)(.*)");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("(.*?)(\\s+[#;].*)?");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};

    /** One line: its text without the ending, and the ending ("", "\n" or "\r\n"). */
    private record Line(String text, String eol) {
    }

    /** One {@code key = value} line, with the section it is in. */
    record Entry(String section, String key, String value, int line) {
    }

    private final byte[] bom;
    private final Charset charset;
    private final List<Line> lines = new ArrayList<>();

    private IniDocument(byte[] bom, Charset charset) {
        this.bom = bom;
        this.charset = charset;
    }

    /** Reads a file's bytes; an empty array is an empty document. */
    static IniDocument parse(byte[] content) {
        byte[] bom = new byte[0];
        Charset charset = StandardCharsets.UTF_8;
        if (startsWith(content, UTF8_BOM)) {
            bom = UTF8_BOM;
        } else if (startsWith(content, UTF16LE_BOM)) {
            bom = UTF16LE_BOM;
            charset = StandardCharsets.UTF_16LE;
        }
        IniDocument doc = new IniDocument(bom, charset);
        String text = new String(content, bom.length, content.length - bom.length, charset);
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                doc.lines.add(new Line(text.substring(start), ""));
                break;
            }
            boolean crlf = nl > start && text.charAt(nl - 1) == '\r';
            doc.lines.add(new Line(text.substring(start, crlf ? nl - 1 : nl), crlf ? "\r\n" : "\n"));
            start = nl + 1;
        }
        return doc;
    }

    /** Returns the bytes of the document: unchanged lines are the bytes they were read from. */
    byte[] toBytes() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(l.text()).append(l.eol());
        }
        byte[] body = sb.toString().getBytes(charset);
        byte[] out = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    /** Returns every {@code key = value} line, in order, with its section (empty before the first). */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).text();
            Matcher s = SECTION.matcher(text);
            if (s.matches()) {
                section = s.group(1).strip();
                continue;
            }
            Matcher e = ENTRY.matcher(text);
            if (e.matches()) {
                out.add(new Entry(section, e.group(2).strip(), readValue(e.group(4)), i + 1));
            }
        }
        return out;
    }

    /** Returns the names of the sections, in order, each once. */
    List<String> sections() {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            Matcher s = SECTION.matcher(l.text());
            if (s.matches() && out.stream().noneMatch(n -> n.equalsIgnoreCase(s.group(1).strip()))) {
                out.add(s.group(1).strip());
            }
        }
        return out;
    }

    /** Returns a value as WSL reads it (the last one of the key in the section wins), unquoted. */
    Optional<String> get(String section, String key) {
        Optional<String> found = Optional.empty();
        for (Entry e : entries()) {
            if (e.section().equalsIgnoreCase(section) && e.key().equalsIgnoreCase(key)) {
                found = Optional.of(e.value());
            }
        }
        return found;
    }

    /**
     * Sets a value with the least change: the value of the key's last line in the section is
     * replaced (its spacing and a trailing comment kept); a missing key is added after the
     * section's last entry; a missing section is appended at the end.
     *
     * @return whether the document changed
     */
    boolean set(String section, String key, String value) {
        Objects.requireNonNull(value, "value");
        String eol = dominantEol();
        int lastEntry = -1;
        int lastHeader = -1;
        String current = "";
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).text();
            Matcher s = SECTION.matcher(text);
            if (s.matches()) {
                current = s.group(1).strip();
                if (current.equalsIgnoreCase(section)) {
                    lastHeader = i;
                }
                continue;
            }
            Matcher e = ENTRY.matcher(text);
            if (e.matches() && current.equalsIgnoreCase(section)) {
                lastEntry = i;
            }
        }
        int keyLine = -1;
        current = "";
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).text();
            Matcher s = SECTION.matcher(text);
            if (s.matches()) {
                current = s.group(1).strip();
                continue;
            }
            Matcher e = ENTRY.matcher(text);
            if (e.matches() && current.equalsIgnoreCase(section) && e.group(2).strip().equalsIgnoreCase(key)) {
                keyLine = i;
            }
        }
        if (keyLine >= 0) {
            Line line = lines.get(keyLine);
            Matcher e = ENTRY.matcher(line.text());
            e.matches();
            Matcher c = TRAILING_COMMENT.matcher(e.group(4));
            c.matches();
            String comment = isQuoted(e.group(4).strip()) || c.group(2) == null ? "" : c.group(2);
            String kept = isQuoted(e.group(4).strip()) ? "" : comment;
            String newText = e.group(1) + e.group(2) + e.group(3) + value + kept;
            if (newText.equals(line.text())) {
                return false;
            }
            lines.set(keyLine, new Line(newText, line.eol()));
            return true;
        }
        String entry = key + " = " + value;
        if (lastHeader >= 0) {
            int after = Math.max(lastEntry, lastHeader);
            ensureEnding(after, eol);
            lines.add(after + 1, new Line(entry, eol));
            return true;
        }
        if (!lines.isEmpty()) {
            ensureEnding(lines.size() - 1, eol);
            if (!lines.get(lines.size() - 1).text().isBlank()) {
                lines.add(new Line("", eol));
            }
        }
        lines.add(new Line("[" + section + "]", eol));
        lines.add(new Line(entry, eol));
        return true;
    }

    private void ensureEnding(int index, String eol) {
        Line l = lines.get(index);
        if (l.eol().isEmpty()) {
            lines.set(index, new Line(l.text(), eol));
        }
    }

    /** The ending most lines have; LF for a new or one-line file. */
    private String dominantEol() {
        long crlf = lines.stream().filter(l -> l.eol().equals("\r\n")).count();
        long lf = lines.stream().filter(l -> l.eol().equals("\n")).count();
        return crlf > lf ? "\r\n" : "\n";
    }

    private static String readValue(String raw) {
        String v = raw.strip();
        if (isQuoted(v)) {
            return v.substring(1, v.length() - 1);
        }
        Matcher c = TRAILING_COMMENT.matcher(v);
        return c.matches() ? c.group(1).strip() : v;
    }

    private static boolean isQuoted(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"");
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public String toString() {
        return "IniDocument(" + lines.size() + " lines, " + charset.name().toLowerCase(Locale.ROOT) + ")";
    }
}
