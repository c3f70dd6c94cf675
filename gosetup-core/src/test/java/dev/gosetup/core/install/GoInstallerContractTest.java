package dev.gosetup.core.install;

import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.ToolchainMirror;
import dev.gosetup.testkit.contract.ToolchainInstallerContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The published installer contract, run against {@link GoInstaller} installing a real toolchain
 * from the testkit's loopback mirror. ({@code OfficialInstallerProvider}, the registered
 * provider, is found through ServiceLoader in {@code GoInstallerTest}.)
 */
class GoInstallerContractTest extends ToolchainInstallerContract {
    private static ToolchainMirror mirror;
    private static MirrorServer server;

    @BeforeAll
    static void serve() throws Exception {
        mirror = ToolchainMirror.of(RealToolchains.require(1));
        server = MirrorServer.start(mirror);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ToolchainInstaller installer(Path store) {
        return GoInstaller.builder(Map.of()).home(store).index(server.indexUri()).mirrors(List.of(server.baseUri()))
                .build();
    }

    @Override
    protected VersionSpec spec() {
        return VersionSpec.parse(mirror.newest().version());
    }

    @Override
    protected boolean registered() {
        return false;
    }
}
