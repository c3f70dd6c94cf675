package dev.gosetup.cli;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Release;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionFile;
import dev.gosetup.api.VersionRequirement;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.install.GoInstaller;

import java.io.PrintWriter;
import java.nio.file.Files;
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

        /** Cancelled on Ctrl-C. */
        CancellationToken cancel() {
            return ((GoSetupCommand) spec.root().userObject()).cancel;
        }

        /**
         * Installs a toolchain when missing, with progress on stderr unless quiet. On Ctrl-C the
         * installer has removed its staging directory; this ends the progress line and says what
         * was kept for the next run.
         */
        Toolchain ensure(GoInstaller installer, VersionSpec wanted, boolean quiet) {
            ProgressReporter progress = quiet ? ProgressReporter.silent(err()) : ProgressReporter.forStderr(err());
            try {
                return installer.ensure(wanted, progress, cancel());
            } catch (CancelledException e) {
                Optional<Path> partial = progress.archive().map(name -> installer.store().downloadPath(name + ".part"));
                String kept = partial.filter(Files::isRegularFile).isPresent()
                        ? "; the partial download " + partial.get() + " (" + ProgressReporter.mib(size(partial.get()))
                                + ") was kept, and the next install resumes it"
                        : "; nothing was installed";
                throw new CancelledException("install of " + wanted + " cancelled" + kept,
                        List.of("run the same command again to finish the install"));
            } finally {
                progress.end();
            }
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (java.io.IOException e) {
                return 0;
            }
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
                VersionRequirement requirement = VersionFile.read(from);
                if (!quiet) {
                    err.println("gosetup: " + requirement);
                }
                return requirement.spec();
            }
            return parseSpec("SPEC", spec);
        }
    }

    /** Parses a version spec given as {@code what}, naming it and the accepted forms when it is bad. */
    static VersionSpec parseSpec(String what, String text) {
        try {
            return VersionSpec.parse(text);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(what + ": " + e.getMessage(), e.resolutions(), e);
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
            VersionSpec wanted = source.resolve(err(), quiet);
            GoInstaller installer = store.installer(environment());
            Toolchain toolchain = ensure(installer, wanted, quiet);
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
            Toolchain toolchain = store.installer(environment()).use(parseSpec("SPEC", version));
            out().println(toolchain.goroot());
            return ExitCode.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove an installed toolchain: an exact version, or a spec that matches one installed "
                    + "toolchain (1.21 when only go1.21.13 is installed).")
    static final class Uninstall extends StoreCommand {
        @Parameters(paramLabel = "SPEC", description = "The version (1.22.5), or a spec matching one installed toolchain.")
        String version;

        @Override
        public Integer call() {
            VersionSpec spec = parseSpec("SPEC", version);
            GoInstaller installer = store.installer(environment());
            List<Toolchain> matches = installer.installed().stream().map(InstalledToolchain::toolchain)
                    .filter(t -> t.platform().equals(installer.platform()))
                    .filter(t -> spec.resolve(List.of(new Release(t.version(), !t.version().isPrerelease(), List.of())))
                            .isPresent())
                    .toList();
            String installed = installer.installed().isEmpty() ? "none" : installer.installed().stream()
                    .map(t -> t.toolchain().version().toString()).collect(java.util.stream.Collectors.joining(", "));
            if (matches.isEmpty()) {
                throw new NotFoundException((spec instanceof VersionSpec.Exact exact ? exact.version() + " is not installed"
                        : "no installed toolchain matches \"" + version + "\"") + " in "
                        + installer.store().root() + " (installed: " + installed + ")",
                        List.of("see what is installed with `gosetup list`"));
            }
            if (matches.size() > 1) {
                throw new InvalidConfigurationException("\"" + version + "\" matches " + matches.size()
                        + " installed toolchains (" + matches.stream().map(t -> t.version().toString())
                        .collect(java.util.stream.Collectors.joining(", ")) + "); name one",
                        List.of("gosetup uninstall " + matches.get(0).version().toString().substring(2),
                                "or remove the older ones with `gosetup prune`"));
            }
            GoVersion v = matches.get(0).version();
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
        @Option(names = "--keep", paramLabel = "N", description = "Keep the N newest instead (1 or more).")
        Integer keep;

        @Override
        public Integer call() {
            if (keep != null && keep < 1) {
                throw new InvalidConfigurationException("--keep " + keep + ": the number of toolchains to keep must "
                        + "be 1 or more", List.of("give --keep 1 to keep only the newest, or leave --keep out to "
                        + "keep the newest patch of each minor line"));
            }
            for (Toolchain removed : store.installer(environment()).prune(keep == null ? 0 : keep)) {
                out().println("removed " + removed.version());
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
            Optional<Toolchain> found = version == null ? installer.current() : installer.find(parseSpec("SPEC", version));
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
