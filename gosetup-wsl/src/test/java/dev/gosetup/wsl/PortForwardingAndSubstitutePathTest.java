package dev.gosetup.wsl;

import dev.gosetup.api.InvalidConfigurationException;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortForwardingAndSubstitutePathTest {
    @Test
    void localhostNeedsNoProxyInEitherMode() {
        for (String mode : List.of("nat", "mirrored")) {
            PortForwarding.Plan p = PortForwarding.plan(8080, mode, false, Optional.empty());
            assertThat(p.commands()).isEmpty();
            assertThat(p.explanation().get(0)).contains("localhost:8080").contains("no port proxy");
        }
    }

    @Test
    void lanInNatModeIsAPortproxyAndFirewallPlanThatMustBeRedone() {
        PortForwarding.Plan p = PortForwarding.plan(8080, "NAT", true, Optional.of("172.29.64.5"));
        assertThat(p.commands()).containsExactly(
                "netsh interface portproxy add v4tov4 listenaddress=0.0.0.0 listenport=8080 connectaddress=172.29.64.5 "
                        + "connectport=8080",
                "netsh advfirewall firewall add rule name=\"WSL port 8080\" dir=in action=allow protocol=TCP localport=8080");
        assertThat(String.join(" ", p.explanation())).contains("changes every time WSL starts").contains("0.0.0.0")
                .contains("Undo").contains("does not run them");
    }

    @Test
    void lanInMirroredModeIsAHyperVFirewallRule() {
        PortForwarding.Plan p = PortForwarding.plan(443, "mirrored", true, Optional.empty());
        assertThat(p.commands()).singleElement().asString().startsWith("New-NetFirewallHyperVRule")
                .contains(PortForwarding.WSL_VM_CREATOR).contains("-LocalPorts 443");
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> PortForwarding.plan(0, "nat", false, Optional.empty()))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> PortForwarding.plan(80, "bridged", false, Optional.empty()))
                .hasMessageContaining("bridged");
        assertThatThrownBy(() -> PortForwarding.plan(80, "nat", true, Optional.empty())).hasMessageContaining("address");
        assertThatThrownBy(() -> PortForwarding.plan(80, "nat", true, Optional.of("1.2.3.4 & calc")))
                .hasMessageContaining("not an IPv4 address");
    }

    @Test
    void substitutePathBothWaysAsJson() {
        WslPaths ubuntu = WslPaths.defaults().inDistro("Ubuntu");
        List<SubstitutePath> fromWindows = SubstitutePath.vscodeInWslBinaryFromWindows(ubuntu,
                List.of("c:/Users/me/src", "D:\\go \"x\"\\pkg"));
        assertThat(fromWindows).containsExactly(new SubstitutePath("/mnt/c/Users/me/src", "C:\\Users\\me\\src"),
                new SubstitutePath("/mnt/d/go \"x\"/pkg", "D:\\go \"x\"\\pkg"));
        assertThat(SubstitutePath.toJson(fromWindows)).isEqualTo("[{\"from\": \"/mnt/c/Users/me/src\", \"to\": "
                + "\"C:\\\\Users\\\\me\\\\src\"}, {\"from\": \"/mnt/d/go \\\"x\\\"/pkg\", \"to\": \"D:\\\\go \\\"x\\\"\\\\pkg\"}]");
        assertThat(SubstitutePath.vscodeOnWindowsBinaryFromWsl(ubuntu, List.of("/home/me/src/", "/mnt/c/w")))
                .containsExactly(new SubstitutePath("\\\\wsl.localhost\\Ubuntu\\home\\me\\src", "/home/me/src"),
                        new SubstitutePath("C:\\w", "/mnt/c/w"));
        assertThat(SubstitutePath.toJson(List.of())).isEqualTo("[]");
    }
}
