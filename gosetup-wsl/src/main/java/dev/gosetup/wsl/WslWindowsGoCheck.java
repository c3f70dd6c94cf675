package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code wsl-windows-go}: inside WSL, whether a Windows {@code go.exe} is reachable on
 * {@code PATH} (WSL appends the Windows PATH, e.g. {@code /mnt/c/Program Files/Go/bin}, unless
 * {@code [interop] appendWindowsPath = false}) ahead of the Linux {@code go}, or with no Linux go
 * at all. A shell typing {@code go} never runs {@code go.exe}, but people and tools that find no
 * Linux go reach for {@code go.exe} (or {@code alias go=go.exe}), and that go builds Windows
 * binaries, uses the Windows GOPATH and caches, and reads every source file through the Windows
 * boundary.
 *
 * <p>WARN when {@code go.exe} comes first or alone, PASS when the Linux go comes first or there is
 * no go.exe, and PASS with a note when neither exists (the {@code go-found} check reports that).
 */
public final class WslWindowsGoCheck extends WslCheck {
    /** The id of this check. */
    public static final String ID = "wsl-windows-go";

    /** Creates the check for this system. */
    public WslWindowsGoCheck() {
        this(Path.of("/"));
    }

    WslWindowsGoCheck(Path root) {
        super(ID, "WSL: Windows go.exe on PATH", Set.of(), root);
    }

    @Override
    CheckResult check(WslInfo wsl, CheckContext context) {
        String path = context.variable("PATH").orElse("");
        Optional<String> linuxGo = Optional.empty();
        Optional<String> windowsGo = Optional.empty();
        boolean windowsFirst = false;
        List<String> seen = new ArrayList<>();
        for (String dir : path.split(":")) {
            if (dir.isEmpty() || !dir.startsWith("/") || seen.contains(dir)) {
                continue;
            }
            seen.add(dir);
            String go = dir.replaceFirst("/+$", "") + "/go";
            if (linuxGo.isEmpty() && isExecutableFile(go)) {
                linuxGo = Optional.of(go);
            }
            if (windowsGo.isEmpty() && isExecutableFile(go + ".exe")) {
                windowsGo = Optional.of(go + ".exe");
                windowsFirst = linuxGo.isEmpty();
            }
        }
        boolean appended = wsl.wslConfFlag("interop", "appendWindowsPath", true);
        CheckResult r = CheckResult.pass(linuxGo.map(g -> "the Linux go " + Text.escape(g) + " comes first on PATH")
                .orElse("no go and no go.exe on PATH"))
                .withDetail("appendWindowsPath", appended + (wsl.wslConf("interop", "appendWindowsPath").isPresent()
                        ? " (/etc/wsl.conf)" : " (WSL's default)"));
        if (windowsGo.isEmpty()) {
            return r;
        }
        r = r.withDetail("go.exe", Text.escape(windowsGo.get()));
        if (linuxGo.isPresent() && !windowsFirst) {
            return r.withDetail("go", Text.escape(linuxGo.get()));
        }
        String why = linuxGo.isEmpty() ? "there is no Linux go, only the Windows " + Text.escape(windowsGo.get())
                : "the Windows " + Text.escape(windowsGo.get()) + " comes before the Linux " + Text.escape(linuxGo.get())
                        + " on PATH";
        if (linuxGo.isPresent()) {
            r = r.withDetail("go", Text.escape(linuxGo.get()));
        }
        return r.withStatus(CheckStatus.WARN, why + ": go.exe builds Windows binaries with the Windows GOPATH and "
                + "caches, reading every file across the Windows boundary")
                .withHint("install Go in the distribution: gosetup install latest (then put it first on PATH)")
                .withHint("stop WSL appending the Windows PATH: gosetup wsl config --set interop.appendWindowsPath=false"
                        + " (as root; takes effect after `wsl.exe --shutdown`)");
    }
}
