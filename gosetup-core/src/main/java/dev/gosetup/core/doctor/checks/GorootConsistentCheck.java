package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.core.process.ProcessResult;

import java.util.Set;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code goroot-consistent}: the GOROOT go uses is the one its binary belongs to, and the binary
 * sits in that GOROOT's {@code bin} directory.
 *
 * <p>go uses {@code GOROOT} from the environment (or Go's env file) when it is set, else the
 * directory it was started from. A GOROOT left over from another version makes the new go run
 * the old compiler, and every build fails with "compile: version "go1.X" does not match go tool
 * version "go1.Y"". The check compares {@code go env GOROOT} as the context sets it with
 * {@code go env GOROOT} with GOROOT unset and {@code GOENV=off} (the binary's own, which go finds
 * through symbolic links as well), by real path.
 *
 * <p>FAIL when they differ, with the command that removes the stale setting ({@code unset GOROOT}
 * for the environment, {@code go env -u GOROOT} for the env file). WARN when the go that runs is
 * not {@code <GOROOT>/bin/go} (a wrapper script or a copied binary), since tools that look for
 * their siblings next to go then miss them. PASS otherwise, noting when GOROOT is set at all
 * (it need not be). Runs after {@code go-found}.
 */
public final class GorootConsistentCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "goroot-consistent";

    /** Creates the check. */
    public GorootConsistentCheck() {
        super(ID, "GOROOT", "toolchain", List.of(GoFoundCheck.ID), Set.of());
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        ContextGo go = ContextGo.locate(context);
        Path used = Path.of(go.goEnv("GOROOT").getOrDefault("GOROOT", ""));
        ProcessResult ownResult = go.run(Map.of("GOROOT", Optional.empty(), "GOENV", Optional.of("off"),
                "GOTOOLCHAIN", Optional.of("local")), ContextGo.tmp(context), ContextGo.GO_ENV_TIMEOUT, "env", "GOROOT")
                .requireSuccess();
        Path own = Path.of(ownResult.stdout().strip());
        GoSettings settings = GoSettings.of(context);
        boolean windows = context.host().isWindows();
        String where = settings.describe("GOROOT");
        CheckResult r = CheckResult.pass("GOROOT " + used + " is the one " + go.binary() + " belongs to")
                .withDetail("GOROOT", used)
                .withDetail("GOROOT source", where)
                .withDetail("go", go.binary());
        if (!same(used, own)) {
            return r.withStatus(dev.gosetup.api.CheckStatus.FAIL, "GOROOT is set to " + used + " (" + version(used)
                    + ", in " + where + ") but " + go.binary() + " belongs to " + own + " (" + version(own)
                    + "); builds fail with \"compile: version ... does not match go tool version ...\"")
                    .withDetail("go's own GOROOT", own)
                    .withHints(settings.unsetHints("GOROOT", windows))
                    .withHint("go finds its own GOROOT: set GOROOT only to " + own + ", or not at all");
        }
        Path binDir = real(go.binary()).getParent();
        Path expected = real(own).resolve("bin");
        if (!binDir.equals(expected)) {
            return r.withStatus(dev.gosetup.api.CheckStatus.WARN, go.binary() + " is not in its GOROOT's bin directory "
                    + expected + " (a wrapper script or a copy?)")
                    .withDetail("binary's directory", binDir)
                    .withHint("put it first on PATH: " + Hints.prependPath(expected, windows));
        }
        if (settings.origin("GOROOT") != GoSettings.Origin.DEFAULT && context.goEnvironment().isEmpty()) {
            r = r.withDetail("note", "GOROOT need not be set (go finds its own); once go is upgraded, a set GOROOT "
                    + "goes stale");
        }
        return r;
    }

    private static boolean same(Path a, Path b) {
        return real(a).equals(real(b));
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The release a GOROOT holds, from its VERSION file, for the message. */
    private static String version(Path goroot) {
        try (var lines = Files.lines(goroot.resolve("VERSION"), StandardCharsets.UTF_8)) {
            return lines.findFirst().map(String::strip).filter(l -> !l.isEmpty()).orElse("no version");
        } catch (IOException | java.io.UncheckedIOException e) {
            return Files.isDirectory(goroot) ? "no VERSION file" : "does not exist";
        }
    }
}
