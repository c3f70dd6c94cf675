package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.ToolchainMirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** gosetup doctor in-process, with an environment of the test's choosing. */
class DoctorCommandTest {
    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int doctor(Map<String, String> env, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "doctor";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = GoSetupCommand.run(all, new PrintWriter(o, true), new PrintWriter(e, true), env);
        out = o.toString();
        err = e.toString();
        return status;
    }

    /**
     * This JVM's environment with this PATH, and Go's config directory in tmp ({@code tmp/config}) with telemetry off:
     * the real go the checks run (the newest included) stays out of the real home and starts no detached Go 1.23
     * telemetry child writing into tmp while JUnit deletes it.
     */
    private Map<String, String> env(String path) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", path);
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        try {
            GoUserDirectories.turnTelemetryOff(tmp.resolve("config"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        env.remove("GOSETUP_PLUGINS");
        return env;
    }

    @Test
    void withNoGoAtAllTheReportSaysWhatIsMissingAndTheCommandThatFixesIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("bin"));
        Map<String, String> env = Map.of("PATH", empty.toString(), "HOME", tmp.toString());
        assertThat(doctor(env, "--offline")).as(out + err).isEqualTo(1);
        assertThat(out).contains("[✗] Go toolchain: go was not found: no toolchain is configured and there is no go on PATH\n")
                .contains("    → install Go: gosetup install latest\n")
                .contains("    → put it on PATH: export PATH=\"$(gosetup which latest)/bin:$PATH\"\n")
                .contains("[-] Build and serve: prerequisite go-found failed: go was not found")
                .contains("[-] go on PATH: there is no go on PATH")
                .contains("[-] Module proxy: offline: https://proxy.golang.org was not contacted")
                .contains("[-] GOROOT: prerequisite go-found failed: go was not found")
                .contains("[-] Go settings: prerequisite go-found failed: go was not found")
                .contains("[-] Go directories: prerequisite go-found failed: go was not found")
                .contains("[-] Debugger (Delve over DAP): prerequisite go-found failed: go was not found")
                .contains("[-] go.mod and GOTOOLCHAIN: prerequisite go-found failed: go was not found")
                // go-installs passes when this machine has Go installs outside PATH (the Debian ones), else skips
                .containsPattern("✗ Problems found: (1 passed, 0 warnings, 1 failed, 8|0 passed, 0 warnings, 1 failed, 9)"
                        + " skipped, 0 errors")
                .doesNotContain("\u001b[");
        assertThat(out.indexOf("Go toolchain")).as("prerequisites first").isLessThan(out.indexOf("Build and serve"));
    }

    @Test
    void helpWorks() {
        assertThat(doctor(Map.of("PATH", "/usr/bin"), "--help")).as(err).isZero();
        assertThat(out).startsWith("Usage: gosetup doctor").contains("--goroot=DIR", "--version=SPEC", "-h, --help");
    }

