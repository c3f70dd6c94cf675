package dev.gosetup.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Platform;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.http.HttpDownloader;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, "index validation and messages", each reproduced through the real installer. */
class IndexMessagesTest {
    private static final Platform LINUX = Platform.parse("linux-amd64");

    @TempDir
    Path dir;

    private static String file(String version, String filename, String sha) {
        return "{\"filename\":\"" + filename + "\",\"os\":\"linux\",\"arch\":\"amd64\",\"version\":\"" + version
                + "\",\"sha256\":\"" + sha + "\",\"size\":1000,\"kind\":\"archive\"}";
    }

    private Path index(String json) throws Exception {
        return Files.writeString(dir.resolve("index.json"), json);
    }

    private GoInstaller installer(Path index, URI mirror) {
        return GoInstaller.builder(Map.of()).home(dir.resolve("store")).index(index.toUri()).mirrors(List.of(mirror))
                .platform(LINUX).http(HttpDownloader.builder().backoff(Duration.ofMillis(10), Duration.ofMillis(20))
                        .maxAttempts(3).build()).build();
    }

    @Test
    void theFirstRetryIsReportedAsAttemptOneFailed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            Path index = index("[{\"version\":\"go1.22.12\",\"stable\":true,\"files\":["
                    + file("go1.22.12", "go1.22.12.linux-amd64.tar.gz", "ab".repeat(32)) + "]}]");
            List<Integer> failed = new CopyOnWriteArrayList<>();
            InstallListener listener = new InstallListener() {
                @Override
                public void retrying(URI uri, int attempt, Duration delay, String reason) {
                    failed.add(attempt);
                }
            };
            GoInstaller installer = installer(index, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.22.12"), listener, new CancellationToken()))
                    .isInstanceOf(GoSetupException.class);
            assertThat(failed).containsExactly(1, 2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void conflictingEntriesForOneFileRejectTheIndexNamingBoth() throws Exception {
        Path index = index("[{\"version\":\"go1.22.12\",\"stable\":true,\"files\":["
                + file("go1.22.12", "go1.22.12.linux-amd64.tar.gz", "00".repeat(32)) + "]},"
                + "{\"version\":\"go1.22.12\",\"stable\":true,\"files\":["
                + file("go1.22.12", "go1.22.12.linux-amd64.tar.gz", "ab".repeat(32)) + "]}]");
        assertThatThrownBy(() -> installer(index, URI.create("http://127.0.0.1:9/")).releases())
                .isInstanceOf(dev.gosetup.api.InvalidConfigurationException.class)
                .hasMessageContaining("two different entries for go1.22.12.linux-amd64.tar.gz")
                .hasMessageContaining("release #1").hasMessageContaining("release #2")
                .hasMessageContaining("00".repeat(32)).hasMessageContaining("ab".repeat(32));
    }

    @Test
    void filenamesThatAreNotGoArchiveNamesAreIgnored() throws Exception {
        Path index = index("[{\"version\":\"go1.22.12\",\"stable\":true,\"files\":["
                + file("go1.22.12", "go1.22.12.linux-amd64.tar.gz?x=1", "ab".repeat(32)) + ","
                + file("go1.22.12", "go 1.22.12.linux-amd64.tar.gz", "ab".repeat(32)) + "]},"
                + "{\"version\":\"go1.22.11\",\"stable\":true,\"files\":["
                + file("go1.22.11", "go1.22.11.linux-amd64.tar.gz", "cd".repeat(32)) + "]}]");
        GoInstaller installer = installer(index, URI.create("http://127.0.0.1:9/"));
        assertThat(installer.releases().get(0).files()).isEmpty();
        assertThat(installer.releases().get(1).files()).extracting(f -> f.filename())
                .containsExactly("go1.22.11.linux-amd64.tar.gz");
        assertThatThrownBy(() -> installer.ensure(VersionSpec.parse("1.22.12"), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(GoSetupException.class).hasMessageNotContaining("Illegal character");
        assertThat(dir.resolve("store/downloads").toFile().list()).satisfiesAnyOf(
                names -> assertThat(names).isNull(), names -> assertThat(names).isEmpty());
    }

    @Test
    void anIndexWithOnlyPreReleasesOfTheLineSaysSoAndHowToAskForOne() throws Exception {
        Path index = index("[{\"version\":\"go1.22rc1\",\"stable\":false,\"files\":["
                + file("go1.22rc1", "go1.22rc1.linux-amd64.tar.gz", "ab".repeat(32)) + "]}]");
        assertThatThrownBy(() -> installer(index, URI.create("http://127.0.0.1:9/"))
                .ensure(VersionSpec.parse("1.22"), InstallListener.NOOP, new CancellationToken()))
                .isInstanceOf(dev.gosetup.api.NotFoundException.class)
                .hasMessageContaining("only pre-releases of that line are there: go1.22rc1")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions()).anyMatch(r -> r.contains("gosetup install go1.22rc1")));
    }
}
