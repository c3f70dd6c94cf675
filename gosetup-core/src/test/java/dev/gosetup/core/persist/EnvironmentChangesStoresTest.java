package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.journal.JournalEntry;
import dev.gosetup.testkit.Unwritable;
import dev.gosetup.core.internal.ManagedBlock;
import dev.gosetup.core.internal.ManagedBlockTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan, apply and rollback through all the built-in stores at once, on generated users' files. */
class EnvironmentChangesStoresTest {
    private static final List<String> ALL = List.of("go-env-file", "posix-profile", "fish", "environment-d");

    @TempDir
    Path tmp;

    private EnvironmentChanges changes(Path home, Map<String, String> env) {
        StoreContext context = new StoreContext(home, env, Platform.parse("linux-amd64"));
        return EnvironmentChanges.create(new ToolchainStore(tmp.resolve("gosetup")), context,
                List.of(new GoEnvFileStore(), new PosixProfileStore(), new FishStore(), new EnvironmentDStore()),
                Clock.systemUTC());
    }

    private static EnvironmentSettings settings(Random random) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GOPATH", "/opt/go path " + random.nextInt(100));
        vars.put("GOPROXY", "https://proxy.example.com,direct");
        vars.put("EDITOR", "vi '$x' \\ \"q\" " + random.nextInt(100));
        return new EnvironmentSettings(vars, List.of("/opt/gosetup/current/bin", "/opt/go path/bin"));
    }

    /**
     * 1,002 generated profile files (three per user: mixed line endings, byte order marks, no
     * final newline, invalid UTF-8), each applied to through the journal and rolled back: every
     * byte comes back, and the files gosetup created are gone again.
     */
    @Test
    void applyAndRollbackRestoreEveryByteOfAThousandGeneratedProfiles() throws Exception {
        Random random = new Random(20261203L);
        Path home = Files.createDirectories(tmp.resolve("home"));
        EnvironmentChanges changes = changes(home, Map.of("HOME", home.toString()));
        List<Path> profiles = List.of(home.resolve(".profile"), home.resolve(".bashrc"), home.resolve(".zshrc"));
        int files = 0;
        for (int round = 0; round < 334; round++) {
            byte[][] originals = new byte[profiles.size()][];
            for (int i = 0; i < profiles.size(); i++) {
                originals[i] = ManagedBlockTest.randomText(random, round % 40 == 0 ? 0 : random.nextInt(12));
                Files.write(profiles.get(i), originals[i]);
                files++;
            }
            EnvironmentPlan plan = changes.plan(settings(random), ALL);
            JournalEntry entry = changes.apply(plan, "test");
            assertThat(entry.changes()).hasSize(6); // go env file, three profiles, fish, environment.d
            for (Path p : profiles) {
                assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("round %d %s", round, p).contains("# >>> gosetup >>>");
            }
            assertThat(changes.rollback(false)).isPresent();
            for (int i = 0; i < profiles.size(); i++) {
                assertThat(Files.readAllBytes(profiles.get(i)))
                        .as("round %d %s was %s", round, profiles.get(i), HexFormat.of().formatHex(originals[i]))
                        .isEqualTo(originals[i]);
            }
            assertThat(home.resolve(".config/go/env")).doesNotExist();
            assertThat(home.resolve(".config/fish/conf.d/gosetup.fish")).doesNotExist();
            assertThat(home.resolve(".config/environment.d/50-gosetup.conf")).doesNotExist();
        }
        assertThat(files).isGreaterThanOrEqualTo(1000);
        assertThat(changes.history()).hasSize(334);
    }

    @Test
    void aFailureInTheMiddleOfApplyingLeavesEveryFileAsItWas() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        byte[] profile = "export A=1\r\n# no final newline".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bashrc = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '\n', (byte) 0xFF};
        Files.write(home.resolve(".profile"), profile);
        Files.write(home.resolve(".bashrc"), bashrc);
        Path fishDir = Files.createDirectories(home.resolve(".config/fish/conf.d"));
        EnvironmentChanges changes = changes(home, Map.of("HOME", home.toString()));
        EnvironmentPlan plan = changes.plan(settings(new Random(1)), ALL);
        // go-env-file and posix-profile are written before fish fails.
        assertThat(plan.changes()).extracting(c -> c.storeId())
                .containsExactly("go-env-file", "posix-profile", "posix-profile", "fish", "environment-d");
        try (Unwritable ignored = Unwritable.make(fishDir)) {
            assertThatThrownBy(() -> changes.apply(plan, "test")).isInstanceOf(GoSetupException.class)
                    .hasMessageContaining(fishDir.resolve("gosetup.fish").toString())
                    .hasMessageContaining("every target written before it was restored");
        }
        assertThat(Files.readAllBytes(home.resolve(".profile"))).isEqualTo(profile);
        assertThat(Files.readAllBytes(home.resolve(".bashrc"))).isEqualTo(bashrc);
        assertThat(home.resolve(".config/go/env")).doesNotExist();
        assertThat(fishDir.resolve("gosetup.fish")).doesNotExist();
        assertThat(home.resolve(".config/environment.d")).doesNotExist();
        assertThat(changes.history()).as("nothing applied, nothing journaled").isEmpty();
        try (var leftovers = Files.list(home)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".profile", ".bashrc",
                    ".config");
        }
    }

    @Test
    void everyStoreHoldsWhatWasAppliedToIt() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        EnvironmentChanges changes = changes(home, Map.of("HOME", home.toString()));
        StoreContext context = new StoreContext(home, Map.of("HOME", home.toString()), Platform.parse("linux-amd64"));
        for (String id : ALL) {
            assertThat(changes.store(id).held(context)).as(id).isEqualTo(EnvironmentSettings.NONE);
        }
        EnvironmentSettings settings = settings(new Random(3));
        changes.apply(changes.plan(settings, ALL), "test");
        // Go's env file holds the Go variables, and no PATH; the other stores hold the rest.
        EnvironmentSettings go = new EnvironmentSettings(Map.of("GOPATH", settings.variables().get("GOPATH"),
                "GOPROXY", settings.variables().get("GOPROXY")), List.of());
        EnvironmentSettings rest = new EnvironmentSettings(Map.of("EDITOR", settings.variables().get("EDITOR")),
                settings.pathPrepend());
        assertThat(changes.store("go-env-file").held(context)).isEqualTo(go);
        for (String id : List.of("posix-profile", "fish", "environment-d")) {
            assertThat(changes.store(id).held(context)).as(id).isEqualTo(rest);
        }
        // A key gosetup set and the user removed by hand is not held any more; the others are.
        Path env = home.resolve(".config/go/env");
        Files.writeString(env, Files.readString(env).replaceAll("(?m)^GOPATH=.*\n", ""));
        assertThat(changes.store("go-env-file").held(context)).isEqualTo(new EnvironmentSettings(
                Map.of("GOPROXY", settings.variables().get("GOPROXY")), List.of()));
        assertThatThrownBy(() -> changes.store("registry-of-mars")).isInstanceOf(dev.gosetup.api.NotFoundException.class)
                .hasMessageContaining("registry-of-mars").satisfies(e -> assertThat(
                        ((GoSetupException) e).resolutions().get(0)).contains("posix-profile"));
    }

    /** With several profiles, the block of the first one that has a block is what the store holds. */
    @Test
    void posixProfileHeldComesFromTheFirstProfileWithABlock() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        StoreContext context = new StoreContext(home, Map.of("HOME", home.toString(), "SHELL", "/bin/bash"),
                Platform.parse("linux-amd64"));
        PosixProfileStore store = new PosixProfileStore();
        EnvironmentSettings a = new EnvironmentSettings(Map.of("A", "1"), List.of("/a"));
        EnvironmentSettings b = new EnvironmentSettings(Map.of("B", "2"), List.of());
        for (var c : store.plan(a, context)) {
            store.write(c.target(), c.after(), context);
        }
        Path bashrc = home.resolve(".bashrc");
        Files.write(bashrc, ManagedBlock.parse(Files.readAllBytes(bashrc), "b").withLf(new PosixProfileStore().body(b, context)));
        assertThat(store.held(context)).isEqualTo(a);
        Files.write(home.resolve(".profile"), ManagedBlock.parse(Files.readAllBytes(home.resolve(".profile")), "p")
                .without());
        assertThat(store.held(context)).isEqualTo(b);
    }

    @Test
    void goVariablesGoToGoEnvFileAndTheRestToTheShells() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        EnvironmentChanges changes = changes(home, Map.of("HOME", home.toString()));
        changes.apply(changes.plan(settings(new Random(2)), List.of("go-env-file", "posix-profile")), "test");
        String profile = Files.readString(home.resolve(".profile"));
        assertThat(profile).contains("EDITOR").contains("/opt/gosetup/current/bin").doesNotContain("GOPATH")
                .doesNotContain("GOPROXY");
        assertThat(Files.readString(home.resolve(".config/go/env"))).contains("GOPATH=/opt/go path")
                .contains("GOPROXY=https://proxy.example.com,direct").doesNotContain("EDITOR");
        // Without Go's env file, the shells get the Go variables too.
        changes.rollback(false);
        changes.apply(changes.plan(settings(new Random(2)), List.of("posix-profile")), "test");
        assertThat(Files.readString(home.resolve(".profile"))).contains("GOPATH").contains("GOPROXY");
    }
}
