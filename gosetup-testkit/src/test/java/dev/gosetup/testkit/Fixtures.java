package dev.gosetup.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Helpers shared by this module's tests: fake GOROOTs and running commands. */
final class Fixtures {

    private Fixtures() {
    }

    /** The result of a finished command. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    /**
     * A small GOROOT-shaped tree exercising the packer: a file symlink, a directory symlink leaving the tree, a
     * dangling symlink, a symlink cycle, a self-referencing symlink, an empty directory, an executable that is
     * not world-executable, and a path longer than 100 characters.
     */
    static Path fakeGoroot(Path parent, String version) throws IOException {
        Path root = Files.createDirectories(parent.resolve("goroot-" + version));
        Path shared = Files.createDirectories(parent.resolve("shared-" + version + "/include"));
        Files.writeString(shared.resolve("asm.h"), "// header\n");
        Files.writeString(root.resolve("VERSION"), version + "\ntime 2025-01-01T00:00:00Z\n");
        Path go = Files.createDirectories(root.resolve("bin")).resolve("go");
        Files.writeString(go, "#!/bin/sh\necho fake go\n");
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path src = Files.createDirectories(root.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "alpha\n");
        Path tool = src.resolve("tool.sh");
        Files.writeString(tool, "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(src.resolve("linked.txt"), Paths.get("a.txt"));
        Files.createSymbolicLink(src.resolve("dangling"), Paths.get("does-not-exist"));
        Files.createSymbolicLink(src.resolve("loop"), Paths.get(".."));
        Files.createSymbolicLink(src.resolve("self"), Paths.get("self"));
        Path deep = Files.createDirectories(src.resolve("d".repeat(60)).resolve("e".repeat(60)));
        Files.writeString(deep.resolve("long-name.txt"), "deep\n");
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve("pkg"));
        Files.createSymbolicLink(root.resolve("pkg/include"), Paths.get("../../shared-" + version + "/include"));
        return root;
    }

    /** Adds an incompressible file so that packing takes a noticeable moment. */
    static void addBulk(Path goroot, int megabytes) throws IOException {
        byte[] data = new byte[megabytes << 20];
        new Random(42).nextBytes(data);
        Files.write(goroot.resolve("src/bulk.bin"), data);
    }

    static Run run(List<String> command, Path directory, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("fixture-out", ".txt");
        Path err = Files.createTempFile("fixture-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .directory(directory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            for (String name : List.of("GOROOT", "GOFLAGS", "GOPATH", "GOBIN", "GOENV")) {
                pb.environment().remove(name);
            }
            pb.environment().putAll(extraEnv);
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Environment for running a real {@code go}: never download a toolchain, never read user config; Go's config
     * directory is {@code home/.config}, where the user has turned telemetry off ({@link #turnTelemetryOff}).
     */
    static Map<String, String> goEnv(Path home) throws IOException {
        turnTelemetryOff(home.resolve(".config"));
        return Map.of("GOTOOLCHAIN", "local", "GOENV", "off", "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "GOCACHE", home.resolve("gocache").toString(), "GOPATH", home.resolve("gopath").toString());
    }

    /**
     * Writes {@code off} to Go's telemetry mode file under a user config directory: what {@code go telemetry off}
     * writes, and a copy of gosetup-core's {@code GoUserDirectories.turnTelemetryOff(Path)} (the testkit cannot depend
     * on core). In its default mode Go 1.23+ starts a detached child ({@code go "** telemetry **"}) that outlives the
     * go command and creates {@code go/telemetry/local} and {@code upload} there afterwards, racing JUnit's deletion
     * of a {@code @TempDir}; with {@code off} it starts none. The variable {@code GOTELEMETRY=off} does nothing.
     */
    static Path turnTelemetryOff(Path userConfigDirectory) throws IOException {
        Path mode = Files.createDirectories(userConfigDirectory.resolve("go").resolve("telemetry")).resolve("mode");
        Files.write(mode, "off".getBytes(StandardCharsets.US_ASCII));
        return mode;
    }
}
