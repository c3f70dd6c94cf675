package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run's diff is a real unified diff: GNU patch applies it and gets the new content. */
class UnifiedDiffTest {
    @TempDir
    Path tmp;

    @Test
    void gnuPatchTurnsTheOldContentIntoTheNewWithTheDiff() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/patch")) || "true".equals(System.getenv("CI")),
                "GNU patch is not installed");
        for (int seed = 0; seed < 60; seed++) {
            Random r = new Random(seed);
            List<String> before = new ArrayList<>();
            for (int i = 0; i < r.nextInt(40); i++) {
                before.add("line " + r.nextInt(8));
            }
            List<String> after = new ArrayList<>(before);
            for (int e = 0; e < 1 + r.nextInt(4); e++) {
                int at = after.isEmpty() ? 0 : r.nextInt(after.size() + 1);
                if (r.nextBoolean() || after.isEmpty() || at == after.size()) {
                    after.add(at, "new " + r.nextInt(8));
                } else {
                    after.remove(at);
                }
            }
            if (before.equals(after)) {
                continue;
            }
            Path file = tmp.resolve("f" + seed);
            Files.writeString(file, text(before));
            Path patchFile = tmp.resolve("p" + seed);
            List<String> diff = UnifiedDiff.of(file.toString(), Optional.of(text(before).getBytes(StandardCharsets.UTF_8)),
                    Optional.of(text(after).getBytes(StandardCharsets.UTF_8)));
            Files.writeString(patchFile, String.join("\n", diff) + "\n");
            Process p = new ProcessBuilder("patch", "-s", "-p0", file.toString(), patchFile.toString())
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("seed %d: %s\n%s", seed, output, String.join("\n", diff)).isZero();
            assertThat(Files.readString(file)).as("seed %d", seed).isEqualTo(text(after));
        }
    }

    @Test
    void controlCharactersFromTheFileAreShownEscaped() {
        List<String> diff = UnifiedDiff.of("/s.json", Optional.of("a\n".getBytes(StandardCharsets.UTF_8)),
                Optional.of("a\n\"\u001b[31mred\u202e\"\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(diff).containsExactly("--- a/s.json", "+++ b/s.json", "@@ -1,1 +1,2 @@", " a",
                "+\"\\u001b[31mred\\u202e\"");
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
