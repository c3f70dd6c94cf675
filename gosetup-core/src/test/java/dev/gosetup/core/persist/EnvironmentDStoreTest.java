package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentDStoreTest extends FileStoreContract {
    /** systemd's own generator, as Debian installs it. */
    static final Path GENERATOR = Path.of("/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator");

    private final EnvironmentDStore store = new EnvironmentDStore();

    @Override
    protected EnvironmentStore store() {
        return store;
    }

    @Override
    protected Path primaryFile() {
        return home.resolve(".config/environment.d/50-gosetup.conf");
    }

    @Override
    protected Optional<byte[]> userContent() {
        return Optional.empty();
    }

    /** The nasty settings without the values systemd cannot carry (a tab). */
    @Override
    protected EnvironmentSettings nasty() {
        Map<String, String> vars = new LinkedHashMap<>(ShellScriptTest.nastySettings().variables());
        vars.values().removeIf(v -> v.chars().anyMatch(c -> c < 0x20 || c == 0x7f));
        return new EnvironmentSettings(vars, ShellScriptTest.DIRS);
    }

    @Test
    void quotesForSystemd() {
        List<StoreChange> changes = store.plan(new EnvironmentSettings(Map.of("GOFLAGS", "-tags=\"a b\" \\ $HOME ${X}",
                "GOPATH", "/home/me/go"), List.of("/usr/local/go/bin", "/home/me/go/bin")), context());
        assertThat(new String(changes.get(0).after().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(
                EnvironmentDStore.HEADER
                        + "# gosetup-settings: 1 " + java.util.Base64.getEncoder().encodeToString((
                                "v GOFLAGS=-tags=\"a b\" \\ $HOME ${X}\nv GOPATH=/home/me/go\n"
                                + "p /usr/local/go/bin\np /home/me/go/bin\n").getBytes(StandardCharsets.UTF_8)) + "\n"
                        + "GOFLAGS=\"-tags=\\\"a b\\\" \\\\ $$HOME $${X}\"\n"
                        + "GOPATH=\"/home/me/go\"\n"
                        + "PATH=\"/usr/local/go/bin:/home/me/go/bin:${PATH}\"\n");
        assertThat(changes.get(0).summary()).isEqualTo("create gosetup's environment.d file (4 settings)");
        assertThat(store.describe(context())).isEqualTo("systemd user environment ~/.config/environment.d/50-gosetup.conf");
        assertThat(store.appliesTo(new Platform("darwin", "arm64"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "bell\u0007", "del\u007f", "half \uDC00"})
    void refusesWhatSystemdCannotCarry(String value) {
        assertThatThrownBy(() -> store.plan(new EnvironmentSettings(Map.of("GOFLAGS", value), List.of()), context()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("GOFLAGS")
                .hasMessageContaining("environment.d")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).resolutions().get(0))
                        .contains(primaryFile().toString()));
        assertThat(primaryFile()).doesNotExist();
    }

    @Test
    void refusesAColonInAPathEntry() {
        assertThatThrownBy(() -> store.plan(new EnvironmentSettings(Map.of(), List.of("/a:b")), context()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("\"/a:b\"");
    }

    /**
     * systemd's own environment.d generator reads the file and prints the environment it gives the user
     * manager (in shell quoting, which sh reads back): every value arrives exactly.
     */
    @Test
    void systemdsGeneratorReadsTheValues() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(GENERATOR), "systemd's environment.d generator is not installed at "
                + GENERATOR);
        String sh = RealShells.require("sh");
        Map<String, String> vars = new LinkedHashMap<>();
        // No tab (refused); no leading ~, which systemd leaves alone but sh, reading its output back here,
        // would expand: that one is checked on the generator's raw output instead.
        List<String> values = ShellScriptTest.NASTY.stream().filter(v -> v.indexOf('\t') < 0 && !v.startsWith("~"))
                .toList();
        for (int i = 0; i < values.size(); i++) {
            vars.put(String.format("V%02d", i), values.get(i));
        }
        vars.put("TILDE", "~/go");
        List<String> dirs = ShellScriptTest.DIRS;
        Path xdg = home.resolve("xdg");
        StoreContext ctx = new StoreContext(home, Map.of("XDG_CONFIG_HOME", xdg.toString()), LINUX);
        for (StoreChange c : store.plan(new EnvironmentSettings(vars, dirs), ctx)) {
            store.write(c.target(), c.after(), ctx);
        }
        String generated = RealShells.run(home, List.of(GENERATOR.toString()), Map.of("XDG_CONFIG_HOME", xdg.toString()))
                .stdout();
        assertThat(generated.lines()).contains("TILDE=~/go");
        vars.remove("TILDE");
        Path out = home.resolve("generated.env");
        Files.writeString(out, generated, StandardCharsets.UTF_8);
        StringBuilder print = new StringBuilder("set -a; . \"$1\"; printf '%s\\0'");
        for (String name : vars.keySet()) {
            print.append(" \"$").append(name).append('"');
        }
        print.append(" \"$PATH\"");
        List<String> seen = RealShells.fields(RealShells.run(home, List.of(sh, "-c", print.toString(), "sh",
                out.toString()), Map.of()).stdout());
        assertThat(seen.subList(0, values.size())).containsExactlyElementsOf(values);
        assertThat(seen.get(values.size())).isEqualTo(String.join(":", dirs) + ":" + RealShells.BASE_PATH);
    }
}
