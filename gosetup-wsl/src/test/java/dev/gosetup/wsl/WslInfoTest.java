package dev.gosetup.wsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WslInfoTest {
    @TempDir
    Path dir;

    @Test
    void detectsWsl2WithItsDrivesAndInterop() {
        FakeWslRoot.wsl2(dir).file("etc/wsl.conf", "[automount]\nroot = /win/\n[network]\ngenerateResolvConf = false\n");
        WslInfo wsl = WslInfo.detect(dir, Map.of("WSL_DISTRO_NAME", "Ubuntu", "WSL_INTEROP", "/run/WSL/8_interop"));
        assertThat(wsl.version()).isEqualTo(WslInfo.WslVersion.WSL2);
        assertThat(wsl.kernelRelease()).isEqualTo("5.15.153.1-microsoft-standard-WSL2");
        assertThat(wsl.distro()).contains("Ubuntu");
        assertThat(wsl.interopSocket()).contains("/run/WSL/8_interop");
        assertThat(wsl.interopRegistered()).isTrue();
        assertThat(wsl.windowsDrives()).extracting(Mount::mountPoint).containsExactly("/mnt/c", "/mnt/d", "/srv/win share");
        assertThat(wsl.windowsDrives()).extracting(Mount::hasMetadata).containsExactly(false, true, false);
        assertThat(wsl.windowsDrives().get(0).windowsPath()).contains("C:\\");
        assertThat(wsl.wslConfFlag("network", "generateResolvConf", true)).isFalse();
        assertThat(wsl.paths().automountRoot()).isEqualTo("/win/");
        assertThat(wsl.paths().distro()).contains("Ubuntu");
    }

    @Test
    void driversShareWslTmpfsAndTheRootAreNotWindowsDrives() {
        FakeWslRoot.wsl2(dir);
        WslInfo wsl = WslInfo.detect(dir, Map.of());
        assertThat(wsl.mountOf("/usr/lib/wsl/drivers/x.sys").orElseThrow().isWindowsDrive()).isFalse();
        assertThat(wsl.mountOf("/mnt/wsl/shared").orElseThrow().fsType()).isEqualTo("tmpfs");
        assertThat(wsl.mountOf("/mnt/wslg/distro/x").orElseThrow().fsType()).isEqualTo("ext4");
        assertThat(wsl.mountOf("/mnt/cdrom").orElseThrow().mountPoint()).isEqualTo("/");
        assertThat(wsl.mountOf("/mnt/c").orElseThrow().isWindowsDrive()).isTrue();
        assertThat(wsl.mountOf("/mnt/c/Users/me/src").orElseThrow().isWindowsDrive()).isTrue();
        assertThat(wsl.mountOf("/srv/win share/go").orElseThrow().windowsPath()).contains("E:\\");
    }

    @Test
    void detectsNewerWsl2VirtioSharesAndWsl1Drvfs() {
        FakeWslRoot.wsl2(dir).file("proc/self/mountinfo", FakeWslRoot.WSL2_VIRTIO_MOUNTINFO);
        WslInfo virtio = WslInfo.detect(dir, Map.of());
        assertThat(virtio.windowsDrives()).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo("drvfs");
            assertThat(m.windowsPath()).contains("C:\\");
        });
        Path wsl1 = dir.resolve("wsl1");
        new FakeWslRoot(wsl1).file("proc/sys/kernel/osrelease", FakeWslRoot.WSL1_RELEASE)
                .file("proc/version", FakeWslRoot.WSL1_VERSION).file("proc/self/mountinfo", FakeWslRoot.WSL1_MOUNTINFO);
        WslInfo one = WslInfo.detect(wsl1, Map.of("WSL_DISTRO_NAME", "Legacy"));
        assertThat(one.version()).isEqualTo(WslInfo.WslVersion.WSL1);
        assertThat(one.interopSocket()).isEmpty();
        assertThat(one.windowsDrives()).singleElement().satisfies(m -> {
            assertThat(m.fsType()).isEqualTo("drvfs");
            assertThat(m.source()).isEqualTo("C:\\");
        });
    }

    @Test
    void plainLinuxIsNotWslEvenWithALeakedVariable() {
        new FakeWslRoot(dir).file("proc/sys/kernel/osrelease", FakeWslRoot.PLAIN_RELEASE)
                .file("proc/version", "Linux version 6.1.0-27-amd64 (debian-kernel@lists.debian.org)\n");
        assertThat(WslInfo.detect(dir, Map.of("WSL_DISTRO_NAME", "Ubuntu")).isWsl()).isFalse();
        assertThat(WslInfo.detect(dir.resolve("nothing-here"), Map.of()).version()).isEqualTo(WslInfo.WslVersion.NONE);
    }

    @Test
    void customKernelIsWsl2WhenTheInteropHandlerExists() {
        new FakeWslRoot(dir).file("proc/sys/kernel/osrelease", "6.6.36-custom\n")
                .file("proc/sys/fs/binfmt_misc/WSLInterop", "disabled\ninterpreter /init\n");
        WslInfo wsl = WslInfo.detect(dir, Map.of());
        assertThat(wsl.version()).isEqualTo(WslInfo.WslVersion.WSL2);
        assertThat(wsl.interopRegistered()).isFalse();
    }

    @Test
    void mountInfoParsingKeepsTheLastMountOfAPointAndSkipsJunk() {
        List<Mount> mounts = Mount.parseMountInfo(String.join("\n",
                "1 0 8:1 / / rw - ext4 /dev/sda rw",
                "garbage line",
                "5 1 0:40 / /mnt/c rw - 9p C:\\134 rw,aname=drvfs;path=C:\\",
                "6 5 0:41 / /mnt/c rw,relatime shared:9 master:2 - tmpfs none rw",
                ""));
        assertThat(mounts).hasSize(3);
        assertThat(Mount.containing(mounts, "/mnt/c/x")).map(Mount::fsType).isEqualTo(Optional.of("tmpfs"));
        assertThat(Mount.unescape("a\\040b\\011c\\134d\\12")).isEqualTo("a b\tc\\d\\12");
    }
}
