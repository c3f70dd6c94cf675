package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

public class ManagedBlockTest {
    private static final String BODY = "export A='1'\nexport B='2'\n";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String block(String nl, String body) {
        return ManagedBlock.START + nl + ManagedBlock.NOTICE + nl + body.replace("\n", nl) + ManagedBlock.END + nl;
    }

    private static ManagedBlock parse(byte[] content) {
        return ManagedBlock.parse(content, "/home/me/.profile");
    }

    // ---- insertion

    @Test
    void emptyFileGetsTheBlockAlone() {
        byte[] out = parse(new byte[0]).with(BODY);
        assertThat(s(out)).isEqualTo(block("\n", BODY));
        assertThat(parse(out).without()).isEmpty();
    }

    @Test
    void fileEndingInNewlineGetsABlankLineBefore() {
        byte[] out = parse(b("a\nb\n")).with(BODY);
        assertThat(s(out)).isEqualTo("a\nb\n\n" + block("\n", BODY));
        assertThat(s(parse(out).without())).isEqualTo("a\nb\n");
    }

    @Test
    void fileWithoutFinalNewlineGetsItsLastLineTerminated() {
        byte[] out = parse(b("a\nb")).with(BODY);
        assertThat(s(out)).isEqualTo("a\nb\n" + block("\n", BODY));
        assertThat(s(parse(out).without())).isEqualTo("a\nb");
    }

    @Test
    void crlfFileGetsACrlfBlock() {
        byte[] out = parse(b("a\r\nb\r\nc\n")).with(BODY);
        assertThat(s(out)).isEqualTo("a\r\nb\r\nc\n\r\n" + block("\r\n", BODY));
        assertThat(s(parse(out).without())).isEqualTo("a\r\nb\r\nc\n");
        assertThat(parse(out).body()).contains(BODY);
    }

    @Test
    void withLfIgnoresTheDominantEnding() {
        byte[] in = b("a\r\nb\r\nc");
        byte[] out = parse(in).withLf(BODY);
        assertThat(s(out)).isEqualTo("a\r\nb\r\nc\n" + block("\n", BODY));
        assertThat(parse(out).withLf(BODY)).isEqualTo(out);
        assertThat(parse(out).with(BODY)).isEqualTo(out);
        assertThat(parse(out).without()).isEqualTo(in);
        // An existing CRLF block is rewritten in LF.
        assertThat(s(parse(b("x\n" + block("\r\n", "old\n"))).withLf(BODY))).isEqualTo("x\n" + block("\n", BODY));
    }

    @Test
    void aTieOfLineEndingsGivesLf() {
        assertThat(s(parse(b("a\r\nb\n")).with(""))).endsWith("\n" + block("\n", ""));
    }

    @Test
    void loneCarriageReturnsAreOrdinaryBytes() {
        // Old Mac line endings: one long line to a POSIX shell, so the block gets LF and the CR stays.
        byte[] in = b("a\rb\r");
        byte[] out = parse(in).with(BODY);
        assertThat(s(out)).isEqualTo("a\rb\r\n" + block("\n", BODY));
        assertThat(parse(out).without()).isEqualTo(in);
    }

    @Test
    void byteOrderMarkOnlyFile() {
        byte[] out = parse(BOM).with(BODY);
        assertThat(Arrays.copyOf(out, 3)).isEqualTo(BOM);
        assertThat(s(Arrays.copyOfRange(out, 3, out.length))).isEqualTo(block("\n", BODY));
        assertThat(parse(out).without()).isEqualTo(BOM);
        assertThat(parse(out).with(BODY)).isEqualTo(out);
        assertThat(parse(out).with("export C='3'\n")).startsWith(BOM);
    }

    @Test
    void invalidUtf8IsKept() {
        byte[] in = {'a', (byte) 0xFF, (byte) 0xC3, '\n', (byte) 0x80, 'b'};
        byte[] out = parse(in).with(BODY);
        assertThat(Arrays.copyOf(out, in.length)).isEqualTo(in);
        assertThat(parse(out).without()).isEqualTo(in);
    }

