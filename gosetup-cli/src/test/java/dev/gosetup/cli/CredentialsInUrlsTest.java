package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 10, "credentials in URLs": {@code --mirror http://alice:PASS@host/} printed the password in
 * progress lines, {@code list} output, errors, {@code --debug} and the receipt, and never sent it.
 * gosetup refuses such a URL (exit 2) before connecting, without showing or storing the secret.
 */
class CredentialsInUrlsTest extends CliTest {
    private static final String PASSWORD = "S3cretPASS";

    @Test
    void aMirrorOrIndexWithAPasswordIsRefusedBeforeConnectingAndNeverShownOrStored() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String base = "http://alice:" + PASSWORD + "@127.0.0.1:" + server.getLocalPort() + "/";
            StringBuilder printed = new StringBuilder();
            List<List<String>> runs = List.of(
                    List.of("install", "1.22.12", "--mirror", base, "--index", base + "dl/?mode=json"),
                    List.of("list", "--remote", "--index", base + "dl/?mode=json"),
                    List.of("--debug", "list", "--remote", "--index", base + "dl/?mode=json"),
                    List.of("install", "--debug", "1.22.12", "--mirror", "https://alice:" + PASSWORD + "@example.com/dl/"));
            for (List<String> run : runs) {
                int status = gosetup(withOptions(run, storeOption()));
                assertThat(status).as(run + ": " + err).isEqualTo(2);
                printed.append(out).append(err);
            }
            assertThat(printed.toString()).doesNotContain(PASSWORD).contains("***@127.0.0.1")
                    .contains("credentials in a URL are not supported");
            try {
                server.accept().close();
                throw new AssertionError("gosetup connected to the server holding the password");
            } catch (SocketTimeoutException expected) {
                // nothing was sent
            }
            if (Files.exists(store)) {
                try (Stream<Path> files = Files.walk(store)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(PASSWORD);
                    }
                }
            }
        }
    }
}
