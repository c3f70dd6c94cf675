package dev.gosetup.cli;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoVersion;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.core.proxy.LocalModuleProxy;
import dev.gosetup.core.proxy.ModulePacker;
import dev.gosetup.vscode.tools.GoTool;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.journal.ChangeJournal;
import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.PackedToolchain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** gosetup vscode apply and show, end to end: a real toolchain installed over loopback, real-world files. */
class VscodeCommandsTest extends CliTest {
    /** VS Code files as users have them: comments, CRLF, a BOM, the user's own launch configurations. */
    private static final Path FIXTURES = Path.of("../gosetup-vscode/src/test/resources/vscode");
    private static final List<String> FILES = List.of("settings.json", "launch.json", "extensions.json");

    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(1);

    @TempDir
    static Path shared;

    Path project;
    PackedToolchain newest;
    List<PackedToolchain> all;

    @BeforeEach
    void user() throws Exception {
        store = shared.resolve("store");
        project = Files.createDirectories(tmp.resolve("my project"));
        userEnv.put("GOPROXY", "https://goproxy.example.com,direct");
        userEnv.put("GONOSUMDB", "git.example.com");
        newest = MIRROR.newest();
        all = MIRROR.toolchains();
    }

    private int gosetup(String... args) {
        List<String> options = new ArrayList<>();
        if (args.length > 1 && args[1].equals("apply") && !List.of(args).contains("--help")) {
            options.add("--quiet");
            options.addAll(storeOption());
            options.addAll(mirrorOptions(MIRROR));
        }
        return gosetup(withOptions(List.of(args), options));
    }

    private Map<String, byte[]> copyFixtures() throws Exception {
        Path dir = Files.createDirectories(project.resolve(".vscode"));
        Map<String, byte[]> originals = new LinkedHashMap<>();
        for (String name : FILES) {
            originals.put(name, Files.readAllBytes(FIXTURES.resolve(name)));
            Files.write(dir.resolve(name), originals.get(name));
        }
        return originals;
    }

    private void assertUnchanged(Map<String, byte[]> originals) throws Exception {
        for (String name : FILES) {
            assertThat(Files.readAllBytes(project.resolve(".vscode").resolve(name))).as(name).isEqualTo(originals.get(name));
        }
    }

    private long journalEntries() {
        return ChangeJournal.create(new ToolchainStore(store), StoreContext.of(userEnv)).history().size();
    }