    // ---- replacement and idempotency

    @Test
    void reapplyingIsANoOp() {
        byte[] once = parse(b("x\n")).with(BODY);
        assertThat(parse(once).with(BODY)).isEqualTo(once);
    }

    @Test
    void replacesInPlaceKeepingWhatIsAround() {
        String before = "top\n" + block("\n", "old\n") + "bottom\n";
        byte[] out = parse(b(before)).with(BODY);
        assertThat(s(out)).isEqualTo("top\n" + block("\n", BODY) + "bottom\n");
        // A block that does not end the file is removed without joining the lines around it.
        assertThat(s(parse(out).without())).isEqualTo("top\nbottom\n");
    }

    @Test
    void aCrlfBlockStaysCrlfInAnLfFile() {
        String before = "a\nb\nc\n\r\n" + block("\r\n", "old\n");
        byte[] out = parse(b(before)).with(BODY);
        assertThat(s(out)).isEqualTo("a\nb\nc\n\r\n" + block("\r\n", BODY));
        assertThat(s(parse(out).without())).isEqualTo("a\nb\nc\n");
    }

    @Test
    void markersAreFoundWithBlanksAroundThem() {
        String before = "x\n  " + ManagedBlock.START + " \t\r\nold\n\t" + ManagedBlock.END + "  \n";
        ManagedBlock m = parse(b(before));
        assertThat(m.isPresent()).isTrue();
        assertThat(m.body()).contains("old\n");
        assertThat(s(m.with(BODY))).isEqualTo("x\n" + block("\r\n", BODY));
    }

    @Test
    void nearMissesAreNotMarkers() {
        String in = "# >>> gosetup\n#>>> gosetup >>>\necho '# >>> gosetup >>>'\n# <<< gosetup <<< x\n";
        assertThat(parse(b(in)).isPresent()).isFalse();
    }

    @Test
    void bodyAndLineCount() {
        assertThat(parse(b("a\n")).body()).isEmpty();
        assertThat(parse(parse(b("a\n")).with(BODY)).body()).contains(BODY);
        assertThat(ManagedBlock.lineCount(BODY)).isEqualTo(5);
        assertThat(ManagedBlock.lineCount("")).isEqualTo(3);
    }

