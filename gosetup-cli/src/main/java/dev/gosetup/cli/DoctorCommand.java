package dev.gosetup.cli;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.core.doctor.CheckSelection;
import dev.gosetup.core.doctor.checklist.Checklist;
import dev.gosetup.core.doctor.DoctorListener;
import dev.gosetup.core.doctor.DoctorReport;
import dev.gosetup.core.doctor.DoctorRunner;
import dev.gosetup.core.doctor.ReportFormat;
import dev.gosetup.core.install.GoInstaller;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gosetup doctor}: runs the readiness checklist and reports like {@code flutter doctor}
 * (or as JSON, JUnit XML, Markdown). Exit 0 when nothing failed or broke (warnings are fine), 1
 * otherwise, 2 for bad usage or a bad checklist. Works without any Go installed: the report then
 * says so and gives the commands that fix it.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check that this machine is ready for Go development: the toolchain, PATH, GOROOT, Go's "
                + "settings and directories, a build that serves HTTP, the module proxy, and the checks of a team "
                + "checklist.",
            "Checks run in parallel, each with a timeout; a check whose prerequisite failed is skipped."},
        footerHeading = "%nExit status:%n",
        footer = {"  0  no check failed (warnings allowed)", "  1  a check failed or broke",
            "  2  bad usage or a bad checklist"})
final class DoctorCommand implements Callable<Integer> {
    /** The variable naming the plugin directory when --plugins is not given. */
    static final String PLUGINS_VARIABLE = "GOSETUP_PLUGINS";

    /** Exactly one way to name the toolchain, or neither (then go from PATH). */
    static final class ToolchainChoice {
        @Option(names = "--version", paramLabel = "SPEC",
                description = "Check an installed toolchain of the gosetup store (1.22, latest, ...) instead of go on PATH.")
        String version;

        @Option(names = "--goroot", paramLabel = "DIR", description = "Check the toolchain in DIR instead of go on PATH.")
        Path goroot;

        /**
         * The toolchain named: the one in --goroot, or the installed match of --version in the
         * store (never installing it).
         */
        Toolchain resolve(Map<String, String> environment, Path home) {
            if (goroot != null) {
                return fromGoroot(goroot);
            }
            VersionSpec wanted = VersionSpec.parse(version);
            // The user's GOSETUP_HOME (from the root command's environment), as the toolchain commands read it.
            GoInstaller.Builder builder = GoInstaller.builder(environment).offline(true);
            if (home != null) {
                builder.home(StoreOptions.checkedHome(home));
            }
            GoInstaller installer = builder.build();
            return installer.find(wanted).orElseThrow(() -> new NotFoundException("no installed toolchain matches \""
                    + version + "\" in " + installer.store().root(),
                    List.of("install it: gosetup install " + version)));
        }

        /** The toolchain in a GOROOT directory, its version read from $GOROOT/VERSION. */
        static Toolchain fromGoroot(Path dir) {
            Path goroot = dir.toAbsolutePath().normalize();
            Path versionFile = goroot.resolve("VERSION");
            String first;
            try {
                first = Files.readAllLines(versionFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new InvalidConfigurationException(goroot + " is not a GOROOT: cannot read " + versionFile,
                        List.of("give the directory that holds bin/go and VERSION, e.g. /usr/local/go"), e);
            }
            try {
                return new Toolchain(GoVersion.parse(first), Platform.current(), goroot);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(versionFile + " does not start with a Go version: \"" + first
                        + "\"", List.of("give the directory of an official Go toolchain"), e);
            }
        }
    }

    @ArgGroup(exclusive = true)
    ToolchainChoice toolchain;

