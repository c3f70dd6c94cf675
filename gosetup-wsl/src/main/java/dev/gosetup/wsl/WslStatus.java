package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.spi.ReadinessCheck;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code gosetup wsl status} shows: what is detected, and the findings of the WSL checks (the
 * same ones {@code gosetup doctor} runs inside WSL).
 *
 * @param info what was detected
 * @param findings each WSL check's result, by check id, in a fixed order; empty outside WSL
 */
public record WslStatus(WslInfo info, Map<String, CheckResult> findings) {

    /** Validates and copies the components. */
    public WslStatus {
        Objects.requireNonNull(info, "info");
        findings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    /**
     * Detects WSL under a root and, inside WSL, runs the WSL checks there. Blocks while the checks
     * run (the resolv.conf check may wait for its timeout).
     *
     * @param root the root directory, {@code /} on a real system
     * @param context the checks' context; its environment is the one detection reads
     * @return the status
     */
    public static WslStatus inspect(Path root, CheckContext context) {
        WslInfo info = WslInfo.detect(root, context.environment());
        Map<String, CheckResult> findings = new LinkedHashMap<>();
        if (info.isWsl()) {
            for (ReadinessCheck check : checks(root)) {
                findings.put(check.id(), check.check(context));
            }
        }
        return new WslStatus(info, findings);
    }

    /**
     * Returns the WSL checks reading the given root, the ones the doctor loads for {@code /}.
     *
     * @param root the root directory
     * @return the checks
     */
    static List<ReadinessCheck> checks(Path root) {
        return List.of(new WslWindowsDriveCheck(root), new WslWindowsGoCheck(root), new WslResolvConfCheck(root, 53));
    }

    /**
     * Renders the status as lines for a person, everything from outside escaped.
     *
     * @return the lines
     */
    public List<String> lines() {
        List<String> out = new java.util.ArrayList<>();
        out.add("wsl: " + switch (info.version()) {
            case NONE -> "not inside WSL";
            case WSL1 -> "WSL 1";
            case WSL2 -> "WSL 2";
        });
        out.add("kernel: " + (info.kernelRelease().isEmpty() ? "unknown" : Text.escape(info.kernelRelease())));
        if (!info.isWsl()) {
            return out;
        }
        out.add("distribution: " + info.distro().map(Text::escape).orElse("unknown (WSL_DISTRO_NAME not set)"));
        out.add("interop: " + (info.interopRegistered() ? "Windows programs run" : "Windows programs do not run")
                + info.interopSocket().map(s -> " (socket " + Text.escape(s) + ")").orElse(""));
        out.add("automount root: " + info.paths().automountRoot());
        for (Mount m : info.windowsDrives()) {
            out.add("drive: " + m.windowsPath().map(Text::escape).orElse("?") + " on " + Text.escape(m.mountPoint())
                    + " (" + m.fsType() + (m.hasMetadata() ? ", metadata" : ", no metadata") + ")");
        }
        findings.forEach((id, r) -> {
            out.add(r.status() + " " + id + ": " + r.summary());
            r.hints().forEach(h -> out.add("  fix: " + h));
        });
        return out;
    }
}
