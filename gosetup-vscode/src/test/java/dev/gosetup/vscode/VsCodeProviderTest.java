package dev.gosetup.vscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.DebuggerConfigProvider;
import dev.gosetup.api.spi.DebuggerConfigRequest;
import dev.gosetup.api.spi.DebuggerConfiguration;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.testkit.contract.DebuggerConfigProviderContract;
import dev.gosetup.vscode.jsonc.JsoncDocument;
import dev.gosetup.vscode.jsonc.MicrosoftJsoncParser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VS Code provider on real-world files: what it writes, what it keeps, where the user's files are. */
class VsCodeProviderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/vscode");

    @TempDir
    Path tmp;

    Path home;
    Path workspace;
    Toolchain toolchain;
    final VsCodeProvider vscode = new VsCodeProvider();

    @BeforeEach
    void dirs() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        workspace = Files.createDirectories(tmp.resolve("project"));
        toolchain = new Toolchain(GoVersion.parse("go1.22.5"), Platform.parse("linux-amd64"),
                tmp.resolve("store/toolchains/go1.22.5.linux-amd64"));
    }

    private StoreContext user(Map<String, String> env, Platform host) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("HOME", home.toString());
        return new StoreContext(home, all, host);
    }

    private DebuggerConfigRequest request(Optional<Path> ws, Map<String, String> module, boolean tools) {
        return new DebuggerConfigRequest(ws, GoEnvironment.of(toolchain), module,
                tools ? Optional.of(tmp.resolve("tools/dlv")) : Optional.empty(),
                tools ? Optional.of(tmp.resolve("tools/gopls")) : Optional.empty(), false,
                user(Map.of(), Platform.parse("linux-amd64")));
    }

    private static void apply(List<StoreChange> changes) throws Exception {
        for (StoreChange c : changes) {
            assertThat(c.storeId()).isEqualTo(DebuggerConfigProvider.FILE_STORE);
            Path file = Path.of(c.target());
            assertThat(file).isAbsolute();
            Files.createDirectories(file.getParent());
            Files.write(file, c.after().orElseThrow());
        }
    }

    /** The published contract every debugger-configuration provider keeps. */
    @Nested
    class Contract extends DebuggerConfigProviderContract {
        @Override
        protected DebuggerConfigProvider provider() {
            return new VsCodeProvider();
        }
    }

    @Test
    void serviceLoaderFindsIt() {
        assertThat(ProviderRegistry.load(DebuggerConfigProvider.class).all()).extracting(DebuggerConfigProvider::id)
                .contains("vscode");
    }

    @Test
    void realWorldFilesGetGosetupsKeysAndKeepEveryCommentLineEndAndTheUsersOwnConfiguration() throws Exception {
        Path dir = Files.createDirectories(workspace.resolve(".vscode"));
        Map<String, byte[]> originals = new LinkedHashMap<>();
        for (String name : List.of("settings.json", "launch.json", "extensions.json")) {
            originals.put(name, Files.readAllBytes(FIXTURES.resolve(name)));
            Files.write(dir.resolve(name), originals.get(name));
        }
        DebuggerConfigRequest request = request(Optional.of(workspace),
                Map.of("GOPROXY", "https://goproxy.example.com,direct", "GOPRIVATE", "git.example.com/*",
                        "HTTPS_PROXY", "http://proxy:3128"), true);
        List<StoreChange> changes = vscode.plan(request);
        assertThat(changes).extracting(StoreChange::target).containsExactly(dir.resolve("settings.json").toString(),
                dir.resolve("launch.json").toString(), dir.resolve("extensions.json").toString());
        assertThat(changes.get(0).summary()).isEqualTo("set go.alternateTools, go.toolsEnvVars, go.toolsManagement.autoUpdate");
        apply(changes);

        String settings = Files.readString(dir.resolve("settings.json"));
        assertThat(settings).startsWith("\uFEFF{\r\n    // Controls the font size in pixels.\r\n")
                .contains("        \"gopls\": \"" + tmp.resolve("tools/gopls") + "\", // the team's pinned gopls\r\n"
                        + "        \"go\": \"" + toolchain.goBinary() + "\",\r\n        \"dlv\": \"" + tmp.resolve("tools/dlv") + "\"\r\n    },")
                .contains("    // \"go.goroot\": \"/usr/local/go\",\r\n    \"go.toolsManagement.autoUpdate\": false,\r\n}\r\n");
        assertThat(settings.replace("\r\n", "")).doesNotContain("\n");
        JsonNode s = JsoncDocument.parse(Files.readAllBytes(dir.resolve("settings.json")), "s").tree();
        assertThat(s.get("go.toolsEnvVars").toString()).isEqualTo(
                "{\"GOFLAGS\":\"-tags=integration\",\"GOPROXY\":\"https://goproxy.example.com,direct\",\"GOPRIVATE\":\"git.example.com/*\"}");
        assertThat(s.get("editor.fontSize").asInt()).isEqualTo(14);
        assertThat(s.has("go.goroot")).isFalse();

        JsonNode launch = JsoncDocument.parse(Files.readAllBytes(dir.resolve("launch.json")), "l").tree();
        List<String> names = new ArrayList<>();
        launch.get("configurations").forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsExactly("Launch web client", "Launch Package", "Test Package", "Attach to Process",
                "Connect to Delve server");
        assertThat(launch.get("configurations").get(1).get("mode").asText()).as("the user's own, kept").isEqualTo("debug");
        JsonNode remote = launch.get("configurations").get(4);
        assertThat(remote.get("request").asText() + remote.get("mode").asText() + remote.get("port").asInt())
                .isEqualTo("attachremote2345");
        assertThat(launch.get("version").asText()).isEqualTo("0.2.0");
        assertThat(Files.readString(dir.resolve("launch.json")))
                .startsWith(new String(originals.get("launch.json"), StandardCharsets.UTF_8).substring(0, 520))
                .contains("\t\t\t\"mode\": \"debug\", // the user's own choice: kept\r\n");
        assertThat(Files.readString(dir.resolve("extensions.json"))).contains(
                "\t\"recommendations\": [\r\n".replace("\r\n", "\n") + "\t\t\"dbaeumer.vscode-eslint\",\n\t\t\"golang.go\"\n\t],");

        List<MicrosoftJsoncParser.Parsed> judged = MicrosoftJsoncParser.parse(List.of(dir.resolve("settings.json"),
                dir.resolve("launch.json"), dir.resolve("extensions.json")));
        assertThat(judged).allSatisfy(p -> assertThat(p.errors()).isEmpty());
        assertThat(MicrosoftJsoncParser.sameValue(judged.get(0).value(), s)).isTrue();
        assertThat(MicrosoftJsoncParser.sameValue(judged.get(1).value(), launch)).isTrue();

        assertThat(vscode.plan(request)).as("planning again after applying").isEmpty();

        DebuggerConfiguration read = vscode.read(request.workspace(), request.user());
        assertThat(read.go()).contains(toolchain.goBinary().toString());
        assertThat(read.dlv()).contains(tmp.resolve("tools/dlv").toString());
        assertThat(read.toolsEnvironment()).containsEntry("GOPROXY", "https://goproxy.example.com,direct");
        assertThat(read.debugConfigurations()).hasSize(5);
        assertThat(read.files()).contains(dir.resolve("settings.json"), dir.resolve("launch.json"));
    }

    @Test
    void aFreshWorkspaceGetsThreeNewFilesAndGorootOnlyWhenAskedFor() throws Exception {
        DebuggerConfigRequest request = new DebuggerConfigRequest(Optional.of(workspace), GoEnvironment.of(toolchain),
                Map.of(), Optional.empty(), Optional.empty(), true, user(Map.of(), Platform.parse("linux-amd64")));
        List<StoreChange> changes = vscode.plan(request);
        assertThat(changes).allSatisfy(c -> assertThat(c.before()).isEmpty());
        assertThat(changes.get(0).summary()).isEqualTo("create with go.alternateTools, go.goroot");
        apply(changes);
        assertThat(Files.readString(workspace.resolve(".vscode/settings.json"))).isEqualTo("{\n\t\"go.alternateTools\": {\n"
                + "\t\t\"go\": \"" + toolchain.goBinary() + "\"\n\t},\n\t\"go.goroot\": \"" + toolchain.goroot() + "\"\n}\n");
        assertThat(Files.readString(workspace.resolve(".vscode/extensions.json")))
                .isEqualTo("{\n\t\"recommendations\": [\n\t\t\"golang.go\"\n\t]\n}\n");
        assertThat(Files.readString(workspace.resolve(".vscode/launch.json"))).startsWith(
                "{\n\t\"version\": \"0.2.0\",\n\t\"configurations\": [\n\t\t{\n\t\t\t\"name\": \"Launch Package\",\n");
        assertThat(vscode.plan(request)).isEmpty();
    }

    @Test
    void aHugeSettingsFileIsEditedInPlaceQuickly() throws Exception {
        StringBuilder text = new StringBuilder("{\r\n");
        for (int i = 0; i < 40_000; i++) {
            text.append("    // setting ").append(i).append(" explained\r\n    \"ext").append(i).append(".option\": \"")
                    .append("x".repeat(i % 20)).append("\",\r\n");
        }
        text.append("    \"go.alternateTools\": { \"gopls\": \"/opt/gopls\" }\r\n}\r\n");
        Path settings = Files.createDirectories(workspace.resolve(".vscode")).resolve("settings.json");
        Files.writeString(settings, text);
        long start = System.nanoTime();
        List<StoreChange> changes = vscode.plan(request(Optional.of(workspace),
                Map.of("GOPROXY", "off", "GOFLAGS", "-mod=mod"), true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String after = new String(changes.get(0).after().orElseThrow(), StandardCharsets.UTF_8);
        assertThat(after).startsWith(text.substring(0, text.length() - 50))
                .endsWith("    \"go.alternateTools\": { \"gopls\": \"" + tmp.resolve("tools/gopls") + "\", \"go\": \""
                        + toolchain.goBinary() + "\", \"dlv\": \"" + tmp.resolve("tools/dlv") + "\" },\r\n"
                        + "    \"go.toolsEnvVars\": {\r\n        \"GOPROXY\": \"off\",\r\n        \"GOFLAGS\": \"-mod=mod\"\r\n"
                        + "    },\r\n    \"go.toolsManagement.autoUpdate\": false\r\n}\r\n");
        assertThat(text.length()).as("the file is big").isGreaterThan(2_000_000);
        assertThat(millis).as("planning a %d-byte file took %d ms", text.length(), millis).isLessThan(20_000);
    }

    @Test
    void anInvalidFileIsRefusedNamingItsLineAndColumnAndNothingIsPlanned() throws Exception {
        Path settings = Files.createDirectories(workspace.resolve(".vscode")).resolve("settings.json");
        Files.writeString(settings, "{\n  \"a\": 1\n  \"go.alternateTools\": {}\n}\n");
        assertThatThrownBy(() -> vscode.plan(request(Optional.of(workspace), Map.of(), false)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(settings + ":3:3: not valid JSON with comments");
        assertThat(Files.readString(settings)).isEqualTo("{\n  \"a\": 1\n  \"go.alternateTools\": {}\n}\n");
    }

    @Test
    void aPasswordInAProxyUrlIsNotWrittenToSettings() {
        assertThatThrownBy(() -> vscode.plan(request(Optional.of(workspace),
                Map.of("GOPROXY", "https://me:secret@goproxy.example.com"), false)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("GOPROXY holds a user name or password")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions().get(0)).contains("~/.netrc"));
        assertThat(workspace.resolve(".vscode")).doesNotExist();
    }

    @Test
    void userSettingsAreEveryInstallationFoundOrVsCodesOwn() throws Exception {
        Platform linux = Platform.parse("linux-amd64");
        assertThat(VsCodeLocations.userSettings(user(Map.of(), linux)))
                .containsExactly(home.resolve(".config/Code/User/settings.json"));
        assertThat(VsCodeLocations.userSettings(user(Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString()), linux)))
                .containsExactly(tmp.resolve("xdg/Code/User/settings.json"));
        assertThat(VsCodeLocations.userSettings(user(Map.of(), Platform.parse("darwin-arm64"))))
                .containsExactly(home.resolve("Library/Application Support/Code/User/settings.json"));
        Files.createDirectories(home.resolve(".config/Code - Insiders/User"));
        Files.createDirectories(home.resolve(".config/VSCodium/User"));
        Files.createDirectories(home.resolve(".vscode-server/data"));
        assertThat(VsCodeLocations.userSettings(user(Map.of("VSCODE_PORTABLE", tmp.resolve("portable").toString()), linux)))
                .containsExactly(tmp.resolve("portable/user-data/User/settings.json"),
                        home.resolve(".vscode-server/data/Machine/settings.json"),
                        home.resolve(".config/Code - Insiders/User/settings.json"),
                        home.resolve(".config/VSCodium/User/settings.json"));

        DebuggerConfigRequest request = new DebuggerConfigRequest(Optional.empty(), GoEnvironment.of(toolchain), Map.of(),
                Optional.empty(), Optional.empty(), false, user(Map.of(), linux));
        List<StoreChange> changes = vscode.plan(request);
        assertThat(changes).extracting(StoreChange::target).containsExactly(
                home.resolve(".vscode-server/data/Machine/settings.json").toString(),
                home.resolve(".config/Code - Insiders/User/settings.json").toString(),
                home.resolve(".config/VSCodium/User/settings.json").toString());
        apply(changes);
        assertThat(vscode.plan(request)).isEmpty();
        assertThat(vscode.read(request.workspace(), request.user()).go()).contains(toolchain.goBinary().toString());
    }
}
