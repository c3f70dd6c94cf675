package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoEnvFileTest {

    @TempDir
    Path tmp;

    private static GoEnvFile parse(String s) {
        return GoEnvFile.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(GoEnvFile f) {
        return new String(f.bytes(), StandardCharsets.UTF_8);
    }

    // ---- location

    @Test
    void locationHonoursGoenvAndOff() {
        Path home = Paths.get("/home/u");
        assertThat(GoEnvFile.location(Map.of("GOENV", "/x/env"), "Linux", home)).contains(Paths.get("/x/env"));
        assertThat(GoEnvFile.location(Map.of("GOENV", "off"), "Linux", home)).isEmpty();
    }

    @Test
    void locationPerOs() {
        Path home = Paths.get("/home/u");
        assertThat(GoEnvFile.location(Map.of(), "Linux", home)).contains(Paths.get("/home/u/.config/go/env"));
        assertThat(GoEnvFile.location(Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", home))
                .contains(Paths.get("/xdg/go/env"));
        assertThat(GoEnvFile.location(Map.of("XDG_CONFIG_HOME", "rel/xdg"), "Linux", home))
                .contains(Paths.get("/home/u/.config/go/env"));
        assertThat(GoEnvFile.location(Map.of(), "Mac OS X", home))
                .contains(Paths.get("/home/u/Library/Application Support/go/env"));
        assertThat(GoEnvFile.location(Map.of("AppData", "/appdata"), "Windows 11", home))
                .contains(Paths.get("/appdata/go/env"));
        assertThat(GoEnvFile.location(Map.of(), "Windows 11", home)).isEmpty();
    }

    // ---- parsing and round trip

    @Test
    void parsesLikeCmdGo() {
        GoEnvFile f = parse("# comment=x\nGOPROXY=https://a,direct\nlower=1\n=x\nGOFLAGS=-a=b -c\nNOEQ\n"
                + "GOPROXY=second\nGOPRIVATE=");
        assertThat(f.values()).containsExactly(Map.entry("GOFLAGS", "-a=b -c"), Map.entry("GOPROXY", "second"),
                Map.entry("GOPRIVATE", ""));
        assertThat(f.get("GOPROXY")).contains("second");
        assertThat(f.get("lower")).isEmpty();
        assertThat(f.get("# comment")).isEmpty();
    }

    @Test
    void crIsPartOfTheValueAsForGo() {
        assertThat(parse("GOPROXY=x\r\n").get("GOPROXY")).contains("x\r");
    }

    @Test
    void roundTripKeepsEveryByte() {
        byte[] data = ("\uFEFFGOPROXY=bom\r\n# c\r\nlower=1\r\n\r\nGOFLAGS=-x\n\u00e9=\u00ff\nGOSUMDB=off")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(GoEnvFile.parse(data).bytes()).isEqualTo(data);
        byte[] invalid = {'G', 'O', 'X', '=', (byte) 0xff, (byte) 0xfe, '\n', '#', (byte) 0x80};
        assertThat(GoEnvFile.parse(invalid).bytes()).isEqualTo(invalid);
        assertThat(GoEnvFile.parse(new byte[0]).bytes()).isEmpty();
    }

    @Test
    void bomLineIsIgnoredLikeGoButKept() {
        GoEnvFile f = parse("\uFEFFGOPROXY=bom\nGOSUMDB=off\n");
        assertThat(f.values()).containsOnlyKeys("GOSUMDB");
        assertThat(text(f.with("GOSUMDB", "sum.golang.org"))).isEqualTo("\uFEFFGOPROXY=bom\nGOSUMDB=sum.golang.org\n");
    }

    // ---- updates

    @Test
    void updateInPlaceKeepsOtherLines() {
        GoEnvFile f = parse("# top\r\nGOPROXY=a\r\nlower=1\r\nGOSUMDB=off\r\n");
        assertThat(text(f.with("GOPROXY", "b"))).isEqualTo("# top\r\nGOPROXY=b\nlower=1\r\nGOSUMDB=off\r\n");
        assertThat(f.get("GOPROXY")).contains("a\r"); // the original is unchanged
    }

    @Test
    void updateRemovesEarlierDuplicates() {
        GoEnvFile f = parse("GOPROXY=1\nGOSUMDB=x\nGOPROXY=2\n# c\nGOPROXY=3\nGOSUMDB=y\n");
        assertThat(f.get("GOPROXY")).contains("3");
        assertThat(text(f.with("GOPROXY", "4"))).isEqualTo("GOSUMDB=x\n# c\nGOPROXY=4\nGOSUMDB=y\n");
        assertThat(f.with("GOPROXY", "4").get("GOSUMDB")).contains("y");
    }

    @Test
    void appendNewKey() {
        assertThat(text(parse("").with("GOPROXY", "a"))).isEqualTo("GOPROXY=a\n");
        assertThat(text(parse("# c\n").with("GOPROXY", "a"))).isEqualTo("# c\nGOPROXY=a\n");
        // missing final newline after a comment: the dominant ending is added first
        assertThat(text(parse("A=1\r\nB=2\r\n# end").with("GOPROXY", "a")))
                .isEqualTo("A=1\r\nB=2\r\n# end\r\nGOPROXY=a\n");
        assertThat(text(parse("A=1\nB=2\r\n# end").with("GOPROXY", "a")))
                .isEqualTo("A=1\nB=2\r\n# end\nGOPROXY=a\n");
        // after a KEY=VALUE line a \r would change Go's value, so \n is used
        GoEnvFile kv = parse("A=1\r\nGOSUMDB=off").with("GOPROXY", "a");
        assertThat(text(kv)).isEqualTo("A=1\r\nGOSUMDB=off\nGOPROXY=a\n");
        assertThat(kv.get("GOSUMDB")).contains("off");
    }

    @Test
    void remove() {
        GoEnvFile f = parse("# c\nGOPROXY=1\nlower=1\nGOPROXY=2\nGOSUMDB=off");
        assertThat(text(f.without("GOPROXY"))).isEqualTo("# c\nlower=1\nGOSUMDB=off");
        assertThat(f.without("GOPROXY").get("GOPROXY")).isEmpty();
        assertThat(f.without("GOBIN")).isSameAs(f);
        assertThat(text(f.without("lower"))).isEqualTo(text(f)); // Go ignores such lines
    }

    // ---- validation

    @ParameterizedTest
    @ValueSource(strings = {"GOEXE", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOMOD", "GOWORK", "GOTOOLDIR",
            "GOVERSION"})
    void readOnlyKeysRefused(String key) {
        assertRefused(key, "v", "cannot be modified");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GOENV", "GODEBUG"})
    void osOnlyKeysRefused(String key) {
        assertRefused(key, "v", "OS environment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GOPROXYY", "goproxy", "FOO", "PATH", ""})
    void unknownKeysRefused(String key) {
        assertRefused(key, "v", "unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GO111MODULE", "GOARCH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GOFLAGS", "GOINSECURE",
            "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH", "GOPRIVATE", "GOPROXY", "GOROOT", "GOSUMDB",
            "GOTMPDIR", "GOTOOLCHAIN", "GOVCS", "GOAUTH", "GOTELEMETRY", "GOTELEMETRYDIR", "CGO_ENABLED",
            "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS", "CC", "CXX", "AR", "FC",
            "PKG_CONFIG", "GCCGO", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64",
            "GORISCV64", "GOWASM", "GOEXPERIMENT", "GOFIPS140"})
    void knownKeysAccepted(String key) {
        GoEnvFile.validate(key, "");
        String abs = File.separatorChar == '\\' ? "C:\\x" : "/x";
        GoEnvFile.validate(key, key.equals("GO111MODULE") ? "on" : abs);
    }

    @Test
    void go111moduleValues() {
        for (String ok : List.of("", "on", "off", "auto")) {
            GoEnvFile.validate("GO111MODULE", ok);
        }
        assertRefused("GO111MODULE", "yes", "GO111MODULE");
        assertRefused("GO111MODULE", "ON", "GO111MODULE");
    }

    @Test
    void pathsMustBeAbsolute() {
        assertRefused("GOPATH", "~/go", "'~'");
        assertRefused("GOPATH", "go", "relative");
        assertRefused("GOMODCACHE", "cache/mod", "relative");
        assertRefused("GOTMPDIR", "tmp", "relative");
        assertRefused("CC", "./bin/gcc", "relative");
        assertRefused("CXX", "bin/g++ -O2", "relative");
        assertRefused("CC", "   ", "space");
        GoEnvFile.validate("CC", "gcc");
        GoEnvFile.validate("CXX", "clang++ -std=c++17");
        GoEnvFile.validate("CC", "/usr/bin/gcc -m64");
        GoEnvFile.validate("GOPATH", "/home/u/go");
        GoEnvFile.validate("GOTOOLCHAIN", "go1.22.1+auto");
        GoEnvFile.validate("GOROOT", "/usr/lib/go");
    }

    @Test
    void badCharactersRefused() {
        assertRefused("GOPROXY", "a\0b", "NUL");
        assertRefused("GOPROXY", "a\nb", "newline");
        assertRefused("GOPROXY", "a\rb", "newline");
        assertRefused("GOPROXY", "a\uD800b", "UTF");
        assertRefused("GOPROXY", "a\uDC00", "UTF");
        GoEnvFile.validate("GOPROXY", "https://\u00e9.example/\uD83D\uDE00");
    }

    @Test
    void withValidates() {
        assertThatThrownBy(() -> parse("").with("GOVERSION", "go1")).isInstanceOf(InvalidConfigurationException.class);
    }

    private static void assertRefused(String key, String value, String messagePart) {
        assertThatThrownBy(() -> GoEnvFile.validate(key, value))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(key.isEmpty() ? "unknown" : key)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions()).isNotEmpty());
    }

    // ---- read / write

    @Test
    void missingFileReadsEmpty() throws IOException {
        assertThat(GoEnvFile.read(tmp.resolve("nope")).values()).isEmpty();
    }

    @Test
    void writeCreatesOwnerOnlyParentsAndKeepsPermissions() throws IOException {
        Path file = tmp.resolve("a/b/go/env");
        parse("# c\r\nlower=1").with("GOPROXY", "p").write(file);
        assertThat(Files.readAllBytes(file)).isEqualTo("# c\r\nlower=1\r\nGOPROXY=p\n".getBytes(StandardCharsets.UTF_8));
        if (isPosix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a"))))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            GoEnvFile.read(file).with("GOSUMDB", "off").write(file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(GoEnvFile.read(file).values()).containsOnlyKeys("GOPROXY", "GOSUMDB");
        try (var list = Files.list(file.getParent())) {
            assertThat(list).containsExactly(file); // no temp files left
        }
    }

    @Test
    void writeThroughSymlinkReplacesTarget() throws IOException {
        Path real = tmp.resolve("real-env");
        Files.writeString(real, "GOPROXY=old\n");
        Path link = tmp.resolve("link-env");
        try {
            Files.createSymbolicLink(link, real.getFileName());
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "symlinks unsupported: " + e);
        }
        GoEnvFile.read(link).with("GOPROXY", "new").write(link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("GOPROXY=new\n");
    }

    // ---- the real go command

    @Test
    void realGoReadsWhatWeWrite() throws Exception {
        for (LocalGoroot go : RealToolchains.require(1)) {
            realGoReadsWhatWeWrite(go);
        }
    }

    private void realGoReadsWhatWeWrite(LocalGoroot go) throws Exception {
        Path file = tmp.resolve(go.version() + "/cfg/go/env");
        Files.createDirectories(file.getParent());
        Files.write(file, "# kept comment\r\nlower=1\nGOPROXY=stale\nGOSUMDB=off".getBytes(StandardCharsets.UTF_8));
        GoEnvFile.read(file).with("GOPROXY", "https://proxy.example.com,direct")
                .with("GOPRIVATE", "*.corp.example.com").write(file);
        List<String> out = runGo(go, file, "env", "GOPROXY", "GOPRIVATE", "GOSUMDB");
        assertThat(out).containsExactly("https://proxy.example.com,direct", "*.corp.example.com", "off");
    }

    @Test
    void weReadWhatRealGoWrites() throws Exception {
        for (LocalGoroot go : RealToolchains.require(1)) {
            weReadWhatRealGoWrites(go);
        }
    }

    private void weReadWhatRealGoWrites(LocalGoroot go) throws Exception {
        Path file = tmp.resolve(go.version() + "/go-written/env");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# mine\nGOSUMDB=off\n");
        runGo(go, file, "env", "-w", "GOPRIVATE=x.example.com");
        GoEnvFile read = GoEnvFile.read(file);
        assertThat(read.get("GOPRIVATE")).contains("x.example.com");
        assertThat(read.get("GOSUMDB")).contains("off");
        assertThat(read.bytes()).isEqualTo(Files.readAllBytes(file));
        // and go reads our update of its file
        read.with("GOPRIVATE", "y.example.com").write(file);
        assertThat(runGo(go, file, "env", "GOPRIVATE")).containsExactly("y.example.com");
    }

    private List<String> runGo(LocalGoroot go, Path envFile, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(go.goBinary().toString());
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("go-out-" + System.nanoTime());
        Path err = tmp.resolve("go-err-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("GOENV", envFile.toString());
        env.put("GOTOOLCHAIN", "local");
        env.remove("GOFLAGS");
        env.remove("GOPROXY");
        env.remove("GOPRIVATE");
        env.remove("GOSUMDB");
        env.remove("GOROOT");
        env.put("HOME", tmp.toString());
        env.put("GOCACHE", tmp.resolve("gocache").toString());
        // Go 1.23+ telemetry: with its mode "on"/"local" the go command may leave a child process
        // writing counters under the config directory while @TempDir is being deleted; off, none.
        Path config = tmp.resolve("config");
        GoUserDirectories.turnTelemetryOff(config);
        env.put("XDG_CONFIG_HOME", config.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("go finished").isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", go.goBinary(), Files.readString(err)).isZero();
        return Files.readAllLines(out);
    }

    private static boolean isPosix() {
        return Optional.ofNullable(FileSystemsHolder.POSIX).orElse(false);
    }

    private static final class FileSystemsHolder {
        static final Boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
                .contains("posix");
    }
}
