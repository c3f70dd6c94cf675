package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The WSL doctor checks against fake roots in WSL's real file formats. */
class WslChecksTest {
    @TempDir
    Path dir;
    FakeWslRoot root;

    @BeforeEach
    void wsl2() {
        root = FakeWslRoot.wsl2(dir);
    }

    private static CheckContext context(Map<String, String> env, Map<String, String> parameters) {
        Map<String, String> e = new HashMap<>(Map.of("HOME", "/home/me", "WSL_DISTRO_NAME", "Ubuntu",
                "PATH", "/usr/bin:/bin"));
        e.putAll(env);
        return CheckContext.of(e).withParameters(parameters);
    }

    @Test
    void projectOnA9pDriveWarnsWithCostAndFix() {
        CheckResult r = new WslWindowsDriveCheck(dir).check(context(Map.of(),
                Map.of("project-dir", "/mnt/c/Users/me/src/app")));
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).contains("the project /mnt/c/Users/me/src/app is on C:\\").contains("slower")
                .contains("9P").contains("chmod 700").contains("without `metadata`");
        assertThat(r.hints()).anySatisfy(h -> assertThat(h).contains("~/src").contains("\\\\wsl.localhost\\Ubuntu"));
        assertThat(r.details()).containsEntry("on Windows drives", "project");
    }

    @Test
    void projectAndGoDirectoriesOnExt4Pass() {
        root.dir("home/me/src/app");
        CheckResult r = new WslWindowsDriveCheck(dir).check(context(Map.of(), Map.of("project-dir", "/home/me/src/app")));
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(r.details()).containsKeys("project", "GOPATH", "GOCACHE", "GOMODCACHE");
        assertThat(r.details().get("GOCACHE")).isEqualTo("/home/me/.cache/go-build (/dev/sdd on / type ext4)");
    }

    @Test
    void aSymlinkIntoTheDriveIsFollowedAndPwdIsTheDefaultProject() throws Exception {
        root.dir("home/me").dir("mnt/c/Users/me/proj");
        Files.createSymbolicLink(dir.resolve("home/me/proj"), Path.of("/mnt/c/Users/me/proj"));
        CheckResult r = new WslWindowsDriveCheck(dir).check(context(Map.of("PWD", "/home/me/proj"), Map.of()));
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.details().get("project")).startsWith("/mnt/c/Users/me/proj");
    }

    @Test
    void goDirectoriesOnDrivesWarnAndMetadataDrivesNeedNoChmodWarning() {
        CheckResult r = new WslWindowsDriveCheck(dir).check(context(Map.of("GOPATH", "/mnt/d/go:/home/me/go2",
                "GOCACHE", "/srv/win share/cache"), Map.of()));
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.details()).containsEntry("on Windows drives", "GOPATH, GOCACHE, GOMODCACHE");
        assertThat(r.hints()).contains("go env -w GOMODCACHE=/home/me/go/pkg/mod",
                "set GOCACHE to a Linux directory where it is exported, e.g. export GOCACHE=/home/me/.cache/go-build");
        // D: has metadata: chmod works there; E: (the share with a space) does not.
        assertThat(r.summary()).contains("GOCACHE cannot be made owner-only: /srv/win share is mounted without")
                .doesNotContain("GOPATH cannot be made owner-only");
    }

    @Test
    void notAPrefixGuessMntWslIsNotADrive() {
        CheckResult r = new WslWindowsDriveCheck(dir).check(context(Map.of("GOPATH", "/mnt/wsl/go",
                "GOCACHE", "/mnt/cache"), Map.of()));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void windowsGoExeAheadOfTheLinuxGoWarns() {
        root.executable("mnt/c/Program Files/Go/bin/go.exe").executable("usr/local/go/bin/go");
        CheckResult r = new WslWindowsGoCheck(dir).check(context(Map.of("PATH",
                "/usr/bin:/mnt/c/Program Files/Go/bin:/usr/local/go/bin"), Map.of()));
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).contains("/mnt/c/Program Files/Go/bin/go.exe comes before the Linux /usr/local/go/bin/go");
        assertThat(r.hints()).anySatisfy(h -> assertThat(h).contains("interop.appendWindowsPath=false"));
        assertThat(r.hints()).anySatisfy(h -> assertThat(h).contains("install Go in the distribution"));
    }

    @Test
    void onlyAWindowsGoExeWarnsAndTheLinuxGoFirstPasses() {
        root.executable("mnt/c/Program Files/Go/bin/go.exe").executable("usr/local/go/bin/go");
        CheckResult alone = new WslWindowsGoCheck(dir).check(context(Map.of("PATH", "/usr/bin:/mnt/c/Program Files/Go/bin"),
                Map.of()));
        assertThat(alone.status()).isEqualTo(CheckStatus.WARN);
        assertThat(alone.summary()).startsWith("there is no Linux go");
        CheckResult first = new WslWindowsGoCheck(dir).check(context(Map.of("PATH",
                "/usr/local/go/bin:/mnt/c/Program Files/Go/bin"), Map.of()));
        assertThat(first.status()).isEqualTo(CheckStatus.PASS);
        assertThat(first.details()).containsEntry("go.exe", "/mnt/c/Program Files/Go/bin/go.exe");
        CheckResult none = new WslWindowsGoCheck(dir).check(context(Map.of("PATH", "/usr/bin"), Map.of()));
        assertThat(none.status()).isEqualTo(CheckStatus.PASS);
        assertThat(none.details()).containsEntry("appendWindowsPath", "true (WSL's default)");
    }

    @Test
    void everyCheckSkipsOutsideWsl() throws Exception {
        Files.delete(dir.resolve("proc/sys/fs/binfmt_misc/WSLInterop"));
        root.file("proc/sys/kernel/osrelease", FakeWslRoot.PLAIN_RELEASE).file("proc/version", "Linux version 6.1.0\n");
        java.util.List.of(new WslWindowsDriveCheck(dir), new WslWindowsGoCheck(dir), new WslResolvConfCheck(dir, 53))
                .forEach(c -> {
                    CheckResult r = c.check(context(Map.of(), Map.of("project-dir", "/mnt/c/x")));
                    assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
                    assertThat(r.summary()).contains("not inside WSL").contains("6.1.0-27-amd64");
                });
    }

    @Test
    void handWrittenResolvConfWithAnAnsweringLoopbackServerPasses() throws Exception {
        root.file("etc/wsl.conf", "[network]\ngenerateResolvConf = false\n")
                .file("etc/resolv.conf", "# written by hand\nsearch corp.example\nnameserver 127.0.0.1\n");
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try {
                    byte[] buf = new byte[512];
                    DatagramPacket query = new DatagramPacket(buf, buf.length);
                    server.receive(query);
                    buf[2] |= (byte) 0x80; // QR: this is a response
                    server.send(new DatagramPacket(buf, query.getLength(), query.getSocketAddress()));
                } catch (Exception e) {
                    // the test's assertion reports it
                }
            });
            answering.start();
            CheckResult r = new WslResolvConfCheck(dir, server.getLocalPort()).check(context(Map.of(), Map.of()));
            answering.join(5000);
            assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PASS);
            assertThat(r.details().get("nameserver 127.0.0.1")).startsWith("answered in");
        }
    }

    @Test
    void handWrittenResolvConfWithNoAnsweringServerFailsQuickly() throws Exception {
        root.file("etc/wsl.conf", "[network]\r\ngenerateResolvConf=false\r\n")
                .file("etc/resolv.conf", "nameserver 127.0.0.1\nnameserver dns.example\n");
        int port;
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = silent.getLocalPort();
            long start = System.nanoTime();
            CheckResult r = new WslResolvConfCheck(dir, port).check(context(Map.of(), Map.of("timeout", "300ms")));
            assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
            assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(r.summary()).contains("no nameserver").contains("300ms");
            assertThat(r.details()).containsEntry("nameserver dns.example", "not an IP address");
            assertThat(r.hints()).anySatisfy(h -> assertThat(h).contains("network.generateResolvConf=true"));
        }
    }

    @Test
    void resolvConfIsNotJudgedWhenWslWritesItOrOffline() {
        root.file("etc/resolv.conf", "nameserver 10.255.255.254\n");
        assertThat(new WslResolvConfCheck(dir, 53).check(context(Map.of(), Map.of())).status())
                .isEqualTo(CheckStatus.SKIP);
        root.file("etc/wsl.conf", "[network]\ngenerateResolvConf = false\n");
        assertThat(new WslResolvConfCheck(dir, 53).check(context(Map.of(), Map.of()).withOffline(true)).status())
                .isEqualTo(CheckStatus.SKIP);
        root.file("etc/resolv.conf", "# nothing\n");
        CheckResult none = new WslResolvConfCheck(dir, 53).check(context(Map.of(), Map.of()));
        assertThat(none.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(none.summary()).contains("names no nameserver");
    }

    @Test
    void theChecksApplyOnlyOnLinuxInsideWsl() throws Exception {
        dev.gosetup.api.Platform linux = dev.gosetup.api.Platform.parse("linux-amd64");
        assertThat(new WslWindowsDriveCheck(dir).appliesTo(linux)).isTrue();
        assertThat(new WslWindowsGoCheck(dir).appliesTo(dev.gosetup.api.Platform.parse("windows-amd64"))).isFalse();
        Files.delete(dir.resolve("proc/sys/fs/binfmt_misc/WSLInterop"));
        root.file("proc/sys/kernel/osrelease", FakeWslRoot.PLAIN_RELEASE).file("proc/version", "Linux version 6.1.0\n");
        assertThat(new WslResolvConfCheck(dir, 53).appliesTo(linux)).isFalse();
    }

    @Test
    void theChecksLoadThroughServiceLoader() {
        ProviderRegistry<ReadinessCheck> registry = ProviderRegistry.load(ReadinessCheck.class);
        assertThat(registry.byId(WslWindowsDriveCheck.ID)).get().isInstanceOf(WslWindowsDriveCheck.class);
        assertThat(registry.byId(WslWindowsGoCheck.ID)).get().isInstanceOf(WslWindowsGoCheck.class);
        assertThat(registry.byId(WslResolvConfCheck.ID)).get().isInstanceOf(WslResolvConfCheck.class);
        assertThat(registry.byId(WslResolvConfCheck.ID).orElseThrow().category()).isEqualTo("wsl");
    }
}
