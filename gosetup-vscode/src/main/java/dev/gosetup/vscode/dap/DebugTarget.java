package dev.gosetup.vscode.dap;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a verification debugs: a main package, the source line to break at, and optionally a local
 * variable visible there with the value it must have.
 *
 * @param packageDir the main package's directory (Delve builds it and runs in it)
 * @param file the source file of the breakpoint
 * @param line the breakpoint's line, from 1
 * @param variable the local to read at the breakpoint; empty to only list the locals
 * @param expectedValue the value Delve must report for it, as DAP shows it (e.g. {@code 42})
 */
public record DebugTarget(Path packageDir, Path file, int line, Optional<String> variable, Optional<String> expectedValue) {
    private static final Pattern FUNC_MAIN = Pattern.compile("^func\\s+main\\s*\\(\\s*\\)\\s*\\{");

    /** The probe program: {@code answer} is 42 on the line of {@link #PROBE_BREAKPOINT_LINE}. */
    static final String PROBE_SOURCE = """
            package main

            import "fmt"

            func main() {
            \tanswer := 42
            \tgreeting := fmt.Sprintf("gosetup probe: %d", answer)
            \tfmt.Println(greeting)
            }
            """;
    /** The line of {@code fmt.Println(greeting)} in {@link #PROBE_SOURCE}. */
    static final int PROBE_BREAKPOINT_LINE = 8;

    /** Validates the components. */
    public DebugTarget {
        Objects.requireNonNull(packageDir, "packageDir");
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, got " + line);
        }
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(expectedValue, "expectedValue");
        if (expectedValue.isPresent() && variable.isEmpty()) {
            throw new IllegalArgumentException("an expected value needs a variable");
        }
    }

    /**
     * Writes gosetup's probe program (a module with one main package whose local {@code answer}
     * is 42) into a directory and returns the target that breaks on the line after it is set.
     *
     * @param dir the directory, created when missing; it should be empty
     * @return the target
     * @throws GoSetupException when the files cannot be written
     */
    public static DebugTarget probe(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
            Files.writeString(abs.resolve("go.mod"), "module gosetup.dev/dapprobe\n\ngo 1.18\n", StandardCharsets.UTF_8);
            Files.writeString(abs.resolve("main.go"), PROBE_SOURCE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GoSetupException("cannot write the probe program into " + abs + ": " + e,
                    List.of("check that " + abs + " is writable"), e);
        }
        return new DebugTarget(abs, abs.resolve("main.go"), PROBE_BREAKPOINT_LINE, Optional.of("answer"),
                Optional.of("42"));
    }

    /**
     * Returns the target for a user's main package: a breakpoint on its {@code func main()} line,
     * where Delve stops on entry, and no variable to compare (the locals are listed).
     *
     * @param dir the package directory
     * @return the target
     * @throws InvalidConfigurationException naming the directory when it does not exist or no
     *     {@code .go} file in it (tests excluded) declares {@code func main()}
     */
    public static DebugTarget mainPackage(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new InvalidConfigurationException("the program directory " + abs + " does not exist",
                    List.of("give the directory of a main package, e.g. --program ./cmd/server"));
        }
        List<Path> sources = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(abs, "*.go")) {
            files.forEach(sources::add);
        } catch (IOException e) {
            throw new GoSetupException("cannot list " + abs + ": " + e, List.of("check its permissions"), e);
        }
        sources.sort(null);
        for (Path source : sources) {
            if (source.getFileName().toString().endsWith("_test.go") || !Files.isRegularFile(source)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue; // not UTF-8 or unreadable: go build will say so if it matters
            }
            for (int i = 0; i < lines.size(); i++) {
                if (FUNC_MAIN.matcher(lines.get(i)).find()) {
                    return new DebugTarget(abs, source, i + 1, Optional.empty(), Optional.empty());
                }
            }
        }
        throw new InvalidConfigurationException("no .go file in " + abs + " declares func main(), so it is not a "
                + "main package Delve can launch", List.of("give the directory of a main package (package main with "
                + "func main()), or leave --program out to verify with gosetup's probe program"));
    }

    /**
     * Describes the breakpoint for messages, e.g. {@code main.go:8}.
     *
     * @return file name and line
     */
    public String location() {
        return file.getFileName() + ":" + line;
    }
}
