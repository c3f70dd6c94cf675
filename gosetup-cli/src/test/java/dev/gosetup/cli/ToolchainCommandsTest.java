package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.RealToolchains;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.testkit.RecordedRequest;

import java.time.Duration;
import java.util.Map;

/** The toolchain commands end to end, against a loopback mirror of the real toolchains. */
class ToolchainCommandsTest extends CliTest {
    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(2);

    List<PackedToolchain> toolchains;
    MirrorServer server;

    @BeforeEach
    void mirror() {
        toolchains = MIRROR.toolchains();
        server = MIRROR.server();
    }

    private int gosetup(String... args) {
        List<String> options = new ArrayList<>(storeOption());
        options.addAll(mirrorOptions(MIRROR));
        return gosetup(withOptions(List.of(args), options));
    }

    private String lastLine() {
        List<String> lines = out.toString().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void installPrintsTheGorootLastAndProgressAsPlainLines() {
        PackedToolchain t = toolchains.get(toolchains.size() - 1);
        assertThat(gosetup("install", t.version())).as(err.toString()).isZero();
        Path goroot = Path.of(lastLine());
        assertThat(goroot.resolve("bin/go")).isExecutable();
        assertThat(err.toString()).contains("gosetup: resolving " + t.version().substring(2))
                .contains("gosetup: downloaded 100%").contains("verifying sha256 " + t.sha256())
                .contains(t.version() + " installed").doesNotContain("\r");

        assertThat(gosetup("install", "--quiet", t.version())).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(lastLine()).isEqualTo(goroot.toString());

        assertThat(gosetup("which", t.version())).isZero();
        assertThat(lastLine()).isEqualTo(goroot.toString());
        assertThat(gosetup("which")).isEqualTo(1);
        assertThat(err.toString()).contains("no installed toolchain matches the current default");
        assertThat(gosetup("use", t.version())).isZero();
        assertThat(gosetup("which")).isZero();
        assertThat(lastLine()).isEqualTo(goroot.toString());

        assertThat(gosetup("list")).isZero();
        assertThat(out.toString()).startsWith("* " + t.version());
        assertThat(gosetup("list", "--remote")).isZero();
        assertThat(out.toString()).contains(t.version() + " (installed)");

        assertThat(gosetup("uninstall", t.version())).isZero();
        assertThat(goroot).doesNotExist();
        assertThat(gosetup("uninstall", t.version())).isEqualTo(2);
        assertThat(err.toString()).contains("is not installed");
    }

    @Test
    void installFromAGoModFileUsesItsToolchainLine(@TempDir Path project) throws Exception {
        PackedToolchain t = toolchains.get(toolchains.size() - 2);
        Path goMod = project.resolve("go.mod");
        Files.writeString(goMod, "module example.com/x\r\n\r\ngo 1.19\r\n\r\ntoolchain " + t.version() + "\r\n");
        assertThat(gosetup("install", "--from", goMod.toString())).as(err.toString()).isZero();
        assertThat(lastLine()).endsWith(t.version() + ".linux-amd64");
        assertThat(err.toString()).contains("go.mod:5");
    }

    private int gosetupAs(java.util.Map<String, String> env, String... args) {
        userEnv.clear();
        userEnv.putAll(env);
        return gosetup(args);
    }

    @Test
    void listAllShowsTheGoInstallsOutsideTheStoreAndInstallReuseUsesOne(@TempDir Path user) throws Exception {
        RealToolchains.require(3);
        // a fake goenv install (VERSION file and a script as bin/go): goenv is not installed here
        Path goenv = user.resolve(".goenv/versions/1.21.0");
        Files.createDirectories(goenv.resolve("src/runtime"));
        Files.createDirectories(goenv.resolve("pkg/tool/linux_amd64"));
        Files.createDirectories(goenv.resolve("bin"));
        Files.writeString(goenv.resolve("VERSION"), "go1.21.0-bigcorp\n");
        Files.writeString(goenv.resolve("bin/go"), "#!/bin/sh\necho 'go version go1.21.0-bigcorp linux/amd64'\n");
        goenv.resolve("bin/go").toFile().setExecutable(true);
        java.util.Map<String, String> env = java.util.Map.of("HOME", user.toString(), "PATH", "/usr/lib/go-1.22/bin");
        PackedToolchain t = toolchains.get(toolchains.size() - 1);
        assertThat(gosetupAs(env, "install", "--quiet", t.version())).isZero();

        assertThat(gosetupAs(env, "list")).isZero();
        assertThat(out.toString()).doesNotContain("external");
        assertThat(gosetupAs(env, "list", "--all")).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("  " + t.version()).contains(store.toString());
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  go1.21.0-bigcorp  linux-amd64  " + goenv.toRealPath())
                .endsWith("external (goenv)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("  /usr/lib/go-1.22  external (distro)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("  /usr/lib/go-1.21  external (distro)"));

        assertThat(gosetupAs(env, "install", "--reuse", "1.21.0")).as(err.toString()).isZero();
        assertThat(lastLine()).isEqualTo(goenv.toRealPath().toString());
        assertThat(gosetupAs(env, "list", "--all")).isZero();
        assertThat(out.toString()).contains(goenv.toRealPath() + "  external (goenv), reused");
        assertThat(gosetupAs(env, "uninstall", "1.21.0")).as(err.toString()).isZero();
        assertThat(goenv.resolve("bin/go")).exists();
        assertThat(gosetupAs(env, "install", "--reuse", "--help")).isZero();
        assertThat(out.toString()).contains("--reuse");
    }

    @Test
    void installFromAGoModFileTakesItsGoLineWhenTheToolchainLineIsOlder(@TempDir Path project) throws Exception {
        PackedToolchain newer = toolchains.get(toolchains.size() - 1);
        PackedToolchain older = toolchains.get(toolchains.size() - 2);
        Path goMod = project.resolve("go.mod");
        Files.writeString(goMod, "module example.com/x\n\ngo " + newer.version().substring(2) + "\n\ntoolchain "
                + older.version() + "\n");
        assertThat(gosetup("install", "--from", goMod.toString())).as(err.toString()).isZero();
        assertThat(lastLine()).endsWith(newer.version() + ".linux-amd64");
        assertThat(err.toString()).contains("go.mod:3: go " + newer.version().substring(2));
    }

    @Test
    void badInputIsExitTwoWithTheReason() {
        assertThat(gosetup("install", "1.x.y")).isEqualTo(2);
        assertThat(err.toString()).contains("\"1.x.y\"");

        assertThat(gosetup("install", "1.4.3")).isEqualTo(2);
        assertThat(err.toString()).contains("no Go release matches \"1.4.3\"")
                .contains(toolchains.get(toolchains.size() - 1).version()).contains("fix:");

        assertThat(gosetup("install", "--os", "plan9", "--arch", "386", toolchains.get(0).version())).isEqualTo(2);
        assertThat(err.toString()).contains("has no archive for plan9-386");

        assertThat(gosetup("install")).isEqualTo(2);
        assertThat(gosetup("install", "--from", "/nonexistent/go.mod")).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/go.mod");
    }

    @Test
    void anUnreachableIndexFallsBackToAnInstalledMatchWithAOneLineWarning() {
        PackedToolchain t = toolchains.get(toolchains.size() - 1);
        assertThat(gosetup("install", "-q", t.version())).isZero();
        String line = t.version().replaceFirst("^go(\\d+\\.\\d+).*", "$1");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = GoSetupCommand.run(new String[] {"install", line, "--home", store.toString(),
            "--index", "http://127.0.0.1:1/index.json"}, new PrintWriter(o, true), new PrintWriter(e, true));
        assertThat(status).as(e.toString()).isZero();
        assertThat(o.toString().strip()).endsWith(t.version() + ".linux-amd64");
        assertThat(e.toString()).contains("gosetup: warning: release index unavailable")
                .contains("using installed " + t.version());
    }

    @Test
    void pruneKeepsTheNewestAndTheCurrent() {
        PackedToolchain a = toolchains.get(toolchains.size() - 2);
        PackedToolchain b = toolchains.get(toolchains.size() - 1);
        assertThat(gosetup("install", "-q", a.version())).isZero();
        assertThat(gosetup("install", "-q", b.version())).isZero();
        assertThat(gosetup("use", a.version())).isZero();
        assertThat(gosetup("prune", "--keep", "1")).isZero();
        assertThat(out.toString()).isEmpty(); // the older is current, the newer is the one kept
        assertThat(gosetup("use", b.version())).isZero();
        assertThat(gosetup("prune", "--keep", "1")).isZero();
        assertThat(out.toString().strip()).isEqualTo("removed " + a.version());
    }

    @Test
    void uninstallResolvesASpecAgainstTheInstalledToolchains() {
        PackedToolchain a = toolchains.get(toolchains.size() - 2);
        PackedToolchain b = toolchains.get(toolchains.size() - 1);
        assertThat(gosetup("install", "-q", a.version())).isZero();
        assertThat(gosetup("install", "-q", b.version())).isZero();
        // "1.x" matches both: refused, naming them, nothing removed.
        assertThat(gosetup("uninstall", "1.x")).isEqualTo(2);
        assertThat(err.toString()).contains("matches 2 installed toolchains").contains(a.version())
                .contains(b.version());
        String line = b.version().replaceFirst("^go(\\d+\\.\\d+).*", "$1");
        assertThat(gosetup("uninstall", line)).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("removed " + b.version());
        assertThat(gosetup("uninstall", line)).isEqualTo(2);
        assertThat(err.toString()).contains("no installed toolchain matches \"" + line + "\"")
                .contains("installed: " + a.version());
    }

    @Test
    void cancellingAnInstallCleansStagingEndsTheProgressAndKeepsThePartialDownloadForTheNextRun() throws Exception {
        PackedToolchain t = toolchains.get(toolchains.size() - 1);
        server.throttle(2L * 1024 * 1024);
        CancellationToken cancel = new CancellationToken();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int[] status = new int[1];
        Thread install = new Thread(() -> status[0] = GoSetupCommand.run(new String[] {"install", t.version(),
            "--home", store.toString(), "--index", server.indexUri().toString(), "--mirror",
            server.baseUri().toString()}, new PrintWriter(o, true), new PrintWriter(e, true), Map.of(), cancel));
        install.start();
        Path part = store.resolve("downloads/" + t.filename() + ".part");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((!Files.exists(part) || Files.size(part) < 1024 * 1024) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        cancel.cancel(); // what the launcher's Ctrl-C hook does
        install.join(Duration.ofSeconds(30).toMillis());
        server.throttle(0);
        assertThat(install.isAlive()).isFalse();
        assertThat(status[0]).as(e.toString()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(e.toString()).contains("gosetup: install of " + t.version().substring(2) + " cancelled")
                .contains("the partial download " + part).contains("was kept, and the next install resumes it");
        try (var staged = Files.list(store.resolve("staging"))) {
            assertThat(staged).as("no staging directory left").isEmpty();
        }
        assertThat(store.resolve("toolchains/" + t.version() + ".linux-amd64")).doesNotExist();
        long kept = Files.size(part);
        assertThat(kept).isGreaterThan(0);

        server.resetCounts();
        assertThat(gosetup("install", t.version())).as(err.toString()).isZero();
        assertThat(err.toString()).contains("resuming at");
        List<RecordedRequest> log = server.requestLog();
        assertThat(log.stream().filter(r -> r.path().endsWith(t.filename())).findFirst().orElseThrow()
                .header("Range")).hasValueSatisfying(range -> assertThat(range).startsWith("bytes="));
    }

    @Test
    void anInstallIntoAnUnwritableStoreSaysWhichDirectoryAndWhatToDoOnLinesOfTheirOwn() throws Exception {
        PackedToolchain t = toolchains.get(toolchains.size() - 1);
        Path staging = Files.createDirectories(store.resolve("staging"));
        int status;
        try (dev.gosetup.testkit.Unwritable ignored = dev.gosetup.testkit.Unwritable.make(staging)) {
            status = gosetup("install", t.version());
        }
        assertThat(status).as(err.toString()).isEqualTo(ExitCode.FAILED);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("gosetup: cannot create " + staging));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  fix: make " + staging + " writable"));
        assertThat(err.toString()).doesNotContain("unexpected").doesNotContain("UncheckedIOException");
        assertThat(store.resolve("toolchains/" + t.version() + ".linux-amd64")).doesNotExist();
    }
}
