package dev.gosetup.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.env.DirectoryCheck;
import dev.gosetup.core.env.Profile;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.persist.EnvironmentChanges;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.persist.EnvironmentPlan;
import dev.gosetup.core.journal.JournalEntry;
import dev.gosetup.core.persist.Shell;
import dev.gosetup.core.persist.ShellScript;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The environment commands: env (print), env apply, env rollback, exec. */
final class EnvCommands {
    private EnvCommands() {
    }

    /**
     * Shows a plan and, unless it is a dry run, applies it through the journal and says how to
     * undo it; the one way `env apply` and `proxy set` show and apply their changes. The plan is
     * made again under the journal's lock, so that concurrent runs never plan against each other.
     *
     * @param planner makes the plan from what the stores hold now
     * @param command what makes the change, for `gosetup history`
     * @param force rewrite read-only files too (they stay read-only); else they are refused, exit 2
     * @return the journal entry when something was applied
     */
    static Optional<JournalEntry> showAndApply(EnvironmentChanges changes, Supplier<EnvironmentPlan> planner,
            boolean dryRun, boolean force, String command, PrintWriter out) {
        if (dryRun) {
            planner.get().describe().forEach(out::println);
            out.println("dry run: nothing was changed");
            return Optional.empty();
        }
        JournalEntry entry = changes.journal().apply(command, () -> {
            EnvironmentPlan plan = planner.get();
            plan.describe().forEach(out::println);
            return plan.changes();
        }, force);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        out.println("applied " + entry.changes().size() + " change(s), journal entry " + entry.id()
                + "; undo with: gosetup rollback");
        return Optional.of(entry);
    }

    /** What the environment commands share: which toolchain, which profile. */
    abstract static class EnvironmentCommand extends ToolchainCommands.StoreCommand {
        // mixinStandardHelpOptions adds nothing here: its -V/--version clashes with --version SPEC, and
        // picocli then leaves out -h/--help too. So the help option is declared by hand.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--version", paramLabel = "SPEC",
                description = "The toolchain (installed when missing); default: the current one (`gosetup use`), "
                        + "else the newest installed.")
        String version;

