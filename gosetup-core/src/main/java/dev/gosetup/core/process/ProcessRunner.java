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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with arguments as a list (never through a shell), in a working directory, with
 * environment changes and a timeout, capturing its output.
 *
 * <p>Stateless and thread-safe. Output is read on two daemon threads so a chatty process cannot
 * block on a full pipe; each stream keeps at most {@value #MAX_CAPTURE} bytes (the rest is read
 * and dropped). A process that outlives its timeout, or whose caller is cancelled, is killed with
 * its descendants.
 */
public final class ProcessRunner {
    /** The most output kept per stream. */
    public static final int MAX_CAPTURE = 4 * 1024 * 1024;

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
        Objects.requireNonNull(timeout, "timeout");
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
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
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

    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int room = MAX_CAPTURE - kept.size();
                    if (room > 0) {
                        kept.write(buffer, 0, Math.min(n, room));
                    }
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
}
