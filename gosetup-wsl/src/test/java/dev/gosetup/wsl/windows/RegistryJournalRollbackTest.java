package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.core.install.ToolchainStore;
import dev.gosetup.core.journal.ChangeJournal;
import dev.gosetup.core.journal.JournalEntry;
import dev.gosetup.wsl.windows.WindowsRegistry.Value;
import dev.gosetup.wsl.windows.WindowsRegistry.ValueType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry store through the real change journal (kept on disk under a temporary gosetup
 * home): {@code gosetup env apply} then {@code gosetup rollback} restores every value's type and
 * characters, and a write failing half-way leaves the registry as it was.
 */
class RegistryJournalRollbackTest extends WindowsRegistryStoreTest {
    @TempDir
    Path gosetupHome;

    ChangeJournal journal() {
        return ChangeJournal.create(new ToolchainStore(gosetupHome), context, List.of(store), Clock.systemUTC());
    }

    @Test
    void rollbackThroughTheJournalRestoresTypesAndValuesExactly() {
        registry.write(ENV, "GOPATH", new Value(ValueType.REG_SZ, "D:\\go"));
        Map<String, Value> original = snapshot();
        EnvironmentSettings settings = settings(Map.of("GOPATH", "%USERPROFILE%\\go", "GOTOOLCHAIN", "local"),
                CURRENT_BIN, GOBIN);
        JournalEntry entry = journal().apply("gosetup env apply", () -> store.plan(settings, context));
        assertThat(entry.changes()).extracting(JournalEntry.Change::target).contains(ENV + "\\GOPATH", ENV + "\\Path");
        assertThat(registry.read(ENV, "GOPATH")).contains(new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\go"));
        assertThat(journal().rollback(false)).isPresent();
        assertThat(snapshot()).isEqualTo(original);
        assertThat(journal().rollback(false)).isEmpty();
    }

    @Test
    void aPathEditedAfterApplyingIsNotOverwrittenWithoutForce() {
        journal().apply("gosetup env apply", () -> store.plan(settings(Map.of(), CURRENT_BIN), context));
        registry.write(ENV, "Path", new Value(ValueType.REG_EXPAND_SZ, path() + ";D:\\added-later"));
        assertThatThrownBy(() -> journal().rollback(false)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining(ENV + "\\Path");
        assertThat(path()).endsWith(";D:\\added-later");
        journal().rollback(true);
        assertThat(path()).isEqualTo(WINDOWS_APPS + ";");
    }

    @Test
    void aWriteFailingHalfWayLeavesTheRegistryAsItWas() {
        Map<String, Value> original = snapshot();
        List<StoreChange> plan = store.plan(settings(Map.of("GOPATH", "D:\\go"), CURRENT_BIN), context);
        registry.denyWrites("HKCU\\Software\\gosetup"); // the last change, gosetup's record, fails
        assertThatThrownBy(() -> journal().apply("gosetup env apply", plan)).isInstanceOf(GoSetupException.class)
                .hasMessageContaining("HKCU\\Software\\gosetup\\EnvironmentSettings");
        assertThat(snapshot()).isEqualTo(original);
    }
}
