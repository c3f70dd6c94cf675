package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FishStoreTest extends FileStoreContract {
    private final FishStore store = new FishStore();

    @Override
    protected EnvironmentStore store() {
        return store;
    }

    @Override
    protected Path primaryFile() {
        return home.resolve(".config/fish/conf.d/gosetup.fish");
    }

    @Override
    protected Optional<byte[]> userContent() {
        return Optional.empty();
    }

    @Test
    void writesTheWholeFileAndDeletesIt() {
        List<StoreChange> changes = store.plan(new EnvironmentSettings(Map.of("GOPATH", "/g"), List.of("/g/bin")),
                context());
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).summary()).isEqualTo("create gosetup's fish configuration (2 settings)");
        assertThat(new String(changes.get(0).after().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(
                FishStore.HEADER + "# gosetup-settings: 1 " + java.util.Base64.getEncoder().encodeToString(
                        "v GOPATH=/g\np /g/bin\n".getBytes(StandardCharsets.UTF_8))
                        + "\nset -gx GOPATH '/g'\ncontains -- '/g/bin' $PATH; or set -gx PATH '/g/bin' $PATH\n");
        apply(changes);
        List<StoreChange> removal = store.plan(EnvironmentSettings.NONE, context());
        assertThat(removal).singleElement().satisfies(c -> assertThat(c.after()).isEmpty());
        apply(removal);
        assertThat(primaryFile()).doesNotExist();
    }

    @Test
    void honoursAnAbsoluteXdgConfigHome() {
        Path xdg = home.resolve("xdg");
        StoreContext ctx = new StoreContext(home, Map.of("XDG_CONFIG_HOME", xdg.toString()), LINUX);
        assertThat(store.plan(SETTINGS, ctx)).singleElement()
                .satisfies(c -> assertThat(c.target()).isEqualTo(xdg.resolve("fish/conf.d/gosetup.fish").toString()));
        StoreContext relative = new StoreContext(home, Map.of("XDG_CONFIG_HOME", "xdg"), LINUX);
        assertThat(store.describe(relative)).isEqualTo("fish's ~/.config/fish/conf.d/gosetup.fish");
        assertThat(store.appliesTo(new Platform("windows", "amd64"))).isFalse();
        assertThat(store.appliesTo(new Platform("darwin", "arm64"))).isTrue();
    }

    /** fish itself reads the file from conf.d at startup and sees every value. */
    @Test
    void realFishSeesTheValues() throws Exception {
        String fish = RealShells.require("fish");
        EnvironmentSettings settings = ShellScriptTest.nastySettings();
        Path xdg = home.resolve("xdg config");
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("XDG_CONFIG_HOME", xdg.toString()))) {
            StoreContext ctx = new StoreContext(home, env, LINUX);
            for (StoreChange c : store.plan(settings, ctx)) {
                store.write(c.target(), c.after(), ctx);
            }
            List<String> out = RealShells.fields(RealShells.run(home,
                    List.of(fish, "-c", ShellScriptTest.printVars(true)), env).stdout());
            assertThat(out.subList(0, ShellScriptTest.NASTY.size())).containsExactlyElementsOf(ShellScriptTest.NASTY);
            List<String> path = new ArrayList<>(settings.pathPrepend());
            path.addAll(List.of(RealShells.BASE_PATH.split(":")));
            assertThat(out.subList(ShellScriptTest.NASTY.size(), out.size())).containsExactlyElementsOf(path);
            for (StoreChange c : store.plan(EnvironmentSettings.NONE, ctx)) {
                store.write(c.target(), c.after(), ctx);
            }
        }
        assertThat(Files.exists(xdg.resolve("fish/conf.d/gosetup.fish"))).isFalse();
    }
}
