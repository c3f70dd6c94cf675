package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.RealToolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching toolchains with {@code eval "$(gosetup env --version X)"} back and forth in one shell,
 * and the env command refusing bad arguments before any side effect or network access.
 */
class EnvSwitchTest extends CliTest {
    /** An index nobody answers: a command that asks it fails. */
    private static final String DEAD_INDEX = "http://127.0.0.1:1/dl/?mode=json&include=all";

    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(() -> {
        // Two minor lines, so that a mismatch between go and its GOROOT shows in a build.
        List<LocalGoroot> two = new ArrayList<>();
        for (String minor : List.of("go1.21.", "go1.22.")) {
            RealToolchains.discover().stream().filter(g -> g.version().startsWith(minor)).findFirst().ifPresent(two::add);
        }
        return RealToolchains.require(2, two, System.getenv());
    });

    @TempDir
    static Path shared;

    String liveIndex;
    String older;
    String newer;

    @BeforeEach
    void user() {
        store = shared.resolve("store");
        userEnv.put("SHELL", "/bin/sh");
        liveIndex = MIRROR.server().indexUri().toString();
        older = MIRROR.toolchains().get(0).version();
        newer = MIRROR.toolchains().get(1).version();
    }

    private int gosetup(String index, String... args) {
        return gosetup(withOptions(List.of(args), List.of("--home", store.toString(), "--index", index, "--mirror",
                MIRROR.server().baseUri().toString())));
    }

    private String envScript(String version) {
        // The index is dead: an installed match must be found without asking it.
        assertThat(gosetup(DEAD_INDEX, "env", "--version", minor(version))).as(err.toString()).isZero();
        return out.toString();
    }

    private static String minor(String version) {
        String[] parts = version.substring(2).split("\\.");
        return parts[0] + "." + parts[1];
    }

    @Test
    void switchingBackAndForthInOneShellBuildsWithTheChosenToolchainEachTime() throws Exception {
        assertThat(gosetup(liveIndex, "install", "-q", older)).as(err.toString()).isZero();
        assertThat(gosetup(liveIndex, "install", "-q", newer)).as(err.toString()).isZero();
        Path a = Files.writeString(tmp.resolve("a.sh"), envScript(older));
        Path b = Files.writeString(tmp.resolve("b.sh"), envScript(newer));
        assertThat(Files.readString(a)).doesNotContain("export GOROOT").contains("unset GOROOT");

        Path module = Files.createDirectories(tmp.resolve("hello"));
        Files.writeString(module.resolve("go.mod"), "module example.com/hello\n\ngo 1.21\n");
        Files.writeString(module.resolve("main.go"),
                "package main\n\nimport (\"fmt\"; \"runtime\")\n\nfunc main() { fmt.Println(runtime.Version()) }\n");
        // One shell, as a user would type it: each step sources the output of `gosetup env` and builds.
        String step = "go build -o \"$2/hello-bin\" . && \"$2/hello-bin\" && echo \"PATH=$PATH\"";
        String script = String.join("; ", "set -e", "cd \"$1\"",
                ". \"$3\"", step, ". \"$4\"", step, ". \"$3\"", step, ". \"$4\"", step);
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("HOME", Optional.of(home.toString()));
        env.put("PATH", Optional.of("/usr/local/bin:/usr/bin:/bin"));
        env.put("GOROOT", Optional.of("/usr/lib/go-1.19")); // stale, as left by an earlier setup
        env.put("GOFLAGS", Optional.empty());
        env.put("GOTOOLCHAIN", Optional.of("local"));
        ProcessResult result = ProcessRunner.run(List.of("sh", "-c", script, "sh", module.toString(), tmp.toString(),
                a.toString(), b.toString()), tmp, env, Duration.ofMinutes(8), new CancellationToken());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(8);
        String binOlder = store.resolve("toolchains/" + older + ".linux-amd64/bin").toString();
        String binNewer = store.resolve("toolchains/" + newer + ".linux-amd64/bin").toString();
        for (int i = 0; i < 4; i++) {
            boolean isOlder = i % 2 == 0;
            assertThat(lines.get(2 * i)).isEqualTo(isOlder ? older : newer);
            String path = lines.get(2 * i + 1);
            // The chosen toolchain first, the other gone, the user's own entries kept in order.
            assertThat(path).startsWith("PATH=" + (isOlder ? binOlder : binNewer) + ":")
                    .doesNotContain(isOlder ? binNewer : binOlder)
                    .endsWith(":/usr/local/bin:/usr/bin:/bin");
        }
    }

