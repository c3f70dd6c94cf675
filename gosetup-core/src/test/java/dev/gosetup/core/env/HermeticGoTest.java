package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.install.LoopbackInstaller;
import dev.gosetup.core.process.ProcessResult;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hermetic environments with a real toolchain (the newest on the machine, Go 1.23 in CI, whose
 * telemetry writes to the user's config directory unless redirected) building and testing real
 * modules, while the "user" is a fake home this test controls.
 */
@DisabledOnOs(OS.WINDOWS) // the fake home is POSIX-shaped; the ACL logic has its own tests
class HermeticGoTest {
    /** Shared by these tests (and kept across runs) as the builder allows: a much faster suite. */
    private static final Path BUILD_CACHE = Path.of("target", "hermetic-go-build-cache").toAbsolutePath();

    private static Toolchain toolchain;

    @TempDir
    Path temp;

    @BeforeAll
    static void install() {
        toolchain = LoopbackInstaller.ensure(LoopbackInstaller.mirror().newest());
    }

    /** A module with a package main, a test, and optionally a dependency. */
    private static Path module(Path dir, String require) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n"
                + (require.isEmpty() ? "" : "\nrequire " + require + "\n"));
        Files.writeString(dir.resolve("main.go"), """
                package main

                import "fmt"

                func greeting() string { return "hello, hermetic" }

                func main() { fmt.Println(greeting()) }
                """);
        Files.writeString(dir.resolve("main_test.go"), """
                package main

                import "testing"

                func TestGreeting(t *testing.T) {
                	if got := greeting(); got != "hello, hermetic" {
                		t.Fatalf("greeting() = %q", got)
                	}
                }
                """);
        return dir;
    }

    /** Every path under a directory with its bytes (directories as a marker), for byte-exact comparisons. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                files.put(dir.relativize(p).toString(),
                        Files.isDirectory(p) ? "<dir>" : Arrays.toString(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    void buildsAndTestsAModuleWhileTheUsersHomeAndGoSettingsStayUntouched() throws Exception {
        Path home = temp.resolve("user-home");
        Files.createDirectories(home.resolve(".config/go"));
        Files.writeString(home.resolve(".config/go/env"), "GOFLAGS=-mod=vendor\nGOPROXY=http://127.0.0.1:1\n");
        Files.createDirectories(home.resolve("go/pkg/mod/cache"));
        Files.writeString(home.resolve("go/pkg/mod/cache/marker"), "the user's module cache");
        Map<String, String> before = snapshot(home);
        Map<String, String> inherited = new HashMap<>(System.getenv());
        inherited.put("HOME", home.toString());
        inherited.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        inherited.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        inherited.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        inherited.put("GOFLAGS", "-mod=vendor"); // a stray shell setting, unset by the environment
        Path module = module(temp.resolve("module"), "");

        try (HermeticGo go = HermeticGo.builder().toolchain(toolchain).sharedBuildCache(BUILD_CACHE)
                .inherited(inherited).build()) {
            Path root = go.root();
            Map<String, String> env = go.runner().in(module).goEnv();
            assertThat(env).containsEntry("GOFLAGS", "-modcacherw")
                    .containsEntry("GOPROXY", "off")
                    .containsEntry("GOTOOLCHAIN", "local")
                    .containsEntry("GOENV", root.resolve("config/go/env").toString())
                    .containsEntry("GOPATH", root.resolve("go").toString())
                    .containsEntry("GOMODCACHE", root.resolve("go/pkg/mod").toString())
                    .containsEntry("GOBIN", root.resolve("go/bin").toString())
                    .containsEntry("GOCACHE", BUILD_CACHE.toString())
                    .containsEntry("GOROOT", toolchain.goroot().toString());
            if (env.containsKey("GOTELEMETRYDIR")) { // Go 1.23 and later
                assertThat(env.get("GOTELEMETRYDIR")).startsWith(root.toString());
                assertThat(env).as("no detached telemetry child may write into the root after go ends")
                        .containsEntry("GOTELEMETRY", "off");
                try (Stream<Path> telemetry = Files.list(Path.of(env.get("GOTELEMETRYDIR")))) {
                    assertThat(telemetry.map(p -> p.getFileName().toString())).containsExactly("mode");
                }
            }
            assertThat(root.resolve("config/go/env")).isEmptyFile();

            ProcessResult build = go.runner().in(module).go("build", "-o", temp.resolve("out/hello").toString(), ".")
                    .requireSuccess();
            ProcessResult test = go.runner().in(module).go("test", "./...").requireSuccess();
            ProcessResult install = go.runner().in(module).go("install", ".").requireSuccess();

            assertThat(build.stderr()).isEmpty();
            assertThat(test.stdout()).contains("ok  \texample.com/hello");
            assertThat(root.resolve("go/bin/hello")).isExecutable();
            ProcessResult ran = go.runner().in(module).run(java.util.List.of("hello")).requireSuccess();
            assertThat(ran.stdout()).isEqualTo("hello, hermetic\n");
        }

        assertThat(snapshot(home)).isEqualTo(before);
    }

    @Test
    void crossCompilesAWindowsExecutable() throws Exception {
        Path module = module(temp.resolve("module"), "");
        Path exe = temp.resolve("out/hello.exe");
        try (HermeticGo go = HermeticGo.builder().toolchain(toolchain).sharedBuildCache(BUILD_CACHE).build()) {
            go.runner().in(module).targeting(Platform.parse("windows/amd64"))
                    .go("build", "-o", exe.toString(), ".").requireSuccess();
        }
        byte[] head = Arrays.copyOf(Files.readAllBytes(exe), 2);
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo("MZ");
    }

    @Test
    void closeRemovesTheRootWithAReadOnlyModuleCache() throws Exception {
        Path proxy = moduleProxy(temp.resolve("proxy"));
        Path module = module(temp.resolve("module"), "example.com/greet v1.0.0");
        Files.writeString(module.resolve("greet.go"), """
                package main

                import "example.com/greet"

                var _ = greet.Hello
                """);
        HermeticGo go = HermeticGo.builder().version(VersionSpec.parse(toolchain.version().toString()))
                .installer(LoopbackInstaller.shared())
                .proxy(proxy.toUri().toString().replaceAll("/$", ""))
                .variable("GOSUMDB", "off")
                .variable("GOFLAGS", "") // Go's default: a read-only module cache, the hard case for deletion
                .sharedBuildCache(BUILD_CACHE).build();
        Path root = go.root();
        assertThat(go.toolchain()).isEqualTo(toolchain);

        go.runner().in(module).go("mod", "tidy").requireSuccess();
        go.runner().in(module).go("build", "./...").requireSuccess();
        Path downloaded = root.resolve("go/pkg/mod/example.com/greet@v1.0.0");
        assertThat(downloaded.resolve("greet.go")).exists();
        // Judged by the mode, not Files.isWritable, which is always true for root (CI containers).
        assertThat(Files.getPosixFilePermissions(downloaded)).as("go leaves module directories read-only")
                .doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        go.close();
        go.close();

        assertThat(root).doesNotExist();
        assertThat(BUILD_CACHE).isDirectory();
    }

    @Test
    void aGivenRootMustBeEmptyAndAVersionOrToolchainIsRequired() throws Exception {
        Path used = Files.createDirectories(temp.resolve("used"));
        Files.writeString(used.resolve("precious"), "keep");
        assertThatThrownBy(() -> HermeticGo.builder().toolchain(toolchain).root(used).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("must be empty");
        assertThat(used.resolve("precious")).hasContent("keep");
        assertThatThrownBy(() -> HermeticGo.builder().build()).isInstanceOf(IllegalStateException.class);

        try (HermeticGo go = HermeticGo.builder().toolchain(toolchain).root(temp.resolve("fresh")).build()) {
            assertThat(go.root()).isEqualTo(temp.resolve("fresh"));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(go.root())))
                    .isEqualTo("rwx------");
            assertThat(go.environment().get("GOCACHE")).hasValue(go.root().resolve("cache/go-build").toString());
            assertThat(go.go("env", "GOPROXY").stdout().strip()).isEqualTo("off");
        }
        assertThat(temp.resolve("fresh")).doesNotExist();
    }

    /** A GOPROXY directory serving example.com/greet v1.0.0 (the layout of {@code go help goproxy}). */
    private static Path moduleProxy(Path dir) throws IOException {
        Path v = Files.createDirectories(dir.resolve("example.com/greet/@v"));
        String gomod = "module example.com/greet\n\ngo 1.19\n";
        Files.writeString(v.resolve("list"), "v1.0.0\n");
        Files.writeString(v.resolve("v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T00:00:00Z\"}");
        Files.writeString(v.resolve("v1.0.0.mod"), gomod);
        try (OutputStream out = Files.newOutputStream(v.resolve("v1.0.0.zip"));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("example.com/greet@v1.0.0/go.mod"));
            zip.write(gomod.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("example.com/greet@v1.0.0/greet.go"));
            zip.write("package greet\n\nfunc Hello() string { return \"hello\" }\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return dir;
    }
}
