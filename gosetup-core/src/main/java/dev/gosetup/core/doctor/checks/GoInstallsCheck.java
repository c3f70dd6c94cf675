package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.DiscoveredToolchain;
import dev.gosetup.api.DiscoveryContext;
import dev.gosetup.core.discover.ToolchainDiscoverer;
import dev.gosetup.core.process.Executables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code go-installs}: every Go install on the machine that gosetup can see (through
 * {@link ToolchainDiscoverer}: PATH, /usr/local/go, /usr/lib/go-*, goenv, mise, asdf, g, gvm,
 * Homebrew, golang.org/dl, GOTOOLCHAIN downloads, and on Windows the MSI, scoop and chocolatey),
 * which {@code go} on {@code PATH} wins, and the GOROOT each {@code go} on {@code PATH} believes
 * ({@code go env GOROOT} with {@code GOTOOLCHAIN=local}).
 *
 * <p>SKIP when there is no Go at all; WARN when a {@code go} on PATH believes a GOROOT that is not
 * the install it belongs to (a stale GOROOT: builds then fail with "compile: version ... does not
 * match go tool version ..."), or when an install is not intact; PASS otherwise, listing them all.
 * Nothing found is changed.
 */
public final class GoInstallsCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "go-installs";

    private final ToolchainDiscoverer discoverer;
    private final Optional<Path> root;

    /** Creates the check with the registered discoveries, looking at the real file system. */
    public GoInstallsCheck() {
        this(ToolchainDiscoverer.load(), Optional.empty());
    }

    /** Creates the check with given discoveries and a root for fixed locations (tests). */
    GoInstallsCheck(ToolchainDiscoverer discoverer, Optional<Path> root) {
        super(ID, "Go installs on this machine", "toolchain", List.of(), Set.of());
        this.discoverer = Objects.requireNonNull(discoverer, "discoverer");
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        DiscoveryContext where = discoveryContext(context);
        List<DiscoveredToolchain> installs = discoverer.discover(where);
        Map<Path, Path> onPath = new LinkedHashMap<>(); // real path -> as found on PATH
        for (Path go : Executables.findAll("go", context.environment(), context.host().isWindows())) {
            onPath.putIfAbsent(realPath(go), go);
        }
        if (installs.isEmpty() && onPath.isEmpty()) {
            return CheckResult.skip("no Go install was found on this machine");
        }
        List<String> warnings = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (DiscoveredToolchain t : installs) {
            String what = (t.reported().isEmpty() ? "unknown version" : t.reported()) + " ("
                    + t.origin() + (t.intact() ? "" : "; not intact: " + String.join(", ", t.problems())) + ")";
            details.put(t.goroot().toString(), what);
            if (!t.intact()) {
                warnings.add(t.goroot() + " is not intact: " + String.join(", ", t.problems()));
            }
        }
        String winner = "";
        int i = 0;
        for (Map.Entry<Path, Path> go : onPath.entrySet()) {
            Path found = go.getValue();
            Path real = go.getKey();
            Optional<Path> believed = ToolchainDiscoverer.reportedGoroot(found, where);
            String label = i == 0 ? "PATH runs " + found : "shadowed on PATH " + found;
            details.put(label, believed.map(p -> "go env GOROOT = " + p).orElse("go env GOROOT failed"));
            Path own = real.getParent() == null ? null : real.getParent().getParent();
            boolean ownIsGoroot = own != null && real.getParent().getFileName().toString().equals("bin")
                    && Files.isDirectory(own.resolve("src").resolve("runtime"));
            if (ownIsGoroot && believed.isPresent() && !realPath(believed.get()).equals(realPath(own))) {
                warnings.add(found + " belongs to " + own + " but believes GOROOT is " + believed.get());
                hints.add("unset GOROOT (or go env -u GOROOT) so that " + found + " uses its own " + own);
            }
            if (i == 0) {
                winner = found + believed.map(p -> " (GOROOT " + p + ")").orElse("");
            }
            i++;
        }
        String summary = installs.size() + (installs.size() == 1 ? " Go install" : " Go installs")
                + (winner.isEmpty() ? "; none on PATH" : "; PATH runs " + winner);
        CheckResult result = warnings.isEmpty() ? CheckResult.pass(summary)
                : CheckResult.warn(summary + "; " + String.join("; ", warnings));
        for (Map.Entry<String, Object> d : details.entrySet()) {
            result = result.withDetail(d.getKey(), d.getValue());
        }
        if (!warnings.isEmpty() && installs.stream().anyMatch(t -> !t.intact())) {
            hints.add("remove or reinstall the broken installs with the tool that installed them (its origin)");
        }
        if (onPath.isEmpty()) {
            installs.stream().filter(t -> t.toolchain().isPresent()).findFirst().ifPresent(t -> hints.add(
                    "put one on PATH, such as " + t.goroot().resolve("bin") + " (" + t.reported() + ")"));
        }
        for (String hint : hints) {
            result = result.withHint(hint);
        }
        return result;
    }

    private DiscoveryContext discoveryContext(CheckContext context) {
        Path fallbackHome = root.orElse(Path.of("/").toAbsolutePath());
        DiscoveryContext c = DiscoveryContext.of(context.environment(), context.host(), fallbackHome);
        return root.map(r -> new DiscoveryContext(c.home(), c.environment(), c.host(), r)).orElse(c);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
