package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing rules and cache behaviour, on small fake GOROOTs in a private cache. */
class ToolchainMirrorCacheTest {

    @TempDir
    Path temp;

    @Test
    void packsOneGoDirectoryFollowingSymlinksSkippingDanglingOnesAndCycles() throws Exception {
        LocalGoroot goroot = LocalGoroot.read(Fixtures.fakeGoroot(temp, "go1.30.1"));

        ToolchainMirror mirror = ToolchainMirror.of(List.of(goroot), temp.resolve("cache"));

        PackedToolchain packed = mirror.newest();
        assertThat(packed.filename()).isEqualTo("go1.30.1." + HostPlatform.goos() + "-" + HostPlatform.goarch()
                + ".tar.gz");
        List<ArchiveEntries.Entry> entries = ArchiveEntries.read(packed.archive());
        List<String> names = entries.stream().map(ArchiveEntries.Entry::name).toList();
        String longDir = "go/src/" + "d".repeat(60) + "/" + "e".repeat(60) + "/";
        assertThat(names).containsExactly(
                "go/", "go/VERSION", "go/bin/", "go/bin/go", "go/empty/", "go/pkg/", "go/pkg/include/",
                "go/pkg/include/asm.h", "go/src/", "go/src/a.txt", "go/src/" + "d".repeat(60) + "/", longDir,
                longDir + "long-name.txt", "go/src/linked.txt", "go/src/tool.sh");
        assertThat(names).isSortedAccordingTo(ArchiveEntries.TREE_ORDER);
        assertThat(entries).noneMatch(ArchiveEntries.Entry::symlinkOrHardlink)
                .allMatch(e -> e.uid() == 0 && e.gid() == 0);
        assertThat(entry(entries, "go/src/linked.txt").smallContent()).asString(StandardCharsets.UTF_8)
                .isEqualTo("alpha\n");
        assertThat(entry(entries, "go/pkg/include/").directory()).isTrue();
        assertThat(entry(entries, "go/bin/go").mode() & 07777).isEqualTo(0755);
        assertThat(entry(entries, "go/src/tool.sh").mode() & 07777).isEqualTo(0750);
        assertThat(entry(entries, "go/src/a.txt").mode() & 07777).isEqualTo(0644);
        assertThat(entry(entries, "go/VERSION").size()).isEqualTo(Files.size(goroot.goroot().resolve("VERSION")));
        assertThat(packed.sha256()).isEqualTo(GoDevIndex.sha256(packed.archive()));
        assertThat(packed.size()).isEqualTo(Files.size(packed.archive()));
        assertThat(packed.sourceGoroot()).isEqualTo(goroot.goroot());
        assertThat(mirror.directory()).isDirectoryContaining(p -> p.getFileName().toString().equals("index.json"));
    }

