package dev.gosetup.vscode.jsonc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Microsoft's own {@code jsonc-parser} (the npm package VS Code reads its settings with), run by
 * node, as an independent judge of files gosetup edited. It is installed once into
 * {@code target/jsonc} with {@code npm install --prefix target/jsonc jsonc-parser@3}. Without npm
 * the tests that use it are skipped, except under {@code CI=true}, where they fail.
 */
public final class MicrosoftJsoncParser {
    private static final Path DIR = Path.of("target", "jsonc").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What jsonc-parser made of one file: its value and its parse errors. */
    public record Parsed(JsonNode value, List<String> errors) {
    }

    private MicrosoftJsoncParser() {
    }

    /**
     * Parses each file as VS Code does: UTF-8, a byte order mark dropped, comments and trailing
     * commas allowed.
     *
     * @param files the files
     * @return one result per file, in order
     */
    public static synchronized List<Parsed> parse(List<Path> files) throws IOException, InterruptedException {
        install();
        Path script = DIR.resolve("parse.js");
        Files.writeString(script, """
                const fs = require('fs');
                const jsonc = require('jsonc-parser');
                const out = [];
                for (const file of process.argv.slice(2)) {
                  const text = fs.readFileSync(file, 'utf8').replace(/^\\uFEFF/, '');
                  const errors = [];
                  const value = jsonc.parse(text, errors, { allowTrailingComma: true, disallowComments: false });
                  out.push({ value: value === undefined ? null : value,
                             errors: errors.map(e => jsonc.printParseErrorCode(e.error) + ' at ' + e.offset) });
                }
                process.stdout.write(JSON.stringify(out));
                """);
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        files.forEach(f -> command.add(f.toString()));
        Path out = Files.createTempFile(DIR, "out", ".json");
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(p.exitValue()).as("node's exit status").isZero();
        JsonNode results = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
        Files.delete(out);
        List<Parsed> parsed = new ArrayList<>();
        for (JsonNode r : results) {
            List<String> errors = new ArrayList<>();
            r.get("errors").forEach(e -> errors.add(e.asText()));
            parsed.add(new Parsed(r.get("value"), errors));
        }
        return parsed;
    }

    /** Numbers compare by value (node prints 1000 where Jackson read 1e3), everything else exactly. */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? Double.compare(x.doubleValue(), y.doubleValue()) : x.equals(y) ? 0 : 1, b);
    }

    private static void install() throws IOException, InterruptedException {
        if (Files.isRegularFile(DIR.resolve("node_modules/jsonc-parser/package.json"))) {
            return;
        }
        boolean ci = "true".equals(System.getenv("CI"));
        if (!onPath("npm") || !onPath("node")) {
            if (ci) {
                throw new AssertionError("node and npm are needed to judge edited files with jsonc-parser");
            }
            Assumptions.abort("node or npm is not on PATH: the judgement by Microsoft's jsonc-parser is skipped");
        }
        Files.createDirectories(DIR);
        Process p = new ProcessBuilder("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund",
                "jsonc-parser@3").redirectErrorStream(true).redirectOutput(DIR.resolve("npm.log").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("npm install finished").isTrue();
        if (p.exitValue() != 0) {
            String log = Files.readString(DIR.resolve("npm.log"));
            if (ci) {
                throw new AssertionError("npm install jsonc-parser@3 failed:\n" + log);
            }
            Assumptions.abort("npm install jsonc-parser@3 failed (no registry?):\n" + log);
        }
    }

    private static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
