package dev.gosetup.wsl;

import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * End to end: a real JVM in a private mount namespace where the kernel looks like WSL 2's.
 * {@code unshare -m} gives the process its own mounts; {@code mount --bind} puts WSL 2's
 * {@code osrelease} and {@code /proc/version} over the real ones and a mountinfo with a 9p drive
 * over the process's own {@code /proc/PID/mountinfo} (the shell {@code exec}s java, so the pid and
 * the file are the JVM's); a tmpfs on {@code /mnt} holds the drive's directories. Detection and the
 * checks then read the real {@code /} as they would in a distribution. Needs root and unshare;
 * skipped without them, except under {@code CI=true}, where it fails.
 */
class WslFakeKernelTest {
    private static final String SCRIPT = "mount --bind \"$1\" /proc/sys/kernel/osrelease"
            + " && mount --bind \"$2\" /proc/version"
            + " && mount --bind \"$3\" /proc/$$/mountinfo"
            + " && mount -t tmpfs gosetup-fake-drive /mnt"
            + " && mkdir -p \"$6\" '/mnt/c/Program Files/Go/bin'"
            + " && printf '#!/bin/sh\\n' > '/mnt/c/Program Files/Go/bin/go.exe'"
            + " && chmod 755 '/mnt/c/Program Files/Go/bin/go.exe'"
            + " && exec \"$4\" -cp \"$5\" dev.gosetup.wsl.WslStatusMain \"$6\"";

    @TempDir
    Path dir;

    @Test
    void detectionAndChecksInAFakedWsl2Kernel() throws Exception {
        requireRootAndUnshare();
        String hostRelease = Files.readString(Path.of("/proc/sys/kernel/osrelease"));
        Path release = Files.writeString(dir.resolve("osrelease"), FakeWslRoot.WSL2_RELEASE);
        Path version = Files.writeString(dir.resolve("version"), FakeWslRoot.WSL2_VERSION);
        Path mountinfo = Files.writeString(dir.resolve("mountinfo"), FakeWslRoot.WSL2_MOUNTINFO);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String project = "/mnt/c/Users/me/src/app";
        List<LocalGoroot> gos = RealToolchains.discover();
        String path = "/mnt/c/Program Files/Go/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                + (gos.isEmpty() ? "" : ":" + gos.get(0).goroot().resolve("bin"));
        ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--", "/bin/sh", "-c", SCRIPT, "sh",
                release.toString(), version.toString(), mountinfo.toString(), java,
                System.getProperty("java.class.path"), project);
        pb.environment().putAll(Map.of("WSL_DISTRO_NAME", "Ubuntu", "WSL_INTEROP", "/run/WSL/1_interop",
                "PATH", path, "HOME", "/root", "GOPATH", "/mnt/d/go", "GOTOOLCHAIN", "local"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        assertThat(out).contains("wsl: WSL 2\n", "kernel: 5.15.153.1-microsoft-standard-WSL2\n",
                "distribution: Ubuntu\n", "interop: Windows programs do not run (socket /run/WSL/1_interop)\n",
                "drive: C:\\ on /mnt/c (9p, no metadata)\n", "drive: D:\\ on /mnt/d (9p, metadata)\n");
        assertThat(out).contains("WARN wsl-windows-drive: the project " + project + " is on C:\\");
        assertThat(out).contains("GOPATH /mnt/d/go is on D:\\").contains("project cannot be made owner-only");
        assertThat(out).contains("WARN wsl-windows-go: ");
        assertThat(out).contains("SKIP wsl-resolv-conf: WSL writes /etc/resolv.conf itself");
        if (!gos.isEmpty()) {
            assertThat(out).contains("the Windows /mnt/c/Program Files/Go/bin/go.exe comes before the Linux "
                    + gos.get(0).goroot().resolve("bin/go"));
        }
        // The namespace died with the process: this JVM still sees the host's kernel and mounts.
        assertThat(Files.readString(Path.of("/proc/sys/kernel/osrelease"))).isEqualTo(hostRelease);
        assertThat(WslInfo.detect(Path.of("/"), Map.of()).version()).isEqualTo(WslInfo.WslVersion.NONE);
    }

    static void requireRootAndUnshare() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv(RealToolchains.CI_ENV));
        String why = null;
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        if (!uid.equals("0")) {
            why = "needs root for unshare -m and mount --bind (uid is " + uid + ")";
        } else {
            Process probe = new ProcessBuilder("unshare", "-m", "--", "true").redirectErrorStream(true).start();
            String msg = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (probe.waitFor() != 0) {
                why = "unshare -m does not work here: " + msg;
            }
        }
        if (why != null) {
            if (ci) {
                fail("CI=true: " + why);
            }
            Assumptions.abort(why);
        }
    }
}
