package dev.gosetup.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.core.env.HermeticGo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test classes that {@link ParallelExecutionTest} runs in a launcher of its own, with JUnit's
 * parallel execution on. Nested classes, so that Surefire does not run them by itself.
 */
final class ParallelFixtures {
    /** The root each test saw, by "Class#method". */
    static final Map<String, Path> ROOTS = new ConcurrentHashMap<>();
    /** The GOCACHE each test saw. */
    static final Map<String, String> CACHES = new ConcurrentHashMap<>();
    /** Passed only when the three classes run at the same time, each with its environment ready. */
    static volatile CyclicBarrier allClassesAtOnce = new CyclicBarrier(3);

    private ParallelFixtures() {
    }

    static void reset() {
        ROOTS.clear();
        CACHES.clear();
        allClassesAtOnce = new CyclicBarrier(3);
    }

    private static void record(String test, HermeticGo go) {
        ROOTS.put(test, go.root());
        CACHES.put(test, go.environment().get("GOCACHE").orElseThrow());
    }

    private static void meet() throws Exception {
        allClassesAtOnce.await(180, TimeUnit.SECONDS);
    }

    @GoTest(version = "1.22")
    static class ClassScopedA {
        @BeforeAll
        static void together(HermeticGo go) throws Exception {
            assertThat(go.root()).isDirectory();
            meet();
        }

        @Test
        void one(HermeticGo go) {
            record("A#one", go);
        }

        @Test
        void two(HermeticGo go) {
            record("A#two", go);
        }
    }

    @GoTest(version = "1.22")
    static class ClassScopedB {
        @BeforeAll
        static void together() throws Exception {
            meet();
        }

        @Test
        void buildsAndTestsAModule(HermeticGo go, @TempDir Path module) throws Exception {
            record("B#go-test", go);
            Files.writeString(module.resolve("go.mod"), "module example.com/adder\n\ngo 1.21\n");
            Files.writeString(module.resolve("add.go"), "package adder\n\nfunc Add(a, b int) int { return a + b }\n");
            Files.writeString(module.resolve("add_test.go"), "package adder\n\nimport \"testing\"\n\n"
                    + "func TestAdd(t *testing.T) {\n\tif Add(2, 3) != 5 {\n\t\tt.Fatal(\"2+3\")\n\t}\n}\n");
            assertThat(go.runner().in(module).go("test", "./...").requireSuccess().stdout()).contains("ok");
        }

        @Test
        void two(HermeticGo go) {
            record("B#two", go);
        }
    }

    @GoTest(version = "1.22", scope = GoTest.Scope.METHOD)
    static class MethodScoped {
        HermeticGo field;
        GoEnvironment environment;

        @BeforeAll
        static void together() throws Exception {
            meet();
        }

        @Test
        void one(HermeticGo go) {
            assertThat(field).isSameAs(go);
            assertThat(environment).isEqualTo(go.environment());
            record("M#one", go);
        }

        @Test
        void two(HermeticGo go) {
            assertThat(field).isSameAs(go);
            record("M#two", go);
        }
    }

    /** For the installer selection: any test that needs an environment. */
    @GoTest(version = "1.22")
    static class NeedsAnEnvironment {
        @Test
        void runs(HermeticGo go) {
            record("N#runs", go);
        }
    }
}
