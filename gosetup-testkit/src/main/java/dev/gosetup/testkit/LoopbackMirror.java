package dev.gosetup.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension serving the machine's real toolchains from a loopback {@link MirrorServer}
 * for one test class: packed ({@link ToolchainMirror}, cached across runs) and started before the
 * class's first test, closed after its last.
 * <pre>{@code
 * @RegisterExtension
 * static final LoopbackMirror MIRROR = LoopbackMirror.of(1);
 * ...
 * GoInstaller.builder(env).index(MIRROR.server().indexUri()).mirrors(List.of(MIRROR.server().baseUri()))
 * }</pre>
 * Without enough toolchains the class is skipped (failed under {@code CI=true}), as
 * {@link RealToolchains#require} does. The server's faults and counts are the tests' to reset.
 */
public final class LoopbackMirror implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<List<LocalGoroot>> toolchains;
    private ToolchainMirror mirror;
    private MirrorServer server;

    private LoopbackMirror(Supplier<List<LocalGoroot>> toolchains) {
        this.toolchains = toolchains;
    }

    /**
     * Mirrors every toolchain the machine has, requiring at least {@code count} distinct versions.
     *
     * @param count the fewest versions the class needs
     * @return the extension, to register in a static field
     */
    public static LoopbackMirror of(int count) {
        return new LoopbackMirror(() -> RealToolchains.require(count));
    }

    /**
     * Mirrors the toolchains {@code choose} picks (it calls {@link RealToolchains#require} itself).
     *
     * @param choose picks the toolchains, when the class starts
     * @return the extension, to register in a static field
     */
    public static LoopbackMirror of(Supplier<List<LocalGoroot>> choose) {
        return new LoopbackMirror(Objects.requireNonNull(choose, "choose"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        mirror = ToolchainMirror.of(toolchains.get());
        server = MirrorServer.start(mirror);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Returns the running server.
     *
     * @return the server
     * @throws NullPointerException before the class's first test
     */
    public MirrorServer server() {
        return Objects.requireNonNull(server, "the mirror starts before the class's first test");
    }

    /**
     * Returns the packed toolchains.
     *
     * @return the toolchains, oldest first
     */
    public List<PackedToolchain> toolchains() {
        return Objects.requireNonNull(mirror, "the mirror starts before the class's first test").toolchains();
    }

    /**
     * Returns the newest packed toolchain.
     *
     * @return the newest
     */
    public PackedToolchain newest() {
        return Objects.requireNonNull(mirror, "the mirror starts before the class's first test").newest();
    }
}
