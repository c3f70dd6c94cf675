package dev.gosetup.core.proxy;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.http.ProxyConfig;
import dev.gosetup.core.proxy.SumDb;

import java.net.ProxySelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings that decide where the go command downloads modules from and how it checks them,
 * read and validated as the go command reads them: {@code GOPROXY}, {@code GOSUMDB},
 * {@code GOPRIVATE}, {@code GONOPROXY}, {@code GONOSUMDB}, {@code GOINSECURE},
 * {@code GO111MODULE}, {@code GOFLAGS}, and the HTTP proxy variables ({@code HTTPS_PROXY},
 * {@code HTTP_PROXY}, {@code NO_PROXY}) its downloads go through.
 *
 * <p>Defaults are Go's (cmd/go/internal/cfg): an empty or unset {@code GOPROXY} is
 * {@value GoProxyList#GO_DEFAULT}, an empty {@code GOSUMDB} is {@value SumDb#GO_DEFAULT}, and an
 * empty {@code GONOPROXY} or {@code GONOSUMDB} is {@code GOPRIVATE}. {@link #route} answers, for one
 * module path, which sources the go command tries and whether it consults the checksum database.
 *
 * @param goproxy the proxy list
 * @param sumdb the checksum database
 * @param goprivate the private module patterns
 * @param gonoproxy the modules fetched directly (GOPRIVATE when unset)
 * @param gonosumdb the modules not checked against the checksum database (GOPRIVATE when unset)
 * @param goinsecure the modules that may be fetched directly over http or unverified https
 * @param go111module the GO111MODULE value: empty, {@code on}, {@code off} or {@code auto}
 * @param goflags the GOFLAGS flags, in order
 * @param values the effective value of every variable above (defaults filled in), by name
 * @param defaulted the names whose value is Go's default, not set
 */
public record ModuleSettings(GoProxyList goproxy, SumDb sumdb, ModulePatterns goprivate, ModulePatterns gonoproxy,
        ModulePatterns gonosumdb, ModulePatterns goinsecure, String go111module, List<String> goflags,
        Map<String, String> values, Set<String> defaulted) {

    /** The variables this model reads, in the order {@code gosetup proxy show} lists them. */
    public static final List<String> VARIABLES = List.of("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB",
            "GOINSECURE", "GO111MODULE", "GOFLAGS", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY");

    /** Copies the components. */
    public ModuleSettings {
        Objects.requireNonNull(goproxy, "goproxy");
        Objects.requireNonNull(sumdb, "sumdb");
        Objects.requireNonNull(goprivate, "goprivate");
        Objects.requireNonNull(gonoproxy, "gonoproxy");
        Objects.requireNonNull(gonosumdb, "gonosumdb");
        Objects.requireNonNull(goinsecure, "goinsecure");
        Objects.requireNonNull(go111module, "go111module");
        goflags = List.copyOf(goflags);
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        defaulted = Collections.unmodifiableSet(new TreeSet<>(defaulted));
    }

    /**
     * Reads the settings from variables (an environment, or what {@code go env -json} printed);
     * an empty value counts as unset, as in the go command.
     *
     * @param variables the variables; others than {@link #VARIABLES} are ignored
     * @return the settings
     * @throws InvalidConfigurationException for the first variable that is wrong, naming it and
     *     the part of its value that is wrong (see {@link #problems} for all of them)
     */
    public static ModuleSettings of(Map<String, String> variables) {
        List<InvalidConfigurationException> problems = problems(variables);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return read(variables);
    }

    /**
     * Checks every variable and collects what is wrong, for reports that show all problems at once.
     *
     * @param variables the variables
     * @return one exception per wrong variable, in {@link #VARIABLES} order; empty when all are right
     */
    public static List<InvalidConfigurationException> problems(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        List<InvalidConfigurationException> problems = new ArrayList<>();
        Map<String, String> v = effective(variables);
        check(problems, () -> GoProxyList.parse(v.get("GOPROXY")));
        check(problems, () -> SumDb.parse(v.get("GOSUMDB")));
        for (String name : List.of("GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE")) {
            check(problems, () -> ModulePatterns.parse(name, v.get(name)));
        }
        check(problems, () -> go111module(v.get("GO111MODULE")));
        check(problems, () -> goflags(v.get("GOFLAGS")));
        check(problems, () -> ProxyConfig.fromEnvironment(variables, ProxySelector.of(null)));
        return problems;
    }

    /**
     * Collects the module variables as the go command sees them when there is no toolchain to ask:
     * a non-empty environment variable wins over Go's env file ({@code $GOENV}, else
     * {@code <user config dir>/go/env}); Go's own defaults are filled in later by {@link #of}.
     *
     * @param environment the environment of the user gosetup acts for
     * @param os the operating system, as {@link dev.gosetup.api.Platform#os()} names it
     * @param userHome the user's home directory
     * @return the variables, by name
     */
    public static Map<String, String> goVariables(Map<String, String> environment, String os, java.nio.file.Path userHome) {
        Map<String, String> values = new TreeMap<>();
        dev.gosetup.core.internal.GoEnvFile.location(environment, os, userHome)
                .flatMap(dev.gosetup.core.internal.AtomicFiles::read).map(dev.gosetup.core.internal.GoEnvFile::parse)
                .ifPresent(f -> values.putAll(f.values()));
        environment.forEach((k, v) -> {
            if (!v.isEmpty()) {
                values.put(k, v);
            }
        });
        return values;
    }

    private static ModuleSettings read(Map<String, String> variables) {
        Map<String, String> v = effective(variables);
        Set<String> defaulted = new TreeSet<>();
        for (String name : List.of("GOPROXY", "GOSUMDB", "GONOPROXY", "GONOSUMDB")) {
            if (variables.getOrDefault(name, "").isEmpty()) {
                defaulted.add(name);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : VARIABLES) {
            values.put(name, v.getOrDefault(name, ""));
        }
        return new ModuleSettings(GoProxyList.parse(v.get("GOPROXY")), SumDb.parse(v.get("GOSUMDB")),
                ModulePatterns.parse("GOPRIVATE", v.get("GOPRIVATE")), ModulePatterns.parse("GONOPROXY", v.get("GONOPROXY")),
                ModulePatterns.parse("GONOSUMDB", v.get("GONOSUMDB")),
                ModulePatterns.parse("GOINSECURE", v.get("GOINSECURE")), go111module(v.get("GO111MODULE")),
                goflags(v.get("GOFLAGS")), values, defaulted);
    }

    /** The values the go command would use, defaults filled in. */
    private static Map<String, String> effective(Map<String, String> variables) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String name : VARIABLES) {
            v.put(name, variables.getOrDefault(name, ""));
        }
        // Go reads the upper-case proxy names first, then the lower-case ones.
        for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY")) {
            if (v.get(name).isEmpty()) {
                v.put(name, variables.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), ""));
            }
        }
        v.computeIfPresent("GOPROXY", (k, x) -> x.isEmpty() ? GoProxyList.GO_DEFAULT : x);
        v.computeIfPresent("GOSUMDB", (k, x) -> x.isEmpty() ? SumDb.GO_DEFAULT : x);
        v.computeIfPresent("GONOPROXY", (k, x) -> x.isEmpty() ? v.get("GOPRIVATE") : x);
        v.computeIfPresent("GONOSUMDB", (k, x) -> x.isEmpty() ? v.get("GOPRIVATE") : x);
        return v;
    }

    private static String go111module(String value) {
        if (!List.of("", "on", "off", "auto").contains(value)) {
            throw new InvalidConfigurationException("invalid GO111MODULE \"" + value + "\": it must be on, off or auto",
                    List.of("unset GO111MODULE (modules are on by default since Go 1.16), or set it to on"));
        }
        return value;
    }

    private static List<String> goflags(String value) {
        List<String> flags = new ArrayList<>();
        for (String field : value.strip().split("[ \\t\\n\\r]+")) {
            if (field.isEmpty()) {
                continue;
            }
            if (!field.startsWith("-")) {
                throw new InvalidConfigurationException("GOFLAGS holds \"" + field + "\", which is not a flag: the go "
                        + "command stops with \"parsing $GOFLAGS: non-flag\" (GOFLAGS=" + value + ")",
                        List.of("write each flag as -name or -name=value, separated by spaces, e.g. GOFLAGS=-mod=mod"));
            }
            flags.add(field);
        }
        return flags;
    }

    private static void check(List<InvalidConfigurationException> problems, Runnable parse) {
        try {
            parse.run();
        } catch (InvalidConfigurationException e) {
            problems.add(e);
        }
    }

    /**
     * Decides how the go command gets one module, exactly as cmd/go/internal/modfetch does: a
     * path matching {@code GONOPROXY} (by default {@code GOPRIVATE}) is fetched directly from its
     * origin, whatever {@code GOPROXY} says ({@code off} included); any other path goes through
     * the {@code GOPROXY} entries in order. The checksum database is consulted unless
     * {@code GOSUMDB=off} or the path matches {@code GONOSUMDB} (by default {@code GOPRIVATE}),
     * except for {@code golang.org/toolchain}, which always is unless {@code GOPROXY} is a single
     * {@code file://} URL.
     *
     * @param modulePath the module path, e.g. {@code git.corp.example.com/team/lib}
     * @return the route
     */
    public ModuleRoute route(String modulePath) {
        Objects.requireNonNull(modulePath, "modulePath");
        List<String> why = new ArrayList<>();
        List<GoProxyList.Entry> sources;
        Optional<String> noProxy = gonoproxy.firstMatch(modulePath);
        String noProxyFrom = defaulted.contains("GONOPROXY") ? "GOPRIVATE" : "GONOPROXY";
        if (noProxy.isPresent()) {
            sources = List.of(new GoProxyList.Entry(GoProxyList.Kind.DIRECT, "direct", false));
            why.add(noProxyFrom + " pattern \"" + noProxy.get() + "\" matches: fetched directly from its origin, "
                    + "never through GOPROXY" + (goproxy.first().kind() == GoProxyList.Kind.OFF ? " (even though GOPROXY=off)" : ""));
        } else {
            sources = goproxy.entries();
            why.add("no " + noProxyFrom + " pattern matches: tried through GOPROXY=" + goproxy.value() + " in order");
        }
        boolean insecure = goinsecure.matches(modulePath)
                && sources.stream().anyMatch(e -> e.kind() == GoProxyList.Kind.DIRECT);
        if (insecure) {
            why.add("GOINSECURE matches: a direct fetch may use http or an unverified certificate");
        }
        boolean checksum;
        Optional<String> noSum = gonosumdb.firstMatch(modulePath);
        String noSumFrom = defaulted.contains("GONOSUMDB") ? "GOPRIVATE" : "GONOSUMDB";
        if (modulePath.equals("golang.org/toolchain") && !(goproxy.value().startsWith("file://")
                && !goproxy.value().contains(",") && !goproxy.value().contains("|"))) {
            checksum = true;
            why.add("golang.org/toolchain is always checked against the checksum database"
                    + (sumdb.off() ? ", which GOSUMDB=off disables, so its download fails" : ""));
        } else if (sumdb.off()) {
            checksum = false;
            why.add("GOSUMDB=off: only go.sum checks the download");
        } else if (noSum.isPresent()) {
            checksum = false;
            why.add(noSumFrom + " pattern \"" + noSum.get() + "\" matches: not checked against " + sumdb.name()
                    + ", only against go.sum");
        } else {
            checksum = true;
            why.add("checked against the checksum database " + sumdb.describe() + " unless go.sum already has it");
        }
        return new ModuleRoute(modulePath, sources, noProxy, checksum, noSum, insecure, why);
    }
}
