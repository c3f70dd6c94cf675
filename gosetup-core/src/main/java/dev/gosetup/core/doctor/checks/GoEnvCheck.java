package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.proxy.GoProxyList;

import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code go-env}: the module settings of {@code go env -json} are sound, and no value of Go's env
 * file is silently shadowed by an OS environment variable.
 *
 * <ul>
 *   <li>{@code GO111MODULE}: {@code off} FAILs (go ignores go.mod files and builds in GOPATH mode);
 *       {@code auto} WARNs (GOPATH mode outside a module); empty or {@code on} pass.</li>
 *   <li>{@code GOPROXY}: each entry (separated by {@code ,} or {@code |}) must be {@code direct},
 *       {@code off}, or an {@code http://}, {@code https://} or {@code file://} URL. Anything else
 *       FAILs naming the entry. An empty entry and a host without a scheme only WARN, since go
 *       skips the one and reads the other as {@code https://}; an empty GOPROXY WARNs.</li>
 *   <li>{@code GOSUMDB=off} WARNs: no downloaded module is checked against the checksum database,
 *       public ones included, even when {@code GOPRIVATE} or {@code GONOSUMDB} names the private
 *       ones (which is all private modules need); the hint says so.</li>
 *   <li>{@code GOFLAGS} is judged by go itself: {@code go version} runs with the user's value, and
 *       when go refuses it (as it refuses {@code -gcflags='all=-N -l'}: quotes do not group in
 *       GOFLAGS) the check FAILs with go's own words.</li>
 *   <li>{@code GOTOOLCHAIN} is reported ({@code go env GOTOOLCHAIN}, the one invocation go answers
 *       locally whatever GOTOOLCHAIN says). Letting go download the toolchain a go.mod asks for
 *       ({@code auto}, {@code path}, {@code +auto}) is Go's default and verified, so it is a detail,
 *       not a warning; a pinned release other than the binary's own WARNs, since every go command
 *       then runs (and first downloads) that release instead of the one checked.</li>
 *   <li>A key of Go's env file that a non-empty OS environment variable overrides with another value
 *       WARNs, naming both values and the commands that keep either.</li>
 * </ul>
 *
 * <p>Hints name where a value was set: {@code unset NAME} (and the profile line) for the
 * environment, {@code go env -u NAME} or {@code go env -w NAME=...} for the env file. Runs after
 * {@code go-found}.
 */
public final class GoEnvCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "go-env";
    static final String DEFAULT_GOPROXY = GoProxyList.GO_DEFAULT;
    /** What to do about a GOFLAGS value go refuses. */
    static final String GOFLAGS_HINT = "GOFLAGS takes space-separated -flag=value words and no quoting, so a value "
            + "with a space cannot be written there (Delve already builds with -gcflags='all=-N -l' itself)";

    /** Creates the check. */
    public GoEnvCheck() {
        super(ID, "Go settings", "configuration", List.of(GoFoundCheck.ID), Set.of());
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        ContextGo go = ContextGo.locate(context);
        Map<String, String> env = go.goEnv("GO111MODULE", "GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOSUMDB", "GOVERSION");
        GoSettings settings = GoSettings.of(context);
        boolean windows = context.host().isWindows();
        List<CheckResult> findings = new ArrayList<>();

        String modules = env.getOrDefault("GO111MODULE", "").strip().toLowerCase(Locale.ROOT);
        if (modules.equals("off")) {
            findings.add(finding(CheckStatus.FAIL, "GO111MODULE=off (from " + settings.describe("GO111MODULE")
                    + "): go ignores go.mod files and builds in GOPATH mode",
                    settings.unsetHints("GO111MODULE", windows)));
        } else if (modules.equals("auto")) {
            findings.add(finding(CheckStatus.WARN, "GO111MODULE=auto (from " + settings.describe("GO111MODULE")
                    + "): outside a module go falls back to GOPATH mode", settings.unsetHints("GO111MODULE", windows)));
        }

        String goproxy = env.getOrDefault("GOPROXY", "");
        findings.addAll(goproxy(goproxy, settings, windows));

        String gosumdb = env.getOrDefault("GOSUMDB", "");
        String goprivate = env.getOrDefault("GOPRIVATE", "");
        String gonosumdb = env.getOrDefault("GONOSUMDB", "");
        Optional<String> privateReason = !goprivate.isEmpty() ? Optional.of("GOPRIVATE=" + goprivate)
                : !gonosumdb.isEmpty() ? Optional.of("GONOSUMDB=" + gonosumdb) : Optional.empty();
        if (gosumdb.equals("off")) {
            List<String> hints = new ArrayList<>(settings.unsetHints("GOSUMDB", windows));
            hints.add(privateReason.isPresent()
                    ? privateReason.get() + " already keeps the private modules out of the checksum database; "
                            + "GOSUMDB=off is not needed for them"
                    : "to keep private modules out of the checksum database, name them instead: "
                            + set(settings, "GOPRIVATE", "example.com/private", windows) + " (or GONOSUMDB)");
            findings.add(finding(CheckStatus.WARN, "GOSUMDB=off (from " + settings.describe("GOSUMDB")
                    + "): no downloaded module is checked against the checksum database, public ones included",
                    hints));
        }

        Optional<String> goflags = settings.value("GOFLAGS").filter(v -> !v.isBlank());
        if (goflags.isPresent()) {
            ProcessResult asked = go.run(Map.of("GOFLAGS", Optional.of(goflags.get()), "GOTOOLCHAIN",
                    Optional.of("local")), ContextGo.tmp(context), ContextGo.GO_ENV_TIMEOUT, "version");
            if (!asked.succeeded()) {
                List<String> hints = new ArrayList<>(settings.unsetHints("GOFLAGS", windows));
                hints.add(GOFLAGS_HINT);
                findings.add(finding(CheckStatus.FAIL, "GOFLAGS=" + goflags.get() + " (from "
                        + settings.describe("GOFLAGS") + "): go refuses it, and with it every command: "
                        + ContextGo.firstLine(asked.stderr() + "\n" + asked.stdout()), hints));
            }
        }

        String toolchain = go.run(Map.of(), ContextGo.tmp(context), ContextGo.GO_ENV_TIMEOUT, "env", "GOTOOLCHAIN")
                .requireSuccess().stdout().strip();
        String goversion = env.getOrDefault("GOVERSION", "");
        if (!toolchain.isEmpty() && toolchain.startsWith("go") && !toolchain.contains("+")
                && !toolchain.equals(goversion)) {
            findings.add(finding(CheckStatus.WARN, "GOTOOLCHAIN=" + toolchain + " (from "
                    + settings.describe("GOTOOLCHAIN") + "): every go command runs " + toolchain
                    + ", downloading it first, instead of " + (goversion.isEmpty() ? go.binary() : goversion),
                    settings.unsetHints("GOTOOLCHAIN", windows)));
        }

        settings.shadowed().forEach((name, values) -> findings.add(finding(CheckStatus.WARN,
                name + "=" + GoProxyList.redact(values.get(0)) + " in Go's env file is shadowed by the environment's "
                        + name + "=" + GoProxyList.redact(values.get(1)), List.of(
                        String.join(", ", Hints.unset(name, windows)) + " (and remove it from your shell profile)"
                                + " to use the file's value",
                        "or go env -u " + name + " to drop the file's value"))));
        settings.fileProblem().ifPresent(problem -> findings.add(finding(CheckStatus.WARN, problem,
                List.of("check the permissions of " + settings.envFile().orElseThrow()))));

        CheckResult r = CheckResult.pass("modules " + (modules.isEmpty() ? "on" : modules) + ", GOPROXY "
                + (goproxy.isEmpty() ? "(empty)" : GoProxyList.redact(goproxy)) + ", GOSUMDB " + (gosumdb.isEmpty() ? "(empty)" : gosumdb)
                + ", GOTOOLCHAIN " + (toolchain.isEmpty() ? "(not supported)" : toolchain));
        for (String name : List.of("GO111MODULE", "GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOSUMDB")) {
            r = r.withDetail(name, GoProxyList.redact(env.getOrDefault(name, "")) + " (" + settings.describe(name) + ")");
        }
        r = r.withDetail("GOTOOLCHAIN", toolchain.isEmpty() ? "not supported by " + goversion
                : toolchain + " (" + settings.describe("GOTOOLCHAIN") + "): " + toolchainMeaning(toolchain));
        r = r.withDetail("env file", settings.envFile().map(Object::toString).orElse("off (GOENV=off)"));
        return Findings.combine(r, findings);
    }

    private static List<CheckResult> goproxy(String goproxy, GoSettings settings, boolean windows) {
        if (goproxy.isBlank()) {
            return List.of(finding(CheckStatus.WARN, "GOPROXY is empty, so go fetches every module from its origin",
                    List.of(set(settings, "GOPROXY", DEFAULT_GOPROXY, windows))));
        }
        List<CheckResult> findings = new ArrayList<>();
        StringBuilder fixed = new StringBuilder();
        boolean bad = false;
        int start = 0;
        for (int i = 0; i <= goproxy.length(); i++) {
            if (i < goproxy.length() && goproxy.charAt(i) != ',' && goproxy.charAt(i) != '|') {
                continue;
            }
            String entry = goproxy.substring(start, i).strip();
            String separator = i < goproxy.length() ? String.valueOf(goproxy.charAt(i)) : "";
            start = i + 1;
            if (entry.isEmpty()) {
                findings.add(finding(CheckStatus.WARN, "GOPROXY=" + GoProxyList.redact(goproxy) + " has an empty entry, which go skips",
                        List.of()));
                continue;
            }
            GoProxyList.Entry parsed;
            try {
                parsed = GoProxyList.parse(entry).first();
            } catch (InvalidConfigurationException e) {
                // Credentials in the URL (refused and redacted by the parser) get its ~/.netrc fix.
                findings.add(finding(CheckStatus.FAIL, e.getMessage(),
                        e.getMessage().contains("holds credentials") ? e.resolutions() : List.of()));
                bad = true;
                continue;
            }
            if (parsed.kind() == GoProxyList.Kind.PROXY && !entry.contains(":/")) {
                findings.add(finding(CheckStatus.WARN, "GOPROXY entry \"" + entry + "\" has no scheme; go reads it as "
                        + parsed.url(), List.of()));
            }
            fixed.append(parsed.url()).append(separator);
        }
        if (findings.isEmpty()) {
            return findings;
        }
        String value = fixed.toString().replaceAll("[,|]+$", "");
        String hint = bad || value.isEmpty() ? set(settings, "GOPROXY", DEFAULT_GOPROXY, windows)
                : set(settings, "GOPROXY", value, windows);
        findings.set(findings.size() - 1, findings.get(findings.size() - 1).withHint(hint));
        return findings;
    }

    private static CheckResult finding(CheckStatus status, String summary, List<String> hints) {
        return CheckResult.of(status, summary).withHints(hints);
    }

    private static String toolchainMeaning(String toolchain) {
        if (toolchain.equals("local")) {
            return "go never downloads another toolchain";
        }
        if (toolchain.equals("path") || toolchain.endsWith("+path")) {
            return "go switches to a newer toolchain a go.mod asks for only when it is on PATH";
        }
        if (toolchain.equals("auto") || toolchain.endsWith("+auto")) {
            return "go downloads the newer toolchain a go.mod or go.work asks for (checked against the checksum database)";
        }
        return "every go command runs " + toolchain;
    }

    /** The command that sets a variable where it is set now: the environment or Go's env file. */
    private static String set(GoSettings settings, String name, String value, boolean windows) {
        if (settings.origin(name) == GoSettings.Origin.ENVIRONMENT) {
            return Hints.set(name, value, windows);
        }
        return "go env -w " + name + "=" + value;
    }
}
