package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.install.GoInstaller;
import dev.gosetup.core.install.LoopbackInstaller;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** HermeticGo's default installer: built from the environment it was given, once per environment. */
@DisabledOnOs(OS.WINDOWS)
class HermeticGoDefaultInstallerTest {
    @TempDir
    Path temp;

    /** The store of the loopback installer, named only in the environment given (not in the JVM's). */
    private static Map<String, String> environmentOfTheLoopbackStore(Path nowhere) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", nowhere.toString());
        env.put("GOSETUP_HOME", LoopbackInstaller.shared().store().root().toString());
        // Were anything read from the JVM's environment instead, this index could not answer.
        env.put("GOSETUP_INDEX_URL", nowhere.resolve("no-index.json").toUri().toString());
        return env;
    }

    @Test
    void theDefaultInstallerUsesTheStoreOfTheEnvironmentGiven() {
        Toolchain installed = LoopbackInstaller.ensure(LoopbackInstaller.mirror().newest());
        Map<String, String> env = environmentOfTheLoopbackStore(temp);
        try (HermeticGo go = HermeticGo.builder().version(VersionSpec.parse(installed.version().toString()))
                .inherited(env).root(temp.resolve("root")).build()) {
            assertThat(go.toolchain().goroot()).isEqualTo(installed.goroot());
            assertThat(go.go("version").requireSuccess().stdout()).contains(installed.version().toString());
        }
    }

    @Test
    void oneInstallerPerEnvironmentSharedByThreads() throws Exception {
        Map<String, String> env = environmentOfTheLoopbackStore(temp);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<GoInstaller>> all = pool.invokeAll(IntStream.range(0, 32)
                    .mapToObj(i -> (Callable<GoInstaller>) () -> HermeticGo.DefaultInstallers.of(env)).toList());
            GoInstaller first = all.get(0).get();
            for (Future<GoInstaller> f : all) {
                assertThat(f.get()).isSameAs(first);
            }
            assertThat(first.store().root()).isEqualTo(LoopbackInstaller.shared().store().root());
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> other = new HashMap<>(env);
        other.put("GOSETUP_HOME", temp.resolve("other-store").toString());
        GoInstaller second = HermeticGo.DefaultInstallers.of(other);
        assertThat(second).isNotSameAs(HermeticGo.DefaultInstallers.of(env));
        assertThat(second.store().root()).isEqualTo(temp.resolve("other-store"));
    }

    @Test
    void theRootIsCreatedOwnerOnlyInTheTemporaryDirectoryGivenNotTheJvms() throws Exception {
        Toolchain installed = LoopbackInstaller.ensure(LoopbackInstaller.mirror().newest());
        Path tmp = java.nio.file.Files.createDirectories(temp.resolve("my-tmp"));
        Path root;
        try (HermeticGo go = HermeticGo.builder().toolchain(installed).temporaryDirectory(tmp).build();
                HermeticGo twin = HermeticGo.builder().toolchain(installed).temporaryDirectory(tmp).build()) {
            root = go.root();
            assertThat(root.getParent()).isEqualTo(tmp);
            assertThat(root.getFileName().toString()).startsWith("gosetup-hermetic-");
            assertThat(twin.root()).isNotEqualTo(root).hasParent(tmp);
            assertThat(java.nio.file.Files.getPosixFilePermissions(root))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(root).doesNotExist();
    }
}
