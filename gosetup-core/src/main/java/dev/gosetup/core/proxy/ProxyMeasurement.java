package dev.gosetup.core.proxy;

import dev.gosetup.core.internal.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What probing one module proxy measured.
 *
 * @param proxy the proxy URL as given
 * @param request the URL asked for: {@code <proxy>/<module>/@v/list}
 * @param status the HTTP status, empty when no response came
 * @param latency the time to the response headers, empty when no response came
 * @param error why the proxy is not healthy (a status, a timeout, a refused connection), empty when it is
 * @param healthy true when it answered 200 with a version list
 */
public record ProxyMeasurement(String proxy, URI request, Optional<Integer> status, Optional<Duration> latency,
        Optional<String> error, boolean healthy) {

    /** Validates the components. */
    public ProxyMeasurement {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(error, "error");
        if (healthy == error.isPresent()) {
            throw new IllegalArgumentException("a measurement is healthy exactly when it has no error");
        }
    }

    /**
     * Describes the measurement in one line.
     *
     * @return e.g. {@code "https://goproxy.cn: HTTP 200 in 84ms"} or {@code "http://x: did not answer within 3s"}
     */
    public String describe() {
        String answer = status.map(s -> "HTTP " + s).orElse("no answer")
                + latency.map(l -> " in " + Durations.human(l)).orElse("");
        return proxy + ": " + (healthy ? answer : error.orElse(answer));
    }
}
