package dev.gosetup.vscode.dap;

import dev.gosetup.api.NotFoundException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running {@code dlv dap --listen 127.0.0.1:0}: its address (read from the line Delve prints,
 * pkg/logflags: "DAP server listening at: 127.0.0.1:PORT"), its output, and killing it with
 * everything it started (go build and its compilers, the debuggee).
 */
final class DelveProcess implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DelveProcess.class.getName());
    private static final Pattern LISTENING = Pattern.compile("server listening at:?\\s*(\\S+):(\\d+)\\s*$");

    private final Process process;
    private final CompletableFuture<InetSocketAddress> address = new CompletableFuture<>();

    private DelveProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts dlv dap; every line it prints goes to {@code output} (on reader threads).
     *
     * @throws NotFoundException when the binary cannot be started
     */
    static DelveProcess start(Path dlv, Path directory, Map<String, String> environment, Consumer<String> output) {
        ProcessBuilder builder = new ProcessBuilder(List.of(dlv.toString(), "dap", "--listen", "127.0.0.1:0"))
                .directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new NotFoundException("cannot start " + dlv + ": " + e.getMessage(),
                    List.of("check that " + dlv + " is an executable dlv built for this platform"), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // dlv reads nothing from stdin; if it is already gone, its exit tells why
        }
        DelveProcess delve = new DelveProcess(process);
        delve.read(process.getInputStream(), "stdout", output, true);
        delve.read(process.getErrorStream(), "stderr", output, false);
        process.onExit().thenRun(() -> delve.address.completeExceptionally(
                new IllegalStateException("dlv exited with status " + process.exitValue() + " before it listened")));
        return delve;
    }

    private void read(InputStream in, String name, Consumer<String> output, boolean watchForAddress) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.accept(line);
                    if (watchForAddress && !address.isDone()) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            address.complete(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.TRACE, () -> "reading dlv's " + name + " stopped: " + e);
            }
        }, "gosetup-dlv-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Completes with the address Delve listens at, or exceptionally when it exits first. */
    CompletableFuture<InetSocketAddress> address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Kills dlv and every process below it (go build and its compilers, the debuggee), then waits
     * for them. The tree is killed before dlv, in rounds until no new descendant appears: a child
     * whose parent died first is reparented and escapes {@link Process#descendants()}.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> alive = process.descendants().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                break;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            tree.addAll(alive);
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.DEBUG, () -> "dlv " + process.pid() + " did not exit within 10 s of SIGKILL");
            }
            for (ProcessHandle child : tree) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "waiting for dlv's processes to exit: " + e);
        }
    }
}