    @Test
    void reusesCachedArchivesAndRepacksWhenTheSourceOrTheArchiveChanges() throws Exception {
        LocalGoroot goroot = LocalGoroot.read(Fixtures.fakeGoroot(temp, "go1.30.1"));
        Path cache = temp.resolve("cache");

        ToolchainMirror first = ToolchainMirror.of(List.of(goroot), cache);
        FileTime packedAt = Files.getLastModifiedTime(first.newest().archive());
        ToolchainMirror second = ToolchainMirror.of(List.of(goroot), cache);

        assertThat(first.packedCount()).isEqualTo(1);
        assertThat(second.packedCount()).isZero();
        assertThat(second.directory()).isEqualTo(first.directory());
        assertThat(second.toolchains()).isEqualTo(first.toolchains());
        assertThat(Files.getLastModifiedTime(second.newest().archive())).isEqualTo(packedAt);

        // A package upgrade rewrites VERSION (and more); its new mtime alone must trigger a repack.
        Files.setLastModifiedTime(goroot.goroot().resolve("VERSION"),
                FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        ToolchainMirror upgraded = ToolchainMirror.of(List.of(goroot), cache);

        assertThat(upgraded.packedCount()).isEqualTo(1);
        assertThat(upgraded.newest().sha256()).isNotEqualTo(first.newest().sha256());
        assertThat(upgraded.directory()).isNotEqualTo(first.directory());
        assertThat(first.directory()).as("stale mirror directory is pruned").doesNotExist();
        assertThat(ToolchainMirror.of(List.of(goroot), cache).packedCount()).isZero();

        // An archive damaged behind the cache's back is noticed by its size/mtime.
        Path cached = cache.resolve("archives").resolve(upgraded.newest().filename());
        Files.write(cached, new byte[] {1, 2, 3});
        ToolchainMirror repaired = ToolchainMirror.of(List.of(goroot), cache);

        assertThat(repaired.packedCount()).isEqualTo(1);
        assertThat(repaired.newest().sha256()).isEqualTo(GoDevIndex.sha256(repaired.newest().archive()))
                .as("packing is reproducible").isEqualTo(upgraded.newest().sha256());
    }

    @Test
    void mirrorsOfDifferentSetsShareArchivesAndKeepTheirOwnIndex() throws Exception {
        LocalGoroot a = LocalGoroot.read(Fixtures.fakeGoroot(temp, "go1.30.1"));
        LocalGoroot b = LocalGoroot.read(Fixtures.fakeGoroot(temp, "go1.31.0"));
        Path cache = temp.resolve("cache");

        ToolchainMirror onlyA = ToolchainMirror.of(List.of(a), cache);
        ToolchainMirror both = ToolchainMirror.of(List.of(b, a), cache);

        assertThat(both.packedCount()).as("only b is new").isEqualTo(1);
        assertThat(both.toolchains()).extracting(PackedToolchain::version).containsExactly("go1.30.1", "go1.31.0");
        assertThat(both.newest().version()).isEqualTo("go1.31.0");
        assertThat(onlyA.directory()).as("a's mirror is still valid and kept").isDirectory();
        assertThat(Files.isSameFile(onlyA.newest().archive(), both.toolchain("go1.30.1").orElseThrow().archive()))
                .isTrue();
        assertThat(Files.readString(onlyA.indexFile())).contains("go1.30.1").doesNotContain("go1.31.0");
        assertThat(Files.readString(both.indexFile())).contains("go1.30.1", "go1.31.0");
    }

    @Test
    void concurrentBuildsInOneJvmPackOnce() throws Exception {
        LocalGoroot goroot = LocalGoroot.read(Fixtures.fakeGoroot(temp, "go1.30.1"));
        Fixtures.addBulk(goroot.goroot(), 8);
        Path cache = temp.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<ToolchainMirror>> builds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                builds.add(() -> ToolchainMirror.of(List.of(goroot), cache));
            }
            List<ToolchainMirror> mirrors = new ArrayList<>();
            for (Future<ToolchainMirror> f : pool.invokeAll(builds)) {
                mirrors.add(f.get());
            }

            assertThat(mirrors.stream().mapToInt(ToolchainMirror::packedCount).sum()).isEqualTo(1);
            assertThat(mirrors.stream().map(ToolchainMirror::toolchains).collect(Collectors.toSet())).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentBuildsInTwoJvmsPackOnce() throws Exception {
        Path gorootDir = Fixtures.fakeGoroot(temp, "go1.30.1");
        Fixtures.addBulk(gorootDir, 48);
        Path cache = temp.resolve("cache");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                BuildMirrorInAnotherJvm.class.getName(), cache.toString(), gorootDir.toString());
        // A leftover from a JVM that died mid-pack must not disturb anyone.
        Files.createDirectories(cache.resolve("archives"));
        Files.writeString(cache.resolve("archives/.tmp-" + HostPlatform.archiveFilename("go1.30.1") + "-dead"), "partial");

        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = temp.resolve("jvm-" + i + ".txt");
            outputs.add(out);
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start());
        }
        for (Process p : processes) {
            assertThat(p.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            assertThat(p.exitValue()).isZero();
        }

        List<Map<String, String>> results = new ArrayList<>();
        for (Path out : outputs) {
            results.add(Files.readAllLines(out).stream().filter(l -> l.startsWith("result "))
                    .map(l -> l.substring("result ".length()).split("=", 2))
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (x, y) -> y)));
        }
        assertThat(results).allSatisfy(r -> assertThat(r).containsKeys("packed", "sha256", "directory"));
        assertThat(results.stream().mapToInt(r -> Integer.parseInt(r.get("packed"))).sum()).isEqualTo(1);
        assertThat(results.get(0).get("sha256")).isEqualTo(results.get(1).get("sha256"));
        assertThat(results.get(0).get("directory")).isEqualTo(results.get(1).get("directory"));
        try (var leftovers = Files.list(cache.resolve("archives"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    @Test
    void rejectsEmptyListsAndDuplicateVersions() throws Exception {
        Path cache = temp.resolve("cache");
        LocalGoroot a = LocalGoroot.read(Fixtures.fakeGoroot(temp, "go1.30.1"));
        LocalGoroot sameVersion = new LocalGoroot(temp.resolve("elsewhere"), "go1.30.1");

        assertThatThrownBy(() -> ToolchainMirror.of(List.of(), cache)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToolchainMirror.of(List.of(a, sameVersion), cache))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("go1.30.1")
                .hasMessageContaining("elsewhere");
    }

    private static ArchiveEntries.Entry entry(List<ArchiveEntries.Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name));
    }
}
