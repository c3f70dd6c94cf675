package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** gosetup debug verify and gosetup tools install, in-process, with real go and Debian's Delve. */
@EnabledOnOs(OS.LINUX)
class DebugCommandsTest {
    private static final Path DLV = Path.of("/usr/bin/dlv");

    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(Map<String, String> env, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = GoSetupCommand.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
        out = o.toString();
        err = e.toString();
        return status;
    }

    private Map<String, String> env(String path) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", path);
        env.put("HOME", tmp.toString());
        env.put("GOSETUP_HOME", tmp.resolve("store").toString());
        return env;
    }

    /** A real Go of one minor line and Debian's dlv, or the test is skipped (failed under CI=true). */
    private static Path goroot(int minor) {
        LocalGoroot go = RealToolchains.require(1).stream().filter(g -> g.version().startsWith("go1." + minor + "."))
                .findFirst().orElse(null);
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci && (go == null || !Files.isExecutable(DLV))) {
            throw new AssertionError("CI=true and this test needs go1." + minor + " and " + DLV);
        }
        assumeTrue(go != null && Files.isExecutable(DLV), "needs go1." + minor + " and " + DLV);
        return go.goroot();
    }

    @ParameterizedTest
    @ValueSource(strings = {"debug", "debug verify", "tools", "tools install"})
    void helpWorks(String command) {
        String[] args = (command + " --help").split(" ");
        assertThat(run(env("/usr/bin:/bin"), args)).as(err).isZero();
        assertThat(out).startsWith("Usage: gosetup " + command);
        if (command.equals("debug verify")) {
            assertThat(out).contains("--dlv=PATH", "--program=DIR", "--format=FORMAT", "--timeout=D", "--goroot=DIR",
                    "--version=SPEC");
        }
    }

    @Test
    void verifyPassesWithGo119AndDebiansDelve() {
        Path goroot = goroot(19);
        assertThat(run(env("/usr/bin:/bin"), "debug", "verify", "--goroot", goroot.toString())).as(out + err).isZero();
        assertThat(out).startsWith("debug verify: go1.19").contains("Delve 1.20.2 (/usr/bin/dlv), gosetup's probe program\n")
                .containsPattern("\\[✓\\] setBreakpoints +(\\d+ms|\\d+(\\.\\d)?s)  breakpoint at main.go:8 verified\n")
                .containsPattern("\\[✓\\] variables +(\\d+ms|\\d+(\\.\\d)?s)  answer = 42\n")
                .contains("✓ breakpoint at main.go:8 hit and answer = 42 read through Delve 1.20.2's DAP server")
                .doesNotContain("fix:");
    }

    @Test
    void verifyFailsWithGo122NamingBothVersionsAndTheFixAsJson() throws Exception {
        Path goroot = goroot(22);
        assertThat(run(env("/usr/bin:/bin"), "debug", "verify", "--goroot", goroot.toString(), "--dlv", DLV.toString(),
                "--format", "json")).as(out + err).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out);
        assertThat(root.get("succeeded").asBoolean()).isFalse();
        assertThat(root.get("failedStep").asText()).isEqualTo("launch");
        assertThat(root.get("delveVersion").asText()).isEqualTo("1.20.2");
        assertThat(root.get("summary").asText()).startsWith("Delve 1.20.2 supports Go 1.18 to 1.20, but the program is "
                + "built with go1.22");
        assertThat(root.get("fixes").get(0).asText()).contains("go install github.com/go-delve/delve/cmd/dlv@v1.25.2");
        assertThat(root.get("steps")).hasSize(13);
        assertThat(root.get("steps").get(4).get("status").asText()).isEqualTo("failed");
        assertThat(root.get("steps").get(5).get("status").asText()).isEqualTo("not-run");
    }

    @Test
    void withoutDlvTheExitIs1WithTheInstallCommand() throws Exception {
        Path goroot = goroot(19);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run(env(empty.toString()), "debug", "verify", "--goroot", goroot.toString())).isEqualTo(1);
        assertThat(err).startsWith("gosetup: debug verify: dlv (Delve) was not found on PATH\n")
                .contains("  fix: install it: go install github.com/go-delve/delve/cmd/dlv@v1.21.2");
        assertThat(out).isEmpty();
    }

    @Test
    void badInputIsExit2BeforeAnythingRuns() throws Exception {
        Path goroot = goroot(19);
        Map<String, String> env = env("/usr/bin:/bin");
        assertThat(run(env, "debug", "verify", "--goroot", goroot.toString(), "--format", "xml")).isEqualTo(2);
        assertThat(err).contains("--format: \"xml\" is not a format").contains("fix: use text or json");
        assertThat(run(env, "debug", "verify", "--goroot", goroot.toString(), "--timeout", "soon")).isEqualTo(2);
        assertThat(err).contains("--timeout: \"soon\" is not a duration");
        assertThat(run(env, "debug", "verify", "--goroot", goroot.toString(), "--program", tmp.resolve("nope").toString()))
                .isEqualTo(2);
        assertThat(err).contains("the program directory " + tmp.resolve("nope") + " does not exist");
        assertThat(run(env, "debug", "verify", "--goroot", goroot.toString(), "--dlv", tmp.resolve("dlv").toString()))
                .isEqualTo(2);
        assertThat(err).contains("is not an executable file");
        assertThat(run(env, "debug", "verify", "--goroot", tmp.toString())).isEqualTo(2);
        assertThat(err).contains("is not a GOROOT");
        assertThat(run(env, "tools", "install", "--goroot", goroot.toString(), "--tool-version", "v1.0.0")).isEqualTo(2);
        assertThat(err).contains("--tool-version v1.0.0 needs exactly one tool, got [dlv, gopls]");
        assertThat(run(env, "tools", "install", "--goroot", goroot.toString(), "gdb")).isEqualTo(2);
        assertThat(err).contains("unknown Go tool \"gdb\"");
        assertThat(tmp.resolve("store")).doesNotExist();
        assertThat(out).isEmpty();
    }

    @Test
    void toolsInstallRunsGoInstallWithTheUsersModuleSettingsIntoTheStoresToolsDirectory() throws Exception {
        Path goroot = goroot(19);
        Map<String, String> env = env("/usr/bin:/bin");
        env.put("GOPROXY", "off"); // the user's setting reaches go: nothing may be downloaded
        env.put("GOPATH", tmp.resolve("gopath").toString());
        env.put("GOCACHE", tmp.resolve("gocache").toString());
        assertThat(run(env, "tools", "install", "--goroot", goroot.toString(), "dlv")).isEqualTo(1);
        assertThat(err).contains("gosetup: tools: " + goroot.resolve("bin/go") + " install "
                        + "github.com/go-delve/delve/cmd/dlv@v1.21.2")
                .contains("module lookup disabled by GOPROXY=off")
                .contains("fix: check that the module proxy (GOPROXY=off) serves github.com/go-delve/delve v1.21.2");
        try (var dirs = Files.list(tmp.resolve("store/tools"))) {
            assertThat(dirs.map(p -> p.getFileName().toString())).singleElement().asString().startsWith("go1.19.");
        }
    }
}
