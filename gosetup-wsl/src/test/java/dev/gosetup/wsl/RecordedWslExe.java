package dev.gosetup.wsl;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stands in for wsl.exe, which cannot run here: answers each expected argument list with a
 * recorded result, and fails the test on any other call. The recordings are written in the byte
 * formats wsl.exe produces (UTF-16LE by default, UTF-8 with WSL_UTF8=1) from Microsoft's
 * documentation and issue reports of `wsl.exe --list --verbose`; none was captured on Windows in
 * this session.
 */
final class RecordedWslExe implements WslExe {
    private record Expected(List<String> arguments, Result result) {
    }

    private final Deque<Expected> expected = new ArrayDeque<>();
    final List<List<String>> calls = new ArrayList<>();
    final List<Duration> timeouts = new ArrayList<>();

    RecordedWslExe answer(List<String> arguments, int exitCode, byte[] stdout, byte[] stderr) {
        expected.add(new Expected(arguments, new Result(exitCode, stdout, stderr, false)));
        return this;
    }

    RecordedWslExe timeout(List<String> arguments) {
        expected.add(new Expected(arguments, new Result(-1, new byte[0], new byte[0], true)));
        return this;
    }

    @Override
    public Result run(List<String> arguments, Map<String, String> environment, Duration timeout) {
        calls.add(List.copyOf(arguments));
        timeouts.add(timeout);
        Expected next = expected.poll();
        assertThat(next).as("an unexpected wsl.exe call: %s", arguments).isNotNull();
        assertThat(arguments).isEqualTo(next.arguments());
        return next.result();
    }
}
