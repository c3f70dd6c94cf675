package dev.gosetup.cli;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.UserHome;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.journal.ChangeJournal;
import dev.gosetup.core.journal.JournalEntry;
import dev.gosetup.wsl.ConfigPlan;
import dev.gosetup.wsl.ConfigSetting;
import dev.gosetup.wsl.PortForwarding;
import dev.gosetup.wsl.WslClient;
import dev.gosetup.wsl.WslConfigKind;
import dev.gosetup.wsl.WslConfigEditor;
import dev.gosetup.wsl.WslDistro;
import dev.gosetup.wsl.WslExe;
import dev.gosetup.wsl.WslInfo;
import dev.gosetup.wsl.WslPaths;
import dev.gosetup.wsl.WslStatus;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The WSL commands: wsl status, wsl config, wsl path, wsl ports. */
final class WslCommands {
    private WslCommands() {
    }

    @Command(name = "wsl", mixinStandardHelpOptions = true,
            description = "WSL: what is detected and what the WSL checks find, wsl.conf and .wslconfig edits, "
                    + "path translation, reaching servers in WSL.",
            subcommands = {Status.class, Config.class, PathCommand.class, Ports.class})
    static final class Wsl extends CommandGroup {
    }

    /** What the wsl commands share: their streams and the user's environment. */
    abstract static class WslCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        java.util.Map<String, String> environment() {
            return ((GoSetupCommand) spec.root().userObject()).environment;
        }

