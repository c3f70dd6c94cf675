package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.internal.FileTrees;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Helpers shared by the installer tests. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * Runs a toolchain's own {@code go version} and returns what it printed. Go's per-user directories are moved into
     * a directory of their own with telemetry off (then deleted): with the real user's, a Go 1.23+ telemetry child
     * would write into the real home after go ended (and disturb GoInstallerTest's check that installs leave it alone).
     */
    static String goVersion(Toolchain toolchain) {
        try {
            return goVersionAs(Files.createTempDirectory("gosetup-test-go-user-"), toolchain);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String goVersionAs(Path user, Toolchain toolchain) throws IOException {
        try {
            GoUserDirectories.turnTelemetryOff(Platform.current(), user);
            Map<String, Optional<String>> env = new HashMap<>(Map.of("GOTOOLCHAIN", Optional.of("local"),
                    "GOROOT", Optional.empty(), "GOFLAGS", Optional.empty()));
            GoUserDirectories.movedUnder(Platform.current(), user).forEach((k, v) -> env.put(k, Optional.of(v)));
            ProcessResult result = ProcessRunner.run(List.of(toolchain.goBinary().toString(), "version"),
                    toolchain.goroot(), env, Duration.ofSeconds(60), new dev.gosetup.api.CancellationToken());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            return result.stdout().strip();
        } finally {
            FileTrees.deleteTree(user);
        }
    }

    /** One entry of a hand-made tar archive. */
    record Entry(String name, byte type, String content, String linkTarget, int mode) {
        static Entry file(String name, String content) {
            return new Entry(name, TarArchiveEntry.LF_NORMAL, content, "", 0644);
        }

        static Entry executable(String name, String content) {
            return new Entry(name, TarArchiveEntry.LF_NORMAL, content, "", 0755);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarArchiveEntry.LF_SYMLINK, "", target, 0777);
        }

        static Entry hardlink(String name, String target) {
            return new Entry(name, TarArchiveEntry.LF_LINK, "", target, 0644);
        }

        static Entry special(String name, byte type) {
            return new Entry(name, type, "", "", 0644);
        }
    }

    /** Writes a tar.gz with exactly the given entries, names unchecked, as an attacker would. */
    static Path tarGz(Path file, List<Entry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                entry.setMode(e.mode());
                byte[] data = e.content().getBytes(StandardCharsets.UTF_8);
                if (!e.linkTarget().isEmpty()) {
                    entry.setLinkName(e.linkTarget());
                }
                if (e.type() == TarArchiveEntry.LF_NORMAL) {
                    entry.setSize(data.length);
                }
                tar.putArchiveEntry(entry);
                if (e.type() == TarArchiveEntry.LF_NORMAL) {
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** Lists every path under a directory, relative to it, for "nothing else was written" checks. */
    static List<String> tree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(p -> dir.relativize(p).toString()).filter(s -> !s.isEmpty()).sorted().toList();
        }
    }
}
