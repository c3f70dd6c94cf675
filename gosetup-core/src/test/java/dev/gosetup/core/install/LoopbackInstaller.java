package dev.gosetup.core.install;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.InstalledToolchain;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.testkit.MirrorServer;
import dev.gosetup.testkit.PackedToolchain;
import dev.gosetup.testkit.ToolchainMirror;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test-scope {@link ToolchainInstaller} (id {@value #ID}, priority 100, so it wins over the
 * official one): a real {@link GoInstaller} whose index and mirror are the testkit's loopback
 * mirror of the toolchains on this machine, and whose store is {@code target/gosetup-test-store}
 * of the module under test (or the {@code gosetup.test.store} system property). Each toolchain is
 * thus extracted once per module build, and no test touches the network or the user's store.
 *
 * <p>Shared through gosetup-core's test jar: tests call {@link #shared()} or
 * {@link #ensure(PackedToolchain)}; other modules register it in
 * {@code src/test/resources/META-INF/services/dev.gosetup.api.spi.ToolchainInstaller} so that
 * {@code ProviderRegistry.load(ToolchainInstaller.class)} finds it (gosetup-junit5, examples).
 * The mirror is packed and its server started on first use, once per JVM;
 * {@link ToolchainMirror#build()} skips the test without toolchains, or fails it under {@code CI=true}.
 */
public final class LoopbackInstaller implements ToolchainInstaller {
    /** The provider id. */
    public static final String ID = "loopback-mirror";

    private static volatile Shared shared;

    private record Shared(ToolchainMirror mirror, MirrorServer server, GoInstaller installer) {
    }

    /** Creates the provider; nothing is packed or started until it is used. */
    public LoopbackInstaller() {
    }

    /**
     * Returns the JVM's installer backed by the loopback mirror, starting it on first use.
     *
     * @return the installer
     */
    public static GoInstaller shared() {
        return state().installer();
    }

    /**
     * Returns the loopback mirror the shared installer installs from.
     *
     * @return the mirror
     */
    public static ToolchainMirror mirror() {
        return state().mirror();
    }

    /**
     * Installs (once per store) and returns one of the mirror's toolchains.
     *
     * @param packed a toolchain of {@link #mirror()}
     * @return the installed toolchain
     */
    public static Toolchain ensure(PackedToolchain packed) {
        return shared().ensure(VersionSpec.parse(packed.version()), InstallListener.NOOP, new CancellationToken());
    }

    private static Shared state() {
        Shared s = shared;
        if (s == null) {
            synchronized (LoopbackInstaller.class) {
                s = shared;
                if (s == null) {
                    ToolchainMirror mirror = ToolchainMirror.build();
                    MirrorServer server = MirrorServer.start(mirror);
                    String configured = System.getProperty("gosetup.test.store", "");
                    Path store = (configured.isEmpty() ? Path.of("target", "gosetup-test-store") : Path.of(configured))
                            .toAbsolutePath();
                    GoInstaller installer = GoInstaller.builder(Map.of()).home(store).index(server.indexUri())
                            .mirrors(List.of(server.baseUri())).build();
                    s = new Shared(mirror, server, installer);
                    shared = s;
                }
            }
        }
        return s;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Toolchain ensure(VersionSpec spec, InstallListener listener, CancellationToken cancel) {
        return shared().ensure(spec, listener, cancel);
    }

    @Override
    public Optional<Toolchain> find(VersionSpec spec) {
        return shared().find(spec);
    }

    @Override
    public List<InstalledToolchain> installed() {
        return shared().installed();
    }

    @Override
    public boolean uninstall(GoVersion version) {
        return shared().uninstall(version);
    }
}
