package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.Platform;
import dev.gosetup.core.doctor.checks.BuiltInCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the WSL checks share: they read the system through a root directory ({@code /} when
 * loaded by ServiceLoader, a fake root in tests), skip outside WSL, and fold several findings into
 * one result.
 */
abstract class WslCheck extends BuiltInCheck {
    final Path root;

    WslCheck(String id, String title, Set<String> parameters, Path root) {
        super(id, title, "wsl", List.of(), parameters);
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Applies on Linux inside WSL only (kernel release and interop handler under the root), so
     * {@code gosetup doctor} lists these checks only there; named explicitly they run anywhere
     * and SKIP outside WSL.
     */
    @Override
    public final boolean appliesTo(Platform host) {
        return host.os().equals("linux") && WslInfo.detect(root, Map.of()).isWsl();
    }

    @Override
    protected final CheckResult doCheck(CheckContext context) {
        WslInfo wsl = WslInfo.detect(root, context.environment());
        if (!wsl.isWsl()) {
            return CheckResult.skip("not inside WSL (kernel " + (wsl.kernelRelease().isEmpty() ? "unknown"
                    : Text.escape(wsl.kernelRelease())) + ")");
        }
        return check(wsl, context);
    }

    /** Runs the check inside WSL. */
    abstract CheckResult check(WslInfo wsl, CheckContext context);

    /**
     * Returns where a path of the distribution really is: symbolic links followed inside the root
     * (an absolute link target starts again at the root, as it would in the distribution), the
     * rest of the path taken as written once a component does not exist.
     */
    String realPath(String path) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(path.split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(part);
            Path here = root.resolve(String.join("/", done));
            if (links < 40 && Files.isSymbolicLink(here)) {
                try {
                    String target = Files.readSymbolicLink(here).toString();
                    links++;
                    done.remove(done.size() - 1);
                    if (target.startsWith("/")) {
                        done.clear();
                    }
                    List<String> parts = List.of(target.split("/"));
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.addFirst(parts.get(i));
                    }
                } catch (IOException e) {
                    // unreadable link: judge the path as written
                }
            }
        }
        return "/" + String.join("/", done);
    }

    /** A file of the distribution, under the root. */
    Path file(String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    boolean isExecutableFile(String absolute) {
        Path f = file(absolute);
        return Files.isRegularFile(f) && Files.isExecutable(f);
    }
}
