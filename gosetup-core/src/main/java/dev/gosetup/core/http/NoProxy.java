package dev.gosetup.core.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts of a {@code NO_PROXY} list, matched the way Go's {@code golang.org/x/net/http/httpproxy} matches them:
 * comma-separated entries, case-insensitive, surrounding spaces ignored;
 * <ul>
 *   <li>{@code *} (anywhere in the list) matches every host;</li>
 *   <li>{@code example.com} matches {@code example.com} and every subdomain such as {@code dl.example.com};</li>
 *   <li>{@code .example.com} and {@code *.example.com} match subdomains only, not {@code example.com} itself;</li>
 *   <li>an IP address ({@code 10.1.2.3}, {@code ::1}, {@code [::1]}) matches that address written as the URL's host
 *       (names are never resolved); a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}) every address in it;</li>
 *   <li>any entry but a CIDR block may end in {@code :port}, and then matches only URLs to that port (the
 *       scheme's default port counts: 443 for https, 80 for http).</li>
 * </ul>
 * Malformed entries are ignored, as Go does. Immutable and thread-safe.
 */
final class NoProxy {

    private final List<String> entries;
    private final boolean all;
    private final List<Cidr> cidrs;
    private final List<IpEntry> ips;
    private final List<DomainEntry> domains;

    private NoProxy(List<String> entries, boolean all, List<Cidr> cidrs, List<IpEntry> ips,
            List<DomainEntry> domains) {
        this.entries = List.copyOf(entries);
        this.all = all;
        this.cidrs = List.copyOf(cidrs);
        this.ips = List.copyOf(ips);
        this.domains = List.copyOf(domains);
    }

    static NoProxy parse(String value) {
        List<String> entries = new ArrayList<>();
        List<Cidr> cidrs = new ArrayList<>();
        List<IpEntry> ips = new ArrayList<>();
        List<DomainEntry> domains = new ArrayList<>();
        boolean all = false;
        for (String raw : value.split(",")) {
            String p = raw.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            entries.add(p);
            if (p.equals("*")) {
                all = true;
                continue;
            }
            Optional<Cidr> cidr = Cidr.parse(p);
            if (cidr.isPresent()) {
                cidrs.add(cidr.get());
                continue;
            }
            String host = p;
            int port = -1;
            int colon = p.lastIndexOf(':');
            int bracket = p.lastIndexOf(']');
            boolean bareIpv6 = p.indexOf(':') != colon && !p.startsWith("[");
            if (colon > bracket && !bareIpv6) {
                try {
                    port = Integer.parseInt(p.substring(colon + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                host = p.substring(0, colon);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                continue;
            }
            Optional<InetAddress> ip = Urls.literalAddress(host);
            if (ip.isPresent()) {
                ips.add(new IpEntry(ip.get(), port));
                continue;
            }
            if (host.startsWith("*.")) {
                host = host.substring(1);
            }
            boolean matchesItself = !host.startsWith(".");
            String suffix = matchesItself ? "." + host : host;
            if (suffix.length() > 1) {
                domains.add(new DomainEntry(suffix, matchesItself, port));
            }
        }
        return new NoProxy(entries, all, cidrs, ips, domains);
    }

    static NoProxy none() {
        return new NoProxy(List.of(), false, List.of(), List.of(), List.of());
    }

    /** The entries as written (trimmed, lower-cased), for display. */
    List<String> entries() {
        return entries;
    }

    /**
     * Whether a URL to this host and port goes direct.
     *
     * @param host the URL's host as written (an IPv6 literal with or without brackets)
     * @param port the effective port, -1 when unknown (then entries with a port never match)
     */
    boolean matches(String host, int port) {
        if (all) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        Optional<InetAddress> ip = Urls.literalAddress(h);
        if (ip.isPresent()) {
            for (Cidr cidr : cidrs) {
                if (cidr.contains(ip.get())) {
                    return true;
                }
            }
            for (IpEntry entry : ips) {
                if (entry.address().equals(ip.get()) && (entry.port() < 0 || entry.port() == port)) {
                    return true;
                }
            }
        }
        for (DomainEntry entry : domains) {
            boolean hostMatches = h.endsWith(entry.suffix())
                    || (entry.matchesItself() && h.equals(entry.suffix().substring(1)));
            if (hostMatches && (entry.port() < 0 || entry.port() == port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }

    private record IpEntry(InetAddress address, int port) {
    }

    /** {@code suffix} starts with a dot; {@code matchesItself} also matches the suffix without its dot. */
    private record DomainEntry(String suffix, boolean matchesItself, int port) {
    }

    private record Cidr(byte[] network, int prefix) {
        static Optional<Cidr> parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            Optional<InetAddress> address = Urls.literalAddress(text.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes = address.get().getAddress();
            int prefix;
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new Cidr(bytes, prefix));
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((candidate[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
