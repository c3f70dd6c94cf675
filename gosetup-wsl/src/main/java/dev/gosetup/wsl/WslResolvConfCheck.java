package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.Failures;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code wsl-resolv-conf}: inside WSL with {@code [network] generateResolvConf = false} (WSL no
 * longer writes {@code /etc/resolv.conf}, which by default names the Windows host's DNS proxy),
 * whether the hand-written {@code /etc/resolv.conf} names a DNS server that answers. Each
 * {@code nameserver} gets one DNS query (the root's NS record) over UDP and the parameter
 * {@code timeout} (default 2s) to answer; no traffic goes anywhere but to the addresses in the file.
 *
 * <p>SKIP when WSL generates the file or when offline; PASS when a server answers; FAIL when the
 * file names none or none answers (then nothing resolves in the distribution).
 */
public final class WslResolvConfCheck extends WslCheck {
    /** The id of this check. */
    public static final String ID = "wsl-resolv-conf";
    private static final Pattern NAMESERVER = Pattern.compile("\\s*nameserver\\s+(\\S+).*");
    private final int port;

    /** Creates the check for this system. */
    public WslResolvConfCheck() {
        this(Path.of("/"), 53);
    }

    WslResolvConfCheck(Path root, int port) {
        super(ID, "WSL: hand-written resolv.conf", Set.of("timeout"), root);
        this.port = port;
    }

    @Override
    CheckResult check(WslInfo wsl, CheckContext context) {
        if (wsl.wslConfFlag("network", "generateResolvConf", true)) {
            return CheckResult.skip("WSL writes /etc/resolv.conf itself (generateResolvConf is not false)");
        }
        Duration timeout = context.durationParameter("timeout", Duration.ofSeconds(2));
        Optional<String> text = WslInfo.read(root, "etc/resolv.conf");
        List<String> servers = new ArrayList<>();
        text.ifPresent(t -> t.lines().map(NAMESERVER::matcher).filter(java.util.regex.Matcher::matches)
                .forEach(m -> servers.add(m.group(1))));
        String fix = "either name a DNS server that answers in /etc/resolv.conf (e.g. your network's), or let WSL "
                + "write it again: gosetup wsl config --set network.generateResolvConf=true, then `wsl.exe --shutdown`";
        if (servers.isEmpty()) {
            return CheckResult.fail("generateResolvConf = false and /etc/resolv.conf " + (text.isEmpty()
                    ? "does not exist" : "names no nameserver") + ": no name resolves in this distribution")
                    .withHint(fix);
        }
        if (context.offline()) {
            return CheckResult.skip("offline: the nameservers " + String.join(", ", servers) + " were not asked");
        }
        CheckResult r = CheckResult.pass("generateResolvConf = false, and a nameserver of /etc/resolv.conf answers");
        boolean answered = false;
        for (String server : servers) {
            String outcome = ask(server, timeout);
            r = r.withDetail("nameserver " + Text.escape(server), outcome);
            answered |= outcome.startsWith("answered");
        }
        return answered ? r : r.withStatus(dev.gosetup.api.CheckStatus.FAIL, "generateResolvConf = false and no "
                + "nameserver of /etc/resolv.conf (" + Text.escape(String.join(", ", servers)) + ") answered within "
                + Durations.human(timeout) + ": names do not resolve").withHint(fix);
    }

    /** Sends one DNS query to a server named by address (never a name: that would need DNS). */
    private String ask(String server, Duration timeout) {
        InetAddress address;
        try {
            if (!server.matches("[0-9.]+|[0-9A-Fa-f:]+(%\\S+)?")) {
                return "not an IP address";
            }
            address = InetAddress.getByName(server);
        } catch (UnknownHostException e) {
            return "not an IP address";
        }
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        ByteBuffer q = ByteBuffer.allocate(17);
        q.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).put((byte) 0).putShort((short) 2).putShort((short) 1);
        long start = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(address, port));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.send(new DatagramPacket(q.array(), q.capacity()));
            byte[] buffer = new byte[512];
            long deadline = start + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                socket.receive(answer);
                if (answer.getLength() >= 12 && ((buffer[0] & 0xff) << 8 | (buffer[1] & 0xff)) == id) {
                    return "answered in " + Durations.human(Duration.ofNanos(System.nanoTime() - start));
                }
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            return "no answer within " + Durations.human(timeout);
        } catch (SocketTimeoutException e) {
            return "no answer within " + Durations.human(timeout);
        } catch (IOException e) {
            return "unreachable: " + Failures.oneLine(e);
        }
    }
}
