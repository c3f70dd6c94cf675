package dev.gosetup.core.doctor.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.core.doctor.CheckOutcome;
import dev.gosetup.core.doctor.DoctorListener;
import dev.gosetup.core.doctor.DoctorReport;
import dev.gosetup.core.doctor.DoctorRunner;
import dev.gosetup.core.doctor.checks.GoFoundCheck;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checklist probes, read from a checklist and run by the runner against real loopback servers, processes and directories. */
class ProbesTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthz", x -> {
            byte[] body = "{\"status\": \"up\", \"db\": \"ok\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/broken", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DoctorReport run(String yaml, CheckContext context) throws Exception {
        Path file = Files.writeString(dir.resolve("checklist.yaml"), yaml);
        Checklist list = Checklist.read(file, List.of(new GoFoundCheck()));
        return DoctorRunner.create().run(list.checks(), context, DoctorListener.NOOP);
    }

    private DoctorReport run(String yaml) throws Exception {
        return run(yaml, CheckContext.of(System.getenv()));
    }

    private static String summary(DoctorReport r, String id) {
        return r.outcomes().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow().result().summary();
    }

    private static CheckStatus status(DoctorReport r, String id) {
        return r.outcomes().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow().status();
    }

    @Test
    void httpProbesCheckStatusBodyAndLatency() throws Exception {
        DoctorReport r = run("checks:\n"
                + "  - id: up\n    http: { url: \"" + base + "/healthz\", bodyContains: '\"db\": \"ok\"', bodyMatches: '\"status\":\\s*\"up\"' }\n"
                + "  - id: wrong-body\n    http: { url: \"" + base + "/healthz\", bodyContains: down }\n"
                + "  - id: wrong-regex\n    http: { url: \"" + base + "/healthz\", bodyMatches: '^down' }\n"
                + "  - id: broken\n    http: { url: \"" + base + "/broken\" }\n"
                + "  - id: expected-503\n    http: { url: \"" + base + "/broken\", status: 503, method: head }\n"
                + "  - id: slow\n    http: { url: \"" + base + "/slow\", maxLatency: 100ms }\n"
                + "  - id: too-slow\n    timeout: 150ms\n    http: { url: \"" + base + "/slow\" }\n");
        assertThat(status(r, "up")).as(summary(r, "up")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "up")).matches("GET " + base + "/healthz answered 200 in \\d+ms");
        assertThat(summary(r, "wrong-body")).endsWith("but the body does not contain \"down\"");
        assertThat(summary(r, "wrong-regex")).endsWith("but the body does not match /^down/");
        assertThat(summary(r, "broken")).isEqualTo("GET " + base + "/broken answered 503, expected 200");
        assertThat(status(r, "expected-503")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "slow")).matches("GET " + base + "/slow answered in \\d+ms, more than the maximum 100ms");
        assertThat(summary(r, "too-slow")).isEqualTo(base + "/slow did not answer within 150ms");
        assertThat(r.count(CheckStatus.FAIL)).isEqualTo(5);
    }

    @Test
    void tcpProbesConnectOrSayWhyNot() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        DoctorReport r = run("checks:\n"
                + "  - id: open\n    tcp: { host: 127.0.0.1, port: " + server.getAddress().getPort() + " }\n"
                + "  - id: closed\n    tcp: { host: 127.0.0.1, port: " + closed + " }\n"
                + "  - id: nowhere\n    tcp: { host: no-such-host.invalid, port: 80 }\n");
        assertThat(status(r, "open")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "closed")).startsWith("cannot connect to 127.0.0.1:" + closed);
        assertThat(summary(r, "nowhere")).isEqualTo("the host no-such-host.invalid is unknown");

        DoctorReport offline = run("checks:\n  - id: far\n    tcp: { host: no-such-host.invalid, port: 80 }\n"
                + "  - id: near\n    tcp: { host: 127.0.0.1, port: " + server.getAddress().getPort() + " }\n",
                CheckContext.of(System.getenv()).withOffline(true));
        assertThat(status(offline, "far")).isEqualTo(CheckStatus.SKIP);
        assertThat(status(offline, "near")).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void commandProbesRunArgvWithoutAShellAndCheckExitAndOutput() throws Exception {
        DoctorReport r = run("checks:\n"
                + "  - id: ok\n    command: { argv: [sh, -c, 'echo version 1.2.3; echo warn >&2'], stdoutMatches: 'version \\d+', stderrContains: warn }\n"
                + "  - id: exit\n    command: { argv: [sh, -c, 'echo oops >&2; exit 3'] }\n"
                + "  - id: expected-exit\n    command: { argv: [sh, -c, 'exit 3'], exitCode: 3 }\n"
                + "  - id: output\n    command: { argv: [echo, '$HOME; rm -rf /'], stdoutContains: nothing }\n"
                + "  - id: missing\n    command: { argv: [no-such-tool-here, --version] }\n"
                + "  - id: hangs\n    timeout: 300ms\n    command: { argv: [sleep, '30'] }\n");
        assertThat(status(r, "ok")).as(summary(r, "ok")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "exit")).isEqualTo("`sh -c echo oops >&2; exit 3` exited with 3, expected 0: oops");
        assertThat(status(r, "expected-exit")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "output")).endsWith("but its stdout does not contain \"nothing\"");
        assertThat(r.outcomes().get(3).result().details()).containsEntry("stdout", "$HOME; rm -rf /");
        assertThat(summary(r, "missing")).startsWith("no-such-tool-here was not found on PATH");
        assertThat(summary(r, "hangs")).contains("did not finish within PT0.3S");
    }

    @Test
    void fileProbesCatchAWorldWritableGopath() throws Exception {
        Path open = Files.createDirectories(dir.resolve("gopath-open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path closed = Files.createDirectories(dir.resolve("gopath-closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("MY_GOPATH", closed.toString());
        DoctorReport r = run("checks:\n"
                + "  - id: open\n    file: { path: \"" + open + "\", type: directory, ownerOnly: true, writable: true }\n"
                + "  - id: closed\n    file: { path: \"${MY_GOPATH}\", type: directory, ownerOnly: true, writable: true }\n"
                + "  - id: missing\n    file: { path: \"" + dir.resolve("none") + "\", type: directory }\n"
                + "  - id: not-a-dir\n    file: { path: \"" + file + "\", type: directory }\n"
                + "  - id: gone\n    file: { path: \"" + dir.resolve("none") + "\", exists: false }\n"
                + "  - id: unset\n    file: { path: \"${NO_SUCH_VARIABLE_HERE}/go\" }\n",
                CheckContext.of(env));
        assertThat(summary(r, "open")).isEqualTo(open + " is not owner-only: its permissions are rwxrwxrwx");
        assertThat(r.outcomes().get(0).result().hints()).containsExactly("chmod go-rwx " + open);
        assertThat(status(r, "closed")).as(summary(r, "closed")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "missing")).endsWith("none does not exist");
        assertThat(r.outcomes().get(2).result().hints()).containsExactly("create it: mkdir -p -m 700 " + dir.resolve("none"));
        assertThat(summary(r, "not-a-dir")).endsWith("a-file is not a directory");
        assertThat(status(r, "gone")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "unset")).contains("${NO_SUCH_VARIABLE_HERE}").contains("not set");
    }

    @Test
    void ownerOnlyFilesAreJudgedByPrivateDirectoriesToo() throws Exception {
        Path shared = Files.writeString(dir.resolve("netrc-shared"), "machine x");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        Path mine = Files.writeString(dir.resolve("netrc-mine"), "machine x");
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rw-------"));
        DoctorReport r = run("checks:\n"
                + "  - id: shared\n    file: { path: \"" + shared + "\", type: file, ownerOnly: true }\n"
                + "  - id: mine\n    file: { path: \"" + mine + "\", type: file, ownerOnly: true }\n");
        assertThat(status(r, "shared")).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(r, "shared")).isEqualTo(shared + " is not owner-only: its permissions are rw-r--r--");
        assertThat(r.outcomes().get(0).result().hints()).containsExactly("chmod go-rwx " + shared);
        assertThat(status(r, "mine")).as("a file needs no x bit to be owner-only").isEqualTo(CheckStatus.PASS);
        assertThat(r.outcomes().get(1).result().details()).containsEntry("permissions", "rw-------");
    }

    @Test
    void envProbesCompareWithTheRealGoEnv() throws Exception {
        List<LocalGoroot> gos = RealToolchains.require(1);
        LocalGoroot go = gos.get(gos.size() - 1);
        Toolchain t = new Toolchain(GoVersion.parse(go.version()), Platform.current(), go.goroot());
        CheckContext context = CheckContext.of(System.getenv())
                .withGoEnvironment(GoEnvironment.of(t).with("GO111MODULE", "off").with("GOPROXY", "direct"));
        DoctorReport r = run("checks:\n"
                + "  - id: matches\n    env: { GOPROXY: direct, GOROOT: \"" + go.goroot() + "\" }\n"
                + "  - id: differs\n    env: { GO111MODULE: \"on\", GOPROXY: direct, GONOSUMDB: \"\" }\n",
                context);
        assertThat(r.outcomes()).extracting(CheckOutcome::id).containsExactly("go-found", "matches", "differs");
        assertThat(status(r, "matches")).as(summary(r, "matches")).isEqualTo(CheckStatus.PASS);
        assertThat(summary(r, "differs")).isEqualTo("1 of 3 go env values differ from the checklist");
        assertThat(r.outcomes().get(2).result().details()).containsEntry("GO111MODULE", "expected \"on\", go env has \"off\"");
        assertThat(r.outcomes().get(2).result().hints()).singleElement().asString().startsWith("go env -w GO111MODULE=on");

        DoctorReport noGo = run("checks:\n  - id: differs\n    env: { GO111MODULE: \"on\" }\n",
                CheckContext.of(Map.of("PATH", dir.toString())));
        assertThat(status(noGo, "differs")).isEqualTo(CheckStatus.SKIP);
        assertThat(summary(noGo, "differs")).startsWith("prerequisite go-found failed: go was not found");
    }
}
