package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorServerTest {

    private static final String ARCHIVE = "go1.99.0.linux-amd64.tar.gz";
    private static final int SIZE = 1 << 20;

    @TempDir
    Path temp;

    private byte[] content;
    private Path directory;
    private MirrorServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        directory = Files.createDirectories(temp.resolve("mirror"));
        content = new byte[SIZE];
        new Random(1).nextBytes(content);
        Files.write(directory.resolve(ARCHIVE), content);
        Files.write(directory.resolve("small.bin"), Arrays.copyOf(content, 64 * 1024));
        Files.writeString(temp.resolve("secret.txt"), "outside the mirror");
        GoDevIndex.write(directory.resolve("index.json"),
                List.of(GoDevIndex.entry(directory.resolve(ARCHIVE), "go1.99.0")));
        server = MirrorServer.start(directory);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getServesTheWholeFileWithLengthAndRangeSupportAdvertised() throws Exception {
        HttpResponse<byte[]> response = get(server.uri(ARCHIVE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.uri(ARCHIVE)).isEqualTo(server.baseUri().resolve(ARCHIVE));
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.uri(ARCHIVE))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(server.requestLog()).extracting(RecordedRequest::method).containsExactly("HEAD");
    }

    @Test
    void servesTheIndexAtGoDevsPathAndAtIndexJson() throws Exception {
        HttpResponse<byte[]> goDev = get(server.indexUri());
        HttpResponse<byte[]> plain = get(server.uri("index.json"));

        assertThat(server.indexUri().toString()).endsWith("/dl/?mode=json&include=all");
        assertThat(goDev.statusCode()).isEqualTo(200);
        assertThat(goDev.body()).isEqualTo(Files.readAllBytes(directory.resolve("index.json")));
        assertThat(plain.body()).isEqualTo(goDev.body());
        assertThat(goDev.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode index = new ObjectMapper().readTree(goDev.body());
        assertThat(index.get(0).get("files").get(0).get("filename").asText()).isEqualTo(ARCHIVE);
        assertThat(get(server.baseUri().resolve("dl/")).statusCode()).as("HTML download page").isEqualTo(404);
        assertThat(server.requests()).containsEntry("/dl/", 2).containsEntry("/index.json", 1);
    }

    @Test
    void servesAnIndexFileFromElsewhere() throws Exception {
        Path otherIndex = GoDevIndex.write(temp.resolve("other-index.json"), List.of());
        try (MirrorServer other = MirrorServer.start(directory, otherIndex)) {
            assertThat(new String(get(other.indexUri()).body(), StandardCharsets.UTF_8).strip()).isEqualTo("[ ]");
            assertThat(get(other.uri(ARCHIVE)).body()).isEqualTo(content);
        }
    }

    @Test
    void rangesGetPartialContent() throws Exception {
        HttpResponse<byte[]> open = get(server.uri(ARCHIVE), "Range", "bytes=1000-");
        HttpResponse<byte[]> closed = get(server.uri(ARCHIVE), "Range", "bytes=10-19");
        HttpResponse<byte[]> beyondEnd = get(server.uri(ARCHIVE), "Range", "bytes=" + (SIZE - 5) + "-" + (SIZE + 100));
        HttpResponse<byte[]> suffix = get(server.uri(ARCHIVE), "Range", "bytes=-7");

        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 1000-" + (SIZE - 1) + "/" + SIZE);
        assertThat(open.headers().firstValueAsLong("Content-Length")).hasValue(SIZE - 1000);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 1000, SIZE));
        assertThat(closed.statusCode()).isEqualTo(206);
        assertThat(closed.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + SIZE);
        assertThat(closed.body()).isEqualTo(Arrays.copyOfRange(content, 10, 20));
        assertThat(beyondEnd.body()).isEqualTo(Arrays.copyOfRange(content, SIZE - 5, SIZE));
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, SIZE - 7, SIZE));
        assertThat(server.requestLog()).extracting(r -> r.header("range").orElseThrow())
                .containsExactly("bytes=1000-", "bytes=10-19", "bytes=" + (SIZE - 5) + "-" + (SIZE + 100),
                        "bytes=-7");
    }

    @Test
    void unsatisfiableRangesGet416AndInvalidOnesTheWholeFile() throws Exception {
        HttpResponse<byte[]> pastEnd = get(server.uri(ARCHIVE), "Range", "bytes=" + SIZE + "-");
        HttpResponse<byte[]> backwards = get(server.uri(ARCHIVE), "Range", "bytes=20-10");
        HttpResponse<byte[]> multi = get(server.uri(ARCHIVE), "Range", "bytes=0-1,5-6");

        assertThat(pastEnd.statusCode()).isEqualTo(416);
        assertThat(pastEnd.headers().firstValue("Content-Range")).hasValue("bytes */" + SIZE);
        assertThat(backwards.statusCode()).isEqualTo(200);
        assertThat(backwards.body()).isEqualTo(content);
        assertThat(multi.statusCode()).isEqualTo(200);
    }

    @Test
    void ifRangeResumesOnlyTheSameFile() throws Exception {
        HttpResponse<byte[]> full = get(server.uri(ARCHIVE));
        String etag = full.headers().firstValue("ETag").orElseThrow();
        String lastModified = full.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> sameEtag = get(server.uri(ARCHIVE), "Range", "bytes=100-", "If-Range", etag);
        HttpResponse<byte[]> sameDate = get(server.uri(ARCHIVE), "Range", "bytes=100-", "If-Range", lastModified);
        HttpResponse<byte[]> changed = get(server.uri(ARCHIVE), "Range", "bytes=100-", "If-Range", "\"other\"");

        assertThat(sameEtag.statusCode()).isEqualTo(206);
        assertThat(sameDate.statusCode()).isEqualTo(206);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(content);
    }

    @Test
    void countsRequestsPerPath() throws Exception {
        get(server.uri(ARCHIVE));
        get(server.uri(ARCHIVE));
        get(server.uri("missing.tar.gz"));

        assertThat(server.requestCount(ARCHIVE)).isEqualTo(2);
        assertThat(server.requestCount("/" + ARCHIVE)).isEqualTo(2);
        assertThat(server.requestCount("/missing.tar.gz")).isEqualTo(1);
        assertThat(server.requestCount("/never")).isZero();
        assertThat(server.requests()).containsExactly(
                java.util.Map.entry("/" + ARCHIVE, 2), java.util.Map.entry("/missing.tar.gz", 1));

        server.resetCounts();

        assertThat(server.requests()).isEmpty();
        assertThat(server.requestLog()).isEmpty();
    }

    @Test
    void countsConcurrentRequestsExactly() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            futures.add(client.sendAsync(HttpRequest.newBuilder(server.uri("small.bin")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> f : futures) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }

        assertThat(server.requestCount("small.bin")).isEqualTo(16);
    }

    @Test
    void refusesPathTraversalAndNonFiles() throws Exception {
        for (String path : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/mirror/../../secret.txt",
                "/..%2fsecret.txt", "//etc/passwd", "/./" + ARCHIVE, "/", "/%00")) {
            assertThat(rawRequest("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .as(path).startsWith("HTTP/1.1 404");
        }
        Files.createDirectories(directory.resolve("sub"));
        assertThat(get(server.uri("sub")).statusCode()).isEqualTo(404);
        Files.write(directory.resolve("sub/nested.bin"), new byte[] {7});
        assertThat(get(server.uri("sub/nested.bin")).body()).containsExactly(7);
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.uri(ARCHIVE))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void failNextAnswersWithTheStatusThenRecovers() throws Exception {
        server.failNext(2, 500);

        assertThat(get(server.uri(ARCHIVE)).statusCode()).isEqualTo(500);
        assertThat(get(server.indexUri()).statusCode()).isEqualTo(500);
        assertThat(get(server.uri(ARCHIVE)).statusCode()).isEqualTo(200);

        server.failNext("/index.json", 1, 503);

        assertThat(get(server.uri(ARCHIVE)).statusCode()).isEqualTo(200);
        assertThat(get(server.uri("index.json")).statusCode()).isEqualTo(503);
        assertThat(get(server.uri("index.json")).statusCode()).isEqualTo(200);
        assertThat(server.requestCount(ARCHIVE)).isEqualTo(3);
    }

    @Test
    void dropAfterCutsTheBodyAndTheClientSeesATruncatedTransfer() throws Exception {
        server.dropAfter(1000, 2);

        assertThatThrownBy(() -> get(server.uri(ARCHIVE))).isInstanceOf(IOException.class);

        String raw = rawRequest("GET /" + ARCHIVE + " HTTP/1.1\r\nHost: x\r\n\r\n");
        int headerEnd = raw.indexOf("\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: " + SIZE);
        assertThat(raw.length() - headerEnd - 4).as("body bytes before the drop").isEqualTo(1000);

        HttpResponse<byte[]> recovered = get(server.uri(ARCHIVE));
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.body()).isEqualTo(content);
    }

    @Test
    void dropAfterForOnePathLeavesOthersAlone() throws Exception {
        server.dropAfter("/" + ARCHIVE, 10, 1);

        assertThat(get(server.uri("small.bin")).statusCode()).isEqualTo(200);
        HttpURLConnection connection = (HttpURLConnection) server.uri(ARCHIVE).toURL().openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getContentLengthLong()).isEqualTo(SIZE);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = connection.getInputStream()) {
            in.transferTo(received);
        } catch (IOException e) {
            // Either outcome is a truncated transfer; HttpURLConnection usually reports a plain, early EOF.
        }
        assertThat(received.size()).isEqualTo(10);
    }

    @Test
    void throttleSlowsTheBodyDown() throws Exception {
        server.throttle(256 * 1024);
        long start = System.nanoTime();

        HttpResponse<byte[]> slow = get(server.uri("small.bin"));

        Duration slowTook = Duration.ofNanos(System.nanoTime() - start);
        assertThat(slow.body()).hasSize(64 * 1024);
        assertThat(slowTook).isGreaterThanOrEqualTo(Duration.ofMillis(150));

        server.reset();
        start = System.nanoTime();
        get(server.uri("small.bin"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(slowTook);
    }

    @Test
    void delayFirstByteHoldsTheResponseBack() throws Exception {
        server.delayFirstByte(Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThat(get(server.uri("small.bin")).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(server.uri("small.bin"))
                .timeout(Duration.ofMillis(100)).build(), HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void serveInsteadPlaysACaptivePortal() throws Exception {
        byte[] portal = "<html><body>Please log in to the hotel Wi-Fi</body></html>".getBytes(StandardCharsets.UTF_8);
        server.serveInstead(200, "text/html; charset=utf-8", portal);

        HttpResponse<byte[]> archive = get(server.uri(ARCHIVE));
        HttpResponse<byte[]> index = get(server.indexUri());

        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.body()).isEqualTo(portal);
        assertThat(archive.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).isEqualTo(portal);

        server.reset().serveInstead(ARCHIVE, 200, "text/html", portal);

        assertThat(get(server.uri(ARCHIVE)).body()).isEqualTo(portal);
        assertThat(get(server.indexUri()).body()).isEqualTo(Files.readAllBytes(directory.resolve("index.json")));

        server.reset();

        assertThat(get(server.uri(ARCHIVE)).body()).isEqualTo(content);
    }

    @Test
    void closeStopsServing() throws Exception {
        URI uri = server.uri(ARCHIVE);
        server.close();
        server.close();

        assertThatThrownBy(() -> get(uri)).isInstanceOf(IOException.class);
    }

    private HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends bytes as they are (no client-side normalization) and returns everything until the server closes. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // A reset after the data is still the end of the response.
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
