package dev.gosetup.cli;

import dev.gosetup.core.internal.RegularFiles;
import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.DiscoveredToolchain;
import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Release;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionFile;
import dev.gosetup.api.VersionRequirement;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.discover.ToolchainDiscoverer;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.journal.ChangeJournal;

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

        /** Where Go toolchains outside the store are looked for: the user's home and environment. */
        DiscoveryContext discoveryContext() {
            return DiscoveryContext.of(environment(), Platform.current(), dev.gosetup.api.spi.StoreContext.of(environment()).home());
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
                RegularFiles.requireRegular(from, 1024 * 1024, "--from");
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
                "The archive is verified against the SHA-256 in the release index before anything is installed; with "
                        + "--source proxy, the module zip against the checksum database (GOSUMDB)."})
    static final class Install extends StoreCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        SpecSource source;

        @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
        boolean quiet;

        @Option(names = "--reuse", description = {"Use a matching Go already on this machine (goenv, mise, asdf,",
            "Homebrew, /usr/lib/go-*, ...; see `list --all`) instead of downloading. It is never changed;",
            "the store records it as external and `uninstall` only forgets it."})
        boolean reuse;

        @Option(names = "--source", paramLabel = "SOURCE",
                description = "Where the toolchain comes from: index (go.dev's archives, checked against the index), "
                        + "proxy (golang.org/toolchain through GOPROXY, checked against the checksum database GOSUMDB), "
                        + "auto (index, then proxy). Default: $GOSETUP_SOURCE, else index.")
        String from;

        @Option(names = "--insecure-no-sumdb",
                description = "With --source proxy and GOSUMDB=off: install although no checksum database vouches for it.")
        boolean insecureNoSumDb;

        @Override
        public Integer call() {
            VersionSpec wanted = source.resolve(err(), quiet);
            GoInstaller.Builder builder = store.builder(environment()).insecureNoSumDb(insecureNoSumDb);
            if (from != null) {
                builder.source(dev.gosetup.core.install.ToolchainSource.parse(from, "--source"));
            }
            if (reuse) {
                builder.reuse(ToolchainDiscoverer.load(), discoveryContext());
            }
            GoInstaller installer = builder.build();
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

        @Option(names = "--all", description = {"With --remote: include unstable releases (betas, rcs).",
            "Otherwise: also the Go installs found on this machine outside the store, marked external with",
            "their origin (goenv, mise, asdf, g, gvm, homebrew, distro, path, ...)."})
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
            if (all) {
                java.util.Set<Path> reused = new java.util.HashSet<>();
                installer.store().externals().forEach(e -> reused.add(e.toolchain().goroot()));
                for (DiscoveredToolchain t : ToolchainDiscoverer.load().discover(discoveryContext())) {
                    String version = t.reported().isEmpty() ? "(unknown version)" : t.reported();
                    out.println("  " + version + "  " + t.platform().map(Platform::toString).orElse("?") + "  "
                            + t.goroot() + "  external (" + t.origin() + ")"
                            + (reused.contains(t.goroot()) ? ", reused" : "")
                            + (t.intact() ? "" : ", not intact: " + String.join("; ", t.problems())));
                }
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
            // What the store installed, and the toolchains it reuses from elsewhere (forgotten, never deleted).
            List<Toolchain> matches = java.util.stream.Stream.concat(
                            installer.installed().stream().map(InstalledToolchain::toolchain),
                            installer.store().externals().stream().map(ToolchainStore.External::toolchain))
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
            description = {"Remove old toolchains: keep the newest patch of each minor line (or --keep N newest) "
                    + "and the current one.",
                    "Also removes what interrupted commands left: staging, trash, stale partial downloads and "
                    + "temporary files, and the change journal's copies that no journal entry refers to (an apply "
                    + "killed before it saved its entry). Copies of rolled-back entries are kept (history "
                    + "shows them). A damaged journal entry stops only the journal part: no copy is deleted, "
                    + "and the entry's file is named."})
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
            GoInstaller installer = store.installer(environment());
            ToolchainStore.Debris debris = installer.store().removeDebris();
            for (Toolchain removed : installer.prune(keep == null ? 0 : keep)) {
                out().println("removed " + removed.version());
            }
            if (!debris.removed().isEmpty()) {
                out().println("reclaimed " + mebibytes(debris.bytes())
                        + " left by interrupted installs, uninstalls and writes:");
                debris.removed().forEach(p -> out().println("  " + p));
            }
            // After the debris: a journal entry can be damaged, which stops only this part.
            ChangeJournal.Reclaimed copies = ChangeJournal.create(installer.store(),
                    dev.gosetup.api.spi.StoreContext.of(environment())).pruneUnreferenced();
            if (!copies.removed().isEmpty()) {
                out().println("reclaimed " + mebibytes(copies.bytes()) + " of journal copies no entry refers to "
                        + "(left by interrupted applies):");
                Path root = installer.store().root();
                copies.removed().forEach(p -> out().println("  " + (p.startsWith(root) ? root.relativize(p) : p)));
            }
            return ExitCode.OK;
        }

        private static String mebibytes(long bytes) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0)) + " (" + bytes + " bytes)";
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