    @Test
    void aSwitchInFishAndZshLeavesOneToolchainOnPath() throws Exception {
        assertThat(gosetup(liveIndex, "install", "-q", older)).as(err.toString()).isZero();
        assertThat(gosetup(liveIndex, "install", "-q", newer)).as(err.toString()).isZero();
        String binOlder = store.resolve("toolchains/" + older + ".linux-amd64/bin").toString();
        String binNewer = store.resolve("toolchains/" + newer + ".linux-amd64/bin").toString();
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("HOME", Optional.of(home.toString()));
        env.put("PATH", Optional.of("/usr/bin:/bin"));
        env.put("GOROOT", Optional.of("/stale"));
        env.put("XDG_CONFIG_HOME", Optional.of(tmp.resolve("xdg").toString()));
        for (String shell : List.of("zsh", "fish", "bash", "dash")) {
            if (!Files.isExecutable(Path.of("/usr/bin", shell)) && !Files.isExecutable(Path.of("/bin", shell))) {
                continue; // the real-shell tests of gosetup-core require them; here sh above is the proof
            }
            String kind = shell.equals("fish") ? "fish" : shell.equals("dash") ? "sh" : shell;
            assertThat(gosetup(DEAD_INDEX, "env", "--shell", kind, "--version", minor(older))).as(err.toString())
                    .isZero();
            Path a = Files.writeString(tmp.resolve("a." + kind), out.toString());
            assertThat(gosetup(DEAD_INDEX, "env", "--shell", kind, "--version", minor(newer))).as(err.toString())
                    .isZero();
            Path b = Files.writeString(tmp.resolve("b." + kind), out.toString());
            String show = shell.equals("fish") ? "echo (string join : $PATH); go version; set -q GOROOT; or echo unset"
                    : "echo \"$PATH\"; go version; echo \"${GOROOT-unset}\"";
            String src = shell.equals("fish") ? "source" : ".";
            String cmd = String.join("; ", src + " " + a, src + " " + b, src + " " + a, src + " " + b, show);
            ProcessResult r = ProcessRunner.run(List.of(shell, "-c", cmd), tmp, env, Duration.ofSeconds(60),
                    new CancellationToken());
            assertThat(r.exitCode()).as(shell + ": " + r.stderr()).isZero();
            List<String> lines = r.stdout().lines().toList();
            // The chosen toolchain, then the profile's GOBIN, then the user's own entries.
            assertThat(lines.get(0)).as(shell).isEqualTo(binNewer + ":" + home.resolve("go/bin") + ":/usr/bin:/bin");
            assertThat(lines.get(1)).as(shell).startsWith("go version " + newer + " ");
            assertThat(lines.get(2)).as(shell).isEqualTo("unset");
        }
    }

    @Test
    void goRootIsSetOnlyWhenAsked() {
        assertThat(gosetup(liveIndex, "install", "-q", older)).as(err.toString()).isZero();
        assertThat(gosetup(DEAD_INDEX, "env", "--goroot", "--version", minor(older))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("export GOROOT='" + store.resolve("toolchains/" + older + ".linux-amd64"))
                .doesNotContain("unset GOROOT");
    }

    @Test
    void anUnknownShellIsRefusedBeforeAnyDirectoryIsCreated() {
        assertThat(gosetup(liveIndex, "env", "--shell", "tcsh", "--version", minor(older)))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--shell").contains("tcsh");
        assertThat(home.resolve("go")).doesNotExist();
        assertThat(home.resolve(".cache")).doesNotExist();
    }

    @Test
    void aBadProfileOrVersionIsRefusedBeforeTheIndexIsAsked() {
        assertThat(gosetup(DEAD_INDEX, "env", "--profile", "BAD", "--version", "1.99")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--profile").contains("BAD").doesNotContain("127.0.0.1");
        assertThat(gosetup(DEAD_INDEX, "env", "--version", "1.2x")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--version").contains("1.2x").doesNotContain("127.0.0.1");
        assertThat(home.resolve("go")).doesNotExist();
    }

    @Test
    void anInstalledMatchIsUsedWithoutTheNetwork() {
        assertThat(gosetup(liveIndex, "install", "-q", older)).as(err.toString()).isZero();
        assertThat(gosetup(DEAD_INDEX, "env", "--version", minor(older))).as(err.toString()).isZero();
        assertThat(out.toString()).contains(older);
        assertThat(gosetup(DEAD_INDEX, "exec", "--version", minor(older), "--", "go", "version"))
                .as(err.toString()).isZero();
    }
}