    @Test
    void progressGoesToStderrAsOnePlainLineOffATerminalAndQuietSilencesIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("bin"));
        Map<String, String> env = Map.of("PATH", empty.toString(), "HOME", tmp.toString());
        doctor(env, "--offline");
        assertThat(err).isEqualTo("gosetup: doctor: running 10 checks\n");
        assertThat(out).doesNotContain("running");
        doctor(env, "--offline", "--quiet");
        assertThat(err).isEmpty();
    }

    @Test
    void onATerminalProgressIsOneLineRewrittenInPlaceAndClearedBeforeTheReport() {
        StringWriter e = new StringWriter();
        DoctorProgress progress = new DoctorProgress(new PrintWriter(e, true), true, 2);
        dev.gosetup.api.spi.ReadinessCheck slow = new dev.gosetup.api.spi.AbstractReadinessCheck() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public String title() {
                return "Slow check";
            }

            @Override
            protected dev.gosetup.api.CheckResult doCheck(dev.gosetup.api.CheckContext context) {
                return dev.gosetup.api.CheckResult.pass("ok");
            }
        };
        progress.started(slow);
        progress.finished(new dev.gosetup.core.doctor.CheckOutcome("slow", "Slow check", "test",
                dev.gosetup.api.CheckResult.pass("ok")));
        progress.clear();
        assertThat(e.toString()).isEqualTo("\r\u001b[Kgosetup: doctor: 0/2 done; running: Slow check"
                + "\r\u001b[Kgosetup: doctor: 1/2 done\r\u001b[K");
    }

    @Test
    void aRealToolchainPassesAndTheJsonReportParsesBack() throws Exception {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        assertThat(doctor(env("/usr/bin:/bin"), "--goroot", go.goroot().toString(), "--only", "go-found,go-shadowing",
                "--format", "json")).as(out + err).isZero();
        JsonNode root = new ObjectMapper().readTree(out);
        assertThat(root.get("ok").asBoolean()).isTrue();
        assertThat(root.get("checks")).hasSize(2);
        assertThat(root.get("checks").get(0).get("id").asText()).isEqualTo("go-found");
        assertThat(root.get("checks").get(0).get("summary").asText()).isEqualTo(go.version() + " at "
                + go.goroot().resolve("bin/go"));
        assertThat(root.get("checks").get(1).get("status").asText()).isEqualTo("SKIP");
    }

    @Test
    void versionChecksTheStoresToolchainFoundThroughTheUsersGosetupHome() throws Exception {
        ToolchainMirror mirror = ToolchainMirror.of(RealToolchains.require(1));
        PackedToolchain t = mirror.toolchains().get(mirror.toolchains().size() - 1);
        Path store = tmp.resolve("store");
        try (MirrorServer server = MirrorServer.start(mirror)) {
            assertThat(GoSetupCommand.run(new String[] {"install", "--quiet", t.version(), "--home", store.toString(),
                "--index", server.indexUri().toString(), "--mirror", server.baseUri().toString()},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))).isZero();
        }
        Map<String, String> env = env("/usr/bin:/bin");
        env.put("GOSETUP_HOME", store.toString());
        env.put("HOME", tmp.toString());
        assertThat(doctor(env, "--version", t.version().substring(2), "--only", "goroot-consistent,go-env",
                "--offline", "--format", "json")).as(out + err).isZero();
        JsonNode checks = new ObjectMapper().readTree(out).get("checks");
        assertThat(checks.get(0).get("id").asText()).isEqualTo("go-found");
        assertThat(checks.get(0).get("summary").asText()).startsWith(t.version() + " at " + store.toRealPath());
        assertThat(checks).extracting(c -> c.get("id").asText()).contains("goroot-consistent", "go-env");
        assertThat(checks.get(1).get("status").asText()).as(out).isIn("PASS", "WARN");
    }

    @Test
    void warningsAloneExitZeroAndTheJUnitReportGoesToAFile() throws Exception {
        List<LocalGoroot> gos = RealToolchains.require(2);
        String path = gos.get(0).goroot().resolve("bin") + ":" + gos.get(1).goroot().resolve("bin");
        Path report = tmp.resolve("reports/doctor.xml");
        assertThat(doctor(env(path), "--only", "go-shadowing", "--format", "junit", "--output", report.toString()))
                .as(out + err).isZero();
        assertThat(out).isEmpty();
        assertThat(err).contains("gosetup: doctor: 0 passed, 1 warning, 0 failed, 0 skipped, 0 errors; report written to "
                + report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("testcase").item(0).getAttributes().getNamedItem("name").getNodeValue())
                .isEqualTo("go-shadowing: go on PATH");
    }

    @Test
    void aChecklistWithAFailingProbeExitsOne() throws Exception {
        Path list = Files.writeString(tmp.resolve("team.yaml"), "checks:\n  - id: gopath\n"
                + "    file: { path: \"" + tmp.resolve("missing") + "\", type: directory }\n");
        assertThat(doctor(env("/usr/bin:/bin"), "--checklist", list.toString(), "--format", "markdown")).isEqualTo(1);
        assertThat(out).contains("| ✗ | file " + tmp.resolve("missing") + " (`gopath`) | FAIL |")
                .contains("- **Fix:** create it: mkdir -p -m 700 " + tmp.resolve("missing"));
    }

    @Test
    void aMalformedChecklistIsExitTwoNamingTheFileAndLine() throws Exception {
        Path list = Files.writeString(tmp.resolve("team.yaml"), "checks:\n  - check: go-found\n  - id: db\n"
                + "    tcp: { host: localhost, port: many }\n");
        assertThat(doctor(env("/usr/bin"), "--checklist", list.toString())).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).startsWith("gosetup: " + list + ":4:").contains("checks[1].tcp.port").contains("  fix: ");

        Files.writeString(list, "checks:\n  - check: go-fond\n");
        assertThat(doctor(env("/usr/bin"), "--checklist", list.toString())).isEqualTo(2);
        assertThat(err).contains(list + ":2:").contains("unknown check \"go-fond\"").contains("go-found");
    }

    @Test
    void aCorruptPluginJarIsNamedAndAJarWithABrokenProviderIsReportedByName() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        // A jar whose services file names a class it does not hold: the report names the jar.
        Path broken = plugins.resolve("team-checks.jar");
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(Files.newOutputStream(broken))) {
            jar.putNextEntry(new java.util.jar.JarEntry("META-INF/services/dev.gosetup.api.spi.ReadinessCheck"));
            jar.write("com.example.MissingCheck\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        assertThat(doctor(env("/usr/bin"), "--plugins", plugins.toString(), "--only", "go-found", "-q"))
                .isIn(0, 1);
        assertThat(err).contains("gosetup: warning: a check provider was left out: file:" + broken + ": ")
                .contains("com.example.MissingCheck");

        // A truncated download: not a zip at all.
        Path corrupt = Files.write(plugins.resolve("half.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertThat(doctor(env("/usr/bin"), "--plugins", plugins.toString(), "--only", "go-found")).isEqualTo(2);
        assertThat(err).contains("--plugins: the plugin " + corrupt + " is not a readable jar")
                .contains("fix: replace half.jar");
    }

    @Test
    void badUsageIsExitTwo() {
        assertThat(doctor(env("/usr/bin"), "--only", "go-fond")).isEqualTo(2);
        assertThat(err).contains("--only names a check that does not exist: go-fond").contains("go-fond");
        assertThat(doctor(env("/usr/bin"), "--format", "html")).isEqualTo(2);
        assertThat(err).contains("\"html\" is not a report format");
        assertThat(doctor(env("/usr/bin"), "--plugins", tmp.resolve("nope").toString())).isEqualTo(2);
        assertThat(err).contains("the plugin directory " + tmp.resolve("nope") + " does not exist");
        assertThat(doctor(env("/usr/bin"), "--goroot", tmp.toString())).isEqualTo(2);
        assertThat(err).contains(tmp + " is not a GOROOT");
        assertThat(doctor(env("/usr/bin"), "--version", "1.22", "--home", tmp.resolve("store").toString())).isEqualTo(2);
        assertThat(err).contains("no installed toolchain matches \"1.22\"").contains("fix: install it: gosetup install 1.22");
        assertThat(doctor(env("/usr/bin"), "--version", "1.22", "--goroot", "/x")).isEqualTo(2);
    }

    @Test
    void aBrokenToolchainDirectoryFailsTheGoCheck() throws Exception {
        Path goroot = Files.createDirectories(tmp.resolve("go"));
        Files.writeString(goroot.resolve("VERSION"), "go1.22.5\ntime 2024-01-01\n");
        assertThat(doctor(env("/usr/bin"), "--goroot", goroot.toString(), "--only", "build-and-serve")).isEqualTo(1);
        assertThat(out).contains("[✗] Go toolchain: the configured toolchain " + goroot + " has no linux go binary")
                .contains("→ reinstall it: gosetup install 1.22.5")
                .contains("[-] Build and serve: prerequisite go-found failed");
    }
}
