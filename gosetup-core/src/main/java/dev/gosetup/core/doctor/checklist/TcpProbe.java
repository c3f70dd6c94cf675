package dev.gosetup.core.doctor.checklist;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.Failures;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tcp:} probe of a checklist: a TCP connection to a host and port must be accepted
 * within the timeout. FAIL when refused, unknown, or not accepted in time.
 */
final class TcpProbe extends Probe {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    record Spec(String host, int port) {
        Spec {
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
            }
        }
    }

    private final Spec spec;

    TcpProbe(String id, Optional<String> title, Optional<String> category, Duration timeout, Spec spec) {
        super(id, title.orElse("TCP " + spec.host() + ":" + spec.port()), category.orElse("services"),
                List.of(), timeout);
        this.spec = spec;
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        String where = spec.host() + ":" + spec.port();
        if (offHost(context, spec.host())) {
            return CheckResult.skip("offline: " + where + " was not contacted");
        }
        long t0 = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(spec.host(), spec.port()), (int) Math.min(Integer.MAX_VALUE,
                    probeTimeout.toMillis()));
            return CheckResult.pass("connected to " + where + " in "
                    + Durations.human(Duration.ofNanos(System.nanoTime() - t0)))
                    .withDetail("address", socket.getRemoteSocketAddress());
        } catch (SocketTimeoutException e) {
            return CheckResult.fail(where + " did not accept a connection within " + Durations.human(probeTimeout))
                    .withHint("check that the service runs, and that no firewall drops the connection");
        } catch (UnknownHostException e) {
            return CheckResult.fail("the host " + spec.host() + " is unknown").withHint("check the host name and DNS");
        } catch (IOException e) {
            return CheckResult.fail("cannot connect to " + where + ": " + Failures.oneLine(e))
                    .withHint("check that the service runs and listens on " + where);
        }
    }
}
