package dev.gosetup.vscode.tools;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.env.HermeticGo;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.core.proxy.LocalModuleProxy;
import dev.gosetup.core.proxy.ModulePacker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * go install end to end with the real go command against gosetup's own loopback module proxy:
 * a tool module generated here is packed, served, installed into a tools directory, and checked
 * with go version -m.
 */
@DisabledOnOs(OS.WINDOWS)
class GoToolsTest {
    private static final GoTool HELLO = GoTool.of("example.com/tools/hello", "example.com/tools/hello");

    @TempDir
    Path temp;

    private Toolchain go;
    private LocalModuleProxy proxy;
    private HermeticGo hermetic;

    @BeforeEach
    void serveTheToolModule() throws IOException {
        go = TestToolchains.go(19);
        Path src = temp.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("go.mod"), "module example.com/tools/hello\n\ngo 1.18\n");
        Files.writeString(src.resolve("main.go"), """
                package main

                import "fmt"

                func main() { fmt.Println("hello from a packed tool") }
                """);
        ModulePacker.pack(List.of(src), temp.resolve("proxy"), Optional.of("v1.0.0"));
        proxy = LocalModuleProxy.start(temp.resolve("proxy"), 0);
        // A hermetic GOPATH and caches; the module settings a user would have for a private proxy.
        hermetic = HermeticGo.builder().toolchain(go).root(temp.resolve("env")).proxy(proxy.uri().toString())
                .variable("GOSUMDB", "off").variable("GONOSUMDB", "example.com").build();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (hermetic != null) {
            hermetic.close();
        }
    }

    private GoTools tools(Path gobin) {
        return GoTools.of(hermetic.environment(), gobin).timeout(Duration.ofMinutes(3));
    }

    @Test
    void installsFromTheProxyIntoTheToolsDirectoryAndVerifiesWithGoVersionM() throws Exception {
        Path gobin = GoTools.toolsDirectory(new ToolchainStore(temp.resolve("store")), go);
        assertThat(gobin).isEqualTo(temp.resolve("store/tools").resolve(go.id()).resolve("bin"));
        List<String> events = new CopyOnWriteArrayList<>();
        ToolListener listener = new ToolListener() {
            @Override
            public void installing(GoTool tool, String version, List<String> command) {
                events.add("installing " + tool.name() + " " + version + " " + command.subList(1, command.size()));
            }

            @Override
            public void verifying(Path binary) {
                events.add("verifying " + binary.getFileName());
            }

            @Override
            public void installed(InstalledTool tool) {
                events.add("installed " + tool.version());
            }
        };

        InstalledTool hello = tools(gobin).install(HELLO, Optional.of("v1.0.0"), listener, new CancellationToken());

        assertThat(events).containsExactly("installing hello v1.0.0 [install, example.com/tools/hello@v1.0.0]",
                "verifying hello", "installed v1.0.0");
        assertThat(hello.binary()).isEqualTo(gobin.resolve("hello"));
        assertThat(hello.packagePath()).isEqualTo("example.com/tools/hello");
        assertThat(hello.modulePath()).isEqualTo("example.com/tools/hello");
        assertThat(hello.builtWith()).isEqualTo(go.version());
        assertThat(proxy.requestCount()).as("the module came from the loopback proxy").isPositive();
        ProcessResult run = ProcessRunner.run(List.of(hello.binary().toString()), temp, Map.of(), Duration.ofSeconds(20),
                new CancellationToken());
        assertThat(run.stdout().strip()).isEqualTo("hello from a packed tool");
        assertThat(tools(gobin).installed(HELLO, new CancellationToken())).hasValue(hello);

        // Again: go rebuilds from the module cache, and the result verifies the same.
        assertThat(tools(gobin).install(HELLO, Optional.of("v1.0.0"), ToolListener.NOOP, new CancellationToken()))
                .isEqualTo(hello);
    }

    @Test
    void eachToolchainHasItsOwnToolsDirectorySoSwitchingBackAndForthKeepsBoth() {
        Toolchain go122 = TestToolchains.go(22);
        ToolchainStore store = new ToolchainStore(temp.resolve("store"));
        InstalledTool old = tools(GoTools.toolsDirectory(store, go)).install(HELLO, Optional.of("v1.0.0"),
                ToolListener.NOOP, new CancellationToken());
        try (HermeticGo other = HermeticGo.builder().toolchain(go122).root(temp.resolve("env122"))
                .proxy(proxy.uri().toString()).variable("GOSUMDB", "off").build()) {
            InstalledTool newer = GoTools.of(other.environment(), GoTools.toolsDirectory(store, go122))
                    .install(HELLO, Optional.of("v1.0.0"), ToolListener.NOOP, new CancellationToken());
            assertThat(newer.binary()).isNotEqualTo(old.binary());
            assertThat(newer.builtWith()).isEqualTo(go122.version());
            // Back to the first toolchain: its tool is still there, still built by it.
            assertThat(tools(GoTools.toolsDirectory(store, go)).installed(HELLO, new CancellationToken()))
                    .hasValueSatisfying(t -> assertThat(t.builtWith()).isEqualTo(go.version()));
        }
    }

    @Test
    void aVersionTheProxyDoesNotHaveFailsWithGosOwnWords() {
        Path gobin = temp.resolve("tools/bin");
        assertThatThrownBy(() -> tools(gobin).install(HELLO, Optional.of("v9.9.9"), ToolListener.NOOP,
                new CancellationToken()))
                .isInstanceOf(GoSetupException.class)
                .hasMessageContaining("go install example.com/tools/hello@v9.9.9 with " + go.version() + " failed")
                .hasMessageContaining("example.com/tools/hello@v9.9.9")
                .hasMessageContaining("404");
        assertThat(gobin.resolve("hello")).doesNotExist();
        assertThat(tools(gobin).installed(HELLO, new CancellationToken())).isEmpty();
    }

    @Test
    void aBadVersionIsRefusedBeforeAnythingRuns() {
        Path gobin = temp.resolve("never/bin");
        assertThatThrownBy(() -> tools(gobin).install(HELLO, Optional.of("latest; rm -rf ~"), ToolListener.NOOP,
                new CancellationToken()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("\"latest; rm -rf ~\" is not a version of hello");
        assertThat(temp.resolve("never")).doesNotExist();
        assertThat(proxy.requestCount()).isZero();
    }

    @Test
    void withoutAVersionATableLessToolNeedsOne() {
        assertThatThrownBy(() -> tools(temp.resolve("bin")).install(HELLO, Optional.empty(), ToolListener.NOOP,
                new CancellationToken()))
                .hasMessageContaining("no release of hello that gosetup knows supports " + go.version())
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions()).contains("give the version to install"));
    }

    @Test
    void theDefaultChoiceForGo119IsDelve1212() {
        assertThat(GoTools.of(GoEnvironment.of(go), temp).choose(GoTool.DLV).version()).isEqualTo("v1.21.2");
    }
}
