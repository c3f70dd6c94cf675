package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.ProviderRegistry;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The module's stores load through ServiceLoader next to core's, and only the right ones apply on each host. */
class StoreServiceLoaderTest {
    @Test
    void theStoresAreFoundAndApplyWhereTheyShould() {
        assertThat(ServiceLoader.load(EnvironmentStore.class).stream().map(p -> p.type().getName()))
                .contains(WindowsRegistryStore.class.getName(), MachineRegistryStore.class.getName(),
                        PowerShellProfileStore.class.getName());
        ProviderRegistry<EnvironmentStore> registry = ProviderRegistry.load(EnvironmentStore.class);
        Platform windows = new Platform("windows", "amd64");
        Platform linux = new Platform("linux", "amd64");
        assertThat(registry.byId("windows-registry")).get().satisfies(s -> {
            assertThat(s.appliesTo(windows)).isTrue();
            assertThat(s.appliesTo(linux)).isFalse();
        });
        assertThat(registry.byId("windows-registry-machine")).get().satisfies(s -> assertThat(s.appliesTo(windows)).isTrue());
        assertThat(registry.byId("powershell-profile")).get().satisfies(s -> assertThat(s.appliesTo(linux)).isTrue());
        assertThat(registry.byId("go-env-file")).isPresent();
    }
}
