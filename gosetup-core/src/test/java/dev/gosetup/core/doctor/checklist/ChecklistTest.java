package dev.gosetup.core.doctor.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CheckResult;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.core.doctor.checks.BuildAndServeCheck;
import dev.gosetup.core.doctor.ConfiguredCheck;
import dev.gosetup.core.doctor.DoctorListener;
import dev.gosetup.core.doctor.DoctorReport;
import dev.gosetup.core.doctor.DoctorRunner;
import dev.gosetup.core.doctor.checks.GoFoundCheck;
import dev.gosetup.core.doctor.checks.GoShadowingCheck;
import dev.gosetup.core.doctor.checks.ModuleProxyCheck;
import dev.gosetup.core.doctor.TestCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistTest {
    private static final List<ReadinessCheck> REGISTERED = List.of(new GoFoundCheck(), new GoShadowingCheck(),
            new BuildAndServeCheck(), new ModuleProxyCheck());

    @TempDir
    Path dir;

    private Checklist yaml(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("checklist.yaml"), text);
        return Checklist.read(file, REGISTERED);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> badYaml(String text) {
        Path file = dir.resolve("bad.yaml");
        return assertThatThrownBy(() -> {
            Files.writeString(file, text);
            Checklist.read(file, REGISTERED);
        }).isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith(file.toString() + ":");
    }

    @Test
    void readsChecksWithParametersAndEveryKindOfProbe() throws Exception {
        Checklist list = yaml("""
                # the team's checklist
                checks:
                  - check: build-and-serve
                  - check: go-found
                    id: go-new
                    title: Recent Go
                    with: { minimum: 1.22 }
                    timeout: 10s
                  - id: api
                    requires: [build-and-serve]
                    http:
                      url: http://127.0.0.1:8080/healthz
                      status: 204
                      bodyMatches: "ok|up"
                      maxLatency: 500ms
                  - id: db
                    tcp: { host: localhost, port: 5432 }
                  - id: make
                    command: { argv: [make, --version], stdoutContains: GNU }
                  - id: gopath
                    file: { path: "~/go", type: directory, ownerOnly: true }
                  - id: modules
                    env: { GO111MODULE: "on" }
                """);
        assertThat(list.checks()).extracting(ReadinessCheck::id)
                .containsExactly("go-found", "build-and-serve", "go-new", "api", "db", "make", "gopath", "modules");
        ReadinessCheck goNew = list.checks().get(2);
        assertThat(goNew.title()).isEqualTo("Recent Go");
        assertThat(goNew.timeout()).hasSeconds(10);
        assertThat(((ConfiguredCheck) goNew).parameterValues()).containsEntry("minimum", "1.22");
        assertThat(list.checks().get(3).prerequisites()).containsExactly("build-and-serve");
        assertThat(list.checks().get(3).title()).isEqualTo("HTTP GET http://127.0.0.1:8080/healthz");
        assertThat(list.checks().get(3).timeout()).isEqualTo(HttpProbe.DEFAULT_TIMEOUT.plus(Probe.GRACE));
        assertThat(list.checks().get(7).prerequisites()).containsExactly("go-found");
    }

    @Test
    void defaultsAddEveryRegisteredCheckAndJsonWorksToo() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"defaults\": true, \"checks\": [\n"
                + "  {\"id\": \"db\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 5432}}\n]}");
        assertThat(Checklist.read(file, REGISTERED).checks()).extracting(ReadinessCheck::id)
                .containsExactly("go-found", "go-shadowing", "build-and-serve", "module-proxy", "db");
        Files.writeString(file, "{\"checks\": [\n  {\"id\": \"db\", \"tcp\": {\"host\": \"x\", \"port\": \"many\"}}\n]}");
        assertThatThrownBy(() -> Checklist.read(file, REGISTERED))
                .hasMessageStartingWith(file + ":2:").hasMessageContaining("checks[0].tcp.port");
    }

    @Test
    void malformedYamlNamesTheLine() {
        badYaml("checks:\n  - check: go-found\n    with: { minimum: \"1.22 }\n").hasMessageContaining(".yaml:3:");
        badYaml("checks:\n  - check: go-found\n   bad indent: x\n").hasMessageContaining(".yaml:3:");
        badYaml("").hasMessageContaining("the checklist is empty");
    }

    @Test
    void anUnknownFieldNamesTheLineTheFieldAndTheKnownOnes() {
        badYaml("checks:\n  - id: api\n    http:\n      url: http://127.0.0.1/\n      statuss: 200\n")
                .hasMessageContaining("bad.yaml:5:")
                .hasMessageContaining("checks[0].http.statuss: unknown field \"statuss\"")
                .hasMessageContaining("status");
        badYaml("check:\n  - check: go-found\n").hasMessageContaining(":2:").hasMessageContaining("\"check\"");
    }

    @Test
    void aParameterTheCheckDoesNotDeclareIsNamedWithItsLineAndTheKnownOnes() {
        badYaml("checks:\n  - check: go-found\n    with:\n      minimun: \"1.22\"\n")
                .hasMessageContaining("bad.yaml:")
                .hasMessageContaining("checks[0].with.minimun: check \"go-found\" has no parameter \"minimun\"")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions())
                        .containsExactly("use one of: minimum"));
        badYaml("checks:\n  - check: build-and-serve\n    with: { port: \"80\" }\n")
                .hasMessageContaining("checks[0].with.port")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions().get(0))
                        .contains("takes no parameters"));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheLineAndTheField() {
        badYaml("checks:\n  - id: db\n    tcp:\n      host: localhost\n      port: many\n")
                .hasMessageContaining("bad.yaml:5:").hasMessageContaining("checks[0].tcp.port");
        badYaml("checks:\n  - id: db\n    requires: build\n    tcp: { host: localhost, port: 1 }\n")
                .hasMessageContaining("bad.yaml:3:").hasMessageContaining("checks[0].requires");
        badYaml("checks:\n  - id: api\n    timeout: soon\n    http: { url: http://127.0.0.1/ }\n")
                .hasMessageContaining("bad.yaml:3:").hasMessageContaining("checks[0].timeout")
                .hasMessageContaining("\"soon\" is not a duration");
        badYaml("checks:\n  - id: api\n    http: { url: http://127.0.0.1/, bodyMatches: \"(\" }\n")
                .hasMessageContaining("bad.yaml:3:").hasMessageContaining("checks[0].http.bodyMatches")
                .hasMessageContaining("not a regular expression");
        badYaml("checks:\n  - check: go-found\n    with: { minimum: [1, 2] }\n")
                .hasMessageContaining("bad.yaml:3:").hasMessageContaining("checks[0].with.minimum");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        badYaml("checks:\n  - id: db\n    tcp: { host: localhost }\n")
                .hasMessageContaining("checks[0].tcp").hasMessageContaining("port");
        badYaml("checks:\n  - id: api\n    http: { method: GET }\n").hasMessageContaining("url");
        badYaml("checks:\n  - http: { url: http://127.0.0.1/ }\n")
                .hasMessageContaining("bad.yaml:2:").hasMessageContaining("checks[0].id: a http probe needs an id");
        badYaml("checks:\n  - id: nothing\n").hasMessageContaining("bad.yaml:2:")
                .hasMessageContaining("an entry needs \"check\" or one probe");
        badYaml("defaults: true\n").hasMessageContaining("checks");
    }

    @Test
    void unknownIdsDuplicatesAndCyclesAreNamedWithTheirLine() {
        badYaml("checks:\n  - check: go-found\n  - check: go-fond\n")
                .hasMessageContaining("bad.yaml:3:").hasMessageContaining("checks[1].check: unknown check \"go-fond\"")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions().get(0))
                        .contains("go-found, go-shadowing"));
        badYaml("checks:\n  - id: api\n    requires: [databse]\n    http: { url: http://127.0.0.1/ }\n")
                .hasMessageContaining("bad.yaml:2:").hasMessageContaining("requires \"databse\"");
        badYaml("checks:\n  - id: a\n    tcp: { host: h, port: 1 }\n  - id: a\n    tcp: { host: h, port: 2 }\n")
                .hasMessageContaining("bad.yaml:4:").hasMessageContaining("used by line 2 already");
        badYaml("checks:\n  - id: a\n    requires: [b]\n    tcp: { host: h, port: 1 }\n"
                + "  - id: b\n    requires: [a]\n    tcp: { host: h, port: 2 }\n").hasMessageContaining("form a cycle: ").hasMessageContaining("a -> b").hasMessageContaining("b -> a");
        badYaml("checks:\n  - id: db\n    tcp: { host: h, port: 70000 }\n")
                .hasMessageContaining("bad.yaml:2:").hasMessageContaining("port must be between 1 and 65535");
        badYaml("checks:\n  - id: both\n    tcp: { host: h, port: 1 }\n    file: { path: /tmp }\n")
                .hasMessageContaining("this one has tcp, file");
        badYaml("checks:\n  - id: Bad Id\n    tcp: { host: h, port: 1 }\n").hasMessageContaining("\"Bad Id\" is not an id");
    }

    @Test
    void parametersReachTheCheck() throws Exception {
        ReadinessCheck echo = TestCheck.of("echo", c -> CheckResult.pass("minimum " + c.requiredParameter("minimum")
                + ", timeout " + c.durationParameter("t", Duration.ZERO).toMillis()));
        Path file = Files.writeString(dir.resolve("p.yml"), "checks:\n  - check: echo\n    with: { minimum: 1.22, t: 2s }\n");
        Checklist list = Checklist.read(file, List.of(echo));
        DoctorReport report = DoctorRunner.create().run(list.checks(), dev.gosetup.api.CheckContext.of(Map.of()),
                DoctorListener.NOOP);
        assertThat(report.outcomes().get(0).result().summary()).isEqualTo("minimum 1.22, timeout 2000");
        assertThatThrownBy(() -> Checklist.read(dir.resolve("none.yaml"), List.of(echo)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("none.yaml does not exist");
    }
}
