import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.ToolchainMirror;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Installs the newest real toolchain from the testkit's loopback mirror into args[0]; prints its version. */
public class Setup {
    public static void main(String[] args) {
        ToolchainMirror mirror = ToolchainMirror.build();
        PackedToolchain go = mirror.newest();
        try (MirrorServer server = MirrorServer.start(mirror)) {
            GoInstaller.builder(Map.of()).home(Path.of(args[0])).index(server.indexUri())
                    .mirrors(List.of(server.baseUri())).build()
                    .ensure(VersionSpec.parse(go.version()), InstallListener.NOOP, new CancellationToken());
        }
        System.out.println(go.version().replaceFirst("^go", ""));
    }
}
