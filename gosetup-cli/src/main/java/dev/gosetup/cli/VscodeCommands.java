package dev.gosetup.cli;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.DebuggerConfigRequest;
import dev.gosetup.api.spi.DebuggerConfiguration;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.journal.ChangeJournal;
import dev.gosetup.core.journal.JournalEntry;
import dev.gosetup.core.process.Executables;
import dev.gosetup.vscode.VsCodeProvider;
import dev.gosetup.vscode.tools.GoTool;
import dev.gosetup.vscode.tools.GoTools;
import dev.gosetup.api.CancellationToken;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The VS Code commands: vscode apply, vscode show. */
final class VscodeCommands {
    private static final VsCodeProvider VSCODE = new VsCodeProvider();

    private VscodeCommands() {
    }

    @Command(name = "vscode", mixinStandardHelpOptions = true,
            description = "Configure VS Code's Go extension for a gosetup toolchain: settings, launch configurations, "
                    + "recommended extension; and show what VS Code will use.",
            subcommands = {Apply.class, Show.class})
    static final class Vscode extends CommandGroup {
    }

    /** The Go tools gosetup manages for a toolchain, which VS Code should use instead of its own. */
    record ManagedTools(Optional<Path> dlv, Optional<Path> gopls) {
        static final ManagedTools NONE = new ManagedTools(Optional.empty(), Optional.empty());
    }

    /** The scope both commands take: the workspace, or the user's settings. */
    static final class Scope {
        @Option(names = "--workspace", paramLabel = "DIR",
                description = "The project folder opened in VS Code (default: the current directory).")
        Path workspace;

        @Option(names = "--user", description = "The user settings of every VS Code installation found instead "
                + "(VS Code, Insiders, VSCodium; a remote's ~/.vscode-server machine settings).")
        boolean user;

