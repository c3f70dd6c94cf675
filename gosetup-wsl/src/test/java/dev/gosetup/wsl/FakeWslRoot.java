package dev.gosetup.wsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory laid out like the root of a WSL distribution, with the files WSL detection and the
 * checks read. The contents are written in the formats WSL produces; the lines below were written
 * from the formats of proc(5) and of WSL's own mounts as `cat /proc/self/mountinfo` shows them
 * on Ubuntu 22.04 under WSL 2.x (9p over fd), under newer WSL 2 (9p over virtio, source "drvfs")
 * and under WSL 1 (lxfs root, drvfs drives). They were not captured from a machine in this session.
 */
final class FakeWslRoot {
    static final String WSL2_RELEASE = "5.15.153.1-microsoft-standard-WSL2\n";
    static final String WSL2_VERSION = "Linux version 5.15.153.1-microsoft-standard-WSL2 (root@941d701f84f1) (gcc (GCC) "
            + "12.2.0, GNU ld (GNU Binutils) 2.40) #1 SMP Fri Mar 29 23:14:13 UTC 2024\n";
    static final String WSL1_RELEASE = "4.4.0-19041-Microsoft\n";
    static final String WSL1_VERSION = "Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 "
            + "(GCC) ) #1237-Microsoft Sat Sep 11 14:32:00 PST 2021\n";
    static final String PLAIN_RELEASE = "6.1.0-27-amd64\n";

    /** WSL 2 (9p over file descriptors): C: without metadata, D: with metadata, a space in a mount point. */
    static final String WSL2_MOUNTINFO = String.join("\n",
            "68 73 8:48 / /mnt/wslg/distro rw,relatime shared:1 - ext4 /dev/sdd rw,discard,errors=remount-ro,data=ordered",
            "73 1 8:48 / / rw,relatime shared:1 - ext4 /dev/sdd rw,discard,errors=remount-ro,data=ordered",
            "74 73 0:5 / /dev rw,nosuid,relatime shared:2 - devtmpfs none rw,size=8123456k,nr_inodes=2030864,mode=755",
            "75 73 0:22 / /sys rw,nosuid,nodev,noexec,noatime shared:7 - sysfs sysfs rw",
            "76 73 0:23 / /proc rw,nosuid,nodev,noexec,noatime shared:12 - proc proc rw",
            "79 73 0:27 / /mnt/wsl rw,relatime shared:3 - tmpfs none rw",
            "80 73 0:28 / /usr/lib/wsl/drivers ro,nosuid,nodev,noatime - 9p none "
                    + "ro,dirsync,aname=drivers;fmask=222;dmask=222,mmap,access=client,msize=65536,trans=fd,rfd=7,wfd=7",
            "81 73 0:29 / /mnt/wslg rw,relatime shared:5 - tmpfs none rw",
            "82 73 0:30 / /usr/lib/wsl/lib ro,nosuid,nodev,noatime - overlay none "
                    + "rw,lowerdir=/gpu_lib_packaged:/gpu_lib_inbox,upperdir=/gpu_lib/rw/upper,workdir=/gpu_lib/rw/work",
            "97 73 0:43 / /mnt/c rw,noatime - 9p C:\\134 rw,dirsync,aname=drvfs;path=C:\\;uid=1000;gid=1000;"
                    + "symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5",
            "98 73 0:44 / /mnt/d rw,noatime - 9p D:\\134 rw,dirsync,aname=drvfs;path=D:\\;uid=1000;gid=1000;metadata;"
                    + "symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5",
            "99 73 0:45 / /srv/win\\040share rw,noatime - 9p E:\\134 rw,dirsync,aname=drvfs;path=E:\\;uid=1000;gid=1000;"
                    + "symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5",
            "");

    /** Newer WSL 2 (9p over virtio): the source is "drvfs". */
    static final String WSL2_VIRTIO_MOUNTINFO = String.join("\n",
            "60 1 8:32 / / rw,relatime - ext4 /dev/sdc rw,discard,errors=remount-ro,data=ordered",
            "88 60 0:52 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\\;uid=1000;gid=1000;"
                    + "symlinkroot=/mnt/,mmap,access=client,msize=262144,trans=virtio",
            "");

    /** WSL 1: lxfs root, drvfs drives. */
    static final String WSL1_MOUNTINFO = String.join("\n",
            "2 0 0:2 / / rw,noatime - lxfs rootfs rw",
            "3 2 0:3 / /dev rw,noatime - tmpfs none rw,mode=755",
            "4 2 0:4 / /proc rw,nosuid,nodev,noexec,noatime - proc proc rw",
            "9 2 0:9 / /mnt/c rw,noatime - drvfs C:\\134 rw,uid=1000,gid=1000,case=off",
            "");

    final Path root;

    FakeWslRoot(Path root) {
        this.root = root;
    }

    static FakeWslRoot wsl2(Path dir) {
        return new FakeWslRoot(dir).file("proc/sys/kernel/osrelease", WSL2_RELEASE).file("proc/version", WSL2_VERSION)
                .file("proc/self/mountinfo", WSL2_MOUNTINFO)
                .file("proc/sys/fs/binfmt_misc/WSLInterop", "enabled\ninterpreter /init\nflags: PF\noffset 0\nmagic 4d5a\n");
    }

    FakeWslRoot file(String relative, String content) {
        return bytes(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    FakeWslRoot bytes(String relative, byte[] content) {
        try {
            Path f = root.resolve(relative);
            Files.createDirectories(f.getParent());
            Files.write(f, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeWslRoot executable(String relative) {
        file(relative, "#!/bin/sh\nexit 0\n");
        try {
            Files.setPosixFilePermissions(root.resolve(relative), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FakeWslRoot dir(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
