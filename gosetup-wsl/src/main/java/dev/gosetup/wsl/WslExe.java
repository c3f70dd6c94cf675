package dev.gosetup.wsl;

import dev.gosetup.api.GoSetupException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Windows' {@code wsl.exe} with an argument list (never a command string) and returns its
 * raw output bytes: {@code wsl.exe} writes its own messages in UTF-16LE unless {@code WSL_UTF8=1},
 * while a command run in a distribution writes whatever that command writes, so decoding is the
 * caller's. The seam between gosetup and Windows: tests replace it with recorded outputs.
 */
public interface WslExe {

    /**
     * What one run of {@code wsl.exe} returned.
     *
     * @param exitCode the exit status ({@code -1} when it timed out)
     * @param stdout the bytes written to standard output
     * @param stderr the bytes written to standard error
     * @param timedOut whether it was stopped at the timeout
     */
    record Result(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut) {
        /** Copies the byte arrays. */
        public Result {
            stdout = stdout.clone();
            stderr = stderr.clone();
        }

        @Override
        public byte[] stdout() {
            return stdout.clone();
        }

        @Override
        public byte[] stderr() {
            return stderr.clone();
        }
    }

    /**
     * Runs {@code wsl.exe} with arguments. Blocks until it ends or the timeout passes (then the
     * process tree is destroyed and {@link Result#timedOut()} is true).
     *
     * @param arguments the arguments after {@code wsl.exe}, each passed as one argument
     * @param environment variables to set for it in addition to the inherited ones, e.g. {@code WSL_UTF8=1}
     * @param timeout the longest it may run
     * @return the result
     * @throws GoSetupException when {@code wsl.exe} cannot be started (not on Windows, WSL not installed)
     */
    Result run(List<String> arguments, Map<String, String> environment, Duration timeout);

    /**
     * Returns the {@code wsl.exe} of this Windows machine, found on {@code PATH}.
     *
     * @return the runner
     */
    static WslExe system() {
        return (arguments, environment, timeout) -> {
            List<String> command = new ArrayList<>();
            command.add("wsl.exe");
            command.addAll(arguments);
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(environment);
            pb.redirectInput(ProcessBuilder.Redirect.DISCARD);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new GoSetupException("cannot run wsl.exe: " + e.getMessage(),
                        List.of("run this on Windows with WSL installed (`wsl.exe --install`)"), e);
            }
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            try {
                boolean ended = p.waitFor(Objects.requireNonNull(timeout, "timeout").toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor();
                }
                return new Result(ended ? p.exitValue() : -1, out.join(), err.join(), !ended);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new GoSetupException("interrupted while wsl.exe ran", List.of("run it again"), e);
            }
        };
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
