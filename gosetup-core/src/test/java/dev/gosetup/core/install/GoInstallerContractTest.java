package dev.gosetup.core.install;

import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.testkit.LoopbackMirror;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.contract.ToolchainInstallerContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The published installer contract, run against {@link GoInstaller} installing a real toolchain
 * from the testkit's loopback mirror. ({@code OfficialInstallerProvider}, the registered
 * provider, is found through ServiceLoader in {@code GoInstallerTest}.)
 */
class GoInstallerContractTest extends ToolchainInstallerContract {
    @RegisterExtension
    static final LoopbackMirror MIRROR = LoopbackMirror.of(1);

    @Override
    protected ToolchainInstaller installer(Path store) {
        MirrorServer server = MIRROR.server();
        return GoInstaller.builder(Map.of()).home(store).index(server.indexUri()).mirrors(List.of(server.baseUri()))
                .build();
    }

    @Override
    protected VersionSpec spec() {
        return VersionSpec.parse(MIRROR.newest().version());
    }

    @Override
    protected boolean registered() {
        return false;
    }
}
