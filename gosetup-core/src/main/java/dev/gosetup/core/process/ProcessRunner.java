package dev.gosetup.core.process;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.NotFoundException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with arguments as a list (never through a shell), in a working directory, with
 * environment changes and a timeout, capturing its output and optionally streaming it line by line
 * to an {@link OutputListener}.
 *
 * <p>Stateless and thread-safe. Output is read on two daemon threads so a chatty process cannot
 * block on a full pipe; each stream keeps at most {@value #MAX_CAPTURE} bytes (the rest is read,
 * streamed and dropped). A process that outlives its timeout, or whose caller is cancelled, is
 * killed with its descendants.
 */
public final class ProcessRunner {
    /** The most output kept per stream. */
    public static final int MAX_CAPTURE = 4 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(ProcessRunner.class.getName());

    private ProcessRunner() {
    }

    /**
     * Runs a command and waits for it.
     *
     * @param command the program and its arguments
     * @param workingDirectory where it runs
     * @param environment variables to set; a value of {@link Optional#empty()} removes the variable
     * @param timeout how long it may run
     * @param cancel stops the wait (and kills the process) when cancelled
     * @return the exit code and output
     * @throws NotFoundException when the program does not exist or cannot be executed
     * @throws GoSetupException when it runs longer than {@code timeout}
     * @throws CancelledException when cancelled
     */
    public static ProcessResult run(List<String> command, Path workingDirectory,
            Map<String, Optional<String>> environment, Duration timeout, CancellationToken cancel) {
        return run(command, workingDirectory, environment, timeout, cancel, OutputListener.NONE);
    }

    /**
     * Runs a command and waits for it, handing each line of its output to a listener as it comes
     * (and capturing it as {@link #run(List, Path, Map, Duration, CancellationToken)} does).
     *
     * @param command the program and its arguments
     * @param workingDirectory where it runs
     * @param environment variables to set; a value of {@link Optional#empty()} removes the variable
     * @param timeout how long it may run
     * @param cancel stops the wait (and kills the process) when cancelled
     * @param output hears every line of standard output and standard error, on the reading threads
     * @return the exit code and output
     * @throws NotFoundException when the program does not exist or cannot be executed
     * @throws GoSetupException when it runs longer than {@code timeout}
     * @throws CancelledException when cancelled
     */
    public static ProcessResult run(List<String> command, Path workingDirectory,
            Map<String, Optional<String>> environment, Duration timeout, CancellationToken cancel,
            OutputListener output) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(output, "output");
        List<String> cmd = List.copyOf(command);
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workingDirectory.toFile());
        Map<String, String> env = builder.environment();
        environment.forEach((k, v) -> {
            if (v.isPresent()) {
                env.put(k, v.get());
            } else {
                env.remove(k);
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new NotFoundException("cannot run " + cmd.get(0) + ": " + e.getMessage(),
                    List.of(Files.exists(Path.of(cmd.get(0)))
                            ? "check that " + cmd.get(0) + " is executable and built for this platform"
                            : "check that " + cmd.get(0) + " exists"), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process may already be gone; its exit code tells the story
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream(), OutputListener.Stream.STDOUT, output);
        CompletableFuture<byte[]> err = drain(process.getErrorStream(), OutputListener.Stream.STDERR, output);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))),
                    TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    kill(process);
                    throw new CancelledException(String.join(" ", cmd) + " was cancelled", List.of());
                }
                if (System.nanoTime() - deadline >= 0) {
                    kill(process);
                    throw new GoSetupException(String.join(" ", cmd) + " did not finish within " + timeout,
                            List.of("check whether the command hangs when run by hand"));
                }
            }
            return new ProcessResult(cmd, process.exitValue(), text(out), text(err));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new CancelledException(String.join(" ", cmd) + " was interrupted", List.of());
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String text(CompletableFuture<byte[]> stream) throws InterruptedException {
        try {
            return new String(stream.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        }
    }

    /**
     * Computes the changes that turn this JVM's environment (what {@link ProcessBuilder} starts
     * from) into exactly {@code complete}: every variable not in it removed, every one in it set.
     *
     * @param complete the whole environment the process should get
     * @return the changes to pass to {@code run}
     */
    public static Map<String, Optional<String>> exactly(Map<String, String> complete) {
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        for (String name : System.getenv().keySet()) {
            changes.put(name, Optional.empty());
        }
        complete.forEach((name, value) -> changes.put(name, Optional.of(value)));
        return changes;
    }

    private static CompletableFuture<byte[]> drain(InputStream in, OutputListener.Stream stream, OutputListener output) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            LineSplitter lines = output == OutputListener.NONE ? null : new LineSplitter(stream, output);
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int room = MAX_CAPTURE - kept.size();
                    if (room > 0) {
                        kept.write(buffer, 0, Math.min(n, room));
                    }
                    if (lines != null) {
                        lines.accept(buffer, n);
                    }
                }
                if (lines != null) {
                    lines.finish();
                }
                result.complete(kept.toByteArray());
            } catch (IOException e) {
                result.complete(kept.toByteArray());
            } catch (RuntimeException e) {
                result.completeExceptionally(new UncheckedIOException(new IOException(e)));
            }
        }, "gosetup-process-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    /** Cuts a byte stream into UTF-8 lines for a listener; a listener's failure is logged, not fatal. */
    private static final class LineSplitter {
        private static final int MAX_LINE = 1024 * 1024;
        private final OutputListener.Stream stream;
        private final OutputListener output;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean listenerFailed;

        LineSplitter(OutputListener.Stream stream, OutputListener output) {
            this.stream = stream;
            this.output = output;
        }

        void accept(byte[] buffer, int n) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            line.write(buffer, start, n - start);
            if (line.size() > MAX_LINE) {
                emit(); // a line this long is cut rather than held without bound
            }
        }

        void finish() {
            if (line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            byte[] bytes = line.toByteArray();
            line.reset();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            try {
                output.line(stream, text);
            } catch (RuntimeException e) {
                if (!listenerFailed) {
                    listenerFailed = true;
                    LOG.log(System.Logger.Level.DEBUG, "an output listener failed; its later failures on "
                            + stream + " are not logged", e);
                }
            }
        }
    }
}
