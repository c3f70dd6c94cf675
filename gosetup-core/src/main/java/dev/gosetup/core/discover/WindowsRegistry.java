package dev.gosetup.core.discover;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.Platform;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one string value from the Windows registry. The real one runs {@code reg.exe query};
 * tests feed the output {@code reg.exe} prints (see {@link #parseRegQuery}).
 */
interface WindowsRegistry {
    /** Reads nothing: the registry of a host that has none. */
    WindowsRegistry NONE = (key, value) -> Optional.empty();

    /**
     * Reads a {@code REG_SZ} or {@code REG_EXPAND_SZ} value.
     *
     * @param key such as {@code HKCU\Software\GoProgrammingLanguage}
     * @param value the value name, such as {@code installLocation}
     * @return the data, or empty when the key or value is missing or unreadable
     */
    Optional<String> read(String key, String value);

    /** The registry of this machine through {@code reg.exe}, or {@link #NONE} when the JVM is not on Windows. */
    static WindowsRegistry system(Map<String, String> environment) {
        if (!Platform.current().isWindows()) {
            return NONE;
        }
        String systemRoot = environment.getOrDefault("SystemRoot", "C:\\Windows");
        Path reg = Path.of(systemRoot, "System32", "reg.exe");
        return (key, value) -> {
            try {
                ProcessResult result = ProcessRunner.run(List.of(reg.toString(), "query", key, "/v", value),
                        Path.of(systemRoot), Map.of(), Duration.ofSeconds(10), new CancellationToken());
                return result.succeeded() ? parseRegQuery(result.stdout(), value) : Optional.empty();
            } catch (GoSetupException e) {
                return Optional.empty();
            }
        };
    }

    /**
     * Reads a value out of what {@code reg query KEY /v NAME} prints: a blank line, the key, then
     * {@code "    NAME    REG_SZ    DATA"} (four spaces around each column).
     */
    static Optional<String> parseRegQuery(String output, String value) {
        for (String line : output.split("\r\n|\r|\n")) {
            String[] columns = line.strip().split(" {4}", 3);
            if (columns.length == 3 && columns[0].equalsIgnoreCase(value)
                    && (columns[1].equals("REG_SZ") || columns[1].equals("REG_EXPAND_SZ"))) {
                String data = columns[2].strip();
                return data.isEmpty() ? Optional.empty() : Optional.of(data);
            }
        }
        return Optional.empty();
    }
}
