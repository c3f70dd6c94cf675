package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.core.doctor.checks.Findings;
import dev.gosetup.core.env.GoRunner;
import dev.gosetup.core.process.Executables;
import dev.gosetup.core.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code wsl-windows-drive}: inside WSL, whether the project directory, GOPATH, GOCACHE or
 * GOMODCACHE lies on a Windows drive, judged from {@code /proc/self/mountinfo} (a drvfs, 9p
 * {@code aname=drvfs} or virtiofs drive mount), not from a {@code /mnt/} prefix: a drive can be
 * mounted anywhere ({@code [automount] root}, fstab) and {@code /mnt/wsl} is not a drive.
 *
 * <ul>
 *   <li>On a drive: WARN. In WSL 2 every file operation there crosses the 9P file server into
 *       Windows, so builds, {@code go mod download} and {@code git status} run many times slower
 *       than on the distribution's ext4 disk. Fix: keep the project in the Linux home
 *       ({@code ~/src}, reached from Windows as {@code \\wsl.localhost\<distro>\home\...}), and
 *       {@code go env -w GOCACHE=... GOMODCACHE=...} to Linux directories.</li>
 *   <li>Also, on a drive mounted without {@code metadata}: WARN that owner-only directories are
 *       impossible there: drvfs keeps no Linux mode per file, every file shows the mode the mount's
 *       {@code umask}/{@code dmask}/{@code fmask} give it, so {@code chmod 700} returns success
 *       and changes nothing. ({@code metadata} makes chmod stick; it is not a speed-up.)</li>
 * </ul>
 *
 * <p>The project directory is the parameter {@code project-dir}, else {@code PWD}. The Go
 * directories are what {@code go env -json} says when go runs here (on the real root), else the
 * variables with Go's defaults ({@code $HOME/go}, {@code $XDG_CACHE_HOME/go-build} or
 * {@code $HOME/.cache/go-build}, {@code $GOPATH/pkg/mod}).
 */
public final class WslWindowsDriveCheck extends WslCheck {
    /** The id of this check. */
    public static final String ID = "wsl-windows-drive";

    /** Creates the check for this system. */
    public WslWindowsDriveCheck() {
        this(Path.of("/"));
    }

    WslWindowsDriveCheck(Path root) {
        super(ID, "WSL: Go work on Windows drives", Set.of("project-dir"), root);
    }

