package dev.gosetup.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.fixtures.AlphaGreeter;
import dev.gosetup.api.spi.fixtures.Greeter;
import dev.gosetup.api.spi.fixtures.HighGreeter;
import dev.gosetup.api.spi.fixtures.WindowsGreeter;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
    private static final Platform LINUX = Platform.parse("linux-amd64");
    private static final Platform WINDOWS = Platform.parse("windows-amd64");

    private final ProviderRegistry<Greeter> registry = ProviderRegistry.load(Greeter.class);

    @Test
    void loadsEveryGoodProviderOrderedByPriorityThenId() {
        assertThat(registry.all()).extracting(Provider::id).containsExactly("high", "windows-only", "alpha");
        assertThat(registry.type()).isEqualTo(Greeter.class);
    }

    @Test
    void firstProviderWithAnIdKeepsItAndTheDuplicateIsReportedWithBothClasses() {
        assertThat(registry.byId("alpha")).get().isInstanceOf(AlphaGreeter.class);
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p.message())
                .contains("duplicate id \"alpha\"")
                .contains("DuplicateAlphaGreeter")
                .contains("AlphaGreeter")
                .contains("remove one of the two jars"));
    }

    @Test
    void brokenProvidersAreReportedInsteadOfCrashing() {
        List<String> messages = registry.problems().stream().map(ProviderProblem::message).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("DoesNotExistGreeter").contains("not found"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("ThrowingConstructorGreeter")
                .contains("constructor is broken"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("BlankIdGreeter").contains("blank id"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("ThrowingIdGreeter").contains("id is broken"));
        assertThat(registry.problems()).hasSize(5)
                .allSatisfy(p -> assertThat(p.service()).isEqualTo(Greeter.class.getName()));
    }

    @Test
    void problemsNameTheJarOrDirectoryTheProviderCameFrom() {
        assertThat(registry.problems()).filteredOn(p -> p.message().contains("ThrowingIdGreeter"))
                .singleElement().satisfies(p -> assertThat(p.source()).contains("test-classes"));
    }

    @Test
    void bestHonoursApplicabilityAndPriority() {
        assertThat(registry.best(LINUX)).get().isInstanceOf(HighGreeter.class);
        assertThat(registry.applicable(LINUX)).extracting(Provider::id).containsExactly("high", "alpha");
        assertThat(registry.applicable(WINDOWS)).extracting(Provider::id)
                .containsExactly("high", "windows-only", "alpha");
        assertThat(registry.byId("windows-only")).get().isInstanceOf(WindowsGreeter.class);
    }

    @Test
    void requireNamesTheMissingIdAndTheKnownOnes() {
        assertThatThrownBy(() -> registry.require("nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("\"nope\"")
                .hasMessageContaining("high, windows-only, alpha");
        assertThat(registry.require("high").greet()).isEqualTo("HighGreeter");
    }

    @Test
    void requireBestExplainsEveryCandidateWhenNoneApplies() {
        ProviderRegistry<Greeter> onlyWindows = ProviderRegistry.of(Greeter.class, List.of(new WindowsGreeter()));
        assertThatThrownBy(() -> onlyWindows.requireBest(LINUX))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no Greeter provider applies to linux-amd64")
                .hasMessageContaining("windows-only (" + WindowsGreeter.class.getName() + "): does not apply")
                .satisfies(e -> assertThat(((NotFoundException) e).resolutions()).singleElement()
                        .asString().contains("META-INF/services"));
        assertThat(onlyWindows.requireBest(WINDOWS)).isInstanceOf(WindowsGreeter.class);
    }

    @Test
    void handBuiltRegistryAppliesTheSameRules() {
        ProviderRegistry<Greeter> built = ProviderRegistry.of(Greeter.class,
                List.of(new AlphaGreeter(), new HighGreeter(), new AlphaGreeter()));
        assertThat(built.all()).extracting(Provider::id).containsExactly("high", "alpha");
        assertThat(built.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("duplicate"));
    }

    @Test
    void emptyRegistryIsNotAnError() {
        ProviderRegistry<Greeter> empty = ProviderRegistry.of(Greeter.class, List.of());
        assertThat(empty.all()).isEmpty();
        assertThat(empty.best(LINUX)).isEmpty();
        assertThat(empty.problems()).isEmpty();
        assertThatThrownBy(() -> empty.require("x")).hasMessageContaining("known ids: (none)");
    }
}
