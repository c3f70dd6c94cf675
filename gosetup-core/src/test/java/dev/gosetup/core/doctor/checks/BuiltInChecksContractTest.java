package dev.gosetup.core.doctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.GoVersion;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;
import dev.gosetup.testkit.contract.ReadinessCheckContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published readiness-check contract, run against every built-in check with the newest real
 * toolchain configured and a home of its own (and, through the contract, with a bare context and
 * a cancelled one).
 */
class BuiltInChecksContractTest {
    @TempDir
    static Path home;

    /** The user has turned Go's telemetry off: no Go 1.23 telemetry child writes into home while JUnit deletes it. */
    @BeforeAll
    static void telemetryOff() throws java.io.IOException {
        GoUserDirectories.turnTelemetryOff(home.resolve(".config"));
    }

    static CheckContext configured() {
        LocalGoroot newest = RealToolchains.require(1).stream().reduce((a, b) -> b).orElseThrow();
        Toolchain go = new Toolchain(GoVersion.parse(newest.version()), Platform.current(), newest.goroot());
        return CheckContext.of(Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString()))
                .withGoEnvironment(GoEnvironment.of(go)).withOffline(true);
    }

    abstract static class BuiltIn extends ReadinessCheckContract {
        @Override
        protected CheckContext context() {
            return configured();
        }
    }

    @Nested
    class GoFound extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new GoFoundCheck();
        }
    }

    @Nested
    class GoShadowing extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new GoShadowingCheck();
        }
    }

    @Nested
    class GorootConsistent extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new GorootConsistentCheck();
        }
    }

    @Nested
    class GoEnv extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new GoEnvCheck();
        }
    }

    @Nested
    class GoDirectories extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new GoDirectoriesCheck();
        }
    }

    @Nested
    class BuildAndServe extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new BuildAndServeCheck();
        }
    }

    @Nested
    class ModuleProxy extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new ModuleProxyCheck();
        }
    }

    @Nested
    class GoInstalls extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new GoInstallsCheck();
        }
    }

    @Nested
    class GoToolchainSwitch extends BuiltIn {
        @Override
        protected ReadinessCheck check() {
            return new GoToolchainSwitchCheck();
        }
    }

    @Test
    void everyRegisteredBuiltInCheckRunsTheContractHere() {
        // A new built-in check must get a @Nested class above, wherever in gosetup-core it lives
        // (not only this package: a check registered from doctor.checklist or another package counts too).
        Set<Class<?>> registered = ProviderRegistry.load(ReadinessCheck.class).all().stream()
                .<Class<?>>map(Object::getClass)
                .filter(c -> c.getPackageName().equals("dev.gosetup.core") || c.getPackageName().startsWith("dev.gosetup.core."))
                .collect(Collectors.toSet());
        assertThat(registered).containsExactlyInAnyOrderElementsOf(COVERED);
    }

    private static final List<Class<?>> COVERED = List.of(GoFoundCheck.class, GoShadowingCheck.class,
            GorootConsistentCheck.class, GoEnvCheck.class, GoDirectoriesCheck.class, BuildAndServeCheck.class,
            ModuleProxyCheck.class, GoInstallsCheck.class, GoToolchainSwitchCheck.class);
}