        /** The workspace, checked before anything is installed or written; empty for --user. */
        Optional<Path> resolve() {
            if (user && workspace != null) {
                throw new InvalidConfigurationException("--user and --workspace " + workspace + " were both given",
                        List.of("give --workspace DIR for one project, or --user for all of them"));
            }
            if (user) {
                return Optional.empty();
            }
            Path dir = (workspace != null ? workspace : Path.of("")).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new InvalidConfigurationException("--workspace " + dir + ": " + (Files.exists(dir)
                        ? "not a directory" : "no such directory"),
                        List.of("give the folder you open in VS Code, e.g. --workspace ~/src/myproject"));
            }
            return Optional.of(dir);
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Point VS Code's Go extension at a gosetup toolchain. In the workspace's .vscode folder: "
                    + "settings.json (go.alternateTools, go.toolsEnvVars from this shell's module-proxy variables), "
                    + "launch.json (launch, test, attach, connect to a Delve server on port 2345; added by name), "
                    + "extensions.json (golang.go recommended). With --user: the user settings only.",
                "Every other byte of those files stays: comments, order, indentation, line ends. Applying twice "
                    + "changes nothing. Each apply is journaled; undo it with `gosetup rollback`."})
    static final class Apply extends EnvCommands.EnvironmentCommand {
        @Mixin
        Scope scope;

        @Option(names = "--dry-run", description = "Show the changes as a unified diff and write nothing.")
        boolean dryRun;

        @Option(names = "--tools", description = "First install dlv and gopls for this toolchain where missing (go install "
                + "into the store's tools directory, versions that support the toolchain, this shell's module-proxy "
                + "settings; verified with go version -m), so VS Code uses them and stops updating its own. Not with "
                + "--dry-run, which shows what the tools already installed give.")
        boolean installTools;

        @Option(names = "--force", description = "Also rewrite a settings file you made read-only: it stays read-only "
                + "with the same mode, and `gosetup rollback` restores its content and mode. Without it such a file is "
                + "refused (exit 2).")
        boolean force;

        @Option(names = "--goroot", description = "Also pin go.goroot to the toolchain's GOROOT (the Go extension's "
                + "maintainers advise against it: the go binary finds its own).")
        boolean goroot;

        @Override
        public Integer call() {
            Optional<Path> scope = this.scope.resolve();
            GoInstaller installer = store.installer(environment());
            Toolchain toolchain = toolchain(installer);
            if (installTools && !dryRun) {
                installMissingTools(toolchain, installer);
            }
            ManagedTools tools = tools(toolchain, installer);
            DebuggerConfigRequest request = new DebuggerConfigRequest(scope, GoEnvironment.of(toolchain),
                    moduleSettings(), tools.dlv(), tools.gopls(), goroot, context());
            String command = "gosetup vscode apply " + scope.map(Path::toString).orElse("--user");
            if (dryRun) {
                List<StoreChange> changes = VSCODE.plan(request);
                show(changes, true, scope);
                out().println(changes.isEmpty() ? "nothing to change: VS Code already uses " + toolchain.goBinary()
                        : "dry run: nothing was changed");
                return ExitCode.OK;
            }
            // Planned under the journal's lock, against what the files hold now.
            JournalEntry entry = ChangeJournal.create(installer.store(), context()).apply(command, () -> {
                List<StoreChange> changes = VSCODE.plan(request);
                show(changes, false, scope);
                return changes;
            }, force);
            if (entry.isEmpty()) {
                out().println("nothing to change: VS Code already uses " + toolchain.goBinary());
                return ExitCode.OK;
            }
            out().println("applied " + entry.changes().size() + " change(s), journal entry " + entry.id()
                    + "; undo with: gosetup rollback");
            return ExitCode.OK;
        }

        private void show(List<StoreChange> changes, boolean diff, Optional<Path> scope) {
            for (StoreChange change : changes) {
                out().println(change.target() + ": " + change.summary());
                if (diff) {
                    UnifiedDiff.of(change.target(), change.before(), change.after()).forEach(out()::println);
                }
            }
            if (scope.isPresent() && !changes.isEmpty()) {
                err().println("gosetup: note: VS Code ignores go.alternateTools in a workspace it does not trust; "
                        + "trust this folder (Workspaces: Manage Workspace Trust) or use --user");
            }
        }

        /** Installs dlv and gopls into the toolchain's tools directory where they are not there yet. */
        private void installMissingTools(Toolchain toolchain, GoInstaller installer) {
            GoTools goTools = GoTools.of(DebugCommands.userEnvironment(toolchain, environment()),
                    GoTools.toolsDirectory(installer.store(), toolchain)).inherited(environment());
            CancellationToken cancel = new CancellationToken();
            for (GoTool tool : List.of(GoTool.DLV, GoTool.GOPLS)) {
                if (goTools.installed(tool, cancel).isEmpty()) {
                    goTools.install(tool, Optional.empty(), new DebugCommands.Install.Progress(spec), cancel);
                }
            }
        }

        /**
         * The dlv and gopls that gosetup installed for this toolchain ({@code gosetup tools install},
         * into {@link GoTools#toolsDirectory}); VS Code then gets {@code go.alternateTools.dlv}/{@code
         * gopls} and autoUpdate off; {@code --tools} installs the missing ones first.
         */
        ManagedTools tools(Toolchain toolchain, GoInstaller installer) {
            Path dir = GoTools.toolsDirectory(installer.store(), toolchain);
            String exe = toolchain.platform().exeSuffix();
            return new ManagedTools(executable(dir.resolve("dlv" + exe)), executable(dir.resolve("gopls" + exe)));
        }

        private static Optional<Path> executable(Path file) {
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
        }

        /**
         * The module-proxy variables of this shell, which VS Code started from a desktop launcher
         * would not see; Go's env file needs no copy (the go command reads it itself).
         */
        private Map<String, String> moduleSettings() {
            Map<String, String> settings = new TreeMap<>();
            for (String name : VsCodeProvider.TOOLS_ENV) {
                Optional.ofNullable(environment().get(name)).filter(v -> !v.isEmpty())
                        .ifPresent(v -> settings.put(name, v));
            }
            return settings;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show what VS Code's Go extension will use for a workspace (or --user): go, dlv, gopls, "
                    + "GOROOT, the tools' environment and the launch configurations, and from which files; like the "
                    + "extension's \"Go: Locate Configured Go Tools\".")
    static final class Show extends ToolchainCommands.StoreCommand {
        @Mixin
        Scope scope;

        @Override
        public Integer call() {
            Optional<Path> scope = this.scope.resolve();
            StoreContext context = StoreContext.of(environment());
            DebuggerConfiguration read = VSCODE.read(scope, context);
            boolean windows = context.host().isWindows();
            out().println("VS Code, " + scope.map(p -> "workspace " + p).orElse("user settings") + ":");
            out().println("  go:     " + read.go().map(UnifiedDiff::printable).orElse(onPath("go", windows)));
            out().println("  dlv:    " + read.dlv().map(UnifiedDiff::printable).orElse(onPath("dlv", windows)));
            out().println("  gopls:  " + read.gopls().map(UnifiedDiff::printable).orElse(onPath("gopls", windows)));
            out().println("  goroot: " + read.goroot().map(UnifiedDiff::printable).orElse("not set (the go binary's own)"));
            if (read.toolsEnvironment().isEmpty()) {
                out().println("  env:    none set (go.toolsEnvVars)");
            } else {
                read.toolsEnvironment().forEach((k, v) -> out().println("  env:    " + UnifiedDiff.printable(k + "=" + v)));
            }
            if (scope.isPresent()) {
                out().println("  launch: " + (read.debugConfigurations().isEmpty() ? "no configurations"
                        : String.join(", ", read.debugConfigurations().stream().map(UnifiedDiff::printable).toList())));
            }
            List<String> files = new ArrayList<>();
            for (Path f : read.files()) {
                files.add(f + (Files.exists(f) ? "" : " (absent)"));
            }
            out().println("  files:  " + String.join("\n          ", files));
            return ExitCode.OK;
        }

        private String onPath(String tool, boolean windows) {
            List<Path> found = Executables.findAll(tool, environment(), windows);
            return "not set: the Go extension looks on PATH" + (found.isEmpty() ? ", where there is none"
                    : ": " + found.get(0));
        }
    }
}