    /** The one rollback command, which undoes the newest journal entry of any kind. */
    private void rollback() {
        assertThat(gosetup("rollback", "--home", store.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(gosetup vscode apply ");
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String[] args : List.of(new String[] {"env", "--help"}, new String[] {"env", "apply", "--help"},
                new String[] {"vscode", "--help"}, new String[] {"vscode", "show", "--help"},
                new String[] {"vscode", "apply", "--help"})) {
            assertThat(gosetup(args)).as(String.join(" ", args) + err).isZero();
            assertThat(out.toString()).startsWith("Usage: gosetup " + args[0]);
        }
        assertThat(out.toString()).contains("--workspace").contains("--user");
        assertThat(gosetup("vscode")).isEqualTo(2);
        assertThat(err.toString()).contains("apply").contains("show");
    }

    @Test
    void dryRunThenApplyThenApplyAgainThenRollbackRestoresEveryByte() throws Exception {
        Map<String, byte[]> originals = copyFixtures();
        long entriesBefore = journalEntries();

        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version(),
                "--dry-run")).as(err.toString()).isZero();
        String diff = out.toString();
        assertThat(diff).contains("--- a" + project.resolve(".vscode/settings.json") + "\t(CRLF)")
                .contains("+        \"go\": \"" + store.resolve("toolchains/" + newest.version() + ".linux-amd64/bin/go") + "\"\n")
                .contains("-        \"gopls\": \"/usr/local/bin/gopls\" // the team's pinned gopls")
                .contains("+        \"gopls\": \"/usr/local/bin/gopls\", // the team's pinned gopls")
                .contains("+\t\t\"golang.go\"")
                .contains("dry run: nothing was changed");
        assertThat(err.toString()).contains("does not trust");
        assertUnchanged(originals);
        assertThat(journalEntries()).isEqualTo(entriesBefore);

        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("applied 3 change(s)").contains("undo with: gosetup rollback");
        String settings = Files.readString(project.resolve(".vscode/settings.json"));
        assertThat(settings).contains("\"GOPROXY\": \"https://goproxy.example.com,direct\"")
                .contains("\"GONOSUMDB\": \"git.example.com\"").startsWith("\uFEFF{\r\n    // Controls the font size");
        assertThat(journalEntries()).isEqualTo(entriesBefore + 1);
        Map<String, byte[]> applied = new LinkedHashMap<>();
        for (String name : FILES) {
            applied.put(name, Files.readAllBytes(project.resolve(".vscode").resolve(name)));
        }

        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("nothing to change: VS Code already uses ");
        assertThat(journalEntries()).as("nothing journaled the second time").isEqualTo(entriesBefore + 1);
        for (String name : FILES) {
            assertThat(Files.readAllBytes(project.resolve(".vscode").resolve(name))).as(name).isEqualTo(applied.get(name));
        }

        assertThat(gosetup("vscode", "show", "--workspace", project.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("  go:     " + store.resolve("toolchains/" + newest.version()
                + ".linux-amd64/bin/go")).contains("  gopls:  /usr/local/bin/gopls")
                .contains("  env:    GOFLAGS=-tags=integration")
                .contains("  launch: Launch web client, Launch Package, Test Package, Attach to Process, Connect to Delve server");

        rollback();
        assertUnchanged(originals);
    }

    @Test
    void switchingToolchainsBackAndForthRollsBackOneStepAtATime() throws Exception {
        Assumptions.assumeTrue(all.size() >= 2 || "true".equals(System.getenv("CI")), "one real toolchain only");
        Map<String, byte[]> originals = copyFixtures();
        PackedToolchain older = all.stream().filter(t -> !t.version().equals(newest.version())).findFirst().orElseThrow();
        Path settings = project.resolve(".vscode/settings.json");
        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                .as(err.toString()).isZero();
        byte[] withNewest = Files.readAllBytes(settings);
        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", older.version()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains(settings + ": set go.alternateTools").contains("applied 1 change(s)");
        assertThat(Files.readString(settings)).contains(older.version() + ".linux-amd64/bin/go\"")
                .doesNotContain(newest.version() + ".linux-amd64");
        rollback();
        assertThat(Files.readAllBytes(settings)).isEqualTo(withNewest);
        rollback();
        assertUnchanged(originals);
    }

    @Test
    void toolsGosetupInstalledForTheToolchainAreUsedAndNotUpdatedByTheExtension() throws Exception {
        Path dlv = Path.of("/usr/bin/dlv");
        Assumptions.assumeTrue(Files.isExecutable(dlv) || "true".equals(System.getenv("CI")), "Debian's delve is not installed");
        // A dry run installs the toolchain, changing nothing else.
        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version(),
                "--dry-run")).as(err.toString()).isZero();
        // What `gosetup tools install dlv` leaves: the binary in the store's tools directory of the toolchain.
        Path tools = Files.createDirectories(store.resolve("tools/" + newest.version() + ".linux-amd64/bin"));
        Files.copy(dlv, tools.resolve("dlv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                    .as(err.toString()).isZero();
            String settings = Files.readString(project.resolve(".vscode/settings.json"));
            assertThat(settings).contains("\"dlv\": \"" + tools.resolve("dlv") + "\"")
                    .contains("\"go.toolsManagement.autoUpdate\": false").doesNotContain("gopls");
        } finally {
            Files.delete(tools.resolve("dlv"));
        }
    }

    @Test
    void aFreshProjectGetsThreeFilesAndRollbackRemovesThem() throws Exception {
        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                .as(err.toString()).isZero();
        assertThat(project.resolve(".vscode/launch.json")).exists();
        rollback();
        for (String name : FILES) {
            assertThat(project.resolve(".vscode").resolve(name)).doesNotExist();
        }
    }

    @Test
    void aSettingsFileLinkedFromDotfilesStaysALinkAndItsTargetIsEditedAndRestored() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("dotfiles")).resolve("vscode-settings.json");
        String synced = "{\n  // synced by my dotfiles\n  \"editor.fontSize\": 13\n}\n";
        Files.writeString(real, synced);
        Path link = Files.createDirectories(project.resolve(".vscode")).resolve("settings.json");
        Files.createSymbolicLink(link, real);
        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                .as(err.toString()).isZero();
        assertThat(link).isSymbolicLink();
        assertThat(Files.readString(real)).startsWith("{\n  // synced by my dotfiles\n  \"editor.fontSize\": 13,\n  \"go.alternateTools\": {\n    \"go\": ");
        rollback();
        assertThat(link).isSymbolicLink();
        assertThat(Files.readString(real)).isEqualTo(synced);
    }

    @Test
    void refusedArgumentsAndInvalidFilesLeaveNoTrace() throws Exception {
        Path emptyStore = tmp.resolve("untouched-store");
        store = emptyStore;
        assertThat(gosetup("vscode", "apply", "--user", "--workspace", project.toString(), "--version",
                newest.version())).isEqualTo(2);
        assertThat(err.toString()).contains("--user and --workspace").contains("fix: ");
        assertThat(gosetup("vscode", "apply", "--workspace", tmp.resolve("nowhere").toString(), "--version",
                newest.version())).isEqualTo(2);
        assertThat(err.toString()).contains("no such directory");
        assertThat(emptyStore).as("nothing installed for a refused command").doesNotExist();

        store = shared.resolve("store");
        Path settings = Files.createDirectories(project.resolve(".vscode")).resolve("settings.json");
        byte[] broken = "{\r\n  // mine\r\n  \"editor.fontSize\": 14\r\n  \"go.alternateTools\": {}\r\n}\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(settings, broken);
        long entries = journalEntries();
        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(settings + ":4:3: not valid JSON with comments").contains("fix: ");
        assertThat(Files.readAllBytes(settings)).isEqualTo(broken);
        assertThat(project.resolve(".vscode/launch.json")).doesNotExist();
        assertThat(journalEntries()).isEqualTo(entries);

        userEnv.put("GOPROXY", "https://me:secret@goproxy.example.com");
        Files.delete(settings);
        assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("GOPROXY holds a user name or password").doesNotContain("secret");
        assertThat(project.resolve(".vscode/settings.json")).doesNotExist();
    }

    @Test
    void userScopeWritesTheRemoteServersMachineSettings() throws Exception {
        Files.createDirectories(home.resolve(".vscode-server/data"));
        assertThat(gosetup("vscode", "apply", "--user", "--version", newest.version())).as(err.toString()).isZero();
        Path machine = home.resolve(".vscode-server/data/Machine/settings.json");
        assertThat(Files.readString(machine)).contains("\"go.alternateTools\": {");
        assertThat(home.resolve(".config/Code")).doesNotExist();
        assertThat(err.toString()).doesNotContain("does not trust");
        assertThat(gosetup("vscode", "show", "--user")).isZero();
        assertThat(out.toString()).contains("VS Code, user settings:").contains(machine.toString())
                .contains("  dlv:    not set: the Go extension looks on PATH");
    }

    @Test
    void toolsInstallsDlvAndGoplsThroughTheModuleProxyAndPointsVsCodeAtThem() throws Exception {
        // No internet here: the two modules are stand-ins packed at the versions gosetup chooses for
        // this toolchain and served by gosetup's own module proxy; the real go installs them.
        store = tmp.resolve("store"); // a store of its own: the tools it installs must not reach the other tests
        GoVersion go = GoVersion.parse(newest.version());
        String dlvVersion = GoTool.DLV.choose(go).orElseThrow().version();
        String goplsVersion = GoTool.GOPLS.choose(go).orElseThrow().version();
        Path delve = Files.createDirectories(tmp.resolve("src/delve/cmd/dlv"));
        Files.writeString(tmp.resolve("src/delve/go.mod"), "module github.com/go-delve/delve\n\ngo 1.18\n");
        Files.writeString(delve.resolve("main.go"), "package main\n\nfunc main() { println(\"stand-in dlv\") }\n");
        Path gopls = Files.createDirectories(tmp.resolve("src/gopls"));
        Files.writeString(gopls.resolve("go.mod"), "module golang.org/x/tools/gopls\n\ngo 1.18\n");
        Files.writeString(gopls.resolve("main.go"), "package main\n\nfunc main() { println(\"stand-in gopls\") }\n");
        Path proxyDir = tmp.resolve("proxy");
        ModulePacker.pack(List.of(tmp.resolve("src/delve")), proxyDir, Optional.of(dlvVersion));
        ModulePacker.pack(List.of(gopls), proxyDir, Optional.of(goplsVersion));
        try (LocalModuleProxy proxy = LocalModuleProxy.start(proxyDir, 0)) {
            userEnv.put("GOPROXY", proxy.uri().toString());
            userEnv.put("GOSUMDB", "off");

            assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version(),
                    "--tools", "--dry-run")).as(err.toString()).isZero();
            assertThat(err.toString()).as("a dry run installs nothing").doesNotContain("gosetup: tools:");

            assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version(),
                    "--tools")).as(err.toString()).isZero();
            Path tools = store.resolve("tools/" + newest.version() + ".linux-amd64/bin");
            assertThat(err.toString()).contains("gosetup: tools: ").contains("github.com/go-delve/delve/cmd/dlv@"
                    + dlvVersion).contains("golang.org/x/tools/gopls@" + goplsVersion);
            String settings = Files.readString(project.resolve(".vscode/settings.json"));
            assertThat(settings).contains("\"dlv\": \"" + tools.resolve("dlv") + "\"")
                    .contains("\"gopls\": \"" + tools.resolve("gopls") + "\"")
                    .contains("\"go.toolsManagement.autoUpdate\": false");
            ProcessResult dlv = ProcessRunner.run(List.of(tools.resolve("dlv").toString()), tmp, Map.of(),
                    java.time.Duration.ofSeconds(30), new CancellationToken());
            assertThat(dlv.stderr()).contains("stand-in dlv");

            assertThat(gosetup("vscode", "apply", "--workspace", project.toString(), "--version", newest.version(),
                    "--tools")).as(err.toString()).isZero();
            assertThat(err.toString()).as("installed tools are not installed again").doesNotContain("gosetup: tools:");
            assertThat(out.toString()).contains("nothing to change");
        }
    }
}
