package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.core.internal.ModuleZip;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** {@code gosetup proxy pack --rev}: what a git revision holds, through git archive; a dirty tree refused. */
class ProxyPackRevisionTest extends CliTest {
    private int gosetup(String... args) {
        return gosetup(List.of(args));
    }

    private String run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    private Path repository() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path lib = Files.createDirectories(repo.resolve("lib"));
        Files.writeString(lib.resolve("go.mod"), "module example.com/repo/lib\n\ngo 1.21\n");
        Files.writeString(lib.resolve("lib.go"), "package lib\n\nconst Answer = 42\n");
        run(repo, Map.of(), "git", "init", "-q");
        run(repo, Map.of(), "git", "add", ".");
        run(repo, Map.of(), "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "v1.2.0");
        run(repo, Map.of(), "git", "tag", "lib/v1.2.0");
        return repo;
    }

    @Test
    void aDirtyTreeIsRefusedWithoutATraceThenPackedCommittedContentWithAllowDirty() throws Exception {
        Path lib = repository().resolve("lib");
        Files.writeString(lib.resolve("lib.go"), "package lib\n\nconst Answer = 43 // not committed\n");
        Path dir = tmp.resolve("proxy");

        assertThat(gosetup("proxy", "pack", lib.toString(), "--rev", "lib/v1.2.0", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("uncommitted changes", "lib.go", "fix:", "--allow-dirty");
        assertThat(dir).doesNotExist();

        assertThat(gosetup("proxy", "pack", lib.toString(), "--rev", "lib/v1.2.0", "--out", dir.toString(),
                "--allow-dirty")).as(err.toString()).isZero();
        Path zip = dir.resolve("example.com/repo/lib/@v/v1.2.0.zip");
        assertThat(out.toString()).contains("example.com/repo/lib v1.2.0 " + ModuleZip.hashZip(zip));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            String content = new String(z.getInputStream(z.getEntry("example.com/repo/lib@v1.2.0/lib.go")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(content).contains("Answer = 42").doesNotContain("43");
        }

        // The real go command takes the packed revision from the directory.
        LocalGoroot go = RealToolchains.require(1).get(RealToolchains.require(1).size() - 1);
        Path user = Files.createDirectories(tmp.resolve("consumer"));
        Files.writeString(user.resolve("go.mod"), "module consumer\n\ngo 1.19\n");
        String downloaded = run(user, Map.of("GOPROXY", dir.toUri().toString(), "GONOSUMDB", "example.com",
                "GOFLAGS", "-mod=mod", "GOPATH", tmp.resolve("gopath").toString(), "GOTOOLCHAIN", "local",
                "GOENV", "off", "GOCACHE", tmp.resolve("gocache").toString()),
                go.goBinary().toString(), "mod", "download", "-json", "example.com/repo/lib@v1.2.0");
        assertThat(downloaded).contains("\"Version\": \"v1.2.0\"");
    }

    @Test
    void badRevisionsAndOptionsAreBadInput() throws Exception {
        Path lib = repository().resolve("lib");
        Path dir = tmp.resolve("proxy");
        assertThat(gosetup("proxy", "pack", lib.toString(), "--rev", "lib/v9.9.9", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("lib/v9.9.9", "fix:");
        assertThat(gosetup("proxy", "pack", lib.toString(), "--rev", "HEAD", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("does not name a version", "--version");
        assertThat(gosetup("proxy", "pack", lib.toString(), "--rev", "--upload-pack=x", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(gosetup("proxy", "pack", lib.toString(), "--allow-dirty", "--out", dir.toString(), "--version",
                "v1.0.0")).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-dirty only applies with --rev");
        assertThat(dir).doesNotExist();
        assertThat(gosetup("proxy", "pack", lib.toString(), "--rev", "HEAD", "--version", "v1.2.1", "--out",
                dir.toString())).as(err.toString()).isZero();
        // `proxy pack --help` is refused on main too (pack's own --version option shadows the standard
        // help options); the usage text still documents the new options.
        assertThat(new picocli.CommandLine(new ProxyCommands.Pack()).getUsageMessage()).contains("--rev", "--allow-dirty");
    }
}
