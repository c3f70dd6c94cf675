package dev.gosetup.cli;

import dev.gosetup.core.internal.Printable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NetworkException;
import dev.gosetup.api.PresetRequest;
import dev.gosetup.api.ProxyPreset;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.env.GoRunner;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.persist.EnvironmentChanges;
import dev.gosetup.core.persist.EnvironmentPlan;
import dev.gosetup.core.proxy.GoProxyList;
import dev.gosetup.core.proxy.LocalModuleProxy;
import dev.gosetup.core.proxy.ModulePacker;
import dev.gosetup.core.proxy.ModuleRoute;
import dev.gosetup.core.proxy.ModuleSettings;
import dev.gosetup.core.proxy.ProbeReport;
import dev.gosetup.core.proxy.ProxyMeasurement;
import dev.gosetup.core.proxy.ProxyPresets;
import dev.gosetup.core.proxy.ProxyProbe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The module proxy commands: proxy show, set, probe, serve, pack. */
final class ProxyCommands {
    private ProxyCommands() {
    }

    private static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("GOPROXY", "where modules come from: proxies in order; after ',' the next is tried on 404/410 only,"
                    + " after '|' on any error; direct = the origin repository; off = no downloads"),
            Map.entry("GOSUMDB", "the checksum database that vouches for downloads not yet in go.sum; off = none"),
            Map.entry("GOPRIVATE", "private module patterns: the default of GONOPROXY and GONOSUMDB"),
            Map.entry("GONOPROXY", "modules fetched directly from their origin, never through GOPROXY"),
            Map.entry("GONOSUMDB", "modules not checked against the checksum database"),
            Map.entry("GOINSECURE", "modules whose direct fetch may use http or an unverified certificate"),
            Map.entry("GO111MODULE", "module mode: on by default since Go 1.16; off = GOPATH mode"),
            Map.entry("GOFLAGS", "flags every go command gets, e.g. -mod=mod"),
            Map.entry("HTTPS_PROXY", "the HTTP proxy downloads over https go through"),
            Map.entry("HTTP_PROXY", "the HTTP proxy downloads over http go through"),
            Map.entry("NO_PROXY", "hosts reached without the HTTP proxy"));

    @Command(name = "proxy", mixinStandardHelpOptions = true,
            description = "Module proxy configuration: show the settings, apply a preset, probe proxies, "
                    + "and pack and serve modules for offline builds.",
            subcommands = {Show.class, Set.class, Probe.class, Serve.class, Pack.class})
    static final class Proxy extends CommandGroup {
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show the module settings the go command uses, and what each means: from `go env -json` of the "
                    + "current toolchain, or (none installed) from the environment and Go's env file.",
                "Exit status 1 when a setting is malformed."})
    static final class Show extends ToolchainCommands.StoreCommand {
        @Option(names = "--module", paramLabel = "PATH",
                description = "Also say how this module is fetched: which sources, in order, and whether the "
                        + "checksum database is consulted.")
        String module;

        @Option(names = "--json", description = "Print the settings, problems and route as JSON instead.")
        boolean json;

        @Override
        public Integer call() {
            GoInstaller installer = store.installer(environment());
            Optional<Toolchain> toolchain = installer.current().or(() -> installer.installed().stream()
                    .map(InstalledToolchain::toolchain).findFirst());
            Map<String, String> values;
            String source;
            if (toolchain.isPresent()) {
                Map<String, String> goVars = new LinkedHashMap<>();
                environment().forEach((k, v) -> {
                    if (GoEnvironment.isGoVariable(k) && !k.equals("GOROOT") && !v.isEmpty()) {
                        goVars.put(k, v);
                    }
                });
                GoEnvironment env = GoEnvironment.of(toolchain.get()).withAll(goVars);
                values = new LinkedHashMap<>(GoRunner.of(env, environment()).goEnv());
                for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "https_proxy", "http_proxy", "no_proxy")) {
                    Optional.ofNullable(environment().get(name)).ifPresent(v -> values.put(name, v));
                }
                source = "go env of " + toolchain.get().version() + " (" + toolchain.get().goroot() + ")";
            } else {
                StoreContext context = StoreContext.of(environment());
                values = ModuleSettings.goVariables(environment(), context.host().os(), context.home());
                source = "the environment and Go's env file (no toolchain installed; Go's defaults assumed)";
            }
            List<InvalidConfigurationException> problems = ModuleSettings.problems(values);
            ModuleSettings settings = problems.isEmpty() ? ModuleSettings.of(values) : null;
            Optional<ModuleRoute> route = settings != null && module != null
                    ? Optional.of(settings.route(module)) : Optional.empty();
            if (json) {
                out().println(json(source, values, settings, problems, route));
                return problems.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
            }
            out().println("# module settings from " + source);
            for (String name : ModuleSettings.VARIABLES) {
                String value = settings != null ? settings.values().get(name) : values.getOrDefault(name, "");
                String note = settings != null && settings.defaulted().contains(name) ? " (Go's default)" : "";
                out().println(name + "=" + value + note);
                out().println("    " + EXPLANATIONS.get(name));
            }
            if (!problems.isEmpty()) {
                for (InvalidConfigurationException p : problems) {
                    err().println("gosetup: problem: " + Printable.escape(p.getMessage()));
                    p.resolutions().forEach(r -> err().println("  fix: " + Printable.escape(r)));
                }
                return ExitCode.FAILED;
            }
            if (route.isPresent()) {
                out().println();
                out().println(module + ":");
                for (GoProxyList.Entry e : route.get().sources()) {
                    out().println("  source " + e.url() + (route.get().sources().size() > 1
                            ? "  (next one tried " + e.fallThrough() + ")" : ""));
                }
                out().println("  checksum database: " + (route.get().checksumDatabase() ? "consulted" : "not consulted"));
                route.get().explanation().forEach(line -> out().println("  - " + line));
            }
            return ExitCode.OK;
        }
    }

    /** The show command's findings as one JSON object, for tools. */
    private static String json(String source, Map<String, String> values, ModuleSettings settings,
            List<InvalidConfigurationException> problems, Optional<ModuleRoute> route) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("source", source);
        ObjectNode vars = root.putObject("variables");
        for (String name : ModuleSettings.VARIABLES) {
            ObjectNode v = vars.putObject(name);
            v.put("value", settings != null ? settings.values().get(name) : values.getOrDefault(name, ""));
            v.put("goDefault", settings != null && settings.defaulted().contains(name));
            v.put("explanation", EXPLANATIONS.get(name));
        }
        ArrayNode problemNodes = root.putArray("problems");
        for (InvalidConfigurationException p : problems) {
            ObjectNode n = problemNodes.addObject();
            n.put("message", p.getMessage());
            p.resolutions().forEach(n.putArray("fixes")::add);
        }
        route.ifPresent(r -> {
            ObjectNode n = root.putObject("route");
            ArrayNode sources = n.putArray("sources");
            for (GoProxyList.Entry e : r.sources()) {
                sources.addObject().put("url", e.url()).put("kind", e.kind().name().toLowerCase(Locale.ROOT))
                        .put("fallThrough", e.fallThrough());
            }
            n.put("checksumDatabase", r.checksumDatabase());
            r.explanation().forEach(n.putArray("explanation")::add);
        });
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set the module settings persistently (by default in Go's env file, as `go env -w` would; "
                    + "--store picks another store, e.g. posix-profile): a preset (default, china, corporate, offline, "
                    + "or a plugin's), or a GOPROXY list. Everything else gosetup wrote to the store is kept. Shows the "
                    + "plan; the change is journaled and `gosetup rollback` undoes it exactly.",
                "  gosetup proxy set china",
                "  gosetup proxy set corporate --url https://goproxy.corp.example.com --private '*.corp.example.com'",
                "  gosetup proxy set 'https://goproxy.io|https://proxy.golang.org,direct'"})
    static final class Set extends ToolchainCommands.StoreCommand {
        @Parameters(index = "0", paramLabel = "PRESET|LIST", description = "A preset name, or a GOPROXY list.")
        String target;

        @Option(names = "--private", paramLabel = "PATTERNS",
                description = "Private module patterns (GOPRIVATE syntax, comma-separated), e.g. '*.corp.example.com'.")
        String privatePatterns;

        @Option(names = "--url", paramLabel = "URL", description = "The proxy URL, for presets that need one (corporate).")
        String url;

        @Option(names = "--store", paramLabel = "ID", defaultValue = EnvironmentChanges.GO_ENV_FILE,
                description = "Where to persist: a store id, see `gosetup env apply --list-stores` (default: "
                        + "${DEFAULT-VALUE}). What else gosetup wrote there is kept.")
        String storeId;

        @Option(names = "--dry-run", description = "Show the plan and change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            List<String> patterns = privatePatterns == null ? List.of()
                    : List.of(privatePatterns.split(",")).stream().filter(s -> !s.isEmpty()).toList();
            ProxyPresets presets = ProxyPresets.load();
            Map<String, String> wanted = new LinkedHashMap<>();
            String what;
            if (presets.has(target)) {
                ProxyPreset preset = presets.resolve(new PresetRequest(target, Optional.ofNullable(url), patterns));
                wanted.putAll(preset.variables());
                what = "preset " + preset.name() + ": " + preset.description();
            } else {
                if (url != null) {
                    throw new InvalidConfigurationException("--url is for presets; \"" + target + "\" is not one",
                            List.of("use one of the presets (" + String.join(", ", presets.names()) + "), or leave out --url"));
                }
                if (!target.contains(".") && !target.contains(":") && !target.contains("/") && !target.contains(",")
                        && !target.contains("|") && !List.of("off", "direct").contains(target)) {
                    throw new InvalidConfigurationException("\"" + target + "\" is neither a preset nor a GOPROXY list",
                            List.of("use one of the presets: " + String.join(", ", presets.names()),
                                    "or give a GOPROXY list, e.g. https://proxy.example.com,direct"));
                }
                GoProxyList.parse(target);
                wanted.put("GOPROXY", target);
                if (!patterns.isEmpty()) {
                    wanted.put("GOPRIVATE", String.join(",", patterns));
                }
                what = "GOPROXY=" + target;
            }
            ModuleSettings.of(wanted);
            StoreContext context = StoreContext.of(environment());
            GoInstaller installer = store.installer(environment());
            EnvironmentChanges changes = EnvironmentChanges.create(installer.store(), context);
            // Keep everything else gosetup wrote to this store (PATH entries, GOPATH, ...).
            Supplier<EnvironmentPlan> planner = () -> {
                EnvironmentSettings held = changes.store(storeId).held(context);
                Map<String, String> variables = new TreeMap<>(held.variables());
                variables.keySet().removeAll(ProxyPreset.MODULE_VARIABLES);
                variables.putAll(wanted);
                return changes.plan(new EnvironmentSettings(variables, held.pathPrepend()), List.of(storeId));
            };
            planner.get(); // bad input is refused before anything else
            out().println(what);
            for (String name : wanted.keySet()) {
                String shadow = environment().getOrDefault(name, "");
                if (!shadow.isEmpty() && !shadow.equals(wanted.get(name))
                        && storeId.equals(EnvironmentChanges.GO_ENV_FILE)) {
                    err().println("gosetup: warning: " + name + "=" + shadow + " is set in the environment and wins over "
                            + "Go's env file; unset it for the new setting to take effect");
                }
            }
            if (EnvCommands.showAndApply(changes, planner, dryRun, spec.qualifiedName(), out()).isPresent()
                    && !storeId.equals(EnvironmentChanges.GO_ENV_FILE)) {
                err().println("gosetup: open a new shell (or session) for the change to take effect");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = {"Measure module proxies with real requests (<proxy>/<module>/@v/list), all at once, and name "
                    + "the fastest healthy one. Without URLs, the presets' proxies are probed.",
                "Exit status 1 when no proxy is healthy."})
    static final class Probe extends ToolchainCommands.StoreCommand {
        @Parameters(paramLabel = "URL", arity = "0..*", description = "Proxy URLs to probe.")
        List<String> urls = new ArrayList<>();

        @Option(names = "--module", paramLabel = "PATH", defaultValue = ProxyProbe.DEFAULT_MODULE,
                description = "The module whose version list is asked for (default: ${DEFAULT-VALUE}).")
        String module;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
                description = "How long each proxy may take, in seconds (default: ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        @Override
        public Integer call() {
            if (store.offline) {
                throw new InvalidConfigurationException("probing sends requests to the proxies, and --offline forbids "
                        + "network use", List.of("leave out --offline"));
            }
            if (timeoutSeconds <= 0 || timeoutSeconds > 600) {
                throw new InvalidConfigurationException("--timeout " + timeoutSeconds + " is out of range",
                        List.of("give a number of seconds above 0 and at most 600"));
            }
            List<String> candidates = urls.isEmpty() ? ProxyPresets.load().proxyUrls() : urls;
            Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
            HttpDownloader http = HttpDownloader.builder().environment(environment()).maxAttempts(1)
                    .connectTimeout(timeout).readTimeout(timeout).allowInsecureHttp(store.allowInsecureHttp).build();
            ProbeReport report = ProxyProbe.using(http).probe(candidates, module, timeout, new CancellationToken());
            int rank = 1;
            for (ProxyMeasurement m : report.ranked()) {
                out().println(rank++ + ". " + (m.healthy() ? "ok    " : "FAILED") + " " + Printable.escape(m.describe()));
            }
            Optional<ProxyMeasurement> fastest = report.fastest();
            if (fastest.isEmpty()) {
                throw new NetworkException("none of the " + candidates.size() + " proxies answered with the version list"
                        + " of " + module, List.of("check the network and HTTPS_PROXY/NO_PROXY",
                        "offline? pack the modules you need and serve them: gosetup proxy pack, gosetup proxy serve"));
            }
            out().println("fastest: " + fastest.get().proxy());
            err().println("gosetup: use it with: gosetup proxy set '" + fastest.get().proxy() + ",direct'");
            return ExitCode.OK;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve a directory made by `gosetup proxy pack` as a module proxy on 127.0.0.1, until "
                    + "interrupted (Ctrl-C). Prints the URL for GOPROXY."})
    static final class Serve implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The proxy directory.")
        Path directory;

        @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "The port (default: any free one).")
        int port;

        @Option(names = "--forward-sumdb",
                description = "Also forward the checksum database named by GOSUMDB (read as go reads it) under "
                        + "/sumdb/<name>/, so go can verify modules through this proxy alone. Databases whose files "
                        + "are in DIR/sumdb/<name>/ are always served.")
        boolean forwardSumDb;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CountDownLatch stopped = new CountDownLatch(1);
            Map<String, String> environment = ((GoSetupCommand) spec.root().userObject()).environment;
            List<dev.gosetup.core.internal.SumDb> forwarded = List.of();
            if (forwardSumDb) {
                StoreContext context = StoreContext.of(environment);
                forwarded = List.of(ModuleSettings.of(ModuleSettings.goVariables(environment, context.host().os(),
                        context.home())).sumdb());
            }
            dev.gosetup.core.http.HttpDownloader http = dev.gosetup.core.http.HttpDownloader.builder()
                    .environment(environment).build();
            try (LocalModuleProxy proxy = LocalModuleProxy.start(directory, port, forwarded, http::fetch)) {
                Thread hook = new Thread(stopped::countDown, "gosetup-proxy-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                spec.commandLine().getOut().println(proxy.uri());
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().println("gosetup: serving " + proxy.directory() + "; use it with: GOPROXY="
                        + proxy.uri() + " (and GONOSUMDB or GOFLAGS=-mod=mod as your modules need); Ctrl-C stops");
                forwarded.forEach(db -> spec.commandLine().getErr().println("gosetup: forwarding the checksum database "
                        + db.describe() + " at " + proxy.uri() + "/sumdb/" + db.name() + "/"));
                spec.commandLine().getErr().flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the JVM is exiting anyway
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = {"Pack module source trees into a directory a module proxy serves (zip, .mod, .info, list), "
                    + "as the go command expects them. The version is --version, else each tree's newest vX.Y.Z git tag.",
                "With --rev, the committed revision is packed through git archive; a dirty working tree is refused "
                        + "unless --allow-dirty."})
    static final class Pack implements Callable<Integer> {
        @Parameters(paramLabel = "SRC_DIR", arity = "1..*", description = "Module roots (directories holding go.mod).")
        List<Path> sources = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "The proxy directory.")
        Path out;

        @Option(names = "--version", paramLabel = "V", description = "The version for every source, e.g. v1.0.0.")
        String version;

        @Option(names = {"-v", "--verbose"}, description = "List the files left out of each zip.")
        boolean verbose;

        @Option(names = "--rev", paramLabel = "REV",
                description = "Pack what this git revision holds (through git archive), e.g. v1.2.0; the version is "
                        + "--version, else the revision's name.")
        String rev;

        @Option(names = "--allow-dirty",
                description = "With --rev: pack although the working tree has uncommitted changes (they are not packed).")
        boolean allowDirty;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (allowDirty && rev == null) {
                throw new dev.gosetup.api.InvalidConfigurationException("--allow-dirty only applies with --rev",
                        List.of("add --rev REV, or drop --allow-dirty"));
            }
            List<ModulePacker.Packed> packed = rev == null ? ModulePacker.pack(sources, out, Optional.ofNullable(version))
                    : ModulePacker.packRevision(sources, rev, out, Optional.ofNullable(version), allowDirty);
            for (ModulePacker.Packed p : packed) {
                spec.commandLine().getOut().println(p.modulePath() + " " + p.version() + " " + p.hash());
                spec.commandLine().getOut().println(p.modulePath() + " " + p.version() + "/go.mod " + p.goModHash());
                p.notes().forEach(n -> spec.commandLine().getErr().println("gosetup: note: " + Printable.escape(n)));
                if (verbose) {
                    p.omitted().forEach(o -> spec.commandLine().getErr().println("gosetup: left out: " + Printable.escape(String.valueOf(o))));
                } else if (!p.omitted().isEmpty()) {
                    spec.commandLine().getErr().println("gosetup: " + p.omitted().size() + " path(s) left out of "
                            + p.zip().getFileName() + " as Go requires (--verbose lists them)");
                }
            }
            return ExitCode.OK;
        }
    }
}
