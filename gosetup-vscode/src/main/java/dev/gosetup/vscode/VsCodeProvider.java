package dev.gosetup.vscode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.DebuggerConfigProvider;
import dev.gosetup.api.spi.DebuggerConfigRequest;
import dev.gosetup.api.spi.DebuggerConfiguration;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.AtomicFiles;
import dev.gosetup.vscode.jsonc.JsoncDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * VS Code with the Go extension ({@code golang.go}), id {@code vscode}. For a workspace it edits
 * {@code .vscode/settings.json}, {@code .vscode/launch.json} and {@code .vscode/extensions.json};
 * for the user scope, the user settings of every VS Code installation found
 * ({@link VsCodeLocations#userSettings}). Every edit is a minimal text edit ({@link JsoncDocument}):
 * comments, order and formatting of everything else stay.
 *
 * <p>Settings written: {@code go.alternateTools} (merged key by key: {@code go} = the toolchain's
 * {@code bin/go}, and {@code dlv}, {@code gopls} when gosetup installed them),
 * {@code go.toolsEnvVars} (merged: the module-proxy settings), {@code go.toolsManagement.autoUpdate}
 * = false when gosetup manages tools, {@code go.goroot} only when asked to pin it. Launch
 * configurations are added by name and never changed once there; {@code golang.go} is added to
 * the recommended extensions.
 */
public final class VsCodeProvider implements DebuggerConfigProvider {
    /** The module-proxy settings VS Code gives its Go tools through {@code go.toolsEnvVars}. */
    public static final List<String> TOOLS_ENV = List.of("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB",
            "GOINSECURE", "GOFLAGS");
    /** The Go extension's id, recommended in {@code .vscode/extensions.json}. */
    public static final String GO_EXTENSION = "golang.go";

    static final String ALTERNATE_TOOLS = "go.alternateTools";
    static final String TOOLS_ENV_VARS = "go.toolsEnvVars";
    static final String AUTO_UPDATE = "go.toolsManagement.autoUpdate";
    static final String GOROOT = "go.goroot";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern USERINFO = Pattern.compile("://[^/@\\s,|]*@");

    /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
    public VsCodeProvider() {
    }

    @Override
    public String id() {
        return "vscode";
    }

    @Override
    public String displayName() {
        return "VS Code";
    }

    @Override
    public List<StoreChange> plan(DebuggerConfigRequest request) {
        ObjectNode settings = settings(request);
        List<StoreChange> changes = new ArrayList<>();
        if (request.workspace().isPresent()) {
            Path dir = request.workspace().get().resolve(".vscode");
            edit(dir.resolve("settings.json"), doc -> merge(doc, settings)).ifPresent(changes::add);
            edit(dir.resolve("launch.json"), VsCodeProvider::launch).ifPresent(changes::add);
            edit(dir.resolve("extensions.json"), doc -> doc.append(List.of("recommendations"),
                    F.textNode(GO_EXTENSION), e -> e.asText().equalsIgnoreCase(GO_EXTENSION))).ifPresent(changes::add);
        } else {
            for (Path file : VsCodeLocations.userSettings(request.user())) {
                edit(file, doc -> merge(doc, settings)).ifPresent(changes::add);
            }
        }
        return changes;
    }

    @Override
    public DebuggerConfiguration read(Optional<Path> workspace, StoreContext user) {
        List<Path> files = new ArrayList<>(VsCodeLocations.userSettings(user));
        workspace.ifPresent(w -> files.add(w.resolve(".vscode").resolve("settings.json")));
        Map<String, String> tools = new LinkedHashMap<>();
        Map<String, String> env = new TreeMap<>();
        Optional<String> goroot = Optional.empty();
        for (Path file : files) {
            JsonNode root = document(file).tree();
            root.path(ALTERNATE_TOOLS).fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    tools.put(e.getKey(), e.getValue().textValue());
                }
            });
            root.path(TOOLS_ENV_VARS).fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            if (root.path(GOROOT).isTextual()) {
                goroot = Optional.of(root.path(GOROOT).textValue());
            }
        }
        List<String> configurations = new ArrayList<>();
        if (workspace.isPresent()) {
            Path launch = workspace.get().resolve(".vscode").resolve("launch.json");
            document(launch).tree().path("configurations").forEach(c -> {
                if (c.path("name").isTextual()) {
                    configurations.add(c.path("name").textValue());
                }
            });
            files.add(launch);
        }
        return new DebuggerConfiguration(Optional.ofNullable(tools.get("go")), Optional.ofNullable(tools.get("dlv")),
                Optional.ofNullable(tools.get("gopls")), goroot, env, configurations, files);
    }

    /**
     * The launch configurations gosetup adds, as the Go extension's own snippets write them:
     * launch the current file's package, test it, attach to a local process, connect to a
     * headless Delve server ({@code dlv debug --headless --listen 127.0.0.1:2345}).
     *
     * @return the configurations, each an object with a {@code name}
     */
    public static List<ObjectNode> launchConfigurations() {
        return List.of(
                F.objectNode().put("name", "Launch Package").put("type", "go").put("request", "launch")
                        .put("mode", "auto").put("program", "${fileDirname}"),
                F.objectNode().put("name", "Test Package").put("type", "go").put("request", "launch")
                        .put("mode", "test").put("program", "${fileDirname}"),
                F.objectNode().put("name", "Attach to Process").put("type", "go").put("request", "attach")
                        .put("mode", "local").put("processId", 0),
                F.objectNode().put("name", "Connect to Delve server").put("type", "go").put("request", "attach")
                        .put("mode", "remote").put("remotePath", "${workspaceFolder}").put("port", 2345)
                        .put("host", "127.0.0.1"));
    }

    private static ObjectNode settings(DebuggerConfigRequest request) {
        ObjectNode settings = F.objectNode();
        ObjectNode tools = settings.putObject(ALTERNATE_TOOLS);
        tools.put("go", request.environment().toolchain().goBinary().toString());
        request.dlv().ifPresent(p -> tools.put("dlv", p.toString()));
        request.gopls().ifPresent(p -> tools.put("gopls", p.toString()));
        ObjectNode env = F.objectNode();
        for (String name : TOOLS_ENV) {
            Optional.ofNullable(request.moduleSettings().get(name)).ifPresent(value -> {
                if (USERINFO.matcher(value).find()) {
                    throw new InvalidConfigurationException(name + " holds a user name or password in a URL; gosetup "
                            + "will not write it into VS Code's settings in plain text",
                            List.of("put the credentials in ~/.netrc (the go command reads it) and set " + name
                                    + " without them, e.g. https://proxy.example.com"));
                }
                env.put(name, value);
            });
        }
        if (!env.isEmpty()) {
            settings.set(TOOLS_ENV_VARS, env);
        }
        if (request.managesTools()) {
            settings.put(AUTO_UPDATE, false);
        }
        if (request.pinGoroot()) {
            settings.put(GOROOT, request.environment().toolchain().goroot().toString());
        }
        return settings;
    }

    private static JsoncDocument merge(JsoncDocument doc, ObjectNode settings) {
        JsoncDocument edited = doc;
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            edited = edited.set(List.of(field.getKey()), field.getValue());
        }
        return edited;
    }

    private static JsoncDocument launch(JsoncDocument doc) {
        JsoncDocument edited = doc.get(List.of("version")).isMissingNode()
                ? doc.set(List.of("version"), F.textNode("0.2.0")) : doc;
        for (ObjectNode configuration : launchConfigurations()) {
            String name = configuration.get("name").textValue();
            edited = edited.append(List.of("configurations"), configuration, c -> c.path("name").asText().equals(name));
        }
        return edited;
    }

    private static JsoncDocument document(Path file) {
        return JsoncDocument.parse(AtomicFiles.read(file).orElse(new byte[0]), file.toString());
    }

    /** The change of one file: read, edited, and the keys whose values differ named in the summary. */
    private static Optional<StoreChange> edit(Path file, UnaryOperator<JsoncDocument> edits) {
        Optional<byte[]> before = AtomicFiles.read(file);
        JsoncDocument doc = JsoncDocument.parse(before.orElse(new byte[0]), file.toString());
        JsoncDocument after = edits.apply(doc);
        if (before.isPresent() && java.util.Arrays.equals(before.get(), after.bytes())) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        JsonNode old = doc.tree();
        JsonNode now = after.tree();
        now.fieldNames().forEachRemaining(k -> {
            if (!now.get(k).equals(old.path(k))) {
                keys.add(k);
            }
        });
        String summary = (before.isPresent() ? "set " : "create with ") + String.join(", ", keys);
        return Optional.of(new StoreChange(FILE_STORE, file.toAbsolutePath().toString(), summary, before,
                Optional.of(after.bytes())));
    }
}
