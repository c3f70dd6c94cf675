package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.spi.AbstractReadinessCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the WSL checks share: they read the system through a root directory ({@code /} when
 * loaded by ServiceLoader, a fake root in tests), skip outside WSL, and fold several findings into
 * one result.
 */
abstract class WslCheck extends AbstractReadinessCheck {
    private final String id;
    private final String title;
    private final Set<String> parameters;
    final Path root;

    WslCheck(String id, String title, Set<String> parameters, Path root) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.parameters = Set.copyOf(parameters);
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String category() {
        return "wsl";
    }

    @Override
    public final Optional<Set<String>> parameters() {
        return Optional.of(parameters);
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
     * Returns where a path of the distribution really is: symbolic links resolved under the root
     * when it exists, else the path normalised.
     */
    String realPath(String path) {
        Path p = Path.of(path).normalize();
        Path inRoot = root.resolve(root.getRoot().relativize(p.isAbsolute() ? p : Path.of("/").resolve(p)));
        try {
            Path real = inRoot.toRealPath();
            Path realRoot = root.toRealPath();
            if (real.startsWith(realRoot)) {
                return "/" + realRoot.relativize(real);
            }
        } catch (IOException e) {
            // not there (yet): judge the path as written
        }
        return p.toString();
    }

    /** A file of the distribution, under the root. */
    Path file(String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    boolean isExecutableFile(String absolute) {
        Path f = file(absolute);
        return Files.isRegularFile(f) && Files.isExecutable(f);
    }

    /** Folds findings into a passing result: the worst status, summaries joined, hints in order. */
    static CheckResult combine(CheckResult passed, List<CheckResult> findings) {
        if (findings.isEmpty()) {
            return passed;
        }
        CheckResult r = passed;
        List<String> summaries = new ArrayList<>();
        for (CheckResult f : findings) {
            summaries.add(f.summary());
            for (String hint : f.hints()) {
                if (!r.hints().contains(hint)) {
                    r = r.withHint(hint);
                }
            }
        }
        CheckStatus worst = findings.stream().anyMatch(f -> f.status() == CheckStatus.FAIL)
                ? CheckStatus.FAIL : CheckStatus.WARN;
        return r.withStatus(worst, String.join("; ", summaries));
    }
}
