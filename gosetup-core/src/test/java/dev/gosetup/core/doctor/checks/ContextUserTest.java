package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.UserHome;
import dev.gosetup.core.doctor.CheckOutcome;
import dev.gosetup.core.doctor.DoctorListener;
import dev.gosetup.core.doctor.DoctorReport;
import dev.gosetup.core.doctor.DoctorRunner;
import dev.gosetup.core.doctor.checklist.Checklist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks read the user's home, name and temporary directory from their context, never from this
 * JVM's {@code user.home}, {@code user.name} or {@code java.io.tmpdir}: a context whose three differ
 * from the JVM's gets its own.
 */
class ContextUserTest {
    @TempDir
    Path dir;

    private DoctorReport run(String yaml, CheckContext context) throws Exception {
        Path file = Files.writeString(dir.resolve("checklist.yaml"), yaml);
        return DoctorRunner.create().run(Checklist.read(file, List.of(new GoFoundCheck())).checks(), context,
                DoctorListener.NOOP);
    }

    private static CheckOutcome outcome(DoctorReport r, String id) {
        return r.outcomes().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    private Path otherHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("other-home"));
        assertThat(home).isNotEqualTo(Path.of(System.getProperty("user.home")));
        return home;
    }

    @Test
    void aTildeInAFileProbeIsTheContextsHome() throws Exception {
        Path home = otherHome();
        Files.writeString(home.resolve("marker"), "x");
        // The environment names the JVM's HOME; the context acts for another user.
        CheckContext context = CheckContext.of(System.getenv()).withUser(home, UserHome.jvmUserName(), dir);
        DoctorReport r = run("checks:\n  - id: marker\n    file: { path: \"~/marker\", type: file }\n", context);
        assertThat(outcome(r, "marker").status()).as(outcome(r, "marker").result().summary()).isEqualTo(CheckStatus.PASS);
        assertThat(outcome(r, "marker").result().details()).containsEntry("path", home.resolve("marker").toString());
    }

    @Test
    void ownerOnlyIsJudgedForTheContextsUser() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path mine = Files.writeString(dir.resolve("netrc"), "machine x");
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rw-------"));
        String owner = Files.getOwner(mine).getName();
        String other = owner.equals("nobody") ? "root" : "nobody"; // both exist on every Linux
        String yaml = "checks:\n  - id: netrc\n    file: { path: \"" + mine + "\", type: file, ownerOnly: true }\n";

        DoctorReport asOwner = run(yaml, CheckContext.of(System.getenv()).withUser(dir, owner, dir));
        assertThat(outcome(asOwner, "netrc").status()).isEqualTo(CheckStatus.PASS);

        DoctorReport asOther = run(yaml, CheckContext.of(System.getenv()).withUser(dir, other, dir));
        assertThat(outcome(asOther, "netrc").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(outcome(asOther, "netrc").result().summary())
                .contains("belongs to " + owner + ", not to " + other);
    }

    @Test
    void commandsWithoutADirectoryRunInTheContextsTemporaryDirectory() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("context-tmp")).toRealPath();
        assertThat(tmp).isNotEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toRealPath());
        CheckContext context = CheckContext.of(System.getenv()).withUser(otherHome(), UserHome.jvmUserName(), tmp);
        DoctorReport r = run("checks:\n  - id: where\n    command: { argv: [pwd], stdoutContains: \"" + tmp + "\" }\n",
                context);
        assertThat(outcome(r, "where").status()).as(outcome(r, "where").result().summary()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void goSettingsFindTheEnvFileUnderTheContextsHomeWhenTheEnvironmentNamesNone() throws Exception {
        Path home = otherHome();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(List.of("HOME", "USERPROFILE", "XDG_CONFIG_HOME", "GOENV", "APPDATA", "AppData"));
        CheckContext context = CheckContext.of(env).withUser(home, UserHome.jvmUserName(), dir);
        Path expected = home.resolve(".config").resolve("go").resolve("env");
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, "GOPROXY=https://proxy.example\n");
        GoSettings settings = GoSettings.of(context);
        assertThat(settings.envFile()).contains(expected);
        assertThat(settings.fileValues()).containsEntry("GOPROXY", "https://proxy.example");
    }
}
