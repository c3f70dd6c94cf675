package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoDevIndexTest {

    @TempDir
    Path temp;

    @Test
    void entryDescribesAnArbitraryArchiveWithItsRealChecksumAndSize() throws Exception {
        byte[] content = "not really a toolchain".getBytes(StandardCharsets.UTF_8);
        Path archive = Files.write(temp.resolve(HostPlatform.archiveFilename("go1.99.0")), content);

        IndexEntry entry = GoDevIndex.entry(archive, "go1.99.0");

        assertThat(entry.filename()).isEqualTo(archive.getFileName().toString());
        assertThat(entry.os()).isEqualTo(HostPlatform.goos());
        assertThat(entry.arch()).isEqualTo(HostPlatform.goarch());
        assertThat(entry.kind()).isEqualTo("archive");
        assertThat(entry.size()).isEqualTo(content.length);
        assertThat(entry.sha256())
                .isEqualTo(Sha256.hex(content));
    }

    @Test
    void writesReleasesNewestFirstGroupingFilesAndMarkingPreReleasesUnstable() throws Exception {
        IndexEntry old = new IndexEntry("go1.21.13.linux-amd64.tar.gz", "linux", "amd64", "go1.21.13", "aa", 1,
                "archive");
        IndexEntry rc = new IndexEntry("go1.23rc1.linux-amd64.tar.gz", "linux", "amd64", "go1.23rc1", "bb", 2,
                "archive");
        IndexEntry newest = new IndexEntry("go1.22.12.linux-amd64.tar.gz", "linux", "amd64", "go1.22.12", "cc", 3,
                "archive");
        IndexEntry newestArm = new IndexEntry("go1.22.12.linux-arm64.tar.gz", "linux", "arm64", "go1.22.12", "dd", 4,
                "archive");
        Path file = temp.resolve("sub/index.json");

        GoDevIndex.write(file, List.of(old, newest, rc, newestArm));
        GoDevIndex.write(file, List.of(old, newest, rc, newestArm.withSha256("ee").withSize(5)));

        JsonNode index = new ObjectMapper().readTree(file.toFile());
        assertThat(index).hasSize(3);
        assertThat(index.get(0).get("version").asText()).isEqualTo("go1.23rc1");
        assertThat(index.get(0).get("stable").asBoolean()).isFalse();
        assertThat(index.get(1).get("version").asText()).isEqualTo("go1.22.12");
        assertThat(index.get(1).get("stable").asBoolean()).isTrue();
        assertThat(index.get(1).get("files")).hasSize(2);
        JsonNode arm = index.get(1).get("files").get(1);
        assertThat(arm.get("filename").asText()).isEqualTo("go1.22.12.linux-arm64.tar.gz");
        assertThat(arm.get("arch").asText()).isEqualTo("arm64");
        assertThat(arm.get("sha256").asText()).isEqualTo("ee");
        assertThat(arm.get("size").asLong()).isEqualTo(5);
        assertThat(index.get(2).get("version").asText()).isEqualTo("go1.21.13");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
