package dev.gosetup.core.proxy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.http.HttpDownloader;
import dev.gosetup.core.http.ProbeRequest;
import dev.gosetup.core.internal.ModulePath;
import dev.gosetup.core.internal.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures module proxies with real requests: each candidate is asked for
 * {@code <proxy>/<module>/@v/list} (module path case-encoded as the go command does), all at once,
 * each within a timeout; a proxy is healthy when it answers 200 with something that is not an
 * HTML page. {@link #probe} ranks them and names the fastest healthy one.
 *
 * <p>Requests go through an {@link HttpDownloader} (so {@code HTTPS_PROXY}/{@code NO_PROXY} and the
 * rules on plain http apply) with one attempt each. Thread-safe; each call blocks until every
 * candidate has answered or timed out, a little longer than the timeout at most.
 */
public final class ProxyProbe {
    /** The module asked for by default: small, and on every public proxy. */
    public static final String DEFAULT_MODULE = "golang.org/x/text";
    /** The per-proxy timeout by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(ProxyProbe.class.getName());
    private static final int MAX_THREADS = 8;

    private final HttpDownloader http;

    private ProxyProbe(HttpDownloader http) {
        this.http = http;
    }

    /**
     * Creates a probe that sends its requests through a downloader (its proxies and http rules).
     *
     * @param http the downloader; its retries are not used
     * @return the probe
     */
    public static ProxyProbe using(HttpDownloader http) {
        return new ProxyProbe(Objects.requireNonNull(http, "http"));
    }

    /**
     * Probes every candidate in parallel and ranks them.
     *
     * @param proxies the proxy URLs (as in GOPROXY: {@code https://goproxy.cn}, {@code goproxy.cn}); not empty
     * @param module the module whose version list to ask for, e.g. {@value #DEFAULT_MODULE}
     * @param timeout how long each proxy may take
     * @param cancel cancels the probe
     * @return one measurement per candidate, ranked
     * @throws InvalidConfigurationException naming a candidate that is not a proxy URL, or a
     *     module path that is not valid
     * @throws CancelledException when cancelled or interrupted
     */
    public ProbeReport probe(List<String> proxies, String module, Duration timeout, CancellationToken cancel) {
        if (proxies.isEmpty()) {
            throw new InvalidConfigurationException("no module proxy to probe",
                    List.of("name one or more proxy URLs, e.g. https://proxy.golang.org"));
        }
        String escaped = ModulePath.escapePath(module);
        List<URI> requests = new ArrayList<>();
        for (String proxy : proxies) {
            GoProxyList list = GoProxyList.parse(proxy);
            if (list.entries().size() != 1 || list.first().kind() != GoProxyList.Kind.PROXY) {
                throw new InvalidConfigurationException("\"" + proxy + "\" is not one proxy URL",
                        List.of("probe proxies one URL at a time; direct and off are not proxies"));
            }
            String base = list.first().url();
            URI request = URI.create((base.endsWith("/") ? base : base + "/") + escaped + "/@v/list");
            http.checkAllowed(request);
            requests.add(request);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_THREADS, proxies.size()), r -> {
            Thread t = new Thread(r, "gosetup-proxy-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ProxyMeasurement>> futures = new ArrayList<>();
            for (int i = 0; i < proxies.size(); i++) {
                String proxy = proxies.get(i);
                URI request = requests.get(i);
                futures.add(pool.submit(() -> measure(proxy, request, timeout, cancel)));
            }
            List<ProxyMeasurement> results = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(2);
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), proxies.get(i), requests.get(i), timeout, deadline, cancel));
            }
            List<ProxyMeasurement> ranked = new ArrayList<>(results);
            ranked.sort(Comparator.comparingInt(ProxyProbe::rank)
                    .thenComparing(m -> m.latency().orElse(Duration.ZERO)));
            ProbeReport report = new ProbeReport(module, ranked);
            LOG.log(System.Logger.Level.DEBUG, () -> "probed " + proxies.size() + " proxies: "
                    + ranked.stream().map(ProxyMeasurement::describe).toList());
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int rank(ProxyMeasurement m) {
        return m.healthy() ? 0 : m.status().isPresent() ? 1 : 2;
    }

    private ProxyMeasurement await(Future<ProxyMeasurement> future, String proxy, URI request, Duration timeout,
            long deadline, CancellationToken cancel) {
        try {
            while (true) {
                if (cancel.isCancelled()) {
                    throw new CancelledException("probing the module proxies was cancelled", List.of());
                }
                try {
                    return future.get(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - deadline > 0) {
                        future.cancel(true);
                        return failed(proxy, request, Optional.empty(), "did not answer within " + Durations.human(timeout));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("probing the module proxies was interrupted", List.of());
        } catch (ExecutionException e) {
            return failed(proxy, request, Optional.empty(), String.valueOf(e.getCause()));
        }
    }

    private ProxyMeasurement measure(String proxy, URI request, Duration timeout, CancellationToken cancel) {
        try {
            HttpDownloader.ProbeAnswer answer = http.probe(ProbeRequest.get(request, timeout).withMaxBody(4096), cancel);
            String body = answer.bodyText();
            if (answer.status() != 200) {
                return new ProxyMeasurement(proxy, request, Optional.of(answer.status()), Optional.of(answer.latency()),
                        Optional.of("HTTP " + answer.status() + (answer.status() == 404 || answer.status() == 410
                                ? " (the proxy does not have " + request.getPath() + ")" : "")
                                + " in " + Durations.human(answer.latency())), false);
            }
            if (body.stripLeading().startsWith("<")) {
                return new ProxyMeasurement(proxy, request, Optional.of(200), Optional.of(answer.latency()),
                        Optional.of("answered an HTML page, not a version list (a login page or a web site?)"), false);
            }
            return new ProxyMeasurement(proxy, request, Optional.of(200), Optional.of(answer.latency()),
                    Optional.empty(), true);
        } catch (CancelledException e) {
            return failed(proxy, request, Optional.empty(), "cancelled");
        } catch (GoSetupException e) {
            return failed(proxy, request, Optional.empty(), e.getMessage());
        }
    }

    private static ProxyMeasurement failed(String proxy, URI request, Optional<Integer> status, String error) {
        return new ProxyMeasurement(proxy, request, status, Optional.empty(), Optional.of(error), false);
    }
}
