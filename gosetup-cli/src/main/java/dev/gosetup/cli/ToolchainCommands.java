package dev.gosetup.cli;

import dev.gosetup.core.internal.RegularFiles;
import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Release;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionFile;
import dev.gosetup.api.VersionRequirement;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.install.GoInstaller;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The toolchain commands: install, list, use, uninstall, prune, which. */
final class ToolchainCommands {
    private ToolchainCommands() {
    }

    /** What every toolchain command has: the store options and its own output streams. */
    abstract static class StoreCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** The environment of the user the command acts for. */
        java.util.Map<String, String> environment() {
            return ((GoSetupCommand) spec.root().userObject()).environment;
        }
    }

    /** Exactly one of a spec or a version file. */
    static final class SpecSource {
        @Parameters(index = "0", paramLabel = "SPEC", arity = "0..1",
                description = "What to install: 1.22.5, 1.22 (newest 1.22.x), latest, oldstable, '>=1.21 <1.23', ...")
        String spec;

        @Option(names = "--from", paramLabel = "FILE",
                description = "Read the version from go.mod, go.work, .go-version or .tool-versions.")
        Path from;

        VersionSpec resolve(PrintWriter err, boolean quiet) {
            if (from != null) {
                RegularFiles.requireRegular(from, 1024 * 1024, "--from");
                VersionRequirement requirement = VersionFile.read(from);
                if (!quiet) {
                    err.println("gosetup: " + requirement);
                }
                return requirement.spec();
            }
            return VersionSpec.parse(spec);
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install a Go toolchain (when missing) and print its GOROOT as the last line.",
                "The archive is verified against the SHA-256 in the release index before anything is installed."})
    static final class Install extends StoreCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        SpecSource source;

        @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter err = err();
            VersionSpec wanted = source.resolve(err, quiet);
            GoInstaller installer = store.installer(environment());
            ProgressReporter progress = quiet ? null : ProgressReporter.forStderr(err);
            Toolchain toolchain = installer.ensure(wanted, progress == null ? dev.gosetup.api.InstallListener.NOOP : progress,
                    new CancellationToken());
            out().println(toolchain.goroot());
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List installed toolchains, or with --remote the releases in the index.")
    static final class ListCommand extends StoreCommand {
        @Option(names = "--remote", description = "List the releases of the index instead.")
        boolean remote;

        @Option(names = "--all", description = "With --remote: include unstable releases (betas, rcs).")
        boolean all;

        @Override
        public Integer call() {
            PrintWriter out = out();
            GoInstaller installer = store.installer(environment());
            if (remote) {
                for (Release release : installer.releases()) {
                    if (all || release.stable()) {
                        boolean available = release.archiveFor(installer.platform()).isPresent();
                        boolean installed = installer.store().installed(release.version(), installer.platform()).isPresent();
                        out.println(release.version() + (release.stable() ? "" : " (unstable)")
                                + (installed ? " (installed)" : available ? "" : " (no archive for " + installer.platform() + ")"));
                    }
                }
                return ExitCode.OK;
            }
            Optional<String> current = installer.current().map(Toolchain::id);
            for (InstalledToolchain t : installer.installed()) {
                String mark = current.filter(t.toolchain().id()::equals).isPresent() ? "* " : "  ";
                out.println(mark + t.toolchain().version() + "  " + t.toolchain().platform() + "  " + t.toolchain().goroot()
                        + "  installed " + t.installedAt() + " from " + t.source());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "use", mixinStandardHelpOptions = true,
            description = "Make an installed toolchain the default one (the store's `current`).")
    static final class Use extends StoreCommand {
        @Parameters(paramLabel = "SPEC", description = "An installed version, or a spec matching one.")
        String version;

        @Override
        public Integer call() {
            Toolchain toolchain = store.installer(environment()).use(VersionSpec.parse(version));
            out().println(toolchain.goroot());
            return ExitCode.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove an installed toolchain.")
    static final class Uninstall extends StoreCommand {
        @Parameters(paramLabel = "VERSION", description = "The exact version, e.g. 1.22.5.")
        String version;

        @Override
        public Integer call() {
            GoVersion v = GoVersion.parse(version);
            GoInstaller installer = store.installer(environment());
            if (!installer.uninstall(v)) {
                throw new NotFoundException(v + " is not installed in " + installer.store().root(),
                        List.of("see what is installed with `gosetup list`"));
            }
            out().println("removed " + v);
            return ExitCode.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove old toolchains: keep the newest patch of each minor line (or --keep N newest) "
                    + "and the current one.")
    static final class Prune extends StoreCommand {
        @Option(names = "--keep", paramLabel = "N", description = "Keep the N newest instead.")
        int keep;

        @Override
        public Integer call() {
            GoInstaller installer = store.installer(environment());
            long reclaimed = installer.store().cleanDebris();
            for (Toolchain removed : installer.prune(keep)) {
                out().println("removed " + removed.version());
            }
            if (reclaimed > 0) {
                out().println("reclaimed " + String.format(java.util.Locale.ROOT, "%.1f MiB", reclaimed / (1024.0 * 1024.0))
                        + " left by interrupted installs and uninstalls");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "which", mixinStandardHelpOptions = true,
            description = "Print the GOROOT of the installed toolchain matching SPEC (default: the current one); "
                    + "exit 1 when none is installed.")
    static final class Which extends StoreCommand {
        @Parameters(paramLabel = "SPEC", arity = "0..1", description = "A version spec; default the current toolchain.")
        String version;

        @Override
        public Integer call() {
            GoInstaller installer = store.installer(environment());
            Optional<Toolchain> found = version == null ? installer.current() : installer.find(VersionSpec.parse(version));
            if (found.isEmpty()) {
                err().println("gosetup: no installed toolchain matches "
                        + (version == null ? "the current default (none chosen with `gosetup use`)" : "\"" + version + "\""));
                return ExitCode.FAILED;
            }
            out().println(found.get().goroot());
            return ExitCode.OK;
        }
    }
}
