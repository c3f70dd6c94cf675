package dev.gosetup.core.doctor.checklist;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.http.NoAnswerException;
import dev.gosetup.core.http.ProbeRequest;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.doctor.checks.ContextGo;
import dev.gosetup.core.doctor.checks.DoctorHttp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code http:} probe of a checklist: a request to a URL must answer with the expected status
 * (200 by default), a body that contains a text and/or matches a regular expression, within a
 * maximum latency. FAIL on no answer, another status, another body, or too slow.
 *
 * <p>Every request the doctor sends goes through {@link DoctorHttp#exchange}: the downloader's one exchange
 * ({@link HttpDownloader#probe(ProbeRequest, dev.gosetup.api.CancellationToken)}) with its redirect
 * rules, proxies from the context's environment (loopback direct), one deadline for the whole
 * exchange, a 1 MiB body cap, and the latency of the faster of two exchanges, so that the HTTP
 * client's start-up in a fresh JVM is not taken for the server's latency.
 */
final class HttpProbe extends Probe {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    record Spec(URI url, String method, int status, Optional<String> bodyContains, Optional<Pattern> bodyMatches,
            Optional<Duration> maxLatency, Map<String, String> headers) {
        Spec {
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("url must be an http:// or https:// URL with a host, got \"" + url + "\"");
            }
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP status (100-599), got " + status);
            }
            headers = Map.copyOf(headers);
        }
    }

    private final Spec spec;

    HttpProbe(String id, Optional<String> title, Optional<String> category, Duration timeout, Spec spec) {
        super(id, title.orElse("HTTP " + spec.method() + " " + spec.url()), category.orElse("services"),
                List.of(), timeout);
        this.spec = spec;
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        if (offHost(context, spec.url().getHost())) {
            return CheckResult.skip("offline: " + spec.url() + " was not contacted");
        }
        String what = spec.method() + " " + spec.url();
        HttpDownloader.ProbeAnswer exchanged;
        try {
            exchanged = DoctorHttp.exchange(context, ProbeRequest.get(spec.url(), probeTimeout).withMethod(spec.method())
                    .withHeaders(spec.headers()));
        } catch (NoAnswerException e) {
            return CheckResult.fail(DoctorHttp.noAnswer(e, spec.url(), probeTimeout)).withDetail("request", what)
                    .withHint("check that the service runs and listens on " + spec.url().getHost()
                            + (spec.url().getPort() > 0 ? ":" + spec.url().getPort() : ""));
        } catch (dev.gosetup.api.CancelledException e) {
            throw e;
        } catch (GoSetupException e) {
            CheckResult failed = CheckResult.fail(e.getMessage()).withDetail("request", what);
            for (String hint : e.resolutions()) {
                failed = failed.withHint(hint);
            }
            return failed;
        }
        DoctorHttp.Answer answer = new DoctorHttp.Answer(exchanged);
        String latency = Durations.human(answer.latency());
        CheckResult r = CheckResult.pass(what + " answered " + answer.status() + " in " + latency)
                .withDetail("status", answer.status()).withDetail("latency", latency);
        if (answer.status() != spec.status()) {
            return r.withStatus(CheckStatus.FAIL, what + " answered " + answer.status() + ", expected "
                    + spec.status()).withDetail("body", ContextGo.firstLine(answer.body()));
        }
        if (spec.bodyContains().isPresent() && !answer.body().contains(spec.bodyContains().get())) {
            return r.withStatus(CheckStatus.FAIL, what + " answered " + answer.status()
                    + " but the body does not contain \"" + spec.bodyContains().get() + "\"")
                    .withDetail("body", ContextGo.firstLine(answer.body()));
        }
        if (spec.bodyMatches().isPresent() && !spec.bodyMatches().get().matcher(answer.body()).find()) {
            return r.withStatus(CheckStatus.FAIL, what + " answered " + answer.status()
                    + " but the body does not match /" + spec.bodyMatches().get() + "/")
                    .withDetail("body", ContextGo.firstLine(answer.body()));
        }
        if (spec.maxLatency().isPresent() && answer.latency().compareTo(spec.maxLatency().get()) > 0) {
            return r.withStatus(CheckStatus.FAIL, what + " answered in " + latency
                    + ", more than the maximum " + Durations.human(spec.maxLatency().get()));
        }
        return r;
    }
}
