package dev.gosetup.core.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of probing module proxies: every measurement, best first.
 *
 * @param module the module whose version list was asked for
 * @param ranked the measurements: healthy proxies by latency, then the ones that answered with
 *     another status by latency, then the ones that did not answer, in the order given
 */
public record ProbeReport(String module, List<ProxyMeasurement> ranked) {

    /** Copies the components. */
    public ProbeReport {
        Objects.requireNonNull(module, "module");
        ranked = List.copyOf(ranked);
    }

    /**
     * Returns the fastest healthy proxy.
     *
     * @return its measurement, or empty when none is healthy
     */
    public Optional<ProxyMeasurement> fastest() {
        return ranked.stream().filter(ProxyMeasurement::healthy).findFirst();
    }
}
