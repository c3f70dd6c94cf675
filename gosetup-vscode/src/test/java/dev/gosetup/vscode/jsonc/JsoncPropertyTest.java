package dev.gosetup.vscode.jsonc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated JSONC documents (comments between every two tokens, trailing commas, CRLF, a byte
 * order mark, nesting, keys and strings with unicode escapes, tabs or spaces) get random edits:
 * set a value at a path (new or existing, scalar or an object merged key by key), or append to an
 * array. Each result must read back, with Jackson and with Microsoft's jsonc-parser, as exactly the
 * intended values; every character outside the replaced values must still be there, in order;
 * and doing the same edit again must change nothing.
 */
class JsoncPropertyTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int DOCUMENTS = 400;
    private static final String[] KEYS = {"go.alternateTools", "go.toolsEnvVars", "go", "dlv", "gopls", "GOPROXY",
        "recommendations", "configurations", "editor.tabSize", "näme", "a b", "\"quoted\"", "back\\slash", "x"};

    @TempDir
    Path tmp;

    private int comments;

    @Test
    void editsKeepEveryOtherByteAndGiveTheIntendedValues() throws Exception {
        List<Path> files = new ArrayList<>();
        List<JsonNode> expectations = new ArrayList<>();
        for (int seed = 0; seed < DOCUMENTS; seed++) {
            Random r = new Random(seed);
            Style style = new Style(r.nextBoolean() ? "\r\n" : "\n",
                    List.of("\t", "  ", "    ").get(r.nextInt(3)), r.nextInt(4) == 0, r);
            comments = 0;
            StringBuilder text = new StringBuilder(style.bom ? "\uFEFF" : "");
            ObjectNode model = F.objectNode();
            gap(text, style, "");
            writeObject(text, model, style, "", 0, r);
            gap(text, style, "");
            String original = text.toString();
            JsoncDocument doc = JsoncDocument.parse(original.getBytes(StandardCharsets.UTF_8), "gen" + seed + ".json");
            assertThat(doc.tree()).as("seed %d reads as generated", seed).isEqualTo(model);

            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                List<String> path = randomPath(model, r);
                JsoncDocument before = doc;
                JsonNode expected = model.deepCopy();
                List<List<String>> replaced = new ArrayList<>();
                JsoncDocument after;
                String what;
                if (r.nextInt(3) == 0) {
                    JsonNode element = r.nextBoolean() ? F.textNode("golang.go" + r.nextInt(3))
                            : F.objectNode().put("name", "Launch " + r.nextInt(3)).put("type", "go");
                    after = before.append(path, element, x -> x.equals(element));
                    expectAppend(expected, path, element, replaced);
                    what = "append " + element + " at " + path;
                    assertThat(after.append(path, element, x -> x.equals(element)).text()).as("again: " + what)
                            .isEqualTo(after.text());
                } else {
                    JsonNode value = r.nextInt(3) == 0 ? randomObject(r, 2) : scalar(r);
                    after = before.set(path, value);
                    expectSet(expected, path, value, replaced);
                    what = "set " + path + " = " + value;
                    assertThat(after.set(path, value).text()).as("again: " + what).isEqualTo(after.text());
                }
                assertThat(after.tree()).as("seed %d: %s in\n%s\ngave\n%s", seed, what, before.text(), after.text())
                        .isEqualTo(expected);
                assertKept(before, after, replaced, "seed " + seed + ": " + what);
                assertThat(after.bytes()).startsWith(style.bom ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                        : new byte[] {after.bytes()[0]});
                if (original.contains("\r\n")) { // a file with no line break at all gets LF
                    assertThat(after.text().replace("\r\n", "")).as("no bare LF added: " + what).doesNotContain("\n");
                }
                doc = after;
                model = (ObjectNode) expected;
            }
            Path file = tmp.resolve("doc" + seed + ".json");
            Files.write(file, doc.bytes());
            files.add(file);
            expectations.add(model);
        }
        List<MicrosoftJsoncParser.Parsed> judged = MicrosoftJsoncParser.parse(files);
        for (int i = 0; i < files.size(); i++) {
            assertThat(judged.get(i).errors()).as("jsonc-parser errors in " + Files.readString(files.get(i))).isEmpty();
            assertThat(MicrosoftJsoncParser.sameValue(judged.get(i).value(), expectations.get(i)))
                    .as("jsonc-parser read %s\nas %s\nexpected %s", Files.readString(files.get(i)),
                            judged.get(i).value(), expectations.get(i)).isTrue();
        }
    }

    /** Every piece of the text outside the replaced values is in the result, in order. */
    private void assertKept(JsoncDocument before, JsoncDocument after, List<List<String>> replaced, String what) {
        List<int[]> cuts = new ArrayList<>();
        for (List<String> p : replaced) {
            cuts.add(before.span(p).orElseThrow(() -> new AssertionError("no span for " + p)));
        }
        cuts.sort((a, b) -> Integer.compare(a[0], b[0]));
        String text = before.text();
        String result = after.text();
        int from = 0;
        int at = 0;
        List<String> pieces = new ArrayList<>();
        for (int[] cut : cuts) {
            pieces.add(text.substring(at, cut[0]));
            at = Math.max(at, cut[1]);
        }
        pieces.add(text.substring(at));
        // Insertions may fall anywhere, so the kept text is a subsequence of the result, character by character.
        for (String piece : pieces) {
            for (int i = 0; i < piece.length(); i++) {
                int found = result.indexOf(piece.charAt(i), from);
                if (found < 0) {
                    throw new AssertionError(what + ": lost \"" + piece.substring(i) + "\" of\n" + text + "\nin\n" + result);
                }
                from = found + 1;
            }
        }
        int inserted = result.length() - (text.length() - cuts.stream().mapToInt(c -> c[1] - c[0]).sum());
        assertThat(inserted).as(what + ": the result only adds").isGreaterThanOrEqualTo(0);
        String kept = String.join("", pieces); // comments inside a replaced value go with it
        for (int c = 0; c < comments; c++) {
            String marker = "c" + c;
            assertThat(result.split("(?<![0-9])" + marker + "(?![0-9])", -1).length - 1).as(what + ": comment " + marker)
                    .isEqualTo(kept.split("(?<![0-9])" + marker + "(?![0-9])", -1).length - 1);
        }
    }

    // ---- the expected model -------------------------------------------------------------------

    private static void expectSet(JsonNode root, List<String> path, JsonNode value, List<List<String>> replaced) {
        ObjectNode node = (ObjectNode) root;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            if (child == null) {
                node = node.putObject(path.get(i));
            } else if (!child.isObject()) {
                replaced.add(path.subList(0, i + 1));
                node = node.putObject(path.get(i));
            } else {
                node = (ObjectNode) child;
            }
        }
        String last = path.get(path.size() - 1);
        JsonNode existing = node.get(last);
        if (value.isObject() && existing != null && existing.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                List<String> sub = new ArrayList<>(path);
                sub.add(f.getKey());
                expectSet(root, sub, f.getValue(), replaced);
            }
            return;
        }
        if (existing != null && !existing.equals(value)) {
            replaced.add(path);
        }
        node.set(last, value);
    }

    private static void expectAppend(JsonNode root, List<String> path, JsonNode element, List<List<String>> replaced) {
        JsonNode existing = root;
        for (String key : path) {
            existing = existing.path(key);
        }
        if (!existing.isArray()) {
            expectSet(root, path, F.arrayNode().add(element), replaced);
            return;
        }
        for (JsonNode e : existing) {
            if (e.equals(element)) {
                return;
            }
        }
        ((ArrayNode) existing).add(element);
    }

    private static List<String> randomPath(JsonNode model, Random r) {
        List<String> path = new ArrayList<>();
        JsonNode node = model;
        while (true) {
            if (node.isObject() && !node.isEmpty() && r.nextInt(3) != 0) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                String name = names.get(r.nextInt(names.size()));
                path.add(name);
                node = node.get(name);
            } else {
                if (path.isEmpty() || r.nextInt(4) == 0) {
                    path.add(KEYS[r.nextInt(KEYS.length)] + r.nextInt(5));
                }
                return path;
            }
        }
    }

    // ---- the generator ------------------------------------------------------------------------

    private record Style(String eol, String unit, boolean bom, Random r) {
    }

    /** Whitespace, comments, or nothing: everything that may stand between two tokens. */
    private void gap(StringBuilder s, Style style, String indent) {
        switch (style.r.nextInt(6)) {
            case 0 -> { }
            case 1 -> s.append(' ');
            case 2 -> s.append("/*c").append(comments++).append("*/");
            case 3 -> s.append(" //c").append(comments++).append(style.eol).append(indent);
            case 4 -> s.append(style.eol).append(indent).append("/* c").append(comments++).append("*/ ");
            default -> s.append(style.eol).append(style.eol).append(indent);
        }
    }

    private void writeObject(StringBuilder s, ObjectNode model, Style style, String indent, int depth, Random r) {
        s.append('{');
        int n = depth > 3 ? 0 : r.nextInt(5);
        String inner = indent + style.unit;
        for (int i = 0; i < n; i++) {
            String key = KEYS[r.nextInt(KEYS.length)] + i;
            if (model.has(key)) {
                continue;
            }
            s.append(style.eol).append(inner);
            gap(s, style, inner);
            s.append(r.nextInt(4) == 0 ? escaped(key) : JsoncDocument.quote(key));
            gap(s, style, inner);
            s.append(':');
            gap(s, style, inner);
            model.set(key, writeValue(s, style, inner, depth, r));
            gap(s, style, inner);
            if (i < n - 1 || r.nextBoolean()) {
                s.append(',');
            }
        }
        gap(s, style, inner);
        s.append(n > 0 ? style.eol + indent : "").append('}');
    }

    private JsonNode writeValue(StringBuilder s, Style style, String indent, int depth, Random r) {
        int kind = r.nextInt(depth > 2 ? 2 : 4);
        if (kind == 2) {
            ObjectNode child = F.objectNode();
            writeObject(s, child, style, indent, depth + 1, r);
            return child;
        }
        if (kind == 3) {
            ArrayNode array = F.arrayNode();
            s.append('[');
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                gap(s, style, indent + style.unit);
                array.add(writeValue(s, style, indent + style.unit, depth + 1, r));
                gap(s, style, indent + style.unit);
                if (i < n - 1 || r.nextBoolean()) {
                    s.append(',');
                }
            }
            gap(s, style, indent);
            s.append(']');
            return array;
        }
        JsonNode value = scalar(r);
        s.append(value.isTextual() && r.nextBoolean() ? escaped(value.textValue()) : JsoncDocument.compact(value));
        return value;
    }

    /** A string literal with every character written as a unicode escape. */
    private static String escaped(String s) {
        StringBuilder q = new StringBuilder("\"");
        s.chars().forEach(c -> q.append(String.format("\\u%04X", c)));
        return q.append('"').toString();
    }

    private static JsonNode scalar(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> F.booleanNode(r.nextBoolean());
            case 1 -> F.nullNode();
            case 2 -> F.numberNode(r.nextInt(2000) - 1000);
            case 3 -> F.numberNode(r.nextInt(1000) / 4.0 + 0.25);
            case 4 -> F.textNode("/home/user/sdk/go" + r.nextInt(30) + "/bin/go");
            case 5 -> F.textNode("é\"\\\t😀 line\nbreak, // not a comment /* nor this */");
            default -> F.textNode("https://proxy.golang.org,direct");
        };
    }

    private static JsonNode randomObject(Random r, int depth) {
        ObjectNode o = F.objectNode();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            o.set(KEYS[r.nextInt(KEYS.length)] + r.nextInt(3), depth > 0 && r.nextInt(3) == 0 ? randomObject(r, depth - 1)
                    : scalar(r));
        }
        return o;
    }
}
