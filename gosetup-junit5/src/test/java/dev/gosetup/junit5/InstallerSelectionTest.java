package dev.gosetup.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.api.Platform;
import dev.gosetup.core.install.LoopbackInstaller;
import dev.gosetup.core.install.ToolchainStore;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Which installer {@link GoExtension} uses: the best provider, or the one {@code gosetup.installer} names. */
class InstallerSelectionTest {

    @Test
    void theTestScopeProviderOutranksTheOfficialOne() {
        ProviderRegistry<ToolchainInstaller> registry = ProviderRegistry.load(ToolchainInstaller.class);
        assertThat(registry.all()).extracting(ToolchainInstaller::id).containsExactly(LoopbackInstaller.ID, "official");
    }

    @Test
    void anInstallerNamedByIdIsUsedAndAnUnknownIdFailsListingTheKnownOnes(@TempDir Path cache) {
        ParallelFixtures.reset();
        TestExecutionSummary named = ParallelExecutionTest.run(Map.of(GoExtension.INSTALLER_PARAMETER, LoopbackInstaller.ID,
                GoExtension.BUILD_CACHE_PARAMETER, cache.toString()), ParallelFixtures.NeedsAnEnvironment.class);
        assertThat(named.getTestsSucceededCount()).as(ParallelExecutionTest.failures(named)).isEqualTo(1);
        assertThat(ParallelFixtures.CACHES.get("N#runs")).isEqualTo(cache.toString());
        assertThat(cache).as("a configured build cache is kept").isDirectory();

        TestExecutionSummary unknown = ParallelExecutionTest.run(Map.of(GoExtension.INSTALLER_PARAMETER, "no-such-installer"),
                ParallelFixtures.NeedsAnEnvironment.class);
        assertThat(unknown.getTotalFailureCount()).isEqualTo(1);
        assertThat(unknown.getFailures().get(0).getException()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-installer").hasMessageContaining(LoopbackInstaller.ID + ", official");
    }

    @Test
    void theBuildCacheIsKeptAcrossRunsByDefaultAndTemporaryOnlyWhenAsked() {
        Path shared = ToolchainStore.defaultRoot(System.getenv(), Platform.current(),
                Path.of(System.getProperty("user.home"))).resolve("cache/go-build");
        ParallelFixtures.reset();
        TestExecutionSummary first = ParallelExecutionTest.run(Map.of(GoExtension.INSTALLER_PARAMETER,
                LoopbackInstaller.ID), ParallelFixtures.NeedsAnEnvironment.class);
        assertThat(first.getTestsSucceededCount()).as(ParallelExecutionTest.failures(first)).isEqualTo(1);
        String firstCache = ParallelFixtures.CACHES.get("N#runs");
        ParallelFixtures.reset();
        TestExecutionSummary second = ParallelExecutionTest.run(Map.of(GoExtension.INSTALLER_PARAMETER,
                LoopbackInstaller.ID), ParallelFixtures.NeedsAnEnvironment.class);
        assertThat(second.getTestsSucceededCount()).as(ParallelExecutionTest.failures(second)).isEqualTo(1);
        assertThat(ParallelFixtures.CACHES.get("N#runs")).as("the next run builds with the same cache")
                .isEqualTo(firstCache).isEqualTo(shared.toString());
        assertThat(shared).as("kept after the run").isDirectory();

        ParallelFixtures.reset();
        TestExecutionSummary optedOut = ParallelExecutionTest.run(Map.of(GoExtension.INSTALLER_PARAMETER,
                LoopbackInstaller.ID, GoExtension.BUILD_CACHE_PARAMETER, GoExtension.TEMPORARY_BUILD_CACHE),
                ParallelFixtures.NeedsAnEnvironment.class);
        assertThat(optedOut.getTestsSucceededCount()).as(ParallelExecutionTest.failures(optedOut)).isEqualTo(1);
        Path temporary = Path.of(ParallelFixtures.CACHES.get("N#runs"));
        assertThat(temporary).isNotEqualTo(shared).doesNotExist();
    }
}
