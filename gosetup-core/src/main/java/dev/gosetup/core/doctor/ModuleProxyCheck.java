package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.proxy.GoProxyList;

import java.util.List;
import java.util.Set;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code module-proxy}: the first entry of {@code GOPROXY} answers, within a short timeout.
 *
 * <p>{@code GOPROXY} comes from {@code go env -json GOPROXY} (so the go command's own defaults count), or, when go cannot be run, from the environment, else Go's default
 * {@value #GO_DEFAULT}. The check asks the proxy for a module's version list
 * ({@code <proxy>/<module>/@v/list}, the module being the parameter {@code module}, default
 * {@code golang.org/x/mod}): any HTTP answer below 500 means the proxy is reachable (404 and 410
 * are how proxies say "not here"). A {@code file://} proxy must be an existing directory.
 *
 * <p>SKIP when offline, or when the first entry is {@code off} or {@code direct}. FAIL when the
 * proxy does not answer (parameter {@code timeout}, default 5s), refuses the connection, or
 * answers 5xx; only WARN when the entry is followed by {@code |}, because go then falls back to
 * the next entry on any error (after {@code ,} it falls back only on 404 and 410). {@code GOPROXY}
 * is read by {@link GoProxyList}, as the go command reads it (a scheme-less entry means https); a
 * malformed value FAILs naming the entry.
 */
public final class ModuleProxyCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "module-proxy";
    static final String GO_DEFAULT = GoProxyList.GO_DEFAULT;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Function<CheckContext, Map<String, String>> goEnv;

    /** Creates the check reading {@code go env -json} of the context's go. */
    public ModuleProxyCheck() {
        this(context -> ContextGo.locate(context).goEnv("GOPROXY"));
    }

    /** For tests of the network side: GOPROXY values without running go. */
    ModuleProxyCheck(Function<CheckContext, Map<String, String>> goEnv) {
        super(ID, "Module proxy", "network", List.of(), Set.of("module", "timeout"));
        this.goEnv = Objects.requireNonNull(goEnv, "goEnv");
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        String goproxy;
        String source;
        try {
            Map<String, String> env = goEnv.apply(context);
            goproxy = env.getOrDefault("GOPROXY", "");
            source = "go env";
        } catch (GoSetupException e) {
            String set = context.processEnvironment().getOrDefault("GOPROXY", "");
            goproxy = set.isEmpty() ? GO_DEFAULT : set;
            source = (set.isEmpty() ? "Go's default" : "the environment") + " (go env failed: " + e.getMessage() + ")";
        }
        if (goproxy.isBlank()) {
            return CheckResult.warn("GOPROXY is empty, so go fetches every module from its origin")
                    .withDetail("GOPROXY source", source)
                    .withHint("go env -w GOPROXY=" + GO_DEFAULT);
        }
        GoProxyList list;
        try {
            list = GoProxyList.parse(goproxy);
        } catch (InvalidConfigurationException e) {
            return CheckResult.fail(e.getMessage()).withDetail("GOPROXY", goproxy)
                    .withDetail("GOPROXY source", source)
                    .withHint(e.resolutions().isEmpty() ? "go env -w GOPROXY=" + GO_DEFAULT : e.resolutions().get(0));
        }
        GoProxyList.Entry head = list.first();
        String first = head.url();
        boolean fallsBackOnAnyError = head.fallBackOnError();
        String rest = list.join(1);
        if (head.kind() == GoProxyList.Kind.OFF) {
            return CheckResult.skip("GOPROXY=off: go downloads no modules at all").withDetail("GOPROXY", goproxy);
        }
        if (head.kind() == GoProxyList.Kind.DIRECT) {
            return CheckResult.skip("GOPROXY starts with direct: modules come from their origin servers, not a proxy")
                    .withDetail("GOPROXY", goproxy);
        }
        if (context.offline()) {
            return CheckResult.skip("offline: " + first + " was not contacted").withDetail("GOPROXY", goproxy);
        }
        URI base = head.uri();
        if (base.getScheme().equals("file")) {
            Path dir = Path.of(base);
            return Files.isDirectory(dir) ? CheckResult.pass("the file proxy " + dir + " exists")
                    : CheckResult.fail("the file proxy " + dir + " is not a directory").withDetail("GOPROXY", goproxy)
                            .withHint("create it, or fix GOPROXY: go env -w GOPROXY=...");
        }
        String module = context.parameter("module").orElse("golang.org/x/mod");
        Duration timeout = context.durationParameter("timeout", DEFAULT_TIMEOUT);
        String prefix = first.endsWith("/") ? first : first + "/";
        URI probe = URI.create(prefix + module + "/@v/list");
        CheckStatus unreachable = fallsBackOnAnyError && !rest.isEmpty() ? CheckStatus.WARN : CheckStatus.FAIL;
        try {
            Http.Answer answer = Http.exchange(context, probe, "GET", Map.of(), timeout);
            CheckResult r = CheckResult.pass(first + " answered " + answer.status() + " in "
                    + DoctorRunner.human(answer.latency()))
                    .withDetail("GOPROXY", goproxy).withDetail("GOPROXY source", source).withDetail("request", probe);
            if (answer.status() >= 500) {
                return r.withStatus(unreachable, first + " answered " + answer.status() + ": the proxy is failing")
                        .withHint(fallbackHint(unreachable, rest, first));
            }
            return r;
        } catch (Http.NoAnswer e) {
            return CheckResult.of(unreachable, e.getMessage())
                    .withDetail("GOPROXY", goproxy).withDetail("GOPROXY source", source).withDetail("request", probe)
                    .withHint(fallbackHint(unreachable, rest, first))
                    .withHint("check the network and HTTPS_PROXY, or find a proxy that answers: gosetup proxy probe, "
                            + "then gosetup proxy set PRESET (default, china, corporate --url URL)");
        }
    }

    private static String fallbackHint(CheckStatus status, String rest, String first) {
        return status == CheckStatus.WARN
                ? "go falls back to " + rest + " (after |, on any error), so downloads still work, more slowly"
                : "go will not fall back past " + first + " on a network error: fix it, or separate entries with | "
                        + "to fall back on any error";
    }
}
