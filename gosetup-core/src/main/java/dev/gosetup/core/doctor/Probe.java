package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.spi.AbstractReadinessCheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the generic probes of a checklist share: the id, title and category the checklist gives
 * them, and their own timeout, which the runner's timeout exceeds by a grace period so that a
 * probe reports its own, more precise, failure first.
 */
abstract class Probe extends AbstractReadinessCheck {
    static final Duration GRACE = Duration.ofSeconds(5);

    private final String id;
    private final String title;
    private final String category;
    final Duration probeTimeout;

    Probe(String id, String title, String category, Duration probeTimeout) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.category = Objects.requireNonNull(category, "category");
        this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String category() {
        return category;
    }

    @Override
    public List<String> prerequisites() {
        return List.of();
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
