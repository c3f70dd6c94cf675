package dev.gosetup.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link ParallelFixtures} in a launcher of its own with JUnit's parallel execution on:
 * classes and methods concurrently, three classes provably at the same time.
 */
class ParallelExecutionTest {

    static TestExecutionSummary run(Map<String, String> parameters, Class<?>... classes) {
        // Only the parameters given: not this module's junit-platform.properties, whose build cache
        // setting is for the outer test run.
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .enableImplicitConfigurationParameters(false).configurationParameters(parameters);
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(built, listener);
        return listener.getSummary();
    }

    static String failures(TestExecutionSummary summary) {
        StringWriter text = new StringWriter();
        summary.printFailuresTo(new PrintWriter(text), 30);
        return text.toString();
    }

    @Test
    void environmentsAreSharedPerClassOwnPerMethodAndAllDeletedWhenRunInParallel() {
        ParallelFixtures.reset();

        TestExecutionSummary summary = run(Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "6",
                        // The opt-out: one build cache for the run, deleted at its end (kept caches: InstallerSelectionTest).
                        GoExtension.BUILD_CACHE_PARAMETER, GoExtension.TEMPORARY_BUILD_CACHE),
                ParallelFixtures.ClassScopedA.class, ParallelFixtures.ClassScopedB.class,
                ParallelFixtures.MethodScoped.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(6);
        assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
        Map<String, Path> roots = ParallelFixtures.ROOTS;
        assertThat(roots.get("A#one")).isEqualTo(roots.get("A#two"));
        assertThat(roots.get("B#go-test")).isEqualTo(roots.get("B#two")).isNotEqualTo(roots.get("A#one"));
        assertThat(roots.get("M#one")).isNotEqualTo(roots.get("M#two"));
        assertThat(roots.values()).allSatisfy(root -> assertThat(root).doesNotExist());
        assertThat(ParallelFixtures.CACHES.values()).as("one build cache for the run").hasSize(6).containsOnly(
                ParallelFixtures.CACHES.get("A#one"));
        assertThat(Path.of(ParallelFixtures.CACHES.get("A#one"))).as("the run's build cache is deleted").doesNotExist();
    }
}