    // The group's --version shadows the standard -V/--version, and picocli then drops the whole
    // standard mixin, --help included, without a word: declared here so that --help works.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--checklist", paramLabel = "FILE",
            description = "A checklist (YAML or JSON): which checks, their parameters, and probes. Default: the built-in "
                    + "checks and those of plugins.")
    Path checklist;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, junit or markdown.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--only", paramLabel = "IDS", split = ",",
            description = "Run only these checks (comma-separated ids) and their prerequisites.")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "IDS", split = ",", description = "Do not run these checks (comma-separated ids).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load check providers from the jars in DIR (default: $" + PLUGINS_VARIABLE + ").")
    Path plugins;

    @Option(names = "--offline", description = "Stay off the network: checks that need it are skipped.")
    boolean offline;

    @Option(names = "--home", paramLabel = "DIR", description = "The gosetup store for --version (default: $GOSETUP_HOME).")
    Path home;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr while the checks run.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show the details and durations of passing checks too.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** The environment of the user the command acts for. */
    private Map<String, String> environment() {
        return ((GoSetupCommand) spec.root().userObject()).environment;
    }

    @Override
    public Integer call() throws IOException {
        if (home != null) {
            StoreOptions.checkedHome(home);
        }
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("--format: " + e.getMessage(), List.of("see 'gosetup doctor --help'"));
        }
        if (output != null && Files.isDirectory(output)) {
            // Refused before the checks run, not after them.
            throw new InvalidConfigurationException("--output " + output + " is a directory; the report is one file",
                    List.of("name a file, e.g. --output " + output.resolve("doctor-report.txt")));
        }
        ProviderRegistry<ReadinessCheck> registry = ProviderRegistry.load(ReadinessCheck.class, pluginLoader());
        for (dev.gosetup.api.spi.ProviderProblem problem : registry.problems()) {
            spec.commandLine().getErr().println("gosetup: warning: a check provider was left out: " + problem.source()
                    + ": " + problem.message());
        }
        // Checks that do not apply here (the WSL checks outside WSL) run only when named.
        List<ReadinessCheck> applicable = registry.applicable(Platform.current());
        List<ReadinessCheck> available = CheckSelection.complete(registry.all().stream()
                .filter(c -> applicable.contains(c) || only.contains(c.id()) || skip.contains(c.id()))
                .toList(), registry.all());
        List<ReadinessCheck> checks = checklist == null ? available : Checklist.read(checklist, registry.all()).checks();
        List<ReadinessCheck> selected = CheckSelection.select(checks, only, skip);

        CheckContext context = CheckContext.of(environment()).withOffline(offline);
        if (toolchain != null) {
            context = context.withGoEnvironment(GoEnvironment.of(chosenToolchain()));
        }
        boolean terminal = System.console() != null && !"dumb".equals(environment().get("TERM"));
        DoctorProgress progress = quiet ? null
                : new DoctorProgress(spec.commandLine().getErr(), terminal, selected.size());
        DoctorReport report;
        try {
            report = DoctorRunner.create().run(selected, context, progress == null ? DoctorListener.NOOP : progress);
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }

        PrintWriter out = spec.commandLine().getOut();
        boolean colour = output == null && reportFormat == ReportFormat.TEXT && terminal
                && !environment().containsKey("NO_COLOR");
        String rendered = reportFormat.render(report, colour, verbose);
        if (output != null) {
            try {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new GoSetupException("cannot write the report to " + output + ": " + e.getMessage(),
                        List.of("check that " + output + " is a writable file on a disk with free space,"
                                + " or leave out --output to print the report"), e);
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("gosetup: doctor: " + report.summaryLine() + "; report written to " + output);
            err.flush();
        } else {
            out.print(rendered);
            out.flush();
        }
        return report.exitCode();
    }

    private Toolchain chosenToolchain() {
        return toolchain.resolve(environment(), home);
    }

    /** The loader of the plugin jars, or the command's own when there is no plugin directory. */
    private ClassLoader pluginLoader() {
        Path dir = plugins;
        String option = "--plugins";
        if (dir == null && environment().get(PLUGINS_VARIABLE) != null && !environment().get(PLUGINS_VARIABLE).isBlank()) {
            dir = Path.of(environment().get(PLUGINS_VARIABLE));
            option = PLUGINS_VARIABLE;
        }
        ClassLoader own = Objects.requireNonNull(DoctorCommand.class.getClassLoader());
        if (dir == null) {
            return own;
        }
        if (Files.isRegularFile(dir)) {
            throw new InvalidConfigurationException(option + ": " + dir + " is a file; " + option
                    + " names the directory that holds the plugin jars",
                    List.of("put " + dir.getFileName() + " in a directory of its own and give that directory"));
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigurationException(option + ": the plugin directory " + dir + " does not exist",
                    List.of("create it and put check provider jars in it, or fix the path"));
        }
        List<URL> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : stream) {
                // A URLClassLoader skips a jar it cannot read without a word: open each one first.
                try (java.util.jar.JarFile opened = new java.util.jar.JarFile(jar.toFile())) {
                    opened.getManifest();
                } catch (IOException | SecurityException e) {
                    throw new InvalidConfigurationException(option + ": the plugin " + jar + " is not a readable jar ("
                            + e.getMessage() + ")", List.of("replace " + jar.getFileName() + " with a good copy, or "
                            + "remove it from " + dir), e);
                }
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin directory " + dir, e);
        }
        jars.sort((a, b) -> a.toString().compareTo(b.toString()));
        // Never closed: the providers' classes are used until the command ends.
        return new URLClassLoader("gosetup-plugins", jars.toArray(URL[]::new), own);
    }
}