    @Override
    CheckResult check(WslInfo wsl, CheckContext context) {
        Map<String, String> dirs = new LinkedHashMap<>();
        context.parameter("project-dir").or(() -> context.variable("PWD")).ifPresent(p -> dirs.put("project", p));
        dirs.putAll(goDirectories(context));
        CheckResult r = CheckResult.pass("the project and Go's directories are on Linux file systems");
        List<CheckResult> findings = new ArrayList<>();
        List<String> onDrive = new ArrayList<>();
        for (Map.Entry<String, String> e : dirs.entrySet()) {
            String name = e.getKey();
            if (!e.getValue().startsWith("/")) {
                r = r.withDetail(name, Text.escape(e.getValue()) + " (not an absolute path, not judged)");
                continue;
            }
            String real = realPath(e.getValue());
            Optional<Mount> mount = wsl.mountOf(real);
            r = r.withDetail(name, Text.escape(real) + mount.map(m -> " (" + m + ")").orElse(""));
            if (mount.isEmpty() || !mount.get().isWindowsDrive()) {
                continue;
            }
            Mount m = mount.get();
            onDrive.add(name);
            String windows = m.windowsPath().map(Text::escape).orElse("a Windows drive");
            if (name.equals("project")) {
                findings.add(CheckResult.warn("the project " + Text.escape(real) + " is on " + windows
                        + ": every build and `git status` crosses into Windows ("
                        + (wsl.version() == WslInfo.WslVersion.WSL2 ? "9P file server" : "drvfs")
                        + ") and runs many times slower than on the distribution's own disk")
                        .withHint("move the project into the Linux home: mkdir -p ~/src && cp -a " + quote(real)
                                + " ~/src/ (Windows reaches it as \\\\wsl.localhost\\"
                                + wsl.distro().orElse("<distro>") + "\\home\\...)"));
            } else {
                findings.add(CheckResult.warn(name + " " + Text.escape(real) + " is on " + windows
                        + ": go reads and writes thousands of small files there, each one across the Windows "
                        + "boundary, many times slower than on ext4")
                        .withHint(context.variable(name).isPresent()
                                // go env -w is shadowed by a variable set in the environment
                                ? "set " + name + " to a Linux directory where it is exported, e.g. export " + name
                                        + "=" + linuxDefault(name, context)
                                : "go env -w " + name + "=" + linuxDefault(name, context)));
            }
            if (!m.hasMetadata()) {
                findings.add(CheckResult.warn(name + " cannot be made owner-only: " + m.mountPoint()
                        + " is mounted without `metadata`, so Linux modes are not stored and `chmod 700` succeeds "
                        + "but changes nothing (modes come from the mount's umask/dmask/fmask)")
                        .withHint("keep " + name + " on the Linux file system (the fix above); `[automount] options = "
                                + "\"metadata\"` in /etc/wsl.conf makes chmod stick on drives, but is no speed-up"));
            }
        }
        if (!onDrive.isEmpty()) {
            r = r.withDetail("on Windows drives", String.join(", ", onDrive));
        }
        return Findings.combine(r, findings);
    }

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }

    private static String linuxDefault(String name, CheckContext context) {
        String home = context.variable("HOME").orElse("$HOME");
        return switch (name) {
            case "GOCACHE" -> home + "/.cache/go-build";
            case "GOMODCACHE" -> home + "/go/pkg/mod";
            default -> home + "/go";
        };
    }

    /**
     * GOPATH (its first entry), GOCACHE, GOMODCACHE: from {@code go env -json} when the root is the
     * real one and go is on PATH, else from the variables and Go's defaults.
     */
    private Map<String, String> goDirectories(CheckContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            if (context.goEnvironment().isPresent()) {
                env = GoRunner.parseGoEnvJson(GoRunner.of(context.goEnvironment().get(), context.environment())
                        .timeout(Duration.ofSeconds(30)).go("env", "-json", "GOPATH", "GOCACHE", "GOMODCACHE")
                        .requireSuccess().stdout(), "go env -json");
            } else if (root.equals(Path.of("/"))) {
                Path go = Executables.find("go", context.environment(), false);
                Map<String, String> processEnv = new LinkedHashMap<>(context.environment());
                processEnv.put("GOTOOLCHAIN", "local");
                env = GoRunner.parseGoEnvJson(ProcessRunner.run(List.of(go.toString(), "env", "-json", "GOPATH",
                        "GOCACHE", "GOMODCACHE"), context.tempDirectory(),
                        ProcessRunner.exactly(processEnv), Duration.ofSeconds(30), context.cancellation())
                        .requireSuccess().stdout(), "go env -json of " + go);
            }
        } catch (GoSetupException e) {
            System.getLogger(getClass().getName()).log(System.Logger.Level.DEBUG,
                    "go env failed; judging the variables instead", e);
            env = new LinkedHashMap<>();
        }
        Map<String, String> out = new LinkedHashMap<>();
        Optional<String> home = context.variable("HOME");
        String gopath = Optional.ofNullable(env.get("GOPATH")).filter(s -> !s.isEmpty())
                .or(() -> context.variable("GOPATH")).or(() -> home.map(h -> h + "/go")).orElse("");
        gopath = gopath.contains(":") ? gopath.substring(0, gopath.indexOf(':')) : gopath;
        String gopathFirst = gopath;
        if (!gopath.isEmpty()) {
            out.put("GOPATH", gopath);
        }
        Optional.ofNullable(env.get("GOCACHE")).filter(s -> !s.isEmpty()).or(() -> context.variable("GOCACHE"))
                .or(() -> context.variable("XDG_CACHE_HOME").map(x -> x + "/go-build"))
                .or(() -> home.map(h -> h + "/.cache/go-build"))
                .filter(s -> !s.equals("off")).ifPresent(s -> out.put("GOCACHE", s));
        Optional.ofNullable(env.get("GOMODCACHE")).filter(s -> !s.isEmpty()).or(() -> context.variable("GOMODCACHE"))
                .or(() -> gopathFirst.isEmpty() ? Optional.empty() : Optional.of(gopathFirst + "/pkg/mod"))
                .ifPresent(s -> out.put("GOMODCACHE", s));
        return out;
    }
}
