package dev.gosetup.wsl;

import dev.gosetup.api.InvalidConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans how a server in WSL 2 is reached from Windows and from the network. Nothing here runs a
 * command: the plan's commands are for a person to run in an elevated Windows shell.
 *
 * <ul>
 *   <li>From Windows itself nothing is needed: with {@code networkingMode=nat} (the default)
 *       {@code localhostForwarding} (on by default) makes {@code localhost:PORT} on Windows reach a
 *       server listening in WSL; with {@code mirrored} WSL shares Windows' addresses. No port proxy.</li>
 *   <li>From other machines (LAN), in NAT mode: a {@code netsh interface portproxy} rule from
 *       Windows' port to the WSL VM's address (which changes at every WSL start, so the rule must be
 *       redone), plus a Windows firewall rule; the server must listen on {@code 0.0.0.0}.</li>
 *   <li>From other machines in mirrored mode: no proxy, but a Hyper-V firewall rule that lets the
 *       port in (WSL's VM creator id {@value #WSL_VM_CREATOR}).</li>
 * </ul>
 */
public final class PortForwarding {
    /** The Hyper-V firewall VM creator id of WSL. */
    public static final String WSL_VM_CREATOR = "{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}";

    private PortForwarding() {
    }

    /**
     * A plan: what to know, and the commands (empty when none are needed).
     *
     * @param explanation sentences for a person
     * @param commands commands for an elevated Windows shell, in order
     */
    public record Plan(List<String> explanation, List<String> commands) {
        /** Copies the lists. */
        public Plan {
            explanation = List.copyOf(explanation);
            commands = List.copyOf(commands);
        }
    }

    /**
     * Plans access to a port of a server in WSL 2.
     *
     * @param port the TCP port the server listens on, 1..65535
     * @param networkingMode {@code nat} or {@code mirrored} ({@code .wslconfig [wsl2] networkingMode})
     * @param lan whether other machines must reach it (otherwise only Windows itself)
     * @param wslAddress the WSL VM's IPv4 address (e.g. from {@code hostname -I} inside WSL); needed
     *     for a NAT LAN plan only
     * @return the plan
     * @throws InvalidConfigurationException naming the input when the port or mode is invalid, or a
     *     NAT LAN plan has no valid address
     */
    public static Plan plan(int port, String networkingMode, boolean lan, Optional<String> wslAddress) {
        if (port < 1 || port > 65535) {
            throw new InvalidConfigurationException("the port " + port + " is not between 1 and 65535",
                    List.of("give the TCP port the server listens on"));
        }
        String mode = Objects.requireNonNull(networkingMode, "networkingMode").toLowerCase(Locale.ROOT);
        if (!mode.equals("nat") && !mode.equals("mirrored")) {
            throw new InvalidConfigurationException("networking mode \"" + Text.escape(networkingMode)
                    + "\" is not planned for", List.of("use nat (the default) or mirrored"));
        }
        List<String> explain = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (mode.equals("nat")) {
            explain.add("From Windows: open http://localhost:" + port + " - localhostForwarding (on unless "
                    + ".wslconfig says localhostForwarding=false) forwards it to WSL; no port proxy is needed.");
        } else {
            explain.add("From Windows: open http://localhost:" + port + " - mirrored networking shares Windows' "
                    + "addresses with WSL; no port proxy is needed.");
        }
        if (!lan) {
            return new Plan(explain, commands);
        }
        if (mode.equals("nat")) {
            String address = wslAddress.orElseThrow(() -> new InvalidConfigurationException(
                    "a LAN plan in NAT mode needs the WSL VM's address", List.of("run `hostname -I` in WSL and pass "
                            + "its first address")));
            if (!address.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
                throw new InvalidConfigurationException("\"" + Text.escape(address) + "\" is not an IPv4 address",
                        List.of("pass the first address `hostname -I` prints in WSL"));
            }
            explain.add("From the LAN in NAT mode: Windows must forward its port to the WSL VM, whose address ("
                    + address + ") changes every time WSL starts, so redo the portproxy rule after `wsl --shutdown` "
                    + "or a reboot; the server must listen on 0.0.0.0, not 127.0.0.1. Or switch to "
                    + "networkingMode=mirrored in .wslconfig.");
            commands.add("netsh interface portproxy add v4tov4 listenaddress=0.0.0.0 listenport=" + port
                    + " connectaddress=" + address + " connectport=" + port);
            commands.add("netsh advfirewall firewall add rule name=\"WSL port " + port
                    + "\" dir=in action=allow protocol=TCP localport=" + port);
            explain.add("Undo: netsh interface portproxy delete v4tov4 listenaddress=0.0.0.0 listenport=" + port
                    + " and netsh advfirewall firewall delete rule name=\"WSL port " + port + "\"");
        } else {
            explain.add("From the LAN in mirrored mode: no proxy; the Hyper-V firewall must let the port in.");
            commands.add("New-NetFirewallHyperVRule -Name \"WSL-port-" + port + "\" -DisplayName \"WSL port " + port
                    + "\" -Direction Inbound -VMCreatorId '" + WSL_VM_CREATOR + "' -Protocol TCP -LocalPorts " + port);
            explain.add("Undo: Remove-NetFirewallHyperVRule -Name \"WSL-port-" + port + "\"");
        }
        explain.add("Run the commands in an elevated (Administrator) PowerShell; gosetup does not run them.");
        return new Plan(explain, commands);
    }
}
