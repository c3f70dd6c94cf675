package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.testkit.contract.ReadinessCheckContract;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/**
 * The published readiness-check contract for the WSL checks, each reading a fake WSL 2 root (so
 * they run past "not inside WSL"): a project and GOPATH on the 9p drive, go.exe on PATH, and a
 * hand-written resolv.conf naming a loopback address nothing answers on.
 */
class WslChecksContractTest {
    @TempDir
    static Path dir;

    static Path root() {
        FakeWslRoot.wsl2(dir).executable("mnt/c/Program Files/Go/bin/go.exe")
                .file("etc/wsl.conf", "[network]\ngenerateResolvConf = false\n")
                .file("etc/resolv.conf", "nameserver 127.0.0.1\n");
        return dir;
    }

    abstract static class Wsl extends ReadinessCheckContract {
        @Override
        protected CheckContext context() {
            return CheckContext.of(Map.of("PATH", "/mnt/c/Program Files/Go/bin:/usr/bin", "HOME", "/home/me",
                    "GOPATH", "/mnt/c/Users/me/go", "WSL_DISTRO_NAME", "Ubuntu"))
                    .withParameters(Map.of("project-dir", "/mnt/c/Users/me/src"));
        }
    }

    @Nested
    class WindowsDrive extends Wsl {
        @Override
        protected ReadinessCheck check() {
            return new WslWindowsDriveCheck(root());
        }
    }

    @Nested
    class WindowsGo extends Wsl {
        @Override
        protected ReadinessCheck check() {
            return new WslWindowsGoCheck(root());
        }
    }

    @Nested
    class ResolvConf extends Wsl {
        @Override
        protected CheckContext context() {
            return super.context().withOffline(false).withParameters(Map.of("timeout", "200ms"));
        }

        @Override
        protected ReadinessCheck check() {
            return new WslResolvConfCheck(root(), 9);
        }
    }
}
