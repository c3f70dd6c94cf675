package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.core.http.NoAnswerException;
import dev.gosetup.core.http.ProbeRequest;
import dev.gosetup.core.internal.Durations;
import dev.gosetup.core.internal.FileTrees;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.doctor.DoctorRunner;

import java.util.Set;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code build-and-serve}: go builds the minimal HTTP server of the quick-start, the server runs
 * on a free loopback port, answers a GET with the expected body, and is stopped.
 *
 * <p>The server is the seed document's, with its bugs fixed: the handler takes
 * {@code r *http.Request} (the seed's {@code *request} does not exist and does not compile), and it
 * listens on {@code 127.0.0.1} on the port given by {@code -addr} (port 0 here: the kernel picks a
 * free one, the server prints it) instead of a hard-coded {@code :8080} on every interface. The
 * body is {@value #BODY} (the seed's "Windows GO" is not a product). Everything happens in a
 * temporary module that is deleted afterwards; the build uses the user's GOCACHE, so it is slow
 * only the first time (timeout 2 minutes).
 */
public final class BuildAndServeCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "build-and-serve";
    /** What the server answers. */
    public static final String BODY = "Go is ready!";

    static final String GO_MOD = "module example.com/gosetup-doctor/hello\n\ngo 1.18\n";
    static final String MAIN_GO = """
            package main

            import (
            \t"flag"
            \t"fmt"
            \t"log"
            \t"net"
            \t"net/http"
            )

            func main() {
            \taddr := flag.String("addr", "127.0.0.1:0", "the loopback address to listen on; port 0 picks a free port")
            \tflag.Parse()
            \thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
            \t\tw.Header().Set("Content-Type", "text/plain; charset=utf-8")
            \t\tw.Write([]byte("%s"))
            \t})
            \tln, err := net.Listen("tcp", *addr)
            \tif err != nil {
            \t\tlog.Fatal(err)
            \t}
            \tfmt.Printf("listening on %%s\\n", ln.Addr())
            \tlog.Fatal(http.Serve(ln, nil))
            }
            """.formatted(BODY);

    private static final Pattern LISTENING = Pattern.compile("listening on (127\\.0\\.0\\.1:\\d+)");
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(110);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** Creates the check. */
    public BuildAndServeCheck() {
        super(ID, "Build and serve", "toolchain", List.of(GoFoundCheck.ID), Set.of());
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        ContextGo go = ContextGo.locate(context);
        Path module = null;
        try {
            module = Files.createTempDirectory("gosetup-doctor-");
            Files.writeString(module.resolve("go.mod"), GO_MOD);
            Files.writeString(module.resolve("main.go"), MAIN_GO);
            Path binary = module.resolve("hello" + context.host().exeSuffix());
            long t0 = System.nanoTime();
            ProcessResult build = go.run(module, BUILD_TIMEOUT, "build", "-o", binary.toString(), ".");
            Duration buildTime = Duration.ofNanos(System.nanoTime() - t0);
            if (!build.succeeded()) {
                return CheckResult.fail("go build of a minimal HTTP server failed: " + ContextGo.firstLine(build.stderr()))
                        .withDetail("go", go.binary())
                        .withDetail("output", tail(build.stderr() + build.stdout()))
                        .withHint("run `go build` in a module of your own to see the whole error")
                        .withHint("a compiler or GOROOT mismatch (\"version ... does not match go tool version\") "
                                + "means GOROOT points at another toolchain: unset GOROOT");
            }
            return serve(context, binary, module).withDetail("build time", Durations.human(buildTime))
                    .withDetail("go", go.binary());
        } catch (IOException e) {
            return CheckResult.error("cannot write the test module: " + e.getMessage())
                    .withHint("check that " + ContextGo.tmp(context) + " is writable");
        } finally {
            if (module != null) {
                deleteTree(module);
            }
        }
    }

    private static CheckResult serve(CheckContext context, Path binary, Path module) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-addr", "127.0.0.1:0").directory(module.toFile())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(context.processEnvironment());
        Process server = pb.start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the server was stopped
                }
            }, "gosetup-doctor-server-output");
            reader.setDaemon(true);
            reader.start();
            String address = null;
            StringBuilder output = new StringBuilder();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (address == null && System.nanoTime() < deadline) {
                context.cancellation().throwIfCancelled("build-and-serve");
                String line;
                try {
                    line = lines.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    context.cancellation().throwIfCancelled("build-and-serve");
                    return CheckResult.error("interrupted");
                }
                if (line != null) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address = m.group(1);
                    }
                } else if (!server.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            if (address == null) {
                return CheckResult.fail("the built server did not start listening on loopback within "
                        + Durations.human(START_TIMEOUT)).withDetail("output", tail(output.toString()))
                        .withHint("run the built server by hand and see what it prints");
            }
            URI uri = URI.create("http://" + address + "/");
            try {
                DoctorHttp.Answer answer = new DoctorHttp.Answer(
                        DoctorHttp.exchange(context, ProbeRequest.get(uri, Duration.ofSeconds(10))));
                if (answer.status() != 200 || !answer.body().equals(BODY)) {
                    return CheckResult.fail("GET " + uri + " answered " + answer.status() + " \""
                            + ContextGo.firstLine(answer.body()) + "\", expected 200 \"" + BODY + "\"")
                            .withHint("something else answers on loopback: check local proxies and firewalls");
                }
                return CheckResult.pass("built a minimal HTTP server; GET " + uri + " answered \"" + BODY + "\" in "
                        + Durations.human(answer.latency())).withDetail("address", address);
            } catch (NoAnswerException e) {
                return CheckResult.fail("the built server listens on " + address + " but "
                        + DoctorHttp.noAnswer(e, uri, Duration.ofSeconds(10)))
                        .withHint("check that nothing (a firewall, HTTP_PROXY without NO_PROXY) intercepts loopback");
            }
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            try {
                server.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(String output) {
        List<String> lines = output.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.deleteTree(root);
        } catch (IOException e) {
            System.getLogger(BuildAndServeCheck.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot delete the test module " + root + ": " + e.getMessage());
        }
    }
}
