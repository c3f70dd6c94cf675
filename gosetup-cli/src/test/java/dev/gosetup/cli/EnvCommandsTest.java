package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.PackedToolchain;

import java.nio.charset.StandardCharsets;
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

/** gosetup env, env apply, env rollback and exec, end to end with real toolchains and real shells. */
class EnvCommandsTest extends CliTest {
    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(1);

    /** One store for the class: each toolchain is installed once. */
    @TempDir
    static Path shared;

    PackedToolchain newest;

    @BeforeEach
    void user() {
        store = shared.resolve("store");
        userEnv.put("SHELL", "/bin/sh");
        newest = MIRROR.newest();
    }

    private int gosetup(String... args) {
        List<String> options = new ArrayList<>(storeOption());
        options.addAll(mirrorOptions(MIRROR));
        if (List.of("install", "env", "exec").contains(args[0]) && !List.of(args).contains("rollback")) {
            options.add("--quiet");
        }
        return gosetup(withOptions(List.of(args), options));
    }

    private ProcessResult sh(Path script, String... commands) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", ". \"$1\"; " + String.join("; ", commands), "sh",
                script.toString()));
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("PATH", Optional.of("/usr/bin:/bin"));
        env.put("HOME", Optional.of(home.toString()));
        env.put("GOROOT", Optional.of("/stale/goroot"));
        env.put("GOFLAGS", Optional.empty());
        return ProcessRunner.run(cmd, tmp, env, Duration.ofSeconds(60), new CancellationToken());
    }

    @Test
    void envPrintsAScriptARealShellEvaluates() throws Exception {
        assertThat(gosetup("env", "--version", newest.version())).as(err.toString()).isZero();
        Path script = tmp.resolve("env.sh");
        Files.writeString(script, out.toString());
        ProcessResult result = sh(script, "command -v go", "go version", "go env GOROOT");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stdout().lines().toList();
        Path goroot = store.resolve("toolchains/" + newest.version() + ".linux-amd64");
        assertThat(lines.get(0)).isEqualTo(goroot.resolve("bin/go").toString());
        assertThat(lines.get(1)).startsWith("go version " + newest.version() + " ");
        assertThat(lines.get(2)).isEqualTo(goroot.toString());
    }

    @Test
    void envJsonAndTheCiProfile() throws Exception {
        assertThat(gosetup("env", "--version", newest.version(), "--profile", "ci", "--json")).as(err.toString())
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("toolchain").path("version").asText()).isEqualTo(newest.version());
        assertThat(json.path("profile").asText()).isEqualTo("ci");
        assertThat(json.path("variables").path("GOPATH").asText()).startsWith(store.toString());
        assertThat(json.path("variables").path("GOCACHE").asText()).startsWith(store.toString());
        assertThat(json.path("path").get(0).asText()).endsWith("/bin");
        for (String dir : List.of("GOPATH", "GOCACHE", "GOMODCACHE", "GOBIN")) {
            Path created = Path.of(json.path("variables").path(dir).asText());
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
                    .as(dir).isEqualTo("rwx------");
        }
    }

    @Test
    void envWithNothingInstalledSaysWhatToDo() {
        store = tmp.resolve("empty-store");
        assertThat(gosetup("env")).isEqualTo(2);
        assertThat(err.toString()).contains("no Go toolchain is installed").contains("gosetup install latest");
        assertThat(gosetup("env", "--shell", "tcsh", "--version", newest.version())).isEqualTo(2);
        assertThat(err.toString()).contains("tcsh");
    }

    @Test
    void applyDryRunChangesNothingThenApplyReachesALoginShellThenRollbackRestoresEveryByte() throws Exception {
        byte[] profile = "# my profile\r\nexport EDITOR=vi\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(home.resolve(".profile"), profile);
        assertThat(gosetup("install", newest.version())).isZero();
        assertThat(gosetup("use", newest.version())).isZero();

        assertThat(gosetup("env", "apply", "--profile", "ci", "--dry-run")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("dry run: nothing was changed").contains(home.resolve(".profile").toString())
                .contains("go-env-file");
        assertThat(Files.readAllBytes(home.resolve(".profile"))).isEqualTo(profile);
        assertThat(home.resolve(".config/go/env")).doesNotExist();

        assertThat(gosetup("env", "apply", "--profile", "ci")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("journal entry");
        // A login shell of this user now finds the current toolchain and the ci profile's GOPATH.
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("PATH", Optional.of("/usr/bin:/bin"));
        env.put("HOME", Optional.of(home.toString()));
        env.put("GOPATH", Optional.empty());
        env.put("GOFLAGS", Optional.empty());
        env.put("XDG_CONFIG_HOME", Optional.empty());
        ProcessResult login = ProcessRunner.run(List.of("sh", "-l", "-c", "command -v go; go env GOPATH"), tmp, env,
                Duration.ofSeconds(60), new CancellationToken());
        assertThat(login.exitCode()).as(login.stderr()).isZero();
        assertThat(login.stdout().lines().toList()).containsExactly(store.resolve("current/bin/go").toString(),
                store.resolve("profiles/ci/go").toString());

        assertThat(gosetup("env", "apply", "--profile", "ci")).isZero();
        assertThat(out.toString()).contains("nothing to change");

        assertThat(gosetup("env", "rollback")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("restored " + home.resolve(".profile"));
        assertThat(Files.readAllBytes(home.resolve(".profile"))).isEqualTo(profile);
        assertThat(home.resolve(".config/go/env")).doesNotExist();
        assertThat(gosetup("env", "rollback")).isZero();
        assertThat(out.toString()).contains("nothing to roll back");
    }

    @Test
    void applyNamesAnUnknownStore() {
        assertThat(gosetup("install", newest.version())).isZero();
        assertThat(gosetup("env", "apply", "--store", "registry-of-mars")).isEqualTo(2);
        assertThat(err.toString()).contains("registry-of-mars").contains("go-env-file");
        assertThat(gosetup("env", "apply", "--list-stores")).isZero();
        assertThat(out.toString()).contains("go-env-file").contains("posix-profile");
    }

    @Test
    void execRunsTheCommandInTheEnvironmentAndReturnsItsStatus() throws Exception {
        Path module = Files.createDirectories(tmp.resolve("hello"));
        Files.writeString(module.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.writeString(module.resolve("main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n");
        Path binary = tmp.resolve("hello-bin");
        userEnv.put("GOFLAGS", "-mod=vendor"); // the user's stray setting must not leak into the profile's run
        userEnv.put("GOCACHE", tmp.resolve("gocache").toString());
        assertThat(gosetup("exec", "--version", newest.version(), "--", "go", "build", "-C", module.toString(), "-o",
                binary.toString(), ".")).as(err.toString()).isZero();
        ProcessResult run = ProcessRunner.run(List.of(binary.toString()), tmp, Map.of(), Duration.ofSeconds(30),
                new CancellationToken());
        assertThat(run.stdout()).isEqualTo("hello\n");

        assertThat(gosetup("exec", "--version", newest.version(), "--", "sh", "-c", "exit 7")).isEqualTo(7);
        assertThat(gosetup("exec", "--version", newest.version(), "--", "no-such-command-here")).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-command-here was not found on PATH");
    }
}
