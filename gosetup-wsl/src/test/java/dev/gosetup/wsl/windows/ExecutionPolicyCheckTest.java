package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The execution policy check on the recorded outputs in {@code src/test/resources/windows} (see its README). */
class ExecutionPolicyCheckTest {
    static String recorded(String name) throws IOException {
        try (InputStream in = ExecutionPolicyCheckTest.class.getResourceAsStream("/windows/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static CheckResult check(Optional<String> output) {
        return new ExecutionPolicyCheck(c -> output).check(CheckContext.of(Map.of()));
    }

    @Test
    void aFreshWindowsClientIsRestrictedAndGetsTheCurrentUserFixNeverABypass() throws IOException {
        CheckResult r = check(Optional.of(recorded("execution-policy-default-client.txt")));
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).contains("Restricted").contains("every scope Undefined");
        assertThat(r.hints()).anySatisfy(h -> assertThat(h).endsWith("Set-ExecutionPolicy -Scope CurrentUser RemoteSigned"));
        assertThat(String.join("\n", r.hints())).doesNotContainIgnoringCase("bypass").doesNotContain("Unrestricted");
        assertThat(r.details()).containsEntry("LocalMachine", "Undefined");
    }

    @Test
    void currentUserRemoteSignedPasses() throws IOException {
        CheckResult r = check(Optional.of(recorded("execution-policy-currentuser-remotesigned.txt")));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).contains("RemoteSigned, set at scope CurrentUser");
        assertThat(check(Optional.of(recorded("execution-policy-server-default.txt"))).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void groupPolicyWinsOverTheUsersSettingAndTheHintSaysSo() throws IOException {
        CheckResult r = check(Optional.of(recorded("execution-policy-gpo-allsigned.txt")));
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).contains("AllSigned, set at scope MachinePolicy");
        assertThat(r.hints()).noneSatisfy(h -> assertThat(h).contains("Set-ExecutionPolicy"))
                .anySatisfy(h -> assertThat(h).contains("administrator"));
    }

    @Test
    void noPowerShellSkipsAndGarbageIsAnError() {
        assertThat(check(Optional.empty()).status()).isEqualTo(CheckStatus.SKIP);
        assertThat(check(Optional.of("Get-ExecutionPolicy : The term is not recognized")).status())
                .isEqualTo(CheckStatus.ERROR);
    }

    @Test
    void loadsThroughServiceLoaderForWindowsOnly() {
        ReadinessCheck c = ProviderRegistry.load(ReadinessCheck.class).byId(ExecutionPolicyCheck.ID).orElseThrow();
        assertThat(c.appliesTo(new Platform("windows", "amd64"))).isTrue();
        assertThat(c.appliesTo(new Platform("linux", "amd64"))).isFalse();
    }
}
