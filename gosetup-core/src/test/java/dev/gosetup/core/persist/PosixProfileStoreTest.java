package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.ManagedBlock;
import dev.gosetup.core.internal.HeldSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PosixProfileStoreTest extends FileStoreContract {
    /**
     * A profile mostly in CRLF (comments, which sh reads fine with a CR), with invalid UTF-8 and no final
     * newline.
     */
    static final byte[] PROFILE = {'#', ' ', 'm', 'i', 'n', 'e', '\r', '\n', '#', ' ', 'C', 'R', 'L', 'F', '\r', '\n',
        '#', ' ', (byte) 0xFF, (byte) 0xC3, '\n', 'X', '=', '1'};

    private final PosixProfileStore store = new PosixProfileStore();

    @Override
    protected EnvironmentStore store() {
        return store;
    }

    @Override
    protected Path primaryFile() {
        return home.resolve(".profile");
    }

    @Override
    protected Optional<byte[]> userContent() {
        return Optional.of(PROFILE);
    }

    private StoreContext context(Map<String, String> env) {
        return new StoreContext(home, env, LINUX);
    }

    private void apply(List<StoreChange> changes, StoreContext ctx) {
        for (StoreChange c : changes) {
            assertThat(c.isBefore(store.read(c.target(), ctx))).isTrue();
            store.write(c.target(), c.after(), ctx);
        }
    }

    private List<String> targets(EnvironmentSettings s, StoreContext ctx) {
        return store.plan(s, ctx).stream().map(c -> home.relativize(Path.of(c.target())).toString()).toList();
    }

    @Test
    void theProfileIsAlwaysWrittenAndShellFilesWhenTheyExistOrAreTheUsersShell() throws IOException {
        assertThat(targets(SETTINGS, context(Map.of()))).containsExactly(".profile");
        assertThat(targets(SETTINGS, context(Map.of("SHELL", "/bin/bash")))).containsExactly(".profile", ".bashrc");
        assertThat(targets(SETTINGS, context(Map.of("SHELL", "/usr/bin/zsh")))).containsExactly(".profile", ".zshrc");
        Files.createDirectories(home.resolve("zdot"));
        assertThat(targets(SETTINGS, context(Map.of("SHELL", "/usr/bin/zsh", "ZDOTDIR", home.resolve("zdot").toString()))))
                .containsExactly(".profile", "zdot/.zshrc");
        assertThat(targets(SETTINGS, context(Map.of("SHELL", "/usr/bin/zsh", "ZDOTDIR", "relative"))))
                .containsExactly(".profile", ".zshrc");
        Files.writeString(home.resolve(".bashrc"), "# bash\n");
        Files.writeString(home.resolve(".zshrc"), "# zsh\n");
        Files.writeString(home.resolve(".bash_profile"), ". ~/.bashrc\n");
        assertThat(targets(SETTINGS, context(Map.of("SHELL", "/bin/sh"))))
                .containsExactly(".profile", ".bash_profile", ".bashrc", ".zshrc");
        assertThat(store.describe(context(Map.of())))
                .isEqualTo("gosetup block in ~/.profile, ~/.bash_profile, ~/.bashrc, ~/.zshrc");
    }

    @Test
    void theBlockFollowsTheUsersBytesInLf() throws IOException {
        seed();
        List<StoreChange> changes = store.plan(SETTINGS, context());
        String body = new PosixProfileStore().body(SETTINGS, context());
        assertThat(body).isEqualTo(HeldSettings.line(SETTINGS) + "\n" + ShellScript.render(Shell.SH, SETTINGS, LINUX));
        assertThat(changes).hasSize(1);
        StoreChange c = changes.get(0);
        assertThat(c.summary()).isEqualTo("add the gosetup block (" + ManagedBlock.lineCount(body) + " lines)");
        assertThat(c.after().orElseThrow()).isEqualTo(ManagedBlock.parse(PROFILE, "p").withLf(body));
        assertThat(new String(c.after().orElseThrow(), StandardCharsets.ISO_8859_1))
                .startsWith(new String(PROFILE, StandardCharsets.ISO_8859_1) + "\n" + ManagedBlock.START + "\n");
    }

    @Test
    void aNewProfileIsCreatedAndEmptiedButNotDeletedOnRemoval() throws IOException {
        StoreContext ctx = context(Map.of("SHELL", "/bin/bash"));
        List<StoreChange> changes = store.plan(SETTINGS, ctx);
        assertThat(changes).allSatisfy(c -> assertThat(c.summary()).startsWith("create with the gosetup block"));
        apply(changes, ctx);
        apply(store.plan(EnvironmentSettings.NONE, ctx), ctx);
        assertThat(Files.readAllBytes(home.resolve(".profile"))).isEmpty();
        assertThat(Files.readAllBytes(home.resolve(".bashrc"))).isEmpty();
    }

    @Test
    void aDamagedBlockIsRefusedNamingFileAndLine() throws IOException {
        Files.writeString(home.resolve(".bashrc"), "a\n" + ManagedBlock.START + "\nexport A=1\n");
        assertThatThrownBy(() -> store.plan(SETTINGS, context()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(home.resolve(".bashrc") + ": line 2");
        assertThatThrownBy(() -> store.plan(EnvironmentSettings.NONE, context()))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void aPathEntryWithAColonIsRefused() {
        assertThatThrownBy(() -> store.plan(new EnvironmentSettings(Map.of(), List.of("/a:b")), context()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("/a:b");
    }

    /** The profiles, written by the store, sourced by the real sh, bash and zsh. */
    @Test
    void realShellsSeeTheValues() throws IOException {
        String sh = RealShells.require("sh");
        String bash = RealShells.require("bash");
        String zsh = RealShells.require("zsh");
        EnvironmentSettings settings = ShellScriptTest.nastySettings();
        Files.write(home.resolve(".profile"), PROFILE);
        Files.writeString(home.resolve(".bashrc"), "# bash\n");
        StoreContext ctx = context(Map.of("SHELL", "/usr/bin/zsh"));
        apply(store.plan(settings, ctx), ctx);
        String print = ShellScriptTest.printVars(false);
        String expectedPath = String.join(":", settings.pathPrepend()) + ":" + RealShells.BASE_PATH;
        for (List<String> cmd : List.of(
                List.of(sh, "-c", ". \"$HOME/.profile\"; " + print),
                List.of(bash, "-c", ". ~/.profile; . ~/.bashrc; " + print),
                List.of(zsh, "-c", ". ~/.zshrc; . ~/.profile; " + print))) {
            List<String> out = RealShells.fields(RealShells.run(home, cmd, Map.of()).stdout());
            assertThat(out.subList(0, ShellScriptTest.NASTY.size())).as("%s", cmd)
                    .containsExactlyElementsOf(ShellScriptTest.NASTY);
            assertThat(out.get(ShellScriptTest.NASTY.size())).as("%s", cmd).isEqualTo(expectedPath);
        }
    }

    /** A login bash reads /etc/profile, then ~/.profile: the directories come first, once. */
    @Test
    void aLoginBashSeesTheSettings() throws IOException {
        String bash = RealShells.require("bash");
        StoreContext ctx = context(Map.of());
        apply(store.plan(SETTINGS, ctx), ctx);
        String out = RealShells.run(home, List.of(bash, "-l", "-c", "printf '%s\\0' \"$GOFLAGS\" \"$PATH\""), Map.of())
                .stdout();
        List<String> fields = RealShells.fields(out);
        assertThat(fields.get(0)).isEqualTo("-tags=it's \"x\" $y");
        List<String> path = new ArrayList<>(List.of(fields.get(1).split(":")));
        assertThat(path.subList(0, 2)).containsExactlyElementsOf(SETTINGS.pathPrepend());
        assertThat(path.stream().filter(SETTINGS.pathPrepend()::contains)).hasSize(2);
    }
}
