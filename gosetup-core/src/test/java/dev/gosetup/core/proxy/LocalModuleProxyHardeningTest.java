package dev.gosetup.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: {@code proxy serve} escaped its root through a symlinked module directory, and eight
 * idle half-sent requests stopped it answering anyone. Real sockets on loopback.
 */
@DisabledOnOs(OS.WINDOWS)
class LocalModuleProxyHardeningTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Path servedTree() throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        Path good = Files.createDirectories(served.resolve("example.com/good/@v"));
        Files.writeString(good.resolve("list"), "v1.0.0\n");
        Files.writeString(good.resolve("v1.0.0.info"), "{\"Version\":\"v1.0.0\"}");
        return served;
    }

    @Test
    void aSymlinkedModuleDirectoryInsideTheTreeServesNothingFromOutside() throws Exception {
        Path served = servedTree();
        Path outside = Files.createDirectories(dir.resolve("outside/@v"));
        Files.writeString(outside.resolve("list"), "SECRET-OUTSIDE\n");
        Files.writeString(outside.resolve("v1.0.0.info"), "{\"Version\":\"SECRET\"}");
        Files.createSymbolicLink(served.resolve("example.com/evil"), dir.resolve("outside"));
        // A link to a directory inside the tree stays fine.
        Files.createSymbolicLink(served.resolve("example.com/alias"), served.resolve("example.com/good"));

        try (LocalModuleProxy proxy = LocalModuleProxy.start(served, 0)) {
            for (String path : List.of("/example.com/evil/@v/list", "/example.com/evil/@v/v1.0.0.info",
                    "/example.com/evil/@latest")) {
                HttpResponse<String> r = get(proxy.uri().resolve(path));
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.body()).doesNotContain("SECRET");
            }
            assertThat(get(proxy.uri().resolve("/example.com/good/@v/list")).body()).isEqualTo("v1.0.0\n");
            assertThat(get(proxy.uri().resolve("/example.com/alias/@v/list")).body()).isEqualTo("v1.0.0\n");
        }
    }

    @Test
    void eightIdleHalfSentRequestsDoNotStopItAnsweringOthers() throws Exception {
        Path served = servedTree();
        try (LocalModuleProxy proxy = LocalModuleProxy.start(served, 0, Duration.ofSeconds(2))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.uri().getPort());
                    OutputStream out = s.getOutputStream();
                    out.write("GET /example.com/good/@v/li".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(s);
                }
                Thread.sleep(300); // let the server hand them to its workers
                long start = System.nanoTime();
                HttpResponse<String> r = get(proxy.uri().resolve("/example.com/good/@v/list"));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

                // The idle clients themselves are cut off after the read timeout.
                for (Socket s : slow) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    long t0 = System.nanoTime();
                    assertThat(in.read()).isEqualTo(-1);
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void moreIdleClientsThanWorkersAreCutOffAndTheServerAnswersAgain() throws Exception {
        Path served = servedTree();
        try (LocalModuleProxy proxy = LocalModuleProxy.start(served, 0, Duration.ofSeconds(1))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < LocalModuleProxy.MAX_THREADS + 8; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.uri().getPort());
                    s.getOutputStream().write("GET /exa".getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                long start = System.nanoTime();
                HttpResponse<String> r = get(proxy.uri().resolve("/example.com/good/@v/list"));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    private Path module() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/hello"));
        Files.writeString(src.resolve("go.mod"), "module example.com/hello\n\ngo 1.21\n");
        Files.writeString(src.resolve("hello.go"), "package hello\n");
        return src;
    }

    /** Issue 10: {@code proxy pack --out} inside the source tree packed its own half-written temp file. */
    @Test
    void packRefusesAnOutputDirectoryInsideTheSourceTree() throws Exception {
        Path src = module();
        for (Path out : List.of(src.resolve("proxy"), src)) {
            assertThatThrownBy(() -> ModulePacker.pack(List.of(src), out, java.util.Optional.of("v1.0.0")))
                    .isInstanceOf(dev.gosetup.api.InvalidConfigurationException.class)
                    .hasMessageContaining("is inside the module source " + src);
        }
        assertThat(src.resolve("proxy")).doesNotExist();
        // Outside the tree it packs, and twice gives the same hash.
        String first = ModulePacker.pack(List.of(src), dir.resolve("proxy"), java.util.Optional.of("v1.0.0")).get(0).hash();
        assertThat(ModulePacker.pack(List.of(src), dir.resolve("proxy"), java.util.Optional.of("v1.0.0")).get(0).hash())
                .isEqualTo(first);
    }

    /** Issue 10: a go.mod symlinked to a file outside the tree was followed and published. */
    @Test
    void packRefusesAGoModLinkedOutsideTheTree() throws Exception {
        Path src = module();
        Path elsewhere = Files.writeString(dir.resolve("secret.mod"), "module example.com/hello\n// SECRET\n");
        Files.delete(src.resolve("go.mod"));
        Files.createSymbolicLink(src.resolve("go.mod"), elsewhere);
        assertThatThrownBy(() -> ModulePacker.pack(List.of(src), dir.resolve("proxy"), java.util.Optional.of("v1.0.0")))
                .isInstanceOf(dev.gosetup.api.InvalidConfigurationException.class)
                .hasMessageContaining("symbolic link to " + elsewhere.toRealPath());
        assertThat(dir.resolve("proxy")).doesNotExist();
    }
}
