package dev.gosetup.vscode.jsonc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.gosetup.api.InvalidConfigurationException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Hand-picked edits whose exact output text is known: the cases a property test states only loosely. */
class JsoncDocumentTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static JsoncDocument doc(String text) {
        return JsoncDocument.parse(text.getBytes(StandardCharsets.UTF_8), "settings.json");
    }

    @Test
    void aNewKeyGoesAtTheEndWithTheSiblingsIndentationAndTheCommentOfTheLastLineStaysWithIt() {
        JsoncDocument d = doc("{\n    // editor\n    \"editor.tabSize\": 4 // four\n}\n")
                .set(List.of("go.toolsManagement.autoUpdate"), F.booleanNode(false));
        assertThat(d.text()).isEqualTo(
                "{\n    // editor\n    \"editor.tabSize\": 4, // four\n    \"go.toolsManagement.autoUpdate\": false\n}\n");
    }

    @Test
    void nestedObjectsAreMergedKeyByKeyAndCreatedWithTheFileIndentation() {
        JsoncDocument d = doc("{\r\n\t\"go.alternateTools\": {\r\n\t\t\"gopls\": \"/x/gopls\", // mine\r\n\t},\r\n}")
                .set(List.of("go.alternateTools"), F.objectNode().put("go", "/g/bin/go").put("gopls", "/x/gopls"))
                .set(List.of("go.toolsEnvVars"), F.objectNode().put("GOPROXY", "off"));
        assertThat(d.text()).isEqualTo("{\r\n\t\"go.alternateTools\": {\r\n\t\t\"gopls\": \"/x/gopls\", // mine\r\n"
                + "\t\t\"go\": \"/g/bin/go\",\r\n\t},\r\n\t\"go.toolsEnvVars\": {\r\n\t\t\"GOPROXY\": \"off\"\r\n\t},\r\n}");
    }

    @Test
    void anEmptyObjectWithAPlaceholderCommentKeepsItFirst() {
        JsoncDocument d = doc("\uFEFF// Place your settings in this file to overwrite the default settings\n{\n  // none yet\n}")
                .set(List.of("a", "b"), TextNode.valueOf("c"));
        assertThat(d.text()).isEqualTo("// Place your settings in this file to overwrite the default settings\n"
                + "{\n  // none yet\n  \"a\": {\n    \"b\": \"c\"\n  }\n}");
        assertThat(new String(d.bytes(), StandardCharsets.UTF_8)).startsWith("\uFEFF//");
        assertThat(doc("{}").set(List.of("k"), F.numberNode(1)).text()).isEqualTo("{\n\t\"k\": 1\n}");
        assertThat(doc("").set(List.of("k"), F.numberNode(1)).text()).isEqualTo("{\n\t\"k\": 1\n}\n");
        assertThat(doc("{ \"a\": 1 }").set(List.of("k"), F.numberNode(2)).text()).isEqualTo("{ \"a\": 1, \"k\": 2 }");
        assertThat(doc("{ \"a\": 1, }").set(List.of("k"), F.numberNode(2)).text()).isEqualTo("{ \"a\": 1, \"k\": 2, }");
    }

    @Test
    void anEqualValueChangesNothingAndADifferentOneReplacesOnlyItsText() {
        String text = "{\n  \"x\": /* keep */ true, \"y\": [1,2]\n}";
        assertThat(doc(text).set(List.of("x"), F.booleanNode(true)).text()).isEqualTo(text);
        assertThat(doc(text).set(List.of("x"), TextNode.valueOf("a\"b\u00e9\n")).text())
                .isEqualTo("{\n  \"x\": /* keep */ \"a\\\"b\u00e9\\n\", \"y\": [1,2]\n}");
        assertThat(doc(text).set(List.of("y"), F.objectNode().put("z", 1)).text())
                .isEqualTo("{\n  \"x\": /* keep */ true, \"y\": {\n    \"z\": 1\n  }\n}");
    }

    @Test
    void keysSpeltWithUnicodeEscapesAreTheSameKeys() {
        JsoncDocument d = doc("{\"\\u0067o.x\": 1}").set(List.of("go.x"), F.numberNode(2));
        assertThat(d.text()).isEqualTo("{\"\\u0067o.x\": 2}");
    }

    @Test
    void aDuplicatedKeyIsReadAndEditedAtItsLastOccurrenceAsVsCodeReadsIt() {
        JsoncDocument d = doc("{\n\t\"go.alternateTools\": {\"go\": \"/old\"},\n\t\"go.alternateTools\": {\"go\": \"/mid\"}\n}");
        assertThat(d.get(List.of("go.alternateTools", "go")).asText()).isEqualTo("/mid");
        assertThat(d.set(List.of("go.alternateTools", "go"), TextNode.valueOf("/new")).text())
                .isEqualTo("{\n\t\"go.alternateTools\": {\"go\": \"/old\"},\n\t\"go.alternateTools\": {\"go\": \"/new\"}\n}");
    }

    @Test
    void arraysGrowByIdentity() {
        String text = "{\n\t\"recommendations\": [\n\t\t\"ms-python.python\" // py\n\t]\n}";
        JsoncDocument once = doc(text).append(List.of("recommendations"), TextNode.valueOf("golang.go"),
                e -> e.asText().equalsIgnoreCase("golang.go"));
        assertThat(once.text()).isEqualTo(
                "{\n\t\"recommendations\": [\n\t\t\"ms-python.python\", // py\n\t\t\"golang.go\"\n\t]\n}");
        assertThat(once.append(List.of("recommendations"), TextNode.valueOf("golang.go"),
                e -> e.asText().equalsIgnoreCase("golang.go"))).isSameAs(once);
    }

    @Test
    void invalidFilesAreRefusedNamingLineAndColumn() {
        assertThatThrownBy(() -> doc("{\n  \"a\": 1\n  \"b\": 2\n}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("settings.json:3:3: not valid JSON with comments:");
        assertThatThrownBy(() -> doc("{} {}")).hasMessageStartingWith("settings.json:1:4: ");
        assertThatThrownBy(() -> doc("{\"a\": [1,,2]}")).hasMessageStartingWith("settings.json:1:");
        assertThatThrownBy(() -> JsoncDocument.parse(new byte[] {'{', (byte) 0xff, '}'}, "s.json"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("s.json is not UTF-8");
        assertThatThrownBy(() -> doc("[1]").set(List.of("a"), F.numberNode(1)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("not hold a JSON object");
    }

    @Test
    void indentationIsDetected() {
        assertThat(doc("{\n  \"a\": {\n    \"b\": 1}}").unit()).isEqualTo("  ");
        assertThat(doc("{\"a\": {\n        \"b\": 1}}").unit()).isEqualTo("    ");
        assertThat(doc("{\n\t\"a\": 1}").unit()).isEqualTo("\t");
        assertThat(doc("{\"a\": 1}").unit()).isEqualTo("\t");
        JsonNode tree = doc("{\"a\": 1, /* c */ \"b\": [true,],}").tree();
        assertThat(tree.toString()).isEqualTo("{\"a\":1,\"b\":[true]}");
    }
}
