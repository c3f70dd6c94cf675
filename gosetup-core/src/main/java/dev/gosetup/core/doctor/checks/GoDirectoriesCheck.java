package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.core.env.DirectoryCheck;
import dev.gosetup.core.env.PrivateDirectories;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code go-directories}: the directories go writes to — GOPATH (its first entry), GOCACHE and
 * GOMODCACHE, as {@code go env -json} reports them — can be used: each is a directory (or can be
 * created), writable, owner-only, and has room. It reads only these three with
 * {@code go env -json GOPATH GOCACHE GOMODCACHE}, which (unlike a bare {@code go env}) neither
 * creates GOCACHE nor fails when it is broken.
 *
 * <ul>
 *   <li>Missing: WARN (go creates it on first use; the hint creates it owner-only now), unless its
 *       nearest existing parent is not writable: FAIL.</li>
 *   <li>A file in its place: FAIL, with the command that moves it away.</li>
 *   <li>Not writable by the user (as {@link Files#isWritable} answers, which also sees read-only
 *       mounts and immutable directories): FAIL.</li>
 *   <li>Not owner-only, as {@link PrivateDirectories#check} judges it (the same rule profiles are
 *       created and repaired by): WARN with {@code chmod 700 DIR} (or {@code chown} when someone
 *       else owns it). These directories hold code that later runs.</li>
 *   <li>Less usable space ({@link FileStore#getUsableSpace}) on its file system than the parameter
 *       {@code min-free-mb} (default {@value #DEFAULT_MIN_FREE_MB}): FAIL, with the {@code go clean}
 *       commands that free the caches. Each file system is reported once.</li>
 * </ul>
 *
 * <p>{@code GOCACHE=off} is reported and not checked. Runs after {@code go-found}.
 */
public final class GoDirectoriesCheck extends BuiltInCheck {
    /** The id of this check. */
    public static final String ID = "go-directories";
    /** The least free space, in MiB, unless the parameter {@code min-free-mb} says otherwise. */
    public static final long DEFAULT_MIN_FREE_MB = 1024;
    private static final long MB = 1024 * 1024;

    /** Creates the check. */
    public GoDirectoriesCheck() {
        super(ID, "Go directories", "files", List.of(GoFoundCheck.ID), Set.of("min-free-mb"));
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        long minFreeMb = context.longParameter("min-free-mb", DEFAULT_MIN_FREE_MB);
        if (minFreeMb < 0) {
            throw new InvalidConfigurationException("the parameter \"min-free-mb\" must not be negative, got "
                    + minFreeMb, List.of("write a number of MiB such as " + DEFAULT_MIN_FREE_MB));
        }
        Map<String, String> env = ContextGo.locate(context).goEnv("GOPATH", "GOCACHE", "GOMODCACHE");
        String gopath = env.getOrDefault("GOPATH", "");
        int separator = gopath.indexOf(context.host().isWindows() ? ';' : ':');
        Map<String, String> dirs = new LinkedHashMap<>();
        dirs.put("GOPATH", separator >= 0 ? gopath.substring(0, separator) : gopath);
        dirs.put("GOCACHE", env.getOrDefault("GOCACHE", ""));
        dirs.put("GOMODCACHE", env.getOrDefault("GOMODCACHE", ""));

        List<CheckResult> findings = new ArrayList<>();
        CheckResult r = CheckResult.pass("GOPATH, GOCACHE and GOMODCACHE are writable and owner-only, with at least "
                + minFreeMb + " MiB free");
        Set<FileStore> lowStores = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : dirs.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name.equals("GOCACHE") && value.equals("off")) {
                r = r.withDetail(name, "off: the build cache is disabled");
                continue;
            }
            Path dir;
            try {
                dir = Path.of(value);
            } catch (InvalidPathException ex) {
                findings.add(CheckResult.fail(name + " \"" + value + "\" is not a path: " + ex.getReason())
                        .withHint("go env -w " + name + "=<an absolute directory>"));
                continue;
            }
            if (value.isEmpty() || !dir.isAbsolute()) {
                findings.add(CheckResult.fail("go reports " + (value.isEmpty() ? "no " + name : name + " \"" + value
                        + "\", which is not absolute")).withHint("go env -w " + name + "=<an absolute directory>"));
                continue;
            }
            DirectoryCheck access = PrivateDirectories.check(dir, context.userName());
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            Optional<Long> freeMb = usableMb(existing);
            String state = access.problem() == DirectoryCheck.Problem.MISSING ? "missing"
                    : access.permissions().isEmpty() ? "exists" : access.permissions();
            r = r.withDetail(name, dir + " (" + state + freeMb.map(mb -> ", " + mb + " MiB free").orElse("") + ")");
            findings.addAll(judge(name, dir, access, existing, context.host().isWindows(), context.userName()));
            if (freeMb.isPresent() && freeMb.get() < minFreeMb) {
                FileStore store = store(existing).orElseThrow();
                if (lowStores.add(store)) {
                    findings.add(CheckResult.fail("only " + freeMb.get() + " MiB free for " + name + " " + dir
                            + " (file system " + store + "); at least " + minFreeMb + " MiB wanted")
                            .withHint("free space: go clean -cache (the build cache), go clean -modcache (downloaded "
                                    + "modules)")
                            .withHint("or lower the threshold in the checklist: with: { min-free-mb: \""
                                    + Math.max(0, freeMb.get() / 2) + "\" }"));
                }
            }
        }
        return Findings.combine(r, findings);
    }

    private static List<CheckResult> judge(String name, Path dir, DirectoryCheck access, Path existing, boolean windows,
            String user) {
        switch (access.problem()) {
            case MISSING:
                if (existing == null || !Files.isWritable(existing)) {
                    return List.of(CheckResult.fail(name + " " + dir + " does not exist and cannot be created: "
                            + existing + " is not writable by " + user)
                            .withHint("create it as its owner: sudo mkdir -p -m 700 " + dir + " && sudo chown \"$(id -un)\" "
                                    + dir)
                            .withHint("or choose another directory: go env -w " + name + "=<directory>"));
                }
                return List.of(CheckResult.warn(name + " " + dir + " does not exist yet (go creates it on first use)")
                        .withHint("create it owner-only: " + Hints.makeOwnerOnlyDirectory(dir, windows)));
            case NOT_A_DIRECTORY:
                return List.of(CheckResult.fail(name + " " + dir + " is not a directory, so go cannot write there")
                        .withHint("move it away: mv " + dir + " " + dir + ".bak"));
            default:
                break;
        }
        List<CheckResult> found = new ArrayList<>();
        if (!Files.isWritable(dir)) {
            found.add(CheckResult.fail(name + " " + dir + " is not writable by " + user)
                    .withHint(access.problem() == DirectoryCheck.Problem.NOT_OWNED
                            ? "take it over: sudo chown -R \"$(id -un)\" " + dir : Hints.ownerOnly(dir, windows)));
        }
        switch (access.problem()) {
            case TOO_OPEN, OWNER_LACKS_ACCESS -> found.add(CheckResult.warn(name + " " + access.detail())
                    .withHint(Hints.ownerOnly(dir, windows)));
            case NOT_OWNED -> found.add(CheckResult.warn(name + " " + access.detail())
                    .withHint("take it over: sudo chown -R \"$(id -un)\" " + dir));
            default -> {
            }
        }
        return found;
    }

    private static Optional<FileStore> store(Path existing) {
        if (existing == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getFileStore(existing));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> usableMb(Path existing) {
        return store(existing).flatMap(s -> {
            try {
                return Optional.of(s.getUsableSpace() / MB);
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
