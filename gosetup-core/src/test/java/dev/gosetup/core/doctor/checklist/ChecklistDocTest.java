package dev.gosetup.core.doctor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every YAML example of docs/checklist.md is a checklist the doctor reads. */
class ChecklistDocTest {
    private static final Path DOC = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/checklist.md");

    @Test
    void everyExampleOfTheReferenceIsAValidChecklist() throws Exception {
        String text = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
        List<ReadinessCheck> registered = ProviderRegistry.load(ReadinessCheck.class).all();
        List<String> read = new ArrayList<>();
        int n = 0;
        while (block.find()) {
            n++;
            Checklist checklist = Checklist.parse(block.group(1), "docs/checklist.md example " + n, false, registered);
            assertThat(checklist.checks()).as("example " + n).isNotEmpty();
            checklist.checks().forEach(c -> read.add(c.id()));
        }
        assertThat(n).isGreaterThanOrEqualTo(7);
        // Every probe kind and the built-in checks' parameters are shown.
        assertThat(read).contains("api", "postgres", "make", "gopath", "module-settings", "registry", "redis", "git",
                "netrc", "private-modules", "go-directories", "module-proxy");
    }

    @Test
    void theReferenceNamesEveryBuiltInCheckAndParameter() throws Exception {
        String text = Files.readString(DOC, StandardCharsets.UTF_8);
        for (ReadinessCheck check : ProviderRegistry.load(ReadinessCheck.class).all()) {
            assertThat(text).as(check.id()).contains("`" + check.id() + "`");
            for (String parameter : check.parameters().orElse(java.util.Set.of())) {
                assertThat(text).as(check.id() + " " + parameter).contains("| `" + check.id() + "` | `" + parameter + "`");
            }
        }
    }
}
