package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.http.NoAnswerException;
import dev.gosetup.core.http.ProbeRequest;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.proxy.GoProxyList;
import dev.gosetup.core.doctor.DoctorRunner;

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
 * {@code golang.org/x/mod}): a version list (lines of {@code vX.Y.Z}, possibly none) or a 404 or
 * 410 (how proxies say "not here") means the proxy works. 401 and 403 FAIL with the
 * authentication hint (go sends credentials from {@code .netrc} or, from Go 1.24, {@code GOAUTH});
 * an HTML page or any other body that is not a version list FAILs as a captive portal or a proxy's
 * login page; a redirect to another host is named in the summary. A {@code file://} proxy must be
 * an existing directory.
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
            DoctorHttp.Answer answer = new DoctorHttp.Answer(DoctorHttp.exchange(context, ProbeRequest.get(probe, timeout)));
            CheckResult r = CheckResult.pass(first + " answered " + answer.status() + " in "
                    + Durations.human(answer.latency()))
                    .withDetail("GOPROXY", goproxy).withDetail("GOPROXY source", source).withDetail("request", probe);
            if (!answer.uri().getHost().equalsIgnoreCase(probe.getHost())) {
                r = r.withStatus(r.status(), first + " answered " + answer.status() + " in " + Durations.human(answer.latency())
                        + ", redirected to another host: " + answer.uri().getHost())
                        .withDetail("redirected to", answer.uri());
            }
            if (answer.status() >= 500) {
                return r.withStatus(unreachable, first + " answered " + answer.status() + ": the proxy is failing")
                        .withHint(fallbackHint(unreachable, rest, first));
            }
            if (answer.status() == 401 || answer.status() == 403) {
                return r.withStatus(CheckStatus.FAIL, first + " answered " + answer.status()
                        + (answer.status() == 401 ? " (unauthorized)" : " (forbidden)")
                        + ": the proxy wants credentials go does not send")
                        .withHint("give go the credentials: a machine " + probe.getHost() + " login ... password ... "
                                + "line in ~/.netrc (_netrc on Windows), or GOAUTH (Go 1.24+), e.g. GOAUTH=netrc")
                        .withHint("or check that the proxy URL in GOPROXY is the one your organisation gave you");
            }
            if (answer.status() == 200 && !isVersionList(answer)) {
                boolean html = answer.contentType().toLowerCase(java.util.Locale.ROOT).contains("html")
                        || answer.body().stripLeading().startsWith("<");
                return r.withStatus(CheckStatus.FAIL, first + " answered 200 with "
                        + (html ? "an HTML page" : "a body that is not a module version list")
                        + " for " + module + ": a captive portal, a proxy login page or another service answers "
                        + "instead of a module proxy")
                        .withDetail("content type", answer.contentType().isEmpty() ? "(none)" : answer.contentType())
                        .withDetail("body", ContextGo.firstLine(answer.body()))
                        .withHint("open " + probe + " in a browser: log in to the network or proxy if it asks")
                        .withHint("check GOPROXY: it must name a module proxy, e.g. " + GO_DEFAULT);
            }
            return r;
        } catch (NoAnswerException e) {
            return CheckResult.of(unreachable, DoctorHttp.noAnswer(e, probe, timeout))
                    .withDetail("GOPROXY", goproxy).withDetail("GOPROXY source", source).withDetail("request", probe)
                    .withHint(fallbackHint(unreachable, rest, first))
                    .withHint("check the network and HTTPS_PROXY, or find a proxy that answers: gosetup proxy probe, "
                            + "then gosetup proxy set PRESET (default, china, corporate --url URL)");
        } catch (dev.gosetup.api.CancelledException e) {
            throw e;
        } catch (GoSetupException e) {
            // A refused redirect (to another host's plain http, a loop, file:), a TLS failure, unusable proxy settings.
            CheckResult failed = CheckResult.of(unreachable, first + ": " + e.getMessage())
                    .withDetail("GOPROXY", goproxy).withDetail("GOPROXY source", source).withDetail("request", probe);
            for (String hint : e.resolutions()) {
                failed = failed.withHint(hint);
            }
            return failed;
        }
    }

    /** A module proxy's answer to {@code @v/list}: one version per line, or nothing. */
    private static boolean isVersionList(DoctorHttp.Answer answer) {
        return answer.body().lines().map(String::strip).filter(l -> !l.isEmpty())
                .allMatch(l -> l.matches("v\\d+\\.\\d+\\.\\d+[-+.0-9A-Za-z]*"));
    }

    private static String fallbackHint(CheckStatus status, String rest, String first) {
        return status == CheckStatus.WARN
                ? "go falls back to " + rest + " (after |, on any error), so downloads still work, more slowly"
                : "go will not fall back past " + first + " on a network error: fix it, or separate entries with | "
                        + "to fall back on any error";
    }
}
