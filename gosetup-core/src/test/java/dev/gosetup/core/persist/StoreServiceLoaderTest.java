package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.ProviderRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreServiceLoaderTest {

    @Test
    void serviceLoaderFindsTheStores() {
        ProviderRegistry<EnvironmentStore> registry = ProviderRegistry.load(EnvironmentStore.class);
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.byId("posix-profile")).containsInstanceOf(PosixProfileStore.class);
        assertThat(registry.byId("fish")).containsInstanceOf(FishStore.class);
        assertThat(registry.byId("environment-d")).containsInstanceOf(EnvironmentDStore.class);
    }

    @Test
    void whereTheyApply() {
        ProviderRegistry<EnvironmentStore> registry = ProviderRegistry.load(EnvironmentStore.class);
        List<String> ids = List.of("posix-profile", "fish", "environment-d");
        assertThat(registry.applicable(new Platform("linux", "amd64")).stream().map(EnvironmentStore::id))
                .containsAll(ids);
        assertThat(registry.applicable(new Platform("darwin", "arm64")).stream().map(EnvironmentStore::id))
                .contains("posix-profile", "fish").doesNotContain("environment-d");
        assertThat(registry.applicable(new Platform("windows", "amd64")).stream().map(EnvironmentStore::id))
                .doesNotContainAnyElementsOf(ids);
    }
}
