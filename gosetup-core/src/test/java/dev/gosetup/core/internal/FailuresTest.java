package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailuresTest {
    @TempDir
    Path dir;

    @Test
    void aRealRefusedConnectionThroughTheHttpClientsWrappersSaysConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
        Throwable thrown;
        try {
            HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.discarding()).get();
            throw new AssertionError("nothing listens on port " + port);
        } catch (ExecutionException e) {
            thrown = e;
        }
        assertThat(Failures.oneLine(thrown)).isEqualTo("connection refused");
        assertThat(Failures.oneLine(new ExecutionException(new ConnectException()))).isEqualTo("connection refused");
    }

    @Test
    void aRealFileSystemErrorSaysWhatHappenedToTheFile() throws Exception {
        Path missing = dir.resolve("missing.txt");
        try {
            Files.readAllBytes(missing);
            throw new AssertionError("read a missing file");
        } catch (NoSuchFileException e) {
            assertThat(Failures.oneLine(e)).isEqualTo(missing + ": no such file");
            assertThat(Failures.oneLine(new UncheckedIOException(e))).isEqualTo(missing + ": no such file");
        }
        assertThat(Failures.oneLine(new AccessDeniedException("/x"))).isEqualTo("/x: access denied");
        assertThat(Failures.oneLine(new AccessDeniedException("/x", null, "mode 000"))).isEqualTo("/x: mode 000");
        assertThat(Failures.oneLine(new FileSystemException("/x"))).isEqualTo("/x");
    }

    @Test
    void theFirstRealMessageDownTheChainOnOneLineElseTheTypesName() {
        assertThat(Failures.oneLine(new CompletionException(new IOException("No space left on device"))))
                .isEqualTo("No space left on device");
        assertThat(Failures.oneLine(new IOException("  the body broke off\r\n  after 10 bytes\n")))
                .isEqualTo("the body broke off after 10 bytes");
        assertThat(Failures.oneLine(new IllegalStateException("outer", new IOException("inner")))).isEqualTo("outer");
        assertThat(Failures.oneLine(new IOException(" ", new NullPointerException()))).isEqualTo("NullPointerException");
        assertThat(Failures.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(Failures.oneLine(new ExecutionException(new java.util.concurrent.TimeoutException())))
                .isEqualTo("TimeoutException");
    }

    @Test
    void aCauseCycleEnds() {
        Exception a = new Exception();
        Exception b = new Exception((String) null, a);
        a.initCause(b);
        assertThat(Failures.oneLine(a)).isEqualTo("Exception");
    }
}
