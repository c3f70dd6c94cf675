package dev.gosetup.core.doctor;

import dev.gosetup.core.internal.Printable;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.core.internal.Durations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * The forms a doctor report takes: {@link #TEXT} for people at a console (like
 * {@code flutter doctor}), {@link #JSON} for programs, {@link #JUNIT} XML for CI servers (one
 * {@code <testcase>} per check), {@link #MARKDOWN} for pull requests and wikis.
 *
 * <p>Rendering is pure: it reads the report and returns a string ending in a line break. Stateless
 * and thread-safe.
 */
public enum ReportFormat {
    /** Console text: one {@code [✓] [!] [✗] [-] [?]} line per check, hints and details indented, a summary line. */
    TEXT,
    /** A JSON object: overall status, counts, and each check with details, hints and duration. */
    JSON,
    /** JUnit XML: a test suite with one test case per check; FAIL is a failure, ERROR an error, SKIP skipped. */
    JUNIT,
    /** A Markdown table of the checks, then the hints and details of those that did not pass. */
    MARKDOWN;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String RESET = "\u001B[0m";

    /**
     * Reads a format name as the {@code --format} option takes it: {@code text}, {@code json},
     * {@code junit} or {@code markdown} (also {@code md}), in any case.
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException naming the input and the formats there are
     */
    public static ReportFormat parse(String name) {
        String n = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "text" -> TEXT;
            case "json" -> JSON;
            case "junit", "junit-xml", "xml" -> JUNIT;
            case "markdown", "md" -> MARKDOWN;
            default -> throw new IllegalArgumentException("\"" + name
                    + "\" is not a report format; use text, json, junit or markdown");
        };
    }

    /**
     * Renders a report without colour and without the details of passing checks.
     *
     * @param report the report
     * @return the rendered report
     */
    public String render(DoctorReport report) {
        return render(report, false, false);
    }

    /**
     * Renders a report.
     *
     * @param report the report
     * @param colour for {@link #TEXT}: colour the marks with ANSI escapes (only for a terminal)
     * @param verbose for {@link #TEXT}: show details and durations of passing checks too
     * @return the rendered report
     */
    public String render(DoctorReport report, boolean colour, boolean verbose) {
        Objects.requireNonNull(report, "report");
        return switch (this) {
            case TEXT -> text(report, colour, verbose);
            case JSON -> json(report);
            case JUNIT -> junit(report);
            case MARKDOWN -> markdown(report);
        };
    }

    /**
     * Returns the mark a status has in text and Markdown reports.
     *
     * @param status the status
     * @return {@code ✓}, {@code !}, {@code ✗}, {@code -} or {@code ?}
     */
    public static String mark(CheckStatus status) {
        return switch (status) {
            case PASS -> "✓";
            case WARN -> "!";
            case FAIL -> "✗";
            case SKIP -> "-";
            case ERROR -> "?";
        };
    }

    private static String ansi(CheckStatus status) {
        return switch (status) {
            case PASS -> "\u001B[32m";
            case WARN -> "\u001B[33m";
            case FAIL, ERROR -> "\u001B[31m";
            case SKIP -> "\u001B[90m";
        };
    }

    private static String text(DoctorReport report, boolean colour, boolean verbose) {
        StringBuilder out = new StringBuilder();
        for (CheckOutcome o : report.outcomes()) {
            CheckResult r = o.result();
            String mark = "[" + mark(r.status()) + "]";
            out.append(colour ? ansi(r.status()) + mark + RESET : mark).append(' ').append(clean(o.title()))
                    .append(": ").append(clean(r.summary()));
            if (verbose) {
                out.append(" (").append(o.id()).append(", ").append(Durations.human(r.duration())).append(')');
            }
            out.append('\n');
            if (verbose || r.status() != CheckStatus.PASS) {
                r.details().forEach((k, v) -> out.append("    • ").append(clean(k)).append(": ").append(clean(v)).append('\n'));
            }
            for (String hint : r.hints()) {
                out.append("    → ").append(clean(hint)).append('\n');
            }
        }
        out.append('\n');
        String verdict = report.ok()
                ? (report.count(CheckStatus.WARN) == 0 ? "No problems found" : "No problems that stop work")
                : "Problems found";
        CheckStatus worst = report.ok() ? (report.count(CheckStatus.WARN) == 0 ? CheckStatus.PASS : CheckStatus.WARN)
                : CheckStatus.FAIL;
        String mark = mark(worst);
        out.append(colour ? ansi(worst) + mark + RESET : mark).append(' ').append(verdict).append(": ")
                .append(report.summaryLine()).append(" (").append(Durations.human(report.duration())).append(")\n");
        return out.toString();
    }

    /** Keeps terminal escapes and other control characters a check might echo out of the console. */
    private static String clean(String text) {
        return Printable.line(text);
    }

    private static String json(DoctorReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("ok", report.ok());
        root.put("exitCode", report.exitCode());
        root.put("started", report.started().toString());
        root.put("durationMillis", report.duration().toMillis());
        ObjectNode counts = root.putObject("counts");
        report.counts().forEach((status, n) -> counts.put(status.name().toLowerCase(Locale.ROOT), n));
        ArrayNode checks = root.putArray("checks");
        for (CheckOutcome o : report.outcomes()) {
            ObjectNode c = checks.addObject();
            c.put("id", Printable.escape(o.id()));
            c.put("title", Printable.escape(o.title()));
            c.put("category", Printable.escape(o.category()));
            c.put("status", o.status().name());
            c.put("summary", Printable.escape(o.result().summary()));
            ObjectNode details = c.putObject("details");
            o.result().details().forEach((k, v) -> details.put(Printable.escape(k), Printable.escape(v)));
            ArrayNode hints = c.putArray("hints");
            o.result().hints().forEach(h -> hints.add(Printable.escape(h)));
            c.put("durationMillis", o.result().duration().toMillis());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String junit(DoctorReport report) {
        int tests = report.outcomes().size();
        String counts = " tests=\"" + tests + "\" failures=\"" + report.count(CheckStatus.FAIL) + "\" errors=\""
                + report.count(CheckStatus.ERROR) + "\" skipped=\"" + report.count(CheckStatus.SKIP) + "\" time=\""
                + seconds(report.duration()) + "\"";
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"gosetup doctor\"").append(counts).append(">\n");
        x.append("  <testsuite name=\"gosetup doctor\"").append(counts).append(" timestamp=\"")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        report.started().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toLocalDateTime()))
                .append("\">\n");
        for (CheckOutcome o : report.outcomes()) {
            CheckResult r = o.result();
            x.append("    <testcase name=\"").append(xml(o.id() + ": " + o.title())).append("\" classname=\"")
                    .append(xml("gosetup.doctor." + o.category())).append("\" time=\"").append(seconds(r.duration()))
                    .append("\">\n");
            String body = describe(o);
            switch (r.status()) {
                case FAIL -> x.append("      <failure message=\"").append(xml(r.summary())).append("\" type=\"FAIL\">")
                        .append(xml(body)).append("</failure>\n");
                case ERROR -> x.append("      <error message=\"").append(xml(r.summary())).append("\" type=\"ERROR\">")
                        .append(xml(body)).append("</error>\n");
                case SKIP -> x.append("      <skipped message=\"").append(xml(r.summary())).append("\"/>\n");
                default -> {
                }
            }
            x.append("      <system-out>").append(xml(body)).append("</system-out>\n");
            x.append("    </testcase>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    private static String describe(CheckOutcome o) {
        CheckResult r = o.result();
        StringBuilder b = new StringBuilder(r.status() + ": " + r.summary() + "\n");
        r.details().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        r.hints().forEach(h -> b.append("fix: ").append(h).append('\n'));
        return b.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    /**
     * Escapes text for XML 1.0 content and attribute values: markup characters become entities,
     * line breaks and tabs become character references (so attributes keep them), and characters
     * XML 1.0 cannot hold at all (other control characters, lone surrogates, U+FFFE/U+FFFF) are
     * written as {@code \\uXXXX}.
     */
    static String xml(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        b.append(c).append(text.charAt(++i));
                    } else if (Printable.unsafe(c) || c == 0xFFFE || c == 0xFFFF) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String markdown(DoctorReport report) {
        StringBuilder md = new StringBuilder("## gosetup doctor\n\n");
        md.append("| | Check | Status | Summary |\n|---|---|---|---|\n");
        for (CheckOutcome o : report.outcomes()) {
            md.append("| ").append(mark(o.status())).append(" | ").append(cell(o.title())).append(" (`")
                    .append(o.id().replace("`", "'")).append("`) | ").append(o.status()).append(" | ")
                    .append(cell(o.result().summary())).append(" |\n");
        }
        md.append("\n**").append(report.ok() ? "OK" : "Problems found").append(":** ").append(report.summaryLine())
                .append('\n');
        for (CheckOutcome o : report.outcomes()) {
            CheckResult r = o.result();
            if (r.status() == CheckStatus.PASS || (r.details().isEmpty() && r.hints().isEmpty())) {
                continue;
            }
            md.append("\n### ").append(mark(o.status())).append(' ').append(cell(o.title())).append("\n\n");
            r.details().forEach((k, v) -> md.append("- ").append(cell(k)).append(": ").append(cell(v)).append('\n'));
            r.hints().forEach(h -> md.append("- **Fix:** ").append(cell(h)).append('\n'));
        }
        return md.toString();
    }

    private static String cell(String text) {
        return clean(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
