package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Release;
import dev.gosetup.api.ReleaseFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseIndexTest {

    private static final String SOURCE = "https://go.dev/dl/?mode=json&include=all";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] fixture() throws IOException {
        try (InputStream in = ReleaseIndexTest.class.getResourceAsStream("/index/go-dev-sample.json")) {
            assertThat(in).as("fixture on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<Release> parseFixture() throws IOException {
        return ReleaseIndex.parse(new ByteArrayInputStream(fixture()), SOURCE);
    }

    @Test
    void parsesTheGoDevSampleNewestFirst() throws IOException {
        List<Release> releases = parseFixture();
        assertThat(releases).extracting(r -> r.version().toString()).containsExactly(
                "go1.24rc1", "go1.23.4", "go1.23.3", "go1.22.10", "go1.22.5", "go1.21.13", "go1.20", "go1.9.2rc2");
        assertThat(releases).extracting(Release::stable)
                .containsExactly(false, true, true, true, true, true, true, false);
        assertThat(releases.get(1).files()).hasSize(19);
        assertThat(releases.stream().mapToInt(r -> r.files().size()).sum()).isEqualTo(78);
    }

    @Test
    void keepsEveryFieldOfAFile() throws IOException {
        Release go1234 = parseFixture().get(1);
        ReleaseFile linux = go1234.archiveFor(Platform.parse("linux-amd64")).orElseThrow();
        assertThat(linux).isEqualTo(new ReleaseFile("go1.23.4.linux-amd64.tar.gz", "linux", "amd64",
                GoVersion.parse("go1.23.4"), "c3ac681833a93173805e7636c09f446bd80bf55912907b2eac442b3416835d99",
                74_400_277L, ReleaseFile.Kind.ARCHIVE));
        ReleaseFile source = go1234.files().get(0);
        assertThat(source.kind()).isEqualTo(ReleaseFile.Kind.SOURCE);
        assertThat(source.os()).isEmpty();
        assertThat(source.arch()).isEmpty();
        assertThat(go1234.files()).filteredOn(f -> f.kind() == ReleaseFile.Kind.INSTALLER)
                .extracting(ReleaseFile::filename)
                .contains("go1.23.4.windows-amd64.msi", "go1.23.4.darwin-arm64.pkg");
    }

    @Test
    void archivesForSeveralPlatforms() throws IOException {
        List<Release> releases = parseFixture();
        Release go120 = releases.stream().filter(r -> r.version().equals(GoVersion.parse("1.20"))).findFirst()
                .orElseThrow();
        assertThat(go120.archiveFor(Platform.parse("linux-arm")).map(ReleaseFile::sha256))
                .contains("7ecc5d5a6186365d2aa9cfd74d3c9f82dde128fafa8691645f5ed0ab7613b6af");
        assertThat(go120.archiveFor(Platform.parse("windows-amd64")).map(ReleaseFile::filename))
                .contains("go1.20.windows-amd64.zip");
        assertThat(go120.archiveFor(Platform.parse("linux-s390x"))).isEmpty();
        assertThat(releases.get(1).archiveFor(Platform.parse("linux-s390x")).map(ReleaseFile::filename))
                .contains("go1.23.4.linux-s390x.tar.gz");
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        assertThat(new String(fixture(), StandardCharsets.UTF_8)).contains("\"signature_url\"", "\"released\"");
        assertThat(parseFixture()).hasSize(8);
    }

    @Test
    void allEntryPointsAgree() throws IOException {
        byte[] json = fixture();
        List<Release> fromStream = ReleaseIndex.parse(new ByteArrayInputStream(json), SOURCE);
        assertThat(ReleaseIndex.parse(json, SOURCE)).isEqualTo(fromStream);
        assertThat(ReleaseIndex.parse(new String(json, StandardCharsets.UTF_8), SOURCE)).isEqualTo(fromStream);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"[]", "  [ ]\n", "\uFEFF[]"})
    void emptyArrayIsAnEmptyIndex(String json) {
        assertThat(ReleaseIndex.parse(json, SOURCE)).isEmpty();
    }

    @Test
    void sortsWhateverTheInputOrder() {
        String json = "[" + release("go1.9.2rc2", false) + "," + release("go1.21rc2", false) + ","
                + release("go1.21.0", true) + "," + release("go1.20", true) + "," + release("go1.9.2", true) + ","
                + release("go1.21.10", true) + "," + release("go1.22.0", true) + "]";
        assertThat(ReleaseIndex.parse(json, SOURCE)).extracting(r -> r.version().toString())
                .containsExactly("go1.22.0", "go1.21.10", "go1.21.0", "go1.21rc2", "go1.20", "go1.9.2", "go1.9.2rc2");
    }

    @Test
    void resultIsImmutable() throws IOException {
        List<Release> releases = parseFixture();
        assertThatThrownBy(releases::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parsesAFullSizeIndexQuickly() {
        // go.dev's full index has some 300 releases and well over 1,000 files.
        StringBuilder json = new StringBuilder("[");
        int releases = 0;
        for (int minor = 1; minor <= 24; minor++) {
            for (int patch = 0; patch <= 14; patch++) {
                if (releases++ > 0) {
                    json.append(',');
                }
                json.append(release("go1." + minor + "." + patch, true, 8));
            }
        }
        json.append(']');
        String text = json.toString();
        List<Release> parsed = ReleaseIndex.parse(text, SOURCE);
        assertThat(parsed).hasSize(360);
        assertThat(parsed.stream().mapToInt(r -> r.files().size()).sum()).isEqualTo(360 * 9);
        assertThat(parsed.get(0).version()).hasToString("go1.24.14");
        assertThat(parsed.get(359).version()).hasToString("go1.1");
    }

    // ---- rejected input ----

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String json) {
        return assertThatThrownBy(() -> ReleaseIndex.parse(json, "test.json"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("index test.json: ")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions())
                        .singleElement().asString().contains("--index", "go.dev"));
    }

    @Test
    void htmlIsNotJson() {
        assertRejected("<!DOCTYPE html>\n<html><head><title>Sign in to the proxy</title></head></html>")
                .hasMessageContaining("not JSON but what looks like an HTML or XML page");
        assertRejected("\n  <html>").hasMessageContaining("looks like an HTML or XML page");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"[{", "[1,]", "not json", "[] []", "[]x", "{\"a\":"})
    void malformedJsonIsRejectedWithItsLocation(String json) {
        assertRejected(json).hasMessageContaining("not valid JSON: ").hasMessageContaining("(line 1, column ");
    }

    @Test
    void emptyInputIsRejected() {
        assertRejected("").hasMessage("index test.json: empty, expected a JSON array of releases");
        assertRejected("  \n ").hasMessageContaining("empty");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"version\": \"go1.22.5\"}   | expected a JSON array of releases, found an object",
        "\"go1.22.5\"                  | expected a JSON array of releases, found the string \"go1.22.5\"",
        "null                          | expected a JSON array of releases, found null",
        "[1]                           | release #1: expected an object, found number 1",
        "[[]]                          | release #1: expected an object, found an array"
    })
    void wrongShapesAreRejected(String json, String message) {
        assertRejected(json).hasMessage("index test.json: " + message);
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"version", "stable", "files"})
    void missingReleaseFieldsAreRejected(String field) {
        String prefix = field.equals("version") ? "release #2: " : "release #2 (\"go1.22.5\"): ";
        assertRejected(mutate(r -> r.remove(field), f -> { }))
                .hasMessage("index test.json: " + prefix + "missing field \"" + field + "\"");
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"filename", "os", "arch", "version", "sha256", "size", "kind"})
    void missingFileFieldsAreRejected(String field) {
        String file = field.equals("filename") ? "file #2" : "file #2 (\"go1.22.5.linux-amd64.tar.gz\")";
        assertRejected(mutate(r -> { }, f -> f.remove(field)))
                .hasMessage("index test.json: release #2 (\"go1.22.5\"): " + file + ": missing field \"" + field + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "release.version=1.225  | release #2: field \"version\" must be a string, found number 1.225",
        "release.stable=\"true\" | field \"stable\" must be true or false, found the string \"true\"",
        "release.stable=null    | field \"stable\" must be true or false, found null",
        "release.files={}       | field \"files\" must be an array, found an object",
        "file=\"go1.tar.gz\"     | file #2: expected an object, found the string \"go1.tar.gz\"",
        "file.filename=7        | file #2: field \"filename\" must be a string, found number 7",
        "file.os=null           | field \"os\" must be a string, found null",
        "file.arch=[]           | field \"arch\" must be a string, found an array",
        "file.sha256=true       | field \"sha256\" must be a string, found boolean true",
        "file.size=\"73600000\"  | field \"size\" must be a whole number of bytes, found the string \"73600000\"",
        "file.size=7.5          | field \"size\" must be a whole number of bytes, found number 7.5",
        "file.size=99999999999999999999999 | field \"size\" must be a whole number of bytes",
        "file.kind=1            | field \"kind\" must be a string, found number 1"
    })
    void wrongTypesAreRejected(String change, String message) {
        assertRejected(mutateWith(change)).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "release.version=\"1.x\"            | release #2 (\"1.x\"): not a Go version: \"1.x\"",
        "release.version=\"go1.22.5-evil\"  | not a Go version: \"go1.22.5-evil\"",
        "file.version=\"go1.22.4\"          | version \"go1.22.4\" differs from its release's",
        "file.version=\"1.22.x\"            | not a Go version: \"1.22.x\"",
        "file.sha256=\"abc\"                | not a SHA-256: \"abc\"",
        "file.size=0                        | size of go1.22.5.linux-amd64.tar.gz must be positive, not 0",
        "file.size=-1                       | must be positive, not -1",
        "file.kind=\"binary\"               | not a release file kind: \"binary\"",
        "file.filename=\"../../bin/go\"     | unsafe release file name: \"../../bin/go\"",
        "file.filename=\"..\"               | unsafe release file name: \"..\"",
        "file.filename=\"C:\\\\evil.zip\"   | unsafe release file name"
    })
    void invalidValuesAreRejected(String change, String message) {
        assertRejected(mutateWith(change))
                .hasMessageContaining("release #2")
                .hasMessageContaining(message);
    }

    @Test
    void fileErrorsNameReleaseAndFile() {
        assertRejected(mutateWith("file.sha256=\"abc\"")).hasMessageStartingWith(
                "index test.json: release #2 (\"go1.22.5\"): file #2 (\"go1.22.5.linux-amd64.tar.gz\"): not a SHA-256");
    }

    @Test
    void duplicateKeysAreRejected() {
        String sha = "904b924d435eaea086515bc63235b192ea441bd8c9b198c507e85009e6e4c7f0";
        String json = "[{\"version\":\"go1.22.5\",\"stable\":true,\"files\":[{\"filename\":\"go1.22.5.linux-amd64.tar.gz\","
                + "\"os\":\"linux\",\"arch\":\"amd64\",\"version\":\"go1.22.5\",\"sha256\":\"" + sha + "\",\"sha256\":\""
                + sha.replace('9', '8') + "\",\"size\":68958945,\"kind\":\"archive\"}]}]";
        assertRejected(json).hasMessageContaining("not valid JSON").hasMessageContaining("Duplicate field 'sha256'");
    }

    @Test
    void oversizedStreamsAreRejectedWithoutReadingThemWhole() {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                served[0] += len;
                return len;
            }
        };
        assertThatThrownBy(() -> ReleaseIndex.parse(endless, SOURCE))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("index " + SOURCE + ": larger than 64 MiB, far more than a Go release index holds");
        assertThat(served[0]).isEqualTo(ReleaseIndex.MAX_BYTES + 1L);
    }

    @Test
    void readFailuresAreUncheckedIoExceptions() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> ReleaseIndex.parse(broken, SOURCE))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(SOURCE)
                .hasRootCauseMessage("connection reset");
    }

    // ---- helpers ----

    private static String release(String version, boolean stable) {
        return release(version, stable, 1);
    }

    private static String release(String version, boolean stable, int archives) {
        String[] platforms = {"linux-amd64", "linux-arm64", "linux-armv6l", "linux-386", "darwin-amd64",
            "darwin-arm64", "freebsd-amd64", "windows-amd64"};
        StringBuilder files = new StringBuilder();
        files.append(file(version, version + ".src.tar.gz", "", "", "source"));
        for (int i = 0; i < archives; i++) {
            String[] p = platforms[i % platforms.length].split("-");
            String ext = p[0].equals("windows") ? ".zip" : ".tar.gz";
            files.append(',').append(file(version, version + "." + p[0] + "-" + p[1] + ext, p[0], p[1], "archive"));
        }
        return "{\"version\":\"" + version + "\",\"stable\":" + stable + ",\"files\":[" + files + "]}";
    }

    private static String file(String version, String filename, String os, String arch, String kind) {
        String sha = String.format(Locale.ROOT, "%064x", Math.abs((long) filename.hashCode()) + 1);
        return "{\"filename\":\"" + filename + "\",\"os\":\"" + os + "\",\"arch\":\"" + arch + "\",\"version\":\""
                + version + "\",\"sha256\":\"" + sha + "\",\"size\":" + (60_000_000 + filename.length())
                + ",\"kind\":\"" + kind + "\"}";
    }

    /** A valid two-release index, changed: the second release and its second file are handed to the changers. */
    private static String mutate(Consumer<ObjectNode> releaseChange, Consumer<ObjectNode> fileChange) {
        try {
            ArrayNode root = (ArrayNode) JSON.readTree("[" + release("go1.23.0", true, 2) + ","
                    + release("go1.22.5", true, 3) + "]");
            ObjectNode second = (ObjectNode) root.get(1);
            releaseChange.accept(second);
            JsonNode files = second.get("files");
            if (files != null && files.isArray() && files.get(1).isObject()) {
                fileChange.accept((ObjectNode) files.get(1));
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies a change written {@code release.FIELD=JSON}, {@code file.FIELD=JSON} or {@code file=JSON}. */
    private static String mutateWith(String change) {
        int eq = change.indexOf('=');
        String target = change.substring(0, eq);
        JsonNode value;
        try {
            value = JSON.readTree(change.substring(eq + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (target.equals("file")) {
            return mutate(r -> ((ArrayNode) r.get("files")).set(1, value), f -> { });
        }
        String field = target.substring(target.indexOf('.') + 1);
        return target.startsWith("release.")
                ? mutate(r -> r.set(field, value), f -> { })
                : mutate(r -> { }, f -> f.set(field, value));
    }

    @Test
    void helperIndexIsValid() {
        List<Release> parsed = ReleaseIndex.parse(mutate(r -> { }, f -> { }), "test.json");
        assertThat(parsed).extracting(r -> r.version().toString()).containsExactly("go1.23.0", "go1.22.5");
        assertThat(parsed.get(1).files().stream().map(ReleaseFile::filename).collect(Collectors.toList()))
                .containsExactly("go1.22.5.src.tar.gz", "go1.22.5.linux-amd64.tar.gz", "go1.22.5.linux-arm64.tar.gz",
                        "go1.22.5.linux-armv6l.tar.gz");
    }
}
