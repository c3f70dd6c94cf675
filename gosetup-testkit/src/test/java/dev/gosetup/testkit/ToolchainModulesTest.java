package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture against the real go command: its toolchain switch must accept our module zip and checksum database. */
class ToolchainModulesTest {

    @TempDir
    Path temp;

    /** Picks a target toolchain (go1.22 when present) and an older go1.21+ to switch from. */
    static LocalGoroot[] switchPair() {
        List<LocalGoroot> all = new ArrayList<>(RealToolchains.require(2));
        all.sort(LocalGoroot.BY_VERSION);
        LocalGoroot target = all.stream().filter(g -> g.version().startsWith("go1.22.")).findFirst()
                .orElse(all.get(all.size() - 1));
        LocalGoroot from = all.stream().filter(g -> LocalGoroot.BY_VERSION.compare(g, target) < 0)
                .filter(g -> !g.version().startsWith("go1.19.") && !g.version().startsWith("go1.20."))
                .reduce((a, b) -> b).orElseThrow(() -> new org.opentest4j.TestAbortedException(
                        "needs a go1.21+ toolchain older than " + target.version()));
        return new LocalGoroot[] {from, target};
    }

    @Test
    void zipHasThePrefixNoModesAndNoNestedGoMod() throws IOException {
        LocalGoroot target = switchPair()[1];
        ToolchainModules.Module module = ToolchainModules.of(List.of(target)).get(0);
        assertThat(module.version()).isEqualTo(ToolchainModules.moduleVersion(target.version()));
        try (ZipFile zip = new ZipFile(module.zip().toFile())) {
            String prefix = "golang.org/toolchain@" + module.version() + "/";
            assertThat(zip.stream().map(e -> e.getName())).allMatch(n -> n.startsWith(prefix))
                    .contains(prefix + "bin/go", prefix + "src/_go.mod", prefix + "VERSION")
                    .noneMatch(n -> n.endsWith("/go.mod") || n.endsWith("/"));
        }
        // Reuse is cheap: the second call finds the cached zip.
        long start = System.nanoTime();
        assertThat(ToolchainModules.of(List.of(target)).get(0)).isEqualTo(module);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void realGoSwitchesToTheToolchainThroughTheProxyAndTheChecksumDatabase() throws Exception {
        LocalGoroot[] pair = switchPair();
        ToolchainModules.Module module = ToolchainModules.of(List.of(pair[1])).get(0);
        TestChecksumDatabase db = TestChecksumDatabase.create("sum.gosetup.test").addFiller(300, "a");
        ModuleProxyDirectory proxy = ModuleProxyDirectory.create(temp.resolve("proxy"), db).add(module);
        db.addFiller(200, "b");
        proxy.publish();
        try (MirrorServer server = MirrorServer.start(proxy.directory())) {
            String url = server.baseUri().toString().replaceAll("/$", "");
            // No URL in GOSUMDB: go must find the database through the proxy's /sumdb/<name>/supported.
            Map<String, String> env = goEnvironment(temp, url, db.verifierKey(), pair[1].version());
            Result r = run(pair[0].goBinary(), List.of("version"), env, temp);
            assertThat(r.output()).as(r.output()).contains("go version " + pair[1].version() + " ");
            assertThat(server.requestCount("/sumdb/" + db.name() + "/supported")).isPositive();
            assertThat(server.requestCount("/sumdb/" + db.name() + "/lookup/golang.org/toolchain@" + module.version()))
                    .isEqualTo(1);
        }
    }

    static Map<String, String> goEnvironment(Path temp, String goproxy, String gosumdb, String toolchain)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", temp.resolve("home").toString());
        // The user ran `go telemetry off` (the variable GOTELEMETRY=off does nothing): no detached Go 1.23+
        // telemetry child writes under temp/home/.config while JUnit deletes temp.
        Fixtures.turnTelemetryOff(temp.resolve("home/.config"));
        env.put("GOPATH", temp.resolve("gopath").toString());
        env.put("GOMODCACHE", temp.resolve("modcache").toString());
        env.put("GOCACHE", temp.resolve("gocache").toString());
        env.put("GOENV", "off");
        env.put("GOFLAGS", "");
        env.put("GOTOOLCHAIN", toolchain);
        env.put("GOPROXY", goproxy);
        env.put("GOSUMDB", gosumdb);
        env.put("GONOSUMDB", "");
        env.put("GOPRIVATE", "");
        return env;
    }

    record Result(int exit, String output) {
    }

    static Result run(Path go, List<String> args, Map<String, String> env, Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(go.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Files.createDirectories(dir);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
