package dev.gosetup.core.doctor.checklist;

import dev.gosetup.api.CheckContext;
import dev.gosetup.core.doctor.checks.BuiltInCheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the generic probes of a checklist share: the id, title and category the checklist gives
 * them (held by {@link BuiltInCheck}), and their own timeout, which the runner's timeout exceeds
 * by a grace period so that a probe reports its own, more precise, failure first.
 */
abstract class Probe extends BuiltInCheck {
    static final Duration GRACE = Duration.ofSeconds(5);

    final Duration probeTimeout;

    /** A probe's settings come under its own key in the checklist, so it takes no parameters. */
    Probe(String id, String title, String category, List<String> prerequisites, Duration probeTimeout) {
        super(id, title, category, prerequisites, Set.of());
        this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    }

    @Override
    public final Duration timeout() {
        return probeTimeout.plus(GRACE);
    }

    /** Offline runs stay on this machine: a probe of another host is skipped. */
    static boolean offHost(CheckContext context, String host) {
        if (!context.offline()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return !address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
