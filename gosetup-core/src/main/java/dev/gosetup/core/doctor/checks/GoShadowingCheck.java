package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.process.Executables;

import java.util.Set;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code go-shadowing}: whether several different {@code go} binaries on {@code PATH} shadow each
 * other, so that which Go a shell runs depends on the order of {@code PATH}. Links to one binary
 * (such as {@code /usr/bin/go} pointing into a GOROOT that is on PATH too) count once.
 *
 * <p>SKIP when there is no go on PATH; PASS with one; WARN with several (the first wins, the
 * others are listed), and WARN when a toolchain is configured but the go that PATH finds first is
 * another one, since a person's shell then runs a different Go than gosetup checks.
 */
public final class GoShadowingCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "go-shadowing";

    /** Creates the check. */
    public GoShadowingCheck() {
        super(ID, "go on PATH", "toolchain", List.of(), Set.of());
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        List<Path> all = Executables.findAll("go", context.environment(), context.host().isWindows());
        Map<Path, Path> byTarget = new LinkedHashMap<>();
        for (Path go : all) {
            byTarget.putIfAbsent(realPath(go), go);
        }
        List<Path> distinct = new ArrayList<>(byTarget.values());
        Optional<Toolchain> configured = context.toolchain();
        if (distinct.isEmpty()) {
            return CheckResult.skip("there is no go on PATH");
        }
        Path first = distinct.get(0);
        if (distinct.size() > 1) {
            CheckResult r = CheckResult.warn(distinct.size() + " different go binaries are on PATH; " + first
                    + " shadows the others");
            for (int i = 0; i < distinct.size(); i++) {
                r = r.withDetail(i == 0 ? "runs" : "shadowed " + i, describe(distinct.get(i)));
            }
            List<String> others = distinct.subList(1, distinct.size()).stream().map(p -> p.getParent().toString()).toList();
            return r.withHint("remove the directories you do not use from PATH: " + String.join(", ", others))
                    .withHint("or put the one you want first on PATH");
        }
        if (configured.isPresent() && !realPath(configured.get().goBinary()).equals(realPath(first))) {
            return CheckResult.warn("the go on PATH (" + first + ") is not the configured toolchain "
                    + configured.get().goroot())
                    .withDetail("on PATH", describe(first))
                    .withDetail("configured", configured.get().goBinary())
                    .withHint("put " + configured.get().goBinary().getParent() + " first on PATH");
        }
        return CheckResult.pass("one go on PATH: " + describe(first));
    }

    private static String describe(Path go) {
        Path real = realPath(go);
        return real.equals(go) ? go.toString() : go + " -> " + real;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
