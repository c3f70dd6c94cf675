package dev.gosetup.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.internal.GoUserDirectories;
import dev.gosetup.core.journal.JournalEntry;
import dev.gosetup.core.process.ProcessResult;
import dev.gosetup.core.process.ProcessRunner;
import dev.gosetup.testkit.LocalGoroot;
import dev.gosetup.testkit.RealToolchains;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan, journal and rollback, through the go-env-file store and the real go command. */
class EnvironmentChangesTest {
    @TempDir
    Path tmp;

    Path home;
    Path envFile;
    StoreContext context;
    EnvironmentChanges changes;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        envFile = home.resolve(".config/go/env");
        // This user ran `go telemetry off`: the real go run below (newest included) leaves no detached
        // Go 1.23 telemetry child writing under home/.config while JUnit deletes tmp.
        GoUserDirectories.turnTelemetryOff(home.resolve(".config"));
        context = new StoreContext(home, Map.of("HOME", home.toString()), Platform.parse("linux-amd64"));
        changes = EnvironmentChanges.create(new ToolchainStore(tmp.resolve("gosetup")), context,
                List.of(new GoEnvFileStore()), Clock.systemUTC());
    }

    private static EnvironmentSettings settings(String... pairs) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return new EnvironmentSettings(vars, List.of());
    }

    @Test
    void storesAreFoundThroughServiceLoader() {
        assertThat(ProviderRegistry.load(EnvironmentStore.class).byId("go-env-file"))
                .hasValueSatisfying(s -> assertThat(s).isInstanceOf(GoEnvFileStore.class));
        assertThat(EnvironmentChanges.create(new ToolchainStore(tmp.resolve("g")), context).stores())
                .extracting(EnvironmentStore::id).contains("go-env-file");
    }

    @Test
    void applyThenTheRealGoSeesItThenRollbackRestoresEveryByte() throws Exception {
        byte[] original = "# mine\r\nGOSUMDB=off\r\nlower=1\nGOPRIVATE=old.example.com".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(envFile.getParent());
        Files.write(envFile, original);

        EnvironmentPlan plan = changes.plan(settings("GOPATH", "/opt/go path", "GOPRIVATE", "*.corp.example.com",
                "GOPROXY", "https://proxy.example.com,direct"), List.of("go-env-file"));
        assertThat(plan.changes()).hasSize(1);
        assertThat(plan.describe()).anySatisfy(l -> assertThat(l).contains(envFile.toString())
                .contains("set GOPATH, GOPRIVATE, GOPROXY"));
        assertThat(Files.readAllBytes(envFile)).as("planning changes nothing").isEqualTo(original);

        JournalEntry entry = changes.apply(plan, "test");
        assertThat(entry.state()).isEqualTo(JournalEntry.State.APPLIED);
        for (LocalGoroot go : RealToolchains.require(1)) {
            assertThat(goEnv(go, "GOPATH", "GOPRIVATE", "GOPROXY", "GOSUMDB"))
                    .containsExactly("/opt/go path", "*.corp.example.com", "https://proxy.example.com,direct", "off");
        }
        String text = Files.readString(envFile);
        assertThat(text).startsWith("# mine\r\nGOSUMDB=off\r\nlower=1\n").contains("# gosetup: GOPATH GOPRIVATE GOPROXY");

        assertThat(changes.plan(settings("GOPATH", "/opt/go path", "GOPRIVATE", "*.corp.example.com",
                "GOPROXY", "https://proxy.example.com,direct"), List.of("go-env-file")).isEmpty())
                .as("applying twice changes nothing").isTrue();

        assertThat(changes.rollback(false)).hasValueSatisfying(e -> {
            assertThat(e.id()).isEqualTo(entry.id());
            assertThat(e.state()).isEqualTo(JournalEntry.State.ROLLED_BACK);
        });
        assertThat(Files.readAllBytes(envFile)).isEqualTo(original);
        assertThat(changes.rollback(false)).as("nothing left to roll back").isEmpty();
    }

    /** A library caller forcing a read-only env file (the CLI's --force) without going through journal(). */
    @Test
    void aReadOnlyEnvFileIsRefusedUnlessRewritingReadOnlyIsAskedForAndRollbackRestoresItsMode() throws Exception {
        byte[] original = "# mine\nGOPRIVATE=old.example.com\n".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(envFile.getParent());
        Files.write(envFile, original);
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("r--r-----"));
        EnvironmentSettings gopath = settings("GOPATH", "/opt/gopath");

        assertThatThrownBy(() -> changes.apply(gopath, List.of("go-env-file"), "test"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(envFile.toString());
        assertThatThrownBy(() -> changes.apply(changes.plan(gopath, List.of("go-env-file")), "test", false))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(envFile.toString());
        assertThat(Files.readAllBytes(envFile)).isEqualTo(original);
        assertThat(changes.history()).isEmpty();

        JournalEntry entry = changes.apply(gopath, List.of("go-env-file"), "test --force", true);
        assertThat(entry.state()).isEqualTo(JournalEntry.State.APPLIED);
        assertThat(Files.readString(envFile)).startsWith("# mine\nGOPRIVATE=old.example.com\n").contains("GOPATH=/opt/gopath");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("r--r-----");

        assertThat(changes.rollback(false)).isPresent();
        assertThat(Files.readAllBytes(envFile)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("r--r-----");

        JournalEntry again = changes.apply(changes.plan(gopath, List.of("go-env-file")), "test --force", true);
        assertThat(again.changes()).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("r--r-----");
    }

    @Test
    void rollbackOfAFileThatDidNotExistDeletesIt() {
        changes.apply(changes.plan(settings("GOTOOLCHAIN", "local"), List.of("go-env-file")), "test");
        assertThat(envFile).hasContent("GOTOOLCHAIN=local\n# gosetup: GOTOOLCHAIN\n");
        changes.rollback(false);
        assertThat(envFile).doesNotExist();
    }

    @Test
    void laterSettingsRemoveWhatGosetupSetAndNoLongerWantsButKeepTheUsersKeys() throws Exception {
        Files.createDirectories(envFile.getParent());
        Files.writeString(envFile, "GOSUMDB=off\n");
        changes.apply(changes.plan(settings("GOPATH", "/a", "GOBIN", "/a/bin"), List.of("go-env-file")), "test");
        changes.apply(changes.plan(settings("GOPATH", "/b"), List.of("go-env-file")), "test");
        assertThat(envFile).hasContent("GOSUMDB=off\nGOPATH=/b\n# gosetup: GOPATH\n");
        changes.apply(changes.plan(EnvironmentSettings.NONE, List.of("go-env-file")), "test");
        assertThat(envFile).hasContent("GOSUMDB=off\n");
        // three entries, rolled back newest first, each exactly
        changes.rollback(false);
        assertThat(envFile).hasContent("GOSUMDB=off\nGOPATH=/b\n# gosetup: GOPATH\n");
        changes.rollback(false);
        changes.rollback(false);
        assertThat(envFile).hasContent("GOSUMDB=off\n");
        assertThat(changes.history()).hasSize(3).allSatisfy(e -> assertThat(e.state())
                .isEqualTo(JournalEntry.State.ROLLED_BACK));
    }

    @Test
    void rollbackRefusesToLoseEditsMadeAfterwardsUnlessForced() throws Exception {
        changes.apply(changes.plan(settings("GOPATH", "/a"), List.of("go-env-file")), "test");
        Files.writeString(envFile, "GOPATH=/a\n# gosetup: GOPATH\nGOFLAGS=-mod=mod\n");
        assertThatThrownBy(() -> changes.rollback(false)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(envFile.toString()).hasMessageContaining("edited after")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions()).anySatisfy(r ->
                        assertThat(r).contains("--force")));
        assertThat(envFile).hasContent("GOPATH=/a\n# gosetup: GOPATH\nGOFLAGS=-mod=mod\n");
        assertThat(changes.rollback(true)).isPresent();
        assertThat(envFile).doesNotExist();
    }

    @Test
    void applyRefusesAPlanWhoseTargetChangedSince() throws Exception {
        EnvironmentPlan plan = changes.plan(settings("GOPATH", "/a"), List.of("go-env-file"));
        Files.createDirectories(envFile.getParent());
        Files.writeString(envFile, "GOFLAGS=-x\n");
        assertThatThrownBy(() -> changes.apply(plan, "test")).hasMessageContaining(envFile.toString())
                .hasMessageContaining("changed after the plan");
        assertThat(envFile).hasContent("GOFLAGS=-x\n");
        assertThat(changes.history()).isEmpty();
    }

    @Test
    void anInterruptedApplyIsCompletedByRollback() throws Exception {
        // What a process killed between its journal entry and its last write leaves behind.
        EnvironmentPlan plan = changes.plan(settings("GOPATH", "/a"), List.of("go-env-file"));
        JournalEntry applied = changes.apply(plan, "test");
        Path entryFile = tmp.resolve("gosetup/journal/" + applied.id() + ".json");
        Files.writeString(entryFile, Files.readString(entryFile).replace("\"APPLIED\"", "\"APPLYING\""));
        assertThat(changes.history().get(0).state()).isEqualTo(JournalEntry.State.APPLYING);
        assertThat(changes.rollback(false)).isPresent();
        assertThat(envFile).doesNotExist();
    }

    @Test
    void theJournalIsOwnerOnly() throws Exception {
        JournalEntry entry = changes.apply(changes.plan(settings("GOPATH", "/a"), List.of("go-env-file")), "test");
        Path dir = tmp.resolve("gosetup/journal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(entry.id() + ".json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDamagedJournalEntryIsNamed() throws Exception {
        changes.apply(changes.plan(settings("GOPATH", "/a"), List.of("go-env-file")), "test");
        Path entry = Files.list(tmp.resolve("gosetup/journal")).filter(p -> p.toString().endsWith(".json"))
                .findFirst().orElseThrow();
        Files.writeString(entry, "{\"id\": \"x\"");
        assertThatThrownBy(() -> changes.rollback(false)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(entry.toString()).hasMessageContaining("damaged");
    }

    @Test
    void badChoicesOfStoresAndSettingsAreNamed() {
        assertThatThrownBy(() -> changes.plan(settings("GOPATH", "/a"), List.of("nope")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("\"nope\"")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions().get(0)).contains("go-env-file"));
        assertThatThrownBy(() -> changes.plan(settings("GOPATH", "/a"), List.of()))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> changes.plan(settings("GOPATH", "/a"), List.of("go-env-file", "go-env-file")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> changes.plan(settings("GOPATH", "~/go"), List.of("go-env-file")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("GOPATH");
        assertThatThrownBy(() -> changes.plan(settings("GO111MODULE", "maybe"), List.of("go-env-file")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("GO111MODULE");
    }

    @Test
    void whatGoEnvFileCannotHoldIsReportedAsLeftOut() {
        EnvironmentPlan plan = changes.plan(new EnvironmentSettings(Map.of("GOPATH", "/a", "GODEBUG", "x=1",
                "EDITOR", "vi"), List.of("/go/bin")), List.of("go-env-file"));
        assertThat(plan.leftOut()).containsEntry("go-env-file", List.of("EDITOR", "GODEBUG", "PATH"));
        assertThat(plan.describe()).anySatisfy(l -> assertThat(l).contains("cannot hold EDITOR, GODEBUG, PATH"));
    }

    @Test
    void goenvOffDisablesTheStore() {
        StoreContext off = new StoreContext(home, Map.of("GOENV", "off"), Platform.parse("linux-amd64"));
        EnvironmentChanges c = EnvironmentChanges.create(new ToolchainStore(tmp.resolve("gosetup")), off,
                List.of(new GoEnvFileStore()), Clock.systemUTC());
        assertThatThrownBy(() -> c.plan(settings("GOPATH", "/a"), List.of("go-env-file")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("GOENV=off");
        assertThat(new GoEnvFileStore().describe(off)).contains("disabled");
    }

    private List<String> goEnv(LocalGoroot go, String... names) {
        List<String> cmd = new ArrayList<>(List.of(go.goBinary().toString(), "env"));
        cmd.addAll(List.of(names));
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        env.put("HOME", Optional.of(home.toString()));
        env.put("XDG_CONFIG_HOME", Optional.empty());
        env.put("GOENV", Optional.empty());
        env.put("GOCACHE", Optional.of(tmp.resolve("gocache").toString()));
        env.put("GOTOOLCHAIN", Optional.of("local"));
        for (String n : names) {
            env.put(n, Optional.empty());
        }
        ProcessResult result = ProcessRunner.run(cmd, tmp, env, Duration.ofSeconds(60), new CancellationToken());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().lines().toList();
    }
}
