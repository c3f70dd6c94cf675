package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "hangs": the fetch deadlines are settable from the command line ({@code --fetch-timeout},
 * {@code --idle-timeout}, {@code --min-speed}) on every command that may fetch the release index, and
 * the error names the figure set. Against a loopback server that sends the index one byte per second
 * ({@code /trickle}) or sends its headers and then nothing ({@code /silent}). Bad values: exit 2
 * naming the option, before any request or file.
 */
class FetchTimeoutOptionsTest extends CliTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "trickle-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 100_000);
            OutputStream body = exchange.getResponseBody();
            try {
                if (exchange.getRequestURI().getPath().equals("/trickle")) {
                    for (int i = 0; i < 100_000; i++) {
                        body.write(i == 0 ? '[' : ' ');
                        body.flush();
                        Thread.sleep(1000);
                    }
                } else {
                    Thread.sleep(60_000);
                }
            } catch (Exception e) {
                // the client gave up
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String index(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    private int gosetup(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(40),
                () -> gosetup(withOptions(List.of(args), storeOption())));
    }

    @Test
    void anIndexTrickledAtOneBytePerSecondEndsAtTheFetchTimeoutGiven() {
        for (String[] command : List.of(new String[] {"list", "--remote"}, new String[] {"install", "1.22"})) {
            long start = System.nanoTime();
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--index", index("trickle"), "--fetch-timeout", "3s"));
            assertThat(gosetup(args.toArray(String[]::new))).as(err.toString()).isEqualTo(1);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(err.toString()).as(String.join(" ", command))
                    .contains("did not finish within its total deadline of 3s")
                    .contains("bytes received")
                    .contains("--fetch-timeout");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2900)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aServerThatFallsSilentFailsEachAttemptAtTheIdleTimeoutGiven() {
        long start = System.nanoTime();
        assertThat(gosetup("list", "--remote", "--index", index("silent"), "--idle-timeout", "700ms",
                "--fetch-timeout", "30s")).as(err.toString()).isEqualTo(1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(err.toString()).contains("no data for 700ms").contains("after 4 attempts");
        assertThat(requests.get()).isEqualTo(4);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void badValuesAreRefusedWithExitTwoNamingTheOptionBeforeAnyRequestOrFile() throws Exception {
        String[][] cases = {
            {"list", "--remote", "--fetch-timeout", "soon"},
            {"install", "1.22", "--idle-timeout", "0s"},
            {"install", "1.22", "--min-speed", "fast"},
            {"env", "--version", "1.22", "--fetch-timeout", "-5s"},
        };
        String[] named = {"--fetch-timeout: \"soon\" is not a duration", "--idle-timeout: \"0s\" is zero",
            "--min-speed: \"fast\" is not a positive rate", "--fetch-timeout: \"-5s\" is not a duration"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of(cases[i]));
            args.addAll(List.of("--index", index("trickle")));
            assertThat(gosetup(args.toArray(String[]::new))).as(err.toString()).isEqualTo(2);
            assertThat(err.toString()).contains(named[i]).contains("fix:");
        }
        assertThat(requests.get()).isZero();
        assertThat(store).doesNotExist();
        assertThat(createdInHome()).isEmpty();
    }

    @Test
    void theOptionsAreInTheHelpOfTheCommandsThatFetch() {
        for (String command : List.of("install", "list", "env")) {
            assertThat(gosetup(command, "--help")).isZero();
            assertThat(out.toString()).contains("--fetch-timeout=DURATION", "--idle-timeout=DURATION",
                    "--min-speed=RATE");
        }
    }
}
