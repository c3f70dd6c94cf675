package dev.gosetup.vscode.jsonc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.vscode.jsonc.JsoncTree.Kind;
import dev.gosetup.vscode.jsonc.JsoncTree.Member;
import dev.gosetup.vscode.jsonc.JsoncTree.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A JSON-with-comments file (VS Code's {@code settings.json}, {@code launch.json},
 * {@code extensions.json}) edited the way Microsoft's {@code jsonc-parser} {@code modify()} edits
 * it: each change is a minimal text edit, so every character outside the edited values stays as
 * it was — comments, blank lines, key order, indentation, a byte order mark, CRLF line ends.
 *
 * <p>New members and elements go at the end of their object or array, indented like their
 * siblings (or by the file's indentation unit, detected from the file: a tab or N spaces; a tab
 * when the file shows none), with the file's line ends. An object value set where an object is
 * merges key by key; arrays are appended to by identity ({@link #append}). Duplicate keys are
 * read, and edited, at their last occurrence, as VS Code reads them.
 *
 * <p>Immutable: every edit returns a new document. The text must be UTF-8.
 */
public final class JsoncDocument {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsoncTree.FACTORY).build();
    private static final char BOM = '\uFEFF';

    private final String name;
    private final boolean bom;
    private final String text;
    private final Optional<Node> root;
    private final String unit;
    private final String eol;

    private JsoncDocument(String name, boolean bom, String text, String unit, String eol) {
        this.name = name;
        this.bom = bom;
        this.text = text;
        this.root = JsoncTree.parse(text, name);
        this.unit = unit;
        this.eol = eol;
    }

    /**
     * Parses a file's content.
     *
     * @param content the bytes, UTF-8, with or without a byte order mark; empty is an empty document
     * @param name the file, for messages
     * @return the document
     * @throws InvalidConfigurationException naming {@code name:line:column} when the content is
     *     not JSON with comments, or not UTF-8
     */
    public static JsoncDocument parse(byte[] content, String name) {
        Objects.requireNonNull(name, "name");
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidConfigurationException(name + " is not UTF-8 text: " + e.getMessage(),
                    List.of("save " + name + " as UTF-8 (VS Code's default), then run the command again"));
        }
        boolean bom = !decoded.isEmpty() && decoded.charAt(0) == BOM;
        String text = bom ? decoded.substring(1) : decoded;
        int crlf = text.indexOf("\r\n");
        int lf = text.indexOf('\n');
        String eol = crlf >= 0 && crlf + 1 == lf ? "\r\n" : "\n";
        JsoncDocument parsed = new JsoncDocument(name, bom, text, "\t", eol);
        return new JsoncDocument(name, bom, text, parsed.detectUnit(), eol);
    }

    /**
     * Returns the document's values as Jackson reads them (comments dropped).
     *
     * @return the root value; {@link MissingNode} for a document of only whitespace and comments
     */
    public JsonNode tree() {
        if (root.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsed once already
        }
    }

    /**
     * Returns the value at a path of member names.
     *
     * @param path member names from the root
     * @return the value, or {@link MissingNode} when absent
     */
    public JsonNode get(List<String> path) {
        JsonNode node = tree();
        for (String key : path) {
            node = node.path(key);
        }
        return node;
    }

    /**
     * Returns the content: the text with its byte order mark, if it had one, as UTF-8.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return ((bom ? String.valueOf(BOM) : "") + text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the text without a byte order mark.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Sets the value at a path of member names, creating missing objects on the way. An object
     * {@code value} set where an object is merges key by key (members not in {@code value} stay);
     * any other value replaces the old one's text, unless it is equal already (then nothing
     * changes, formatting included).
     *
     * @param path member names from the root, at least one
     * @param value the value
     * @return the edited document; this one when nothing changes
     * @throws InvalidConfigurationException when the document's root is not an object
     */
    public JsoncDocument set(List<String> path, JsonNode value) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an empty path");
        }
        Objects.requireNonNull(value, "value");
        if (value.isObject()) {
            JsonNode existing = get(path);
            if (existing.isObject()) {
                JsoncDocument doc = this;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    List<String> sub = new ArrayList<>(path);
                    sub.add(field.getKey());
                    doc = doc.set(sub, field.getValue());
                }
                return doc;
            }
        }
        if (root.isEmpty()) {
            return withRoot(build(path, value));
        }
        Node node = requireObjectRoot();
        for (int i = 0; i < path.size(); i++) {
            if (node.kind != Kind.OBJECT) {
                return replace(node, build(path.subList(i, path.size()), value));
            }
            Optional<Member> member = node.member(path.get(i));
            if (member.isEmpty()) {
                return insert(node, Optional.of(path.get(i)), build(path.subList(i + 1, path.size()), value));
            }
            node = member.get().value();
        }
        if (valueAt(node).equals(value)) {
            return this;
        }
        return replace(node, value);
    }

    /**
     * Appends an element to the array at a path unless an element already matches: the way
     * {@code recommendations} and {@code configurations} grow. A missing array is created with the
     * element; a value that is not an array is replaced by one.
     *
     * @param path member names from the root to the array, at least one
     * @param element the element
     * @param same tells whether an existing element stands for the same thing
     * @return the edited document; this one when an element matches already
     * @throws InvalidConfigurationException when the document's root is not an object
     */
    public JsoncDocument append(List<String> path, JsonNode element, Predicate<JsonNode> same) {
        JsonNode existing = get(path);
        if (!existing.isArray()) {
            return set(path, MAPPER.createArrayNode().add(element));
        }
        for (JsonNode e : existing) {
            if (same.test(e)) {
                return this;
            }
        }
        Node node = requireObjectRoot();
        for (String key : path) {
            node = node.member(key).orElseThrow().value();
        }
        return insert(node, Optional.empty(), element);
    }

    /** The span [start, end) of the value at a path in {@link #text()}, for tests. */
    Optional<int[]> span(List<String> path) {
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Node node = root.get();
        for (String key : path) {
            if (node.kind != Kind.OBJECT || node.member(key).isEmpty()) {
                return Optional.empty();
            }
            node = node.member(key).get().value();
        }
        return Optional.of(new int[] {node.start, node.end});
    }

    /** The indentation unit detected, for tests. */
    String unit() {
        return unit;
    }

    private Node requireObjectRoot() {
        Node node = root.orElseThrow();
        if (node.kind != Kind.OBJECT) {
            throw new InvalidConfigurationException(name + " does not hold a JSON object at the top level",
                    List.of("make " + name + " an object ({ ... }) or move it aside, then run the command again"));
        }
        return node;
    }

    private JsonNode valueAt(Node node) {
        try {
            return MAPPER.readTree(text.substring(node.start, node.end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode build(List<String> path, JsonNode value) {
        JsonNode built = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            built = MAPPER.createObjectNode().set(path.get(i), built);
        }
        return built;
    }

    private JsoncDocument withRoot(JsonNode value) {
        requireObjectValue(value);
        int end = text.length();
        String before = end == 0 || text.endsWith("\n") ? "" : eol;
        return edit(end, end, before + render(value, "") + eol);
    }

    private static void requireObjectValue(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("the root of a document must be an object");
        }
    }

    private JsoncDocument replace(Node node, JsonNode value) {
        return edit(node.start, node.end, render(value, lineIndent(node.start)));
    }

    /**
     * Inserts a member (when {@code key} is present) or an element at the end of a container:
     * after the last child's line (so a comment on that line stays with it), before the closing
     * bracket's line, with a comma after the last child when it has none.
     */
    private JsoncDocument insert(Node container, Optional<String> key, JsonNode value) {
        int close = container.end - 1;
        boolean empty = container.childCount() == 0;
        boolean oneLine = !empty && !text.substring(container.start, container.end).contains("\n");
        String closeIndent = lineIndent(container.start);
        String childIndent = !empty && startsLine(container.lastChildStart()) ? lineIndent(container.lastChildStart())
                : closeIndent + unit;
        boolean trailingComma = false;
        int afterLast = -1;
        if (!empty) {
            afterLast = container.lastChildEnd();
            trailingComma = nextSignificant(afterLast) < close && text.charAt(nextSignificant(afterLast)) == ',';
        }
        String prefix = key.map(k -> quote(k) + ": ").orElse("");
        if (oneLine) {
            String child = prefix + compact(value);
            return trailingComma ? edit(nextSignificant(afterLast) + 1, nextSignificant(afterLast) + 1, " " + child + ",")
                    : edit(afterLast, afterLast, ", " + child);
        }
        String child = childIndent + prefix + render(value, childIndent) + (trailingComma ? "," : "");
        String comma = empty || trailingComma ? "" : ",";
        if (startsLine(close)) {
            int lineStart = text.lastIndexOf('\n', close - 1) + 1;
            return edits(afterLast, comma, lineStart, child + eol);
        }
        return edits(afterLast, comma, close, eol + child + eol + closeIndent);
    }

    /** Two insertions: {@code first} at {@code at1} (skipped when at1 < 0 or first is empty), then {@code second}. */
    private JsoncDocument edits(int at1, String first, int at2, String second) {
        if (at1 < 0 || first.isEmpty()) {
            return edit(at2, at2, second);
        }
        String edited = text.substring(0, at1) + first + text.substring(at1, at2) + second + text.substring(at2);
        return new JsoncDocument(name, bom, edited, unit, eol);
    }

    private JsoncDocument edit(int start, int end, String replacement) {
        return new JsoncDocument(name, bom, text.substring(0, start) + replacement + text.substring(end), unit, eol);
    }

    /** The first offset at or after {@code from} that is not whitespace or a comment. */
    private int nextSignificant(int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (text.startsWith("//", i)) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl + 1;
            } else if (text.startsWith("/*", i)) {
                int endComment = text.indexOf("*/", i + 2);
                i = endComment < 0 ? text.length() : endComment + 2;
            } else {
                return i;
            }
        }
        return i;
    }

    private boolean startsLine(int offset) {
        int i = offset - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }

    /** The spaces and tabs that start the line holding {@code offset}. */
    private String lineIndent(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** The indentation of the first child that starts a line, per level of nesting; a tab when none does. */
    private String detectUnit() {
        if (root.isEmpty()) {
            return "\t";
        }
        return detect(root.get(), 1).or(this::firstIndentedLine).orElse("\t");
    }

    /** For a file with no indented member (an object holding only comments): its first indented line. */
    private Optional<String> firstIndentedLine() {
        for (String line : text.split("\n")) {
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            if (!indent.isEmpty() && !line.isBlank()) {
                return Optional.of(indent.startsWith("\t") ? "\t" : indent.replace("\t", ""));
            }
        }
        return Optional.empty();
    }

    private Optional<String> detect(Node node, int depth) {
        List<Node> children = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (Member m : node.members) {
            children.add(m.value());
            starts.add(m.keyStart());
        }
        for (Node e : node.elements) {
            children.add(e);
            starts.add(e.start);
        }
        for (int start : starts) {
            if (startsLine(start)) {
                String indent = lineIndent(start);
                if (indent.startsWith("\t")) {
                    return Optional.of("\t");
                }
                if (!indent.isEmpty() && indent.chars().allMatch(c -> c == ' ') && indent.length() % depth == 0) {
                    return Optional.of(" ".repeat(indent.length() / depth));
                }
            }
        }
        for (Node child : children) {
            Optional<String> found = detect(child, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The value as JSON text on several lines, its inner lines indented from {@code indent}. */
    private String render(JsonNode value, String indent) {
        if (value.isObject() && !value.isEmpty()) {
            StringBuilder s = new StringBuilder("{");
            String inner = indent + unit;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                s.append(eol).append(inner).append(quote(field.getKey())).append(": ")
                        .append(render(field.getValue(), inner)).append(it.hasNext() ? "," : "");
            }
            return s.append(eol).append(indent).append('}').toString();
        }
        if (value.isArray() && !value.isEmpty()) {
            StringBuilder s = new StringBuilder("[");
            String inner = indent + unit;
            for (int i = 0; i < value.size(); i++) {
                s.append(eol).append(inner).append(render(value.get(i), inner)).append(i + 1 < value.size() ? "," : "");
            }
            return s.append(eol).append(indent).append(']').toString();
        }
        return compact(value);
    }

    /** The value as JSON text on one line. */
    static String compact(JsonNode value) {
        if (value.isObject()) {
            StringBuilder s = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                s.append(' ').append(quote(field.getKey())).append(": ").append(compact(field.getValue()))
                        .append(it.hasNext() ? "," : " ");
            }
            return s.append('}').toString();
        }
        if (value.isArray()) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                s.append(i > 0 ? ", " : "").append(compact(value.get(i)));
            }
            return s.append(']').toString();
        }
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        return value.toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, the rest as is. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                case '\b' -> q.append("\\b");
                case '\f' -> q.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
