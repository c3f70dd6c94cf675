package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gosetup.testkit.RealToolchains;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** gosetup wsl status, config, path and ports; config through the journal and gosetup rollback. */
class WslCommandsTest extends CliTest {
    private static final String WSL_CONF = "# my wsl.conf\r\n[boot]\r\nsystemd=true\r\n\r\n; Windows side\r\n"
            + "[interop]\r\nappendWindowsPath = true\r\n[mine]\r\nkeep = me\r\n";

    @BeforeEach
    void user() {
        userEnv.put("GOSETUP_HOME", store.toString());
    }

    private int run(String... args) {
        return gosetup(List.of(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wsl", "wsl status", "wsl config", "wsl path", "wsl ports"})
    void everyWslCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        assertThat(run(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).startsWith("Usage: gosetup " + command);
    }

    @Test
    void pathTranslatesBothWaysAndRefusesWithAFix() {
        assertThat(run("wsl", "path", "C:\\Users\\me\\My src")).isZero();
        assertThat(out.toString()).isEqualTo("/mnt/c/Users/me/My src\n");
        assertThat(run("wsl", "path", "--to-windows", "/home/me/src", "--distro", "Ubuntu")).isZero();
        assertThat(out.toString()).isEqualTo("\\\\wsl.localhost\\Ubuntu\\home\\me\\src\n");
        assertThat(run("wsl", "path", "--root", "/", "/c/x")).isZero();
        assertThat(out.toString()).isEqualTo("C:\\x\n");
        assertThat(run("wsl", "path", "--to-linux", "C:foo")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("relative to the current directory")
                .contains("  fix: write it in full, e.g. C:\\foo");
        assertThat(run("wsl", "path", "/home/me")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("no distribution is named").contains("fix: name it (--distro Ubuntu)");
        assertThat(run("wsl", "path", "--to-linux", "--to-windows", "x")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void configSetsAValueKeepsEverythingElseAndRollbackRestoresTheBytes() throws Exception {
        Path conf = Files.write(tmp.resolve("wsl.conf"), WSL_CONF.getBytes(StandardCharsets.UTF_8));
        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "interop.appendWindowsPath=false",
                "--set", "network.generateResolvConf=false")).as(err.toString()).isZero();
        assertThat(Files.readString(conf)).isEqualTo(WSL_CONF.replace("appendWindowsPath = true",
                "appendWindowsPath = false") + "\r\n[network]\r\ngenerateResolvConf = false\r\n");
        assertThat(out.toString()).contains("unknown: mine.keep (line 9, kept)").contains("wsl.exe --shutdown")
                .contains("8 seconds").contains("undo with: gosetup rollback");

        assertThat(run("wsl", "config", "--file", conf.toString())).isZero();
        assertThat(out.toString()).contains("interop.appendWindowsPath = false")
                .contains("mine.keep = me   (unknown to gosetup, line 9)");

        assertThat(run("history")).isZero();
        assertThat(out.toString()).contains("wsl config");
        assertThat(run("rollback")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(conf)).isEqualTo(WSL_CONF.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void switchingBackAndForthRollsBackOneStepAtATime() throws Exception {
        Path conf = Files.write(tmp.resolve("wsl.conf"), WSL_CONF.getBytes(StandardCharsets.UTF_8));
        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "boot.systemd=false")).isZero();
        byte[] first = Files.readAllBytes(conf);
        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "boot.systemd=true")).isZero();
        assertThat(Files.readAllBytes(conf)).isEqualTo(WSL_CONF.getBytes(StandardCharsets.UTF_8));
        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "boot.systemd=true")).isZero();
        assertThat(out.toString()).contains("already holds these settings");
        assertThat(run("rollback")).isZero();
        assertThat(Files.readAllBytes(conf)).isEqualTo(first);
        assertThat(run("rollback")).isZero();
        assertThat(Files.readAllBytes(conf)).isEqualTo(WSL_CONF.getBytes(StandardCharsets.UTF_8));
        assertThat(run("rollback")).isZero();
        assertThat(out.toString()).contains("nothing to roll back");
    }

    @Test
    void aRefusedSettingLeavesNoTrace() throws Exception {
        Path conf = Files.write(tmp.resolve("wsl.conf"), WSL_CONF.getBytes(StandardCharsets.UTF_8));
        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "interop.appendWindowPath=false"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("interop.appendWindowPath").contains("fix: or write it anyway with --force");
        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "boot.systemd=yes"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("\"yes\" is not true or false");
        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "systemd")).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readAllBytes(conf)).isEqualTo(WSL_CONF.getBytes(StandardCharsets.UTF_8));
        assertThat(store).doesNotExist();

        assertThat(run("wsl", "config", "--file", conf.toString(), "--set", "interop.appendWindowPath=false",
                "--force")).isZero();
        assertThat(Files.readString(conf)).contains("appendWindowPath = false\r\n");
    }

    @Test
    void dryRunWritesNothingAndWslconfigIsChosenByName() throws Exception {
        Path wslconfig = Files.writeString(tmp.resolve(".wslconfig"), "[wsl2]\nmemory=8GB\n");
        assertThat(run("wsl", "config", "--file", wslconfig.toString(), "--set", "wsl2.networkingMode=mirrored",
                "--set", "wsl2.memory=4GB", "--dry-run")).isZero();
        assertThat(out.toString()).contains("change " + wslconfig + ": set wsl2.networkingMode=mirrored, wsl2.memory=4GB")
                .contains("dry run: nothing was changed").contains(".wslconfig when its virtual machine starts");
        assertThat(Files.readString(wslconfig)).isEqualTo("[wsl2]\nmemory=8GB\n");
        assertThat(run("wsl", "config", "--file", wslconfig.toString(), "--set", "wsl2.networkingMode=mirorred"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("nat, mirrored");
    }

    @Test
    void theDefaultFilesNeedWslOrWindows() {
        assertThat(run("wsl", "config", "--set", "boot.systemd=true")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("not inside WSL").contains("fix: run it inside the distribution");
        assertThat(run("wsl", "config", "--wslconfig", "--set", "wsl2.memory=4GB")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("fix: name it: --file /mnt/c/Users/<you>/.wslconfig");
    }

    @Test
    void statusOutsideWslSaysSo() {
        assertThat(run("wsl", "status")).isZero();
        assertThat(out.toString()).startsWith("wsl: not inside WSL\nkernel: ");
    }

    @Test
    void outsideWslTheDoctorListsNoWslCheckUnlessNamed() {
        run("doctor", "--offline", "--quiet");
        assertThat(out.toString()).doesNotContain("WSL");
        run("doctor", "--offline", "--quiet", "--only", "wsl-windows-go");
        assertThat(out.toString()).contains("[-] WSL: Windows go.exe on PATH: not inside WSL");
    }

    @Test
    void portsExplainsLocalhostAndPrintsTheLanPlan() {
        assertThat(run("wsl", "ports", "8080")).isZero();
        assertThat(out.toString()).contains("no port proxy is needed");
        assertThat(run("wsl", "ports", "8080", "--lan", "--address", "172.29.64.5")).isZero();
        assertThat(out.toString()).contains("  netsh interface portproxy add v4tov4 listenaddress=0.0.0.0 listenport=8080 "
                + "connectaddress=172.29.64.5 connectport=8080").contains("gosetup does not run them");
        assertThat(run("wsl", "ports", "8080", "--lan")).isEqualTo(ExitCode.USAGE);
        assertThat(run("wsl", "ports", "70000")).isEqualTo(ExitCode.USAGE);
    }

    /**
     * End to end: the real CLI in a private mount namespace whose kernel files say WSL 2 and whose
     * mountinfo has WSL's 9p drive line (see gosetup-wsl's WslFakeKernelTest for the technique).
     */
    @Test
    void statusInAFakedWsl2Kernel() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv(RealToolchains.CI_ENV));
        Process probe = new ProcessBuilder("unshare", "-m", "--", "mount", "--bind", "/proc/version", "/proc/version")
                .redirectErrorStream(true).start();
        String msg = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (probe.waitFor() != 0) {
            if (ci) {
                fail("CI=true: unshare -m and mount --bind need root: " + msg);
            }
            Assumptions.abort("unshare -m and mount --bind need root: " + msg);
        }
        Path release = Files.writeString(tmp.resolve("osrelease"), "5.15.153.1-microsoft-standard-WSL2\n");
        Path mountinfo = Files.writeString(tmp.resolve("mountinfo"), String.join("\n",
                "73 1 8:48 / / rw,relatime shared:1 - ext4 /dev/sdd rw,discard,errors=remount-ro,data=ordered",
                "79 73 0:27 / /mnt/wsl rw,relatime shared:3 - tmpfs none rw",
                "97 73 0:43 / /mnt/c rw,noatime - 9p C:\\134 rw,dirsync,aname=drvfs;path=C:\\;uid=1000;gid=1000;"
                        + "symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5", ""));
        String status = inFakeWsl2(release, mountinfo, tmp, "wsl", "status", "--offline", "--project",
                "/mnt/c/Users/me/src");
        assertThat(status).contains("wsl: WSL 2\n", "distribution: Ubuntu\n", "drive: C:\\ on /mnt/c (9p, no metadata)\n",
                "WARN wsl-windows-drive: the project /mnt/c/Users/me/src is on C:\\", "  fix: move the project into "
                        + "the Linux home");
        // gosetup doctor loads the WSL checks through ServiceLoader; the project is the working directory
        // (PWD, which the shell sets), here a real directory that the fake mountinfo calls drive D:.
        Path drive = Files.createDirectories(tmp.resolve("d"));
        Path project = Files.createDirectories(drive.resolve("src/app"));
        Files.writeString(mountinfo, Files.readString(mountinfo) + "98 73 0:44 / " + drive + " rw,noatime - 9p D:\\134 "
                + "rw,dirsync,aname=drvfs;path=D:\\;uid=0;gid=0;metadata;symlinkroot=/mnt/,mmap,access=client,"
                + "msize=65536,trans=fd,rfd=5,wfd=5\n");
        String doctor = inFakeWsl2(release, mountinfo, project, "doctor", "--offline",
                "--only", "wsl-windows-drive,wsl-windows-go,wsl-resolv-conf");
        assertThat(doctor).contains("WSL: Go work on Windows drives: the project " + project + " is on D:\\")
                .contains("WSL: hand-written resolv.conf").doesNotContain("owner-only");
    }

    private String inFakeWsl2(Path release, Path mountinfo, Path workingDirectory, String... gosetup)
            throws Exception {
        String script = "mount --bind \"$1\" /proc/sys/kernel/osrelease && mount --bind \"$2\" /proc/$$/mountinfo"
                + " && shift 2 && exec \"$@\"";
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "-m", "--", "/bin/sh", "-c", script, "sh",
                release.toString(), mountinfo.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.gosetup.cli.Main"));
        command.addAll(List.of(gosetup));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(Map.of("WSL_DISTRO_NAME", "Ubuntu", "PATH", "/usr/bin:/bin", "HOME", home.toString()));
        pb.directory(workingDirectory.toFile());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isIn(0, 1);
        return text;
    }
}