    @Test
    void aBodyCannotHoldAMarker() {
        assertThatThrownBy(() -> parse(new byte[0]).with("x\n" + ManagedBlock.END + "\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- damage

    @Test
    void startWithoutEnd() {
        assertThatThrownBy(() -> parse(b("a\nb\n" + ManagedBlock.START + "\nexport A=1\n")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("/home/me/.profile")
                .hasMessageContaining("line 3")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions().get(0))
                        .contains("/home/me/.profile").contains("line 3").contains(ManagedBlock.END));
    }

    @Test
    void endWithoutStart() {
        assertThatThrownBy(() -> parse(b("a\n" + ManagedBlock.END + "\n")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("/home/me/.profile: line 2 closes a gosetup block");
    }

    @Test
    void twoBlocks() {
        assertThatThrownBy(() -> parse(b(block("\n", "a\n") + "x\n" + block("\n", "b\n"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("/home/me/.profile: two gosetup blocks, starting on lines 1 and 6");
    }

    @Test
    void nestedStart() {
        assertThatThrownBy(() -> parse(b(ManagedBlock.START + "\n" + ManagedBlock.START + "\n" + ManagedBlock.END
                + "\n"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("line 2 opens a gosetup block while the one opened on line 1 is not closed");
    }

    // ---- a generated corpus

    /**
     * 1,500 generated files (seeded, so a failure reproduces): mixed LF/CRLF/CR endings, a byte order mark
     * or not, no final newline, invalid UTF-8, empty files, near-miss markers, an existing block or not.
     * Adding then removing gives back every byte; applying twice changes nothing; the bytes outside the
     * block are kept.
     */
    @Test
    void corpus() {
        Random random = new Random(20240611L);
        int withBlock = 0;
        for (int n = 0; n < 1500; n++) {
            boolean hasBlock = random.nextInt(3) == 0;
            byte[] prefix = randomText(random, n % 50 == 0 ? 0 : random.nextInt(12));
            byte[] suffix = hasBlock && random.nextBoolean() ? randomText(random, random.nextInt(4)) : new byte[0];
            String body = randomBody(random);
            String id = "case " + n + " prefix=" + HexFormat.of().formatHex(prefix);
            if (!hasBlock) {
                ManagedBlock m = parse(prefix);
                assertThat(m.isPresent()).as(id).isFalse();
                byte[] added = m.with(body);
                assertThat(Arrays.copyOf(added, prefix.length)).as(id).isEqualTo(prefix);
                ManagedBlock again = parse(added);
                assertThat(again.body()).as(id).contains(body);
                assertThat(again.with(body)).as(id).isEqualTo(added);
                assertThat(again.without()).as(id).isEqualTo(prefix);
                byte[] lf = m.withLf(body);
                assertThat(parse(lf).withLf(body)).as(id).isEqualTo(lf);
                assertThat(parse(lf).without()).as(id).isEqualTo(prefix);
            } else {
                withBlock++;
                String nl = random.nextBoolean() ? "\n" : "\r\n";
                // A block as gosetup adds it (after one line ending), in LF or CRLF, maybe with lines after it.
                boolean atStart = prefix.length == 0 || Arrays.equals(prefix, BOM);
                byte[] separated = atStart ? prefix : concat(prefix, b(nl));
                byte[] in = concat(concat(separated, b(block(nl, "old='x'\n"))), suffix);
                ManagedBlock m = parse(in);
                assertThat(m.isPresent()).as(id).isTrue();
                assertThat(m.body()).as(id).contains("old='x'\n");
                byte[] replaced = m.with(body);
                assertThat(s(replaced)).as(id).contains(block(nl, body));
                assertThat(Arrays.copyOf(replaced, separated.length)).as(id).isEqualTo(separated);
                assertThat(Arrays.copyOfRange(replaced, replaced.length - suffix.length, replaced.length)).as(id)
                        .isEqualTo(suffix);
                assertThat(parse(replaced).with(body)).as(id).isEqualTo(replaced);
                assertThat(parse(replaced).body()).as(id).contains(body);
                assertThat(parse(replaced).without()).as(id).isEqualTo(suffix.length == 0 ? prefix
                        : concat(separated, suffix));
            }
        }
        assertThat(withBlock).isGreaterThan(300);
    }

    private static final String[] LINES = {"export PATH=\"$HOME/bin:$PATH\"", "", "# comment", "alias ll='ls -l'",
        "  indented", "ünïcödé ✓", "# >>> gosetup", "#>>> gosetup >>>", "echo '# <<< gosetup <<<' ", "# >>> conda >>>",
        "\t", "x\ry"};

    /** Text a user's profile could hold: mixed line endings, a BOM or not, invalid UTF-8, near-miss markers. */
    public static byte[] randomText(Random random, int lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            out.writeBytes(BOM);
        }
        for (int i = 0; i < lines; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    byte[] junk = new byte[1 + random.nextInt(6)];
                    random.nextBytes(junk);
                    for (int j = 0; j < junk.length; j++) {
                        if (junk[j] == '\n') {
                            junk[j] = (byte) 0xFF; // keep line structure under the generator's control
                        }
                    }
                    out.writeBytes(junk);
                }
                case 1 -> out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFE, (byte) 0x80});
                default -> out.writeBytes(b(LINES[random.nextInt(LINES.length)]));
            }
            boolean last = i == lines - 1;
            if (!last || random.nextInt(3) != 0) {
                switch (random.nextInt(5)) {
                    case 0, 1 -> out.write('\n');
                    case 2, 3 -> out.writeBytes(b("\r\n"));
                    default -> out.write('\r');
                }
            }
        }
        return out.toByteArray();
    }

    private static String randomBody(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append("export V").append(i).append("='").append(random.nextInt(1000)).append(" ü'\n");
        }
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
