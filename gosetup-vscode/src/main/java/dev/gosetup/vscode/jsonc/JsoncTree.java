package dev.gosetup.vscode.jsonc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import dev.gosetup.api.InvalidConfigurationException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syntax tree of a JSONC text with the character offsets of every value, read with Jackson's
 * streaming parser (comments and trailing commas allowed, as in VS Code's files). Jackson checks
 * the syntax; this class only records where each value starts and ends.
 */
final class JsoncTree {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    enum Kind { OBJECT, ARRAY, SCALAR }

    /** A value: its span [start, end) in the text; members or elements for containers. */
    static final class Node {
        final Kind kind;
        final int start;
        int end;
        final List<Member> members = new ArrayList<>();
        final List<Node> elements = new ArrayList<>();

        Node(Kind kind, int start) {
            this.kind = kind;
            this.start = start;
        }

        /** The last member with this name: what VS Code and Jackson read for a duplicated key. */
        Optional<Member> member(String name) {
            for (int i = members.size() - 1; i >= 0; i--) {
                if (members.get(i).name().equals(name)) {
                    return Optional.of(members.get(i));
                }
            }
            return Optional.empty();
        }

        int childCount() {
            return kind == Kind.OBJECT ? members.size() : elements.size();
        }

        /** Where the last member or element starts (its key for a member) and ends. */
        int lastChildStart() {
            return kind == Kind.OBJECT ? members.get(members.size() - 1).keyStart() : elements.get(elements.size() - 1).start;
        }

        int lastChildEnd() {
            return kind == Kind.OBJECT ? members.get(members.size() - 1).value().end
                    : elements.get(elements.size() - 1).end;
        }
    }

    /** An object member: its decoded name, where its key starts, its value. */
    record Member(String name, int keyStart, Node value) {
    }

    private JsoncTree() {
    }

    /**
     * Parses a text (without a byte order mark).
     *
     * @param text the text
     * @param name the file, for messages
     * @return the root value, or empty when the text holds only whitespace and comments
     * @throws InvalidConfigurationException naming {@code name:line:column} for a syntax error
     */
    static Optional<Node> parse(String text, String name) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            Node root = value(p, first, text);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw invalid(name, p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr(),
                        "more than one value at the top level (" + after.asString() + " after the end)");
            }
            return Optional.of(root);
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            int newline = message.indexOf('\n');
            throw invalid(name, e.getLocation().getLineNr(), e.getLocation().getColumnNr(),
                    newline < 0 ? message : message.substring(0, newline));
        } catch (IOException e) {
            throw new InvalidConfigurationException(name + ": cannot be read as JSON with comments: " + e.getMessage(),
                    List.of("fix " + name + " by hand, then run the command again; gosetup left it as it was"), e);
        }
    }

    static InvalidConfigurationException invalid(String name, int line, int column, String what) {
        return new InvalidConfigurationException(name + ":" + line + ":" + column + ": not valid JSON with comments: "
                + what, List.of("fix " + name + " at line " + line + ", column " + column
                        + " by hand (VS Code marks the problem too), then run the command again; gosetup left the "
                        + "file as it was"));
    }

    private static Node value(JsonParser p, JsonToken token, String text) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        switch (token) {
            case START_OBJECT -> {
                Node object = new Node(Kind.OBJECT, start);
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    int keyStart = (int) p.currentTokenLocation().getCharOffset();
                    String key = p.currentName();
                    object.members.add(new Member(key, keyStart, value(p, p.nextToken(), text)));
                }
                object.end = (int) p.currentTokenLocation().getCharOffset() + 1;
                return object;
            }
            case START_ARRAY -> {
                Node array = new Node(Kind.ARRAY, start);
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.elements.add(value(p, t, text));
                }
                array.end = (int) p.currentTokenLocation().getCharOffset() + 1;
                return array;
            }
            case VALUE_STRING -> {
                p.getText(); // let Jackson check the whole string (escapes, control characters)
                Node string = new Node(Kind.SCALAR, start);
                string.end = stringEnd(text, start);
                return string;
            }
            default -> {
                Node scalar = new Node(Kind.SCALAR, start);
                int end = start;
                while (end < text.length() && isLiteralChar(text.charAt(end))) {
                    end++;
                }
                scalar.end = end;
                return scalar;
            }
        }
    }

    private static int stringEnd(String text, int start) {
        int i = start + 1;
        while (text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static boolean isLiteralChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+'
                || c == '.';
    }
}