        WslInfo detect() {
            return WslInfo.detect(Path.of("/"), environment());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show whether this runs inside WSL (1 or 2), the distribution, interop, the Windows drives "
                    + "and how they are mounted, and the findings of the WSL checks (the ones `gosetup doctor` runs "
                    + "inside WSL). On Windows, list the distributions (wsl.exe --list --verbose).",
                "Exit status 1 when a check fails."})
    static final class Status extends WslCommand {
        @Option(names = "--project", paramLabel = "DIR",
                description = "The project directory the checks judge (default: the current directory).")
        String project;

        @Option(names = "--offline", description = "Ask no nameserver (the resolv.conf check is skipped).")
        boolean offline;

        @Override
        public Integer call() {
            PrintWriter out = out();
            CheckContext context = CheckContext.of(environment()).withOffline(offline)
                    .withParameters(java.util.Map.of("project-dir",
                            project != null ? Path.of(project).toAbsolutePath().normalize().toString()
                                    : environment().getOrDefault("PWD", Path.of("").toAbsolutePath().toString())));
            WslStatus status = WslStatus.inspect(Path.of("/"), context);
            status.lines().forEach(out::println);
            if (Platform.current().isWindows()) {
                for (WslDistro d : new WslClient(WslExe.system(), Optional.empty()).distributions()) {
                    out.println("distribution: " + (d.isDefault() ? "* " : "  ") + d.name() + "  " + d.state()
                            + "  WSL " + d.version());
                }
            }
            boolean failed = status.findings().values().stream().map(CheckResult::status)
                    .anyMatch(s -> s == CheckStatus.FAIL || s == CheckStatus.ERROR);
            return failed ? ExitCode.FAILED : ExitCode.OK;
        }
    }

    /** Which file: the distribution's wsl.conf (default), the Windows user's .wslconfig, or a given one. */
    static final class Target {
        @Option(names = "--wslconfig", description = "Edit %%UserProfile%%\\.wslconfig (the WSL 2 VM's settings) "
                + "instead of /etc/wsl.conf.")
        boolean wslconfig;

        @Option(names = "--file", paramLabel = "PATH", description = "Edit this file: a copy of wsl.conf (e.g. "
                + "\\\\wsl.localhost\\Ubuntu\\etc\\wsl.conf from Windows) or, when named .wslconfig, a .wslconfig.")
        Path file;
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = {"Show or change wsl.conf or .wslconfig, changing only the values set: comments, blank lines, "
                    + "unknown keys, CRLF and a byte order mark are kept. Known keys are validated; an unknown section "
                    + "or key is refused (exit 2) unless --force. The change goes through gosetup's journal: "
                    + "`gosetup rollback` restores the file byte for byte.",
                "WSL reads these files only when it starts: run `wsl.exe --shutdown` afterwards (or wait about 8 "
                    + "seconds after closing every shell of the distribution).",
                "Examples:",
                "  sudo gosetup wsl config --set interop.appendWindowsPath=false",
                "  gosetup wsl config --wslconfig --set wsl2.memory=8GB --set wsl2.networkingMode=mirrored --dry-run"})
    static final class Config extends ToolchainCommands.StoreCommand {
        @ArgGroup(exclusive = true)
        Target target = new Target();

        @Option(names = "--set", paramLabel = "SECTION.KEY=VALUE", description = "A value to set; repeatable.")
        List<String> sets = new ArrayList<>();

        @Option(names = "--dry-run", description = "Show the change, write nothing.")
        boolean dryRun;

        @Option(names = "--force", description = "Write sections and keys gosetup does not know, and rewrite the file "
                + "if it is read-only (it stays read-only with the same mode; `gosetup rollback` restores content and "
                + "mode).")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter out = out();
            List<ConfigSetting> settings = sets.stream().map(ConfigSetting::parse).toList();
            WslConfigKind kind = target.wslconfig || (target.file != null
                    && target.file.getFileName() != null && target.file.getFileName().toString().equalsIgnoreCase(".wslconfig"))
                    ? WslConfigKind.WSLCONFIG : WslConfigKind.WSL_CONF;
            Path file = file(kind);
            if (settings.isEmpty()) {
                return show(file, kind, out);
            }
            ConfigPlan plan = WslConfigEditor.plan(file, kind, settings, force);
            if (dryRun || plan.isEmpty()) {
                describe(plan, out);
                out.println(plan.isEmpty() ? file + " already holds these settings; nothing to change"
                        : "dry run: nothing was changed");
                return ExitCode.OK;
            }
            ChangeJournal journal = ChangeJournal.create(store.installer(environment()).store(),
                    StoreContext.of(environment()));
            List<ConfigPlan> applied = new ArrayList<>();
            JournalEntry entry = journal.apply(spec.qualifiedName() + " " + String.join(" ", sets), () -> {
                ConfigPlan now = WslConfigEditor.plan(file, kind, settings, force);
                applied.add(now);
                return now.changes();
            }, force);
            describe(applied.get(applied.size() - 1), out);
            if (!entry.isEmpty()) {
                out.println("applied, journal entry " + entry.id() + "; undo with: gosetup rollback");
            }
            return ExitCode.OK;
        }

        private Path file(WslConfigKind kind) {
            if (target.file != null) {
                return target.file.toAbsolutePath().normalize();
            }
            if (kind == WslConfigKind.WSLCONFIG) {
                Optional<Path> profile = Platform.current().isWindows()
                        ? UserHome.fromEnvironment(environment(), Platform.current()) : Optional.empty();
                if (profile.isPresent()) {
                    return profile.get().resolve(".wslconfig");
                }
                throw new InvalidConfigurationException(".wslconfig lives in the Windows user's profile, which is not "
                        + "known here", List.of("name it: --file /mnt/c/Users/<you>/.wslconfig"));
            }
            if (!WslInfo.detect(Path.of("/"), environment()).isWsl()) {
                throw new InvalidConfigurationException("this is not inside WSL, so there is no /etc/wsl.conf of a "
                        + "distribution to edit", List.of("run it inside the distribution, or name the file: --file "
                        + "\\\\wsl.localhost\\<distro>\\etc\\wsl.conf", "for the VM's settings use --wslconfig"));
            }
            return Path.of("/etc/wsl.conf");
        }

        private static int show(Path file, WslConfigKind kind, PrintWriter out) {
            List<String> lines = WslConfigEditor.describe(file, kind);
            out.println(file + " (" + kind.location() + ")" + (lines.isEmpty() ? ": sets nothing" : ":"));
            lines.forEach(l -> out.println("  " + l));
            return ExitCode.OK;
        }

        private static void describe(ConfigPlan plan, PrintWriter out) {
            plan.changes().forEach(c -> out.println("change " + c.target() + ": " + c.summary()));
            plan.unknown().forEach(u -> out.println("unknown: " + u));
            plan.notes().forEach(n -> out.println("note: " + n));
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = {"Translate a path between Windows and WSL: C:\\Users\\me\\src <-> /mnt/c/Users/me/src, "
                    + "\\\\wsl.localhost\\Ubuntu\\home\\me <-> /home/me. Without a direction, a path starting with / "
                    + "goes to Windows and any other to Linux.",
                "Inside WSL the distribution (WSL_DISTRO_NAME) and the automount root (/etc/wsl.conf) are read."})
    static final class PathCommand extends WslCommand {
        @ArgGroup(exclusive = true)
        Direction direction = new Direction();

        @Parameters(paramLabel = "PATH", description = "The path to translate.")
        String path;

        @Option(names = "--distro", paramLabel = "NAME", description = "The distribution Linux paths belong to.")
        String distro;

        @Option(names = "--root", paramLabel = "DIR",
                description = "The automount root ([automount] root in wsl.conf; default /mnt/ or the distribution's).")
        String root;

        static final class Direction {
            @Option(names = "--to-windows", description = "Translate a Linux path to Windows.")
            boolean toWindows;

            @Option(names = "--to-linux", description = "Translate a Windows path to Linux.")
            boolean toLinux;
        }

        @Override
        public Integer call() {
            WslPaths paths = detect().paths();
            if (root != null) {
                paths = new WslPaths(root, paths.distro());
            }
            if (distro != null) {
                paths = paths.inDistro(distro);
            }
            boolean toWindows = direction.toWindows || (!direction.toLinux && path.startsWith("/"));
            out().println(toWindows ? paths.toWindows(path) : paths.toLinux(path));
            return ExitCode.OK;
        }
    }

    @Command(name = "ports", mixinStandardHelpOptions = true,
            description = {"Explain how a server in WSL 2 is reached, and for the LAN print the Windows commands "
                    + "(netsh interface portproxy and a firewall rule, or a Hyper-V firewall rule in mirrored mode). "
                    + "gosetup prints them; it never runs them."})
    static final class Ports extends WslCommand {
        @Parameters(paramLabel = "PORT", description = "The TCP port the server listens on.")
        int port;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "nat",
                description = "networkingMode of .wslconfig: nat or mirrored (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--lan", description = "Other machines must reach it too.")
        boolean lan;

        @Option(names = "--address", paramLabel = "IP", description = "The WSL VM's address (hostname -I in WSL); "
                + "needed for --lan in NAT mode.")
        String address;

        @Override
        public Integer call() {
            PortForwarding.Plan plan = PortForwarding.plan(port, mode, lan, Optional.ofNullable(address));
            plan.explanation().forEach(out()::println);
            plan.commands().forEach(c -> out().println("  " + c));
            return ExitCode.OK;
        }
    }
}
