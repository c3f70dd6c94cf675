package dev.gosetup.core.discover;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.DiscoveredToolchain;
import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a directory holds as a GOROOT without changing it: version from {@code VERSION}'s
 * first line, else from {@code go version}; platform from the single {@code pkg/tool/GOOS_GOARCH}
 * directory, else from {@code go version}; and what is missing for it to be intact.
 */
final class GorootInspector {
    private static final Duration GO_TIMEOUT = Duration.ofSeconds(20);

    private GorootInspector() {
    }

    /** Inspects a candidate; empty when it holds neither {@code bin/go} nor {@code VERSION}: no Go at all. */
    static Optional<DiscoveredToolchain> inspect(Path candidate, String origin, DiscoveryContext context) {
        Path goroot = realPath(candidate);
        Path go = goroot.resolve("bin").resolve("go" + context.host().exeSuffix());
        Path versionFile = goroot.resolve("VERSION");
        boolean hasGo = Files.isRegularFile(go);
        boolean hasVersionFile = Files.isRegularFile(versionFile);
        if (!hasGo && !hasVersionFile) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (!hasGo) {
            problems.add("no " + go.getFileName() + " in " + goroot.resolve("bin"));
        }
        String reported = "";
        if (hasVersionFile) {
            reported = firstLine(versionFile).orElse("");
            if (reported.isEmpty()) {
                problems.add("VERSION is unreadable or empty");
            }
        } else {
            problems.add("no VERSION file");
        }
        if (!Files.isDirectory(goroot.resolve("src").resolve("runtime"))) {
            problems.add("no src/runtime (the standard library is missing)");
        }
        Optional<Platform> platform = toolPlatform(goroot);
        if ((reported.isEmpty() || platform.isEmpty()) && hasGo && runnable(go, context)) {
            Optional<String[]> words = goVersion(go, goroot, context);
            if (words.isPresent()) {
                String[] w = words.get();
                if (reported.isEmpty()) {
                    // "go version go1.22.5 X:boringcrypto linux/amd64": everything between "version" and the platform
                    reported = String.join(" ", java.util.Arrays.copyOfRange(w, 2, w.length - 1));
                }
                if (platform.isEmpty()) {
                    platform = platform(w[w.length - 1]);
                }
            }
        }
        Optional<GoVersion> version = GoVersion.fromToolchain(reported);
        if (!reported.isEmpty() && version.isEmpty() && hasVersionFile) {
            problems.add("VERSION names no release: \"" + escape(reported) + "\"");
        }
        return Optional.of(new DiscoveredToolchain(goroot, origin, escape(reported), version, platform, problems));
    }

    /** The real path (links resolved), or the normalized absolute path when it cannot be resolved. */
    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * What {@code go env GOROOT} answers for a go binary in the context's environment, with
     * {@code GOTOOLCHAIN=local} so it never switches, run beside the binary.
     */
    static Optional<Path> reportedGoroot(Path go, DiscoveryContext context) {
        return runGo(go, go.toAbsolutePath().getParent(), context, "env", "GOROOT").map(String::strip).filter(s -> !s.isEmpty()).flatMap(s -> {
            try {
                Path p = Path.of(s);
                return p.isAbsolute() ? Optional.of(p) : Optional.empty();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> runGo(Path go, Path directory, DiscoveryContext context, String... args) {
        Map<String, String> env = new HashMap<>(context.environment());
        env.put("GOTOOLCHAIN", "local");
        env.remove("GOFLAGS");
        List<String> command = new ArrayList<>(List.of(go.toString()));
        command.addAll(List.of(args));
        try {
            ProcessResult result = ProcessRunner.run(command, directory, ProcessRunner.exactly(env), GO_TIMEOUT,
                    new CancellationToken());
            return result.succeeded() ? Optional.of(result.stdout()) : Optional.empty();
        } catch (GoSetupException e) {
            return Optional.empty();
        }
    }

    private static Optional<String[]> goVersion(Path go, Path goroot, DiscoveryContext context) {
        return runGo(go, goroot, context, "version").map(out -> out.strip().split("\\s+"))
                .filter(w -> w.length >= 4 && w[0].equals("go") && w[1].equals("version"));
    }

    /** Runs a go only when it is for the kind of host this JVM runs on (tests build Windows layouts on Linux). */
    private static boolean runnable(Path go, DiscoveryContext context) {
        return context.host().isWindows() == Platform.current().isWindows() && Files.isExecutable(go);
    }

    private static Optional<Platform> toolPlatform(Path goroot) {
        List<Platform> found = new ArrayList<>();
        try (DirectoryStream<Path> tools = Files.newDirectoryStream(goroot.resolve("pkg").resolve("tool"))) {
            for (Path tool : tools) {
                platform(tool.getFileName().toString().replace('_', '/')).ifPresent(found::add);
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static Optional<Platform> platform(String text) {
        try {
            return Optional.of(Platform.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstLine(Path file) {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null) {
                return Optional.empty();
            }
            line = line.startsWith("\uFEFF") ? line.substring(1) : line;
            line = line.strip();
            return line.length() > 200 ? Optional.of(line.substring(0, 200)) : Optional.of(line);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Control characters from a file shown as {@code \\uXXXX}, so a hostile VERSION cannot drive a terminal. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x202E) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
