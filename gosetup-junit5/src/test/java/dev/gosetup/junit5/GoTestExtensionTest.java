package dev.gosetup.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.Toolchain;
import dev.gosetup.core.env.GoRunner;
import dev.gosetup.core.env.HermeticGo;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link GoTest} used as a test suite would: the class's environment, a method's own, a nested class. */
@GoTest(version = "1.22")
class GoTestExtensionTest {
    private static Toolchain classToolchain;
    private static Path classRoot;

    private HermeticGo go;
    private GoEnvironment environment;

    @BeforeAll
    static void recordTheClassEnvironment(HermeticGo shared) {
        assertThat(classToolchain).isEqualTo(shared.toolchain());
        classRoot = shared.root();
    }

    @Test
    void parametersAndFieldsAreViewsOfTheClassEnvironment(HermeticGo p, GoEnvironment env, Toolchain t, GoRunner runner) {
        assertThat(p).isSameAs(go);
        assertThat(p.root()).isEqualTo(classRoot);
        assertThat(env).isEqualTo(go.environment()).isEqualTo(environment);
        assertThat(t).isEqualTo(go.toolchain());
        assertThat(t.version().toString()).startsWith("go1.22.");
        assertThat(runner.environment()).isEqualTo(env);
        assertThat(runner.directory()).isEqualTo(go.root());
    }

    @Test
    void theEnvironmentIsHermetic() {
        Map<String, String> env = go.runner().goEnv();
        assertThat(env).containsEntry("GOPROXY", "off").containsEntry("GOTOOLCHAIN", "local")
                .containsEntry("GOPATH", go.root().resolve("go").toString());
        assertThat(env.get("GOCACHE")).doesNotStartWith(go.root().toString()); // the run's shared build cache
    }

    @Test
    @GoTest(version = "1.21")
    void aMethodCanAskForItsOwnVersion(HermeticGo own, Toolchain toolchain) {
        assertThat(own.root()).isNotEqualTo(classRoot).exists();
        assertThat(go).isSameAs(own); // fields get the method's environment too
        assertThat(toolchain.version().toString()).startsWith("go1.21.");
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheEnclosingClassEnvironment(HermeticGo p) {
            assertThat(p.root()).isEqualTo(classRoot);
        }
    }
}
