package dev.gosetup.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.DebuggerConfigProvider;
import dev.gosetup.api.spi.DebuggerConfigRequest;
import dev.gosetup.api.spi.DebuggerConfiguration;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.contract.DebuggerConfigProviderContract;
import dev.gosetup.testkit.RealToolchains;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Builds examples/jetbrains-run-plugin into a jar of its own (against gosetup-api only), loads its
 * {@link DebuggerConfigProvider} through ServiceLoader from that jar, and has it configure a
 * project for a real Go toolchain: the SPI is not VS Code-shaped.
 */
class GoLandRunPluginTest {
    private static final Path PLUGIN = Path.of("jetbrains-run-plugin");

    @TempDir
    static Path work;

    private static URLClassLoader loader;

    @BeforeAll
    static void buildThePluginJar() throws Exception {
        Path jar = PluginJar.build(PLUGIN, work, work.resolve("plugins/goland-run.jar"));
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, GoLandRunPluginTest.class.getClassLoader());
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
    }

    @Test
    void thePluginIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("com.example.gosetup.jetbrains.GoLandRunConfigurations"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void itWritesRunConfigurationsForARealToolchainOnceAndReadsThemBack() throws Exception {
        DebuggerConfigProvider goland = ProviderRegistry.load(DebuggerConfigProvider.class, loader)
                .require("jetbrains-run");
        LocalGoroot real = RealToolchains.require(1).get(0);
        Toolchain toolchain = new Toolchain(GoVersion.parse(real.version()), Platform.current(), real.goroot());
        Path project = Files.createDirectories(work.resolve("my project"));
        Path home = Files.createDirectories(work.resolve("home"));
        DebuggerConfigRequest request = new DebuggerConfigRequest(Optional.of(project), GoEnvironment.of(toolchain),
                Map.of("GOPROXY", "https://goproxy.example.com,direct", "GOPRIVATE", "git.example.com/<team>"),
                Optional.empty(), Optional.empty(), false, new StoreContext(home, Map.of(), Platform.current()));

        List<StoreChange> changes = goland.plan(request);
        assertThat(changes).extracting(StoreChange::target).containsExactly(
                project.resolve(".run/Go Package (gosetup).run.xml").toString(),
                project.resolve(".run/Delve server (gosetup).run.xml").toString());
        for (StoreChange change : changes) {
            assertThat(change.storeId()).isEqualTo(DebuggerConfigProvider.FILE_STORE);
            Path file = Path.of(change.target());
            Files.createDirectories(file.getParent());
            Files.write(file, change.after().orElseThrow());
        }
        assertThat(goland.plan(request)).as("planning again").isEmpty();

        Element remote = configuration(project.resolve(".run/Delve server (gosetup).run.xml"));
        assertThat(remote.getAttribute("type")).isEqualTo("GoRemoteDebugConfigurationType");
        assertThat(remote.getAttribute("port")).isEqualTo("2345");

        DebuggerConfiguration read = goland.read(request.workspace(), request.user());
        assertThat(read.debugConfigurations()).containsExactly("Delve server (gosetup)", "Go Package (gosetup)");
        assertThat(read.toolsEnvironment()).containsEntry("GOPRIVATE", "git.example.com/<team>")
                .containsEntry("GOPROXY", "https://goproxy.example.com,direct");
        assertThat(read.goroot()).contains(real.goroot().toString());
        Process go = new ProcessBuilder(read.go().orElseThrow(), "version").redirectErrorStream(true).start();
        assertThat(go.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(go.getInputStream().readAllBytes())).startsWith("go version " + real.version() + " ");

        DebuggerConfiguration user = goland.read(Optional.empty(), request.user());
        assertThat(user.debugConfigurations()).isEmpty();
    }

    /** The published debugger-configuration contract, run against the plugin's provider loaded from its jar. */
    @Nested
    class Contract extends DebuggerConfigProviderContract {
        @Override
        protected DebuggerConfigProvider provider() {
            return ProviderRegistry.load(DebuggerConfigProvider.class, loader).require("jetbrains-run");
        }
    }

    private static Element configuration(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return (Element) factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)))
                .getDocumentElement().getElementsByTagName("configuration").item(0);
    }
}
