package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.core.discover.FakeGoroots;
import dev.gosetup.core.discover.ToolchainDiscoverer;
import dev.gosetup.testkit.RealToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-installs against the real Debian toolchains, a stale GOROOT, a broken install and an empty machine. */
class GoInstallsCheckTest {
    @TempDir
    Path tmp;

    @Test
    void bothNewChecksLoadThroughServiceLoader() {
        assertThat(ServiceLoader.load(ReadinessCheck.class).stream().map(p -> p.get().id()).toList())
                .contains(GoInstallsCheck.ID, GoToolchainSwitchCheck.ID);
    }

    @Test
    void listsEveryInstallWhichGoWinsOnPathAndTheGorootEachBelieves() {
        RealToolchains.require(4);
        Map<String, String> env = DoctorTestEnv.user(tmp, Path.of("/usr/lib/go-1.22/bin"));
        env.put("PATH", "/usr/lib/go-1.22/bin:/usr/lib/go-1.21/bin:/usr/bin:/bin");

        CheckResult r = new GoInstallsCheck().check(CheckContext.of(env));

        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).matches("\\d+ Go installs; PATH runs /usr/lib/go-1.22/bin/go \\(GOROOT /usr/lib/go-1.22\\)");
        for (String v : new String[] {"1.19", "1.21", "1.22", "1.23"}) {
            assertThat(r.details().get("/usr/lib/go-" + v)).startsWith("go" + v + ".").endsWith("(distro)");
        }
        assertThat(r.details()).containsEntry("PATH runs /usr/lib/go-1.22/bin/go", "go env GOROOT = /usr/lib/go-1.22")
                .containsEntry("shadowed on PATH /usr/lib/go-1.21/bin/go", "go env GOROOT = /usr/lib/go-1.21");
    }

    @Test
    void aGoThatBelievesAnotherGorootWarns() {
        RealToolchains.require(4);
        Map<String, String> env = DoctorTestEnv.user(tmp, Path.of("/usr/lib/go-1.23/bin"));
        env.put("GOROOT", "/usr/lib/go-1.21");

        CheckResult r = new GoInstallsCheck().check(CheckContext.of(env));

        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).contains("/usr/lib/go-1.23/bin/go belongs to /usr/lib/go-1.23 but believes GOROOT is"
                + " /usr/lib/go-1.21");
        assertThat(r.hints()).anySatisfy(h -> assertThat(h).startsWith("unset GOROOT"));
    }

    @Test
    void aBrokenInstallWarnsAndAnEmptyMachineSkips() throws Exception {
        // fake goenv layout (VERSION file, script as bin/go); goenv is not installed here
        Path broken = FakeGoroots.create(tmp.resolve("home/.goenv/versions/1.22.5"), "go1.22.5");
        Files.delete(broken.resolve("src/runtime"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        GoInstallsCheck check = new GoInstallsCheck(ToolchainDiscoverer.load(), Optional.of(root));
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "PATH", "");

        CheckResult r = check.check(CheckContext.of(env));
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).startsWith("1 Go install; none on PATH; " + broken + " is not intact: no src/runtime");
        assertThat(r.details()).containsEntry(broken.toString(),
                "go1.22.5 (goenv; not intact: no src/runtime (the standard library is missing))");

        CheckResult empty = check.check(CheckContext.of(Map.of("HOME", root.toString(), "PATH", "")));
        assertThat(empty.status()).isEqualTo(CheckStatus.SKIP);
    }
}