        @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "dev",
                description = "The directory layout: dev (Go's defaults), ci (caches apart from the developer's), "
                        + "or a name of your own (default: ${DEFAULT-VALUE}).")
        String profile;

        @Option(names = {"-q", "--quiet"}, description = "No progress on stderr when a toolchain is installed.")
        boolean quiet;

        StoreContext context() {
            return StoreContext.of(environment());
        }

        /** The spec of --version, parsed before anything else happens, naming the option when it is bad. */
        Optional<VersionSpec> spec() {
            return Optional.ofNullable(version).map(v -> ToolchainCommands.parseSpec("--version", v));
        }

        /**
         * The toolchain: an installed one matching --version when there is one (so switching needs no
         * network), else the newest matching release from the index; without --version the current
         * one, else the newest installed.
         */
        Toolchain toolchain(GoInstaller installer) {
            Optional<VersionSpec> spec = spec();
            if (spec.isPresent()) {
                Optional<Toolchain> installed = installer.find(spec.get());
                if (installed.isPresent()) {
                    return installed.get();
                }
                return ensure(installer, spec.get(), quiet);
            }
            return installer.current().or(() -> installer.installed().stream()
                    .map(InstalledToolchain::toolchain).findFirst())
                    .orElseThrow(() -> new NotFoundException("no Go toolchain is installed in "
                            + installer.store().root(), List.of("install one: gosetup install latest",
                            "or name one to install: --version 1.22")));
        }

        /** The chosen profile, validated; nothing is created yet. */
        Profile chosenProfile(GoInstaller installer) {
            StoreContext context = context();
            try {
                return Profile.of(profile, environment(), context.host(), context.home(), installer.store().root());
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("--profile: " + e.getMessage(),
                        List.of("use dev, ci, or a name of letters, digits, '.', '_' and '-'"), e);
            }
        }

        /** Creates the profile's directories owner-only; too-open ones are reported. */
        Profile created(Profile chosen) {
            for (DirectoryCheck problem : chosen.create().problems()) {
                err().println("gosetup: warning: " + problem.directory() + ": " + problem.detail());
            }
            return chosen;
        }

        /** The profile's directories created owner-only; too-open ones are reported. */
        Profile profile(GoInstaller installer) {
            return created(chosenProfile(installer));
        }

        /**
         * The environment of the toolchain in the profile. Every argument is checked before the
         * toolchain is looked up or installed, and the profile's directories are created last.
         */
        GoEnvironment environment(GoInstaller installer) {
            spec();
            Profile chosen = chosenProfile(installer);
            Toolchain toolchain = toolchain(installer);
            return created(chosen).environment(toolchain);
        }
    }

    @Command(name = "env", mixinStandardHelpOptions = true,
            description = {"Print the Go environment of a toolchain and profile for a shell to evaluate.",
                "It puts the toolchain first on PATH, drops every other gosetup toolchain from PATH and unsets a "
                    + "stale GOROOT, so switching back and forth is safe. For example:",
                "  eval \"$(gosetup env)\"       (sh, bash, zsh)",
                "  gosetup env --shell fish | source",
                "  gosetup env --shell pwsh | Invoke-Expression"},
            subcommands = {Apply.class, Rollback.class})
    static final class Env extends EnvironmentCommand {
        @Option(names = "--shell", paramLabel = "SHELL",
                description = "sh, bash, zsh, fish, pwsh or cmd (default: sh, or cmd on Windows).")
        String shell;

        @Option(names = "--json", description = "Print the environment as JSON instead.")
        boolean json;

        @Option(names = "--goroot", description = "Also set GOROOT. By default the script unsets it: go finds its own "
                + "GOROOT, and a stale one breaks builds after a switch.")
        boolean goroot;

        @Override
        public Integer call() {
            Shell chosen;
            try {
                chosen = shell != null ? Shell.parse(shell) : context().host().isWindows() ? Shell.CMD : Shell.SH;
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("--shell: " + e.getMessage(),
                        List.of("pick one of sh, bash, zsh, fish, pwsh, cmd (for tcsh/csh, run sh and exec it, "
                                + "or use `gosetup exec`)"), e);
            }
            if (chosen == Shell.CMD && !context().host().isWindows()) {
                throw new InvalidConfigurationException("--shell cmd: cmd runs only on Windows",
                        List.of("pick sh, bash, zsh, fish or pwsh"));
            }
            GoInstaller installer = store.installer(environment());
            GoEnvironment env = environment(installer);
            if (json) {
                out().println(json(env));
                return ExitCode.OK;
            }
            Map<String, String> variables = new LinkedHashMap<>(env.variables());
            if (!goroot) {
                variables.remove("GOROOT");
            }
            EnvironmentSettings settings = new EnvironmentSettings(variables,
                    env.pathEntries().stream().map(Path::toString).toList());
            out().print(ShellScript.render(chosen, settings, context().host(),
                    new ShellScript.Cleanup(goroot ? List.of() : List.of("GOROOT"), toolchainDirectories(installer))));
            out().flush();
            return ExitCode.OK;
        }

        /** The bin directory of every toolchain in the store, and of its `current` link: what a switch replaces. */
        private static List<String> toolchainDirectories(GoInstaller installer) {
            List<String> dirs = new ArrayList<>();
            for (InstalledToolchain t : installer.installed()) {
                dirs.add(t.toolchain().goBinary().getParent().toString());
            }
            dirs.add(installer.store().root().resolve("current").resolve("bin").toString());
            return dirs;
        }

        private String json(GoEnvironment env) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            ObjectNode toolchain = root.putObject("toolchain");
            toolchain.put("version", env.toolchain().version().toString());
            toolchain.put("platform", env.toolchain().platform().toString());
            toolchain.put("goroot", env.toolchain().goroot().toString());
            toolchain.put("go", env.toolchain().goBinary().toString());
            root.put("profile", profile);
            ObjectNode variables = root.putObject("variables");
            env.variables().forEach(variables::put);
            env.pathEntries().forEach(p -> root.withArray("path").add(p.toString()));
            try {
                return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Make the environment persistent: Go variables in Go's env file, PATH in the shell "
                    + "profiles. Shows the plan first; every change is journaled and can be undone exactly with "
                    + "`gosetup env rollback`.",
                "Without --version, PATH gets the store's `current` link, so `gosetup use` switches toolchains "
                    + "without applying again."})
    static final class Apply extends EnvironmentCommand {
        @Option(names = "--store", paramLabel = "ID",
                description = "Where to persist; repeat for several (default: go-env-file, and posix-profile, or on "
                        + "Windows windows-registry; also powershell-profile; see --list-stores).")
        List<String> stores = new ArrayList<>();

        @Option(names = "--dry-run", description = "Show the plan and change nothing.")
        boolean dryRun;

        @Option(names = "--remove", description = "Remove what gosetup wrote to the stores instead.")
        boolean remove;

        @Option(names = "--list-stores", description = "List the stores available here and exit.")
        boolean listStores;

        @Option(names = "--force", description = "Also rewrite a profile you made read-only (e.g. chmod 444): it "
                + "stays read-only with the same mode, and `gosetup rollback` restores its content and mode. Without "
                + "it such a file is refused (exit 2) and nothing is written.")
        boolean force;

        @Option(names = "--machine", description = "Windows: change the machine environment (HKLM, every user's; its "
                + "PATH comes before yours) instead of your own. Needs an elevated terminal.")
        boolean machine;

        @Override
        public Integer call() {
            if (machine && !context().host().isWindows()) {
                throw new dev.gosetup.api.InvalidConfigurationException("--machine is for Windows, where it selects the"
                        + " machine environment in the registry; this host is " + context().host(),
                        List.of("leave out --machine"));
            }
            GoInstaller installer = store.installer(environment());
            EnvironmentChanges changes = EnvironmentChanges.create(installer.store(), context());
            if (listStores) {
                for (EnvironmentStore s : changes.stores()) {
                    out().println(s.id() + "\t" + s.describe(context()));
                }
                return ExitCode.OK;
            }
            EnvironmentSettings settings = remove ? EnvironmentSettings.NONE : settings(installer);
            List<String> chosen = new ArrayList<>(stores.isEmpty() ? defaultStores(changes) : stores);
            if (machine) {
                chosen.remove("windows-registry");
                chosen.add("windows-registry-machine");
            }
            changes.plan(settings, chosen); // bad input is refused before anything else
            if (showAndApply(changes, () -> changes.plan(settings, chosen), dryRun, force, spec.qualifiedName(), out())
                    .isPresent() && !remove) {
                String again = "gosetup env" + (version != null ? " --version " + version : "");
                err().println(context().host().isWindows()
                        ? "gosetup: new terminals see the change; terminals already open keep their old environment"
                                + " (in one, run: " + again + " --shell powershell | Invoke-Expression)"
                        : "gosetup: open a new shell for the change to take effect, or run: eval \"$(" + again + ")\"");
            }
            return ExitCode.OK;
        }

        private EnvironmentSettings settings(GoInstaller installer) {
            spec();
            Profile chosen = chosenProfile(installer);
            List<String> path = new ArrayList<>();
            Path current = installer.store().root().resolve("current");
            if (version == null && installer.store().currentIsLink()) { // a symbolic link, or a junction on Windows
                // GOROOT stays unset: the go binary finds its own, which stays right after `gosetup use`.
                path.add(current.resolve("bin").toString());
            } else {
                Toolchain toolchain = toolchain(installer);
                path.add(toolchain.goBinary().getParent().toString());
            }
            Map<String, String> variables = new LinkedHashMap<>(created(chosen).variables());
            Optional.ofNullable(variables.get("GOBIN")).filter(s -> !s.isEmpty()).ifPresent(path::add);
            return new EnvironmentSettings(variables, path);
        }

        private List<String> defaultStores(EnvironmentChanges changes) {
            List<String> available = changes.stores().stream().map(EnvironmentStore::id).toList();
            List<String> wanted = new ArrayList<>(List.of(EnvironmentChanges.GO_ENV_FILE, "posix-profile",
                    "windows-registry"));
            wanted.retainAll(available);
            return wanted;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Undo the last change gosetup made to your files or settings (an alias of `gosetup rollback`).")
    static final class Rollback extends JournalCommands.Rollback {
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = {"Run a command in the Go environment of a toolchain and profile; the exit status is "
                    + "the command's own.",
                "For example:",
                "  gosetup exec --version 1.22 -- go test ./..."})
    static final class Exec extends EnvironmentCommand {
        @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments.")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            GoInstaller installer = store.installer(environment());
            GoEnvironment env = environment(installer);
            Toolchain toolchain = env.toolchain();
            Map<String, String> processEnv = env.processEnvironment(environment());
            List<String> argv = new ArrayList<>(command);
            argv.set(0, Executables.find(argv.get(0), processEnv, toolchain.platform().isWindows()).toString());
            ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
            builder.environment().clear();
            builder.environment().putAll(processEnv);
            out().flush();
            err().flush();
            Process process = builder.start();
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                Thread.currentThread().interrupt();
                return ExitCode.FAILED;
            }
        }
    }
}
