package dev.gosetup.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportFormatTest {
    private static final String NASTY = "a <b> & \"c\" 'd' | e\u0001\u001b[31m\uFFFF";

    private final DoctorReport report = new DoctorReport(List.of(
            new CheckOutcome("go-found", "Go toolchain", "toolchain",
                    CheckResult.pass("go1.22.12 at /usr/lib/go-1.22/bin/go").withDetail("GOROOT", "/usr/lib/go-1.22")
                            .withDuration(Duration.ofMillis(42))),
            new CheckOutcome("go-shadowing", "go on PATH", "toolchain",
                    CheckResult.warn("2 go binaries on PATH").withDetail("1", "/usr/local/go/bin/go")
                            .withHint("remove /usr/local/go/bin from PATH")),
            new CheckOutcome("module-proxy", "Module proxy", "network",
                    CheckResult.fail("https://proxy.example did not answer within 3s").withHint("check the network")),
            new CheckOutcome("build-and-serve", "Build and serve", "toolchain",
                    CheckResult.skip("prerequisite go-found failed: go was not found")),
            new CheckOutcome("team", "Team " + NASTY, "team",
                    CheckResult.error("did not finish within 10s").withDetail("output", NASTY)
                            .withDuration(Duration.ofSeconds(10)))),
            Instant.parse("2024-05-01T10:15:30.123Z"), Duration.ofMillis(10_250));

    @Test
    void textLooksLikeFlutterDoctorWithColourOnlyWhenAsked() {
        String text = ReportFormat.TEXT.render(report);
        assertThat(text).startsWith("[✓] Go toolchain: go1.22.12 at /usr/lib/go-1.22/bin/go\n"
                + "[!] go on PATH: 2 go binaries on PATH\n"
                + "    • 1: /usr/local/go/bin/go\n"
                + "    → remove /usr/local/go/bin from PATH\n"
                + "[✗] Module proxy: https://proxy.example did not answer within 3s\n"
                + "    → check the network\n"
                + "[-] Build and serve: prerequisite go-found failed: go was not found\n"
                + "[?] Team a <b>");
        assertThat(text).doesNotContain("GOROOT").doesNotContain("\u001b").doesNotContain("\u0001")
                .contains("\\u001b[31m");
        assertThat(text).endsWith("\n✗ Problems found: 1 passed, 1 warning, 1 failed, 1 skipped, 1 error (10.3s)\n");

        String verbose = ReportFormat.TEXT.render(report, true, true);
        assertThat(verbose).contains("\u001B[32m[✓]\u001B[0m Go toolchain: go1.22.12 at /usr/lib/go-1.22/bin/go (go-found, 42ms)")
                .contains("    • GOROOT: /usr/lib/go-1.22");
    }

    @Test
    void jsonParsesBackWithEveryField() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ReportFormat.JSON.render(report));
        assertThat(root.get("ok").asBoolean()).isFalse();
        assertThat(root.get("exitCode").asInt()).isEqualTo(1);
        assertThat(root.get("started").asText()).isEqualTo("2024-05-01T10:15:30.123Z");
        assertThat(root.get("durationMillis").asLong()).isEqualTo(10_250);
        assertThat(root.get("counts").toString()).isEqualTo("{\"pass\":1,\"warn\":1,\"fail\":1,\"skip\":1,\"error\":1}");
        JsonNode checks = root.get("checks");
        assertThat(checks).hasSize(5);
        assertThat(checks.get(0).get("id").asText()).isEqualTo("go-found");
        assertThat(checks.get(0).get("category").asText()).isEqualTo("toolchain");
        assertThat(checks.get(0).get("details").get("GOROOT").asText()).isEqualTo("/usr/lib/go-1.22");
        assertThat(checks.get(0).get("durationMillis").asLong()).isEqualTo(42);
        assertThat(checks.get(1).get("status").asText()).isEqualTo("WARN");
        assertThat(checks.get(1).get("hints").get(0).asText()).isEqualTo("remove /usr/local/go/bin from PATH");
        // Escaped like the text report (issue 10): a consumer printing the value cannot be driven by it.
        assertThat(checks.get(4).get("details").get("output").asText())
                .isEqualTo("a <b> & \"c\" 'd' | e\\u0001\\u001b[31m\uFFFF");
    }

    @Test
    void junitXmlIsValidWithOneTestcasePerCheck() throws Exception {
        String xml = ReportFormat.JUNIT.render(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("10.250");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2024-05-01T10:15:30");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(5);
        Element pass = (Element) cases.item(0);
        assertThat(pass.getAttribute("name")).isEqualTo("go-found: Go toolchain");
        assertThat(pass.getAttribute("classname")).isEqualTo("gosetup.doctor.toolchain");
        assertThat(pass.getAttribute("time")).isEqualTo("0.042");
        assertThat(pass.getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) cases.item(1)).getElementsByTagName("system-out").item(0).getTextContent())
                .startsWith("WARN: 2 go binaries on PATH").contains("fix: remove /usr/local/go/bin from PATH");
        Element failure = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("https://proxy.example did not answer within 3s");
        assertThat(failure.getTextContent()).contains("fix: check the network");
        Element skipped = (Element) ((Element) cases.item(3)).getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).startsWith("prerequisite go-found failed");
        Element error = (Element) ((Element) cases.item(4)).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("did not finish within 10s");
        assertThat(((Element) cases.item(4)).getAttribute("name"))
                .isEqualTo("team: Team a <b> & \"c\" 'd' | e\\u0001\\u001b[31m\\uffff");
        assertThat(error.getTextContent()).contains("output: a <b> & \"c\"");
    }

    @Test
    void markdownIsATableWithHintsBelow() {
        String md = ReportFormat.MARKDOWN.render(report);
        assertThat(md).contains("| | Check | Status | Summary |\n|---|---|---|---|\n")
                .contains("| ✓ | Go toolchain (`go-found`) | PASS | go1.22.12 at /usr/lib/go-1.22/bin/go |\n")
                .contains("| ? | Team a &lt;b&gt; & \"c\" 'd' \\| e")
                .contains("**Problems found:** 1 passed, 1 warning, 1 failed, 1 skipped, 1 error")
                .contains("### ! go on PATH\n\n- 1: /usr/local/go/bin/go\n- **Fix:** remove /usr/local/go/bin from PATH\n")
                .doesNotContain("### ✓");
        assertThat(md.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(6);
    }

    @Test
    void formatNamesAreReadAsTheOptionTakesThem() {
        assertThat(ReportFormat.parse("JSON")).isEqualTo(ReportFormat.JSON);
        assertThat(ReportFormat.parse("md")).isEqualTo(ReportFormat.MARKDOWN);
        assertThat(ReportFormat.parse("junit")).isEqualTo(ReportFormat.JUNIT);
        assertThatThrownBy(() -> ReportFormat.parse("html")).hasMessageContaining("\"html\"")
                .hasMessageContaining("text, json, junit or markdown");
        assertThat(ReportFormat.mark(CheckStatus.SKIP)).isEqualTo("-");
    }

    /** Issue 10: a checklist's text reaches every report format with its control characters escaped. */
    @Test
    void controlCharactersFromAChecklistAreEscapedInEveryFormat() throws Exception {
        String hostile = "t\u001b]0;pwned\u0007\u001b[2J\u009b31m\u0000\u202eevil";
        DoctorReport r = new DoctorReport(List.of(new CheckOutcome("team", "Team " + hostile, "team",
                CheckResult.fail("bad " + hostile).withDetail("k" + hostile, "v" + hostile).withHint("h" + hostile))),
                Instant.parse("2024-05-01T10:15:30Z"), Duration.ofMillis(5));
        for (ReportFormat format : ReportFormat.values()) {
            String rendered = format.render(r);
            assertThat(unsafe(rendered)).as(format + ": " + rendered).isEmpty();
        }
        JsonNode check = new ObjectMapper().readTree(ReportFormat.JSON.render(r)).path("checks").get(0);
        for (String value : List.of(check.path("title").asText(), check.path("summary").asText(),
                check.path("hints").get(0).asText(), check.path("details").fieldNames().next())) {
            assertThat(unsafe(value)).as(value).isEmpty();
            assertThat(value).contains("\\u001b]0;pwned\\u0007");
        }
    }

    /** The control, format and surrogate characters of a text, except the line breaks reports are made of. */
    private static String unsafe(String text) {
        StringBuilder found = new StringBuilder();
        text.chars().filter(c -> c != '\n' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                .forEach(c -> found.append(String.format("U+%04X ", c)));
        return found.toString();
    }
}
