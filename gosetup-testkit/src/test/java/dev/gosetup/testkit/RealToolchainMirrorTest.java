package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror of the real toolchains on this machine (at least two versions; fails in CI when missing). */
class RealToolchainMirrorTest {

    private static List<LocalGoroot> toolchains;
    private static ToolchainMirror mirror;

    @BeforeAll
    static void buildMirror() {
        toolchains = RealToolchains.require(2);
        mirror = ToolchainMirror.of(toolchains);
    }

    @Test
    void systemTarExtractsARelocatableToolchainForTheOldestAndNewestVersion(@TempDir Path temp) throws Exception {
        List<PackedToolchain> checked = List.of(mirror.toolchains().get(0), mirror.newest());
        assertThat(checked).extracting(PackedToolchain::version).doesNotHaveDuplicates();
        for (PackedToolchain packed : checked) {
            Path target = Files.createDirectories(temp.resolve(packed.version()));

            Fixtures.Run tar = Fixtures.run(List.of("tar", "-xzf", packed.archive().toString(), "-C",
                    target.toString()), temp, Map.of(), Duration.ofMinutes(2));

            assertThat(tar.exitCode()).as("tar stderr: %s", tar.stderr()).isZero();
            try (Stream<Path> top = Files.list(target)) {
                assertThat(top.map(p -> p.getFileName().toString())).containsExactly("go");
            }
            Path goroot = target.resolve("go");
            Path go = goroot.resolve("bin/go");
            Map<String, String> env = Fixtures.goEnv(temp.resolve("home"));
            Fixtures.Run version = Fixtures.run(List.of(go.toString(), "version"), temp, env, Duration.ofMinutes(1));
            Fixtures.Run gorootOut = Fixtures.run(List.of(go.toString(), "env", "GOROOT"), temp, env,
                    Duration.ofMinutes(1));

            assertThat(version.exitCode()).as("go version stderr: %s", version.stderr()).isZero();
            assertThat(version.stdout().strip()).isEqualTo("go version " + packed.version() + " "
                    + HostPlatform.goos() + "/" + HostPlatform.goarch());
            assertThat(gorootOut.exitCode()).as("go env stderr: %s", gorootOut.stderr()).isZero();
            assertThat(Path.of(gorootOut.stdout().strip()).toRealPath()).isEqualTo(goroot.toRealPath());
        }
    }

    @Test
    void indexListsEveryArchiveNewestFirstWithItsRealChecksumAndSize() throws Exception {
        JsonNode index = new ObjectMapper().readTree(mirror.indexFile().toFile());

        assertThat(index.isArray()).isTrue();
        List<String> versions = new ArrayList<>();
        for (JsonNode release : index) {
            versions.add(release.get("version").asText());
            assertThat(release.get("stable").asBoolean()).isTrue();
            assertThat(release.get("files")).hasSize(1);
            JsonNode file = release.get("files").get(0);
            String filename = file.get("filename").asText();
            Path archive = mirror.directory().resolve(filename);
            assertThat(filename).isEqualTo(HostPlatform.archiveFilename(release.get("version").asText()));
            assertThat(file.get("os").asText()).isEqualTo(HostPlatform.goos());
            assertThat(file.get("arch").asText()).isEqualTo(HostPlatform.goarch());
            assertThat(file.get("version").asText()).isEqualTo(release.get("version").asText());
            assertThat(file.get("kind").asText()).isEqualTo("archive");
            assertThat(file.get("size").asLong()).isEqualTo(Files.size(archive));
            assertThat(file.get("sha256").asText()).isEqualTo(Sha256.hex(archive));
        }
        List<String> expected = new ArrayList<>(toolchains.stream().map(LocalGoroot::version).toList());
        java.util.Collections.reverse(expected);
        assertThat(versions).containsExactlyElementsOf(expected);
    }

    @Test
    void archivesHaveOneGoDirectoryNoLinksExecutableToolsAndEveryFileOfTheGoroot() throws Exception {
        for (PackedToolchain packed : List.of(mirror.toolchains().get(0), mirror.newest())) {
            List<ArchiveEntries.Entry> entries = ArchiveEntries.read(packed.archive());
            List<String> names = entries.stream().map(ArchiveEntries.Entry::name).toList();

            assertThat(names.get(0)).isEqualTo("go/");
            assertThat(names).allMatch(n -> n.startsWith("go/")).doesNotHaveDuplicates()
                    .isSortedAccordingTo(ArchiveEntries.TREE_ORDER);
            assertThat(names).anyMatch(n -> n.length() > 100);
            assertThat(entries).noneMatch(ArchiveEntries.Entry::symlinkOrHardlink)
                    .allMatch(e -> e.uid() == 0 && e.gid() == 0);
            ArchiveEntries.Entry go = entries.stream().filter(e -> e.name().equals("go/bin/go")).findFirst()
                    .orElseThrow();
            assertThat(go.file()).isTrue();
            assertThat(go.mode() & 0111).isEqualTo(0111);
            assertThat(go.size()).isEqualTo(Files.size(packed.sourceGoroot().resolve("bin/go")));
            assertThat(names).contains("go/VERSION", "go/src/runtime/", "go/pkg/tool/");
            long filesInGoroot;
            try (Stream<Path> walk = Files.walk(packed.sourceGoroot(), FileVisitOption.FOLLOW_LINKS)) {
                filesInGoroot = walk.filter(Files::isRegularFile).count();
            }
            assertThat(entries.stream().filter(ArchiveEntries.Entry::file).count()).isEqualTo(filesInGoroot);
        }
    }

    @Test
    void aSecondBuildReusesTheCachedArchives() throws Exception {
        List<Long> mtimes = new ArrayList<>();
        for (PackedToolchain packed : mirror.toolchains()) {
            mtimes.add(Files.getLastModifiedTime(packed.archive()).toMillis());
        }
        long start = System.nanoTime();

        ToolchainMirror again = ToolchainMirror.of(toolchains);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(again.packedCount()).isZero();
        assertThat(again.directory()).isEqualTo(mirror.directory());
        assertThat(again.toolchains()).isEqualTo(mirror.toolchains());
        for (int i = 0; i < mtimes.size(); i++) {
            assertThat(Files.getLastModifiedTime(again.toolchains().get(i).archive()).toMillis())
                    .isEqualTo(mtimes.get(i));
        }
        assertThat(took).as("reuse must not repack").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theNewestArchiveDownloadsIntactFromTheMirrorServer() throws Exception {
        PackedToolchain newest = mirror.newest();
        try (MirrorServer server = MirrorServer.start(mirror)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri(newest.filename()))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = Sha256.digest();
            long size = 0;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            }
            String index = client.send(HttpRequest.newBuilder(server.indexUri()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(size).isEqualTo(newest.size());
            assertThat(Sha256.hex(digest)).isEqualTo(newest.sha256());
            assertThat(index).isEqualTo(Files.readString(mirror.indexFile())).contains(newest.sha256());
            assertThat(server.requestCount(newest.filename())).isEqualTo(1);
            assertThat(server.requestCount("/dl/")).isEqualTo(1);
        }
    }

}
