package dev.gosetup.wsl.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.wsl.windows.WindowsRegistry.Value;
import dev.gosetup.wsl.windows.WindowsRegistry.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The {@code windows-registry} store against the in-memory registry. The starting values are those
 * of a real Windows 11 user profile as {@code reg query HKCU\Environment} shows them: {@code Path}
 * is {@code REG_EXPAND_SZ} and ends in {@code ;} (so its last entry is empty), {@code TEMP} is
 * {@code REG_EXPAND_SZ}, {@code OneDrive} is {@code REG_SZ}.
 */
class WindowsRegistryStoreTest {
    static final Platform WINDOWS = new Platform("windows", "amd64");
    static final String ENV = WindowsRegistryStore.USER_ENVIRONMENT;
    static final String WINDOWS_APPS = "%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps";
    static final String CURRENT_BIN = "C:\\Users\\me\\AppData\\Local\\gosetup\\current\\bin";
    static final String GOBIN = "%USERPROFILE%\\go\\bin";

    final InMemoryRegistry registry = new InMemoryRegistry();
    final WindowsRegistryStore store = new WindowsRegistryStore(registry);
    final StoreContext context = new StoreContext(Path.of("/home/me"),
            Map.of("USERPROFILE", "C:\\Users\\me", "LOCALAPPDATA", "C:\\Users\\me\\AppData\\Local"), WINDOWS);

    WindowsRegistryStoreTest() {
        registry.write(ENV, "Path", new Value(ValueType.REG_EXPAND_SZ, WINDOWS_APPS + ";"));
        registry.write(ENV, "TEMP", new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\AppData\\Local\\Temp"));
        registry.write(ENV, "OneDrive", new Value(ValueType.REG_SZ, "C:\\Users\\me\\OneDrive"));
        registry.write("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "Path",
                new Value(ValueType.REG_EXPAND_SZ, "%SystemRoot%\\system32;%SystemRoot%;C:\\Program Files\\Go\\bin"));
    }

    static EnvironmentSettings settings(Map<String, String> vars, String... path) {
        return new EnvironmentSettings(vars, List.of(path));
    }

    void apply(List<StoreChange> changes) {
        for (StoreChange c : changes) {
            assertThat(c.isBefore(store.read(c.target(), context))).as("unchanged since planning: %s", c).isTrue();
            store.write(c.target(), c.after(), context);
            assertThat(c.isAfter(store.read(c.target(), context))).as("written: %s", c).isTrue();
        }
    }

    Map<String, Value> snapshot() {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String key : List.of(ENV, "HKCU\\Software\\gosetup", MachineRegistryStore.MACHINE_ENVIRONMENT)) {
            for (String n : registry.valueNames(key)) {
                out.put(key + "\\" + n, registry.read(key, n).orElseThrow());
            }
        }
        return out;
    }

    String path() {
        return registry.read(ENV, "Path").orElseThrow().data();
    }

    @Test
    void pathIsEditedAsAListKeepingEveryOtherEntryAndTheEmptyOne() {
        Map<String, Value> original = snapshot();
        apply(store.plan(settings(Map.of("GOBIN", GOBIN), CURRENT_BIN, GOBIN), context));
        assertThat(path()).isEqualTo(CURRENT_BIN + ";" + GOBIN + ";" + WINDOWS_APPS + ";");
        assertThat(registry.read(ENV, "Path").orElseThrow().type()).isEqualTo(ValueType.REG_EXPAND_SZ);
        assertThat(registry.valueNames(ENV)).contains("Path").doesNotContain("PATH");
        assertThat(store.plan(settings(Map.of("GOBIN", GOBIN), CURRENT_BIN, GOBIN), context)).isEmpty();

        // A person adds their own entries around gosetup's; switching GOBIN off removes only gosetup's.
        registry.write(ENV, "Path", new Value(ValueType.REG_EXPAND_SZ, "D:\\mine;" + path() + ";;E:\\Tools\\"));
        apply(store.plan(settings(Map.of(), CURRENT_BIN), context));
        assertThat(path()).isEqualTo("D:\\mine;" + CURRENT_BIN + ";" + WINDOWS_APPS + ";;;E:\\Tools\\");
        apply(store.plan(EnvironmentSettings.NONE, context));
        assertThat(path()).isEqualTo("D:\\mine;" + WINDOWS_APPS + ";;;E:\\Tools\\");
        registry.write(ENV, "Path", new Value(ValueType.REG_EXPAND_SZ, WINDOWS_APPS + ";"));
        assertThat(snapshot()).isEqualTo(original);
    }

    @Test
    void aDirectoryAlreadyOnPathInAnotherSpellingIsNotAddedAgain() {
        String spelled = "c:\\users\\ME\\appdata\\local\\gosetup\\CURRENT\\bin\\\\";
        registry.write(ENV, "PATH", new Value(ValueType.REG_SZ, spelled + ";C:\\Users\\me\\go\\bin\\"));
        List<StoreChange> changes = store.plan(settings(Map.of(), CURRENT_BIN, GOBIN), context);
        // Only the record changes: both directories are there (GOBIN once %USERPROFILE% is expanded).
        assertThat(changes).extracting(StoreChange::target).containsExactly("HKCU\\Software\\gosetup\\EnvironmentSettings");
        apply(changes);
        assertThat(path()).isEqualTo(spelled + ";C:\\Users\\me\\go\\bin\\");
        assertThat(registry.read(ENV, "Path").orElseThrow().type()).isEqualTo(ValueType.REG_SZ);
    }

    @Test
    void valuesStayRawAndExpandableWhereTheyReferToAVariable() {
        registry.write(ENV, "GOPATH", new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\old"));
        registry.write(ENV, "GOFLAGS", new Value(ValueType.REG_EXPAND_SZ, "-mod=mod"));
        apply(store.plan(settings(Map.of("GOPATH", "%USERPROFILE%\\go", "GOFLAGS", "-tags=100%", "GOPROXY",
                "https://proxy.golang.org,direct", "GOCACHE", "%LOCALAPPDATA%\\go-build"), CURRENT_BIN), context));
        assertThat(registry.read(ENV, "GOPATH")).contains(new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\go"));
        assertThat(registry.read(ENV, "GOCACHE")).contains(new Value(ValueType.REG_EXPAND_SZ, "%LOCALAPPDATA%\\go-build"));
        // An existing type is kept when the value refers to nothing; a new plain value is REG_SZ.
        assertThat(registry.read(ENV, "GOFLAGS")).contains(new Value(ValueType.REG_EXPAND_SZ, "-tags=100%"));
        assertThat(registry.read(ENV, "GOPROXY")).contains(new Value(ValueType.REG_SZ, "https://proxy.golang.org,direct"));
        assertThat(registry.read(ENV, "TEMP")).contains(new Value(ValueType.REG_EXPAND_SZ, "%USERPROFILE%\\AppData\\Local\\Temp"));
        // A PATH gaining a %VAR% entry becomes expandable, or the entry would never be found.
        registry.write(ENV, "Path", new Value(ValueType.REG_SZ, "C:\\bin"));
        apply(store.plan(settings(Map.of(), GOBIN), context));
        assertThat(registry.read(ENV, "Path")).contains(new Value(ValueType.REG_EXPAND_SZ, GOBIN + ";C:\\bin"));
    }

    @Test
    void aFiveThousandCharacterPathIsKeptWhole() {
        String longPath = IntStream.range(0, 100).mapToObj(i -> "C:\\Program Files\\Vendor " + i + "\\Some Tool\\bin")
                .collect(Collectors.joining(";"));
        longPath = longPath + ";" + "D:\\x".repeat((5000 - longPath.length()) / 4 + 1);
        assertThat(longPath.length()).isGreaterThan(5000);
        registry.write(ENV, "Path", new Value(ValueType.REG_EXPAND_SZ, longPath));
        apply(store.plan(settings(Map.of(), CURRENT_BIN), context));
        assertThat(path()).isEqualTo(CURRENT_BIN + ";" + longPath);
        apply(store.plan(EnvironmentSettings.NONE, context));
        assertThat(path()).isEqualTo(longPath);
    }

    @Test
    void theMachinePathIsNeverMergedIntoTheUserPath() {
        apply(store.plan(settings(Map.of(), CURRENT_BIN), context));
        assertThat(path()).doesNotContain("system32").doesNotContain("Program Files\\Go");
        assertThat(registry.read(MachineRegistryStore.MACHINE_ENVIRONMENT, "Path").orElseThrow().data())
                .isEqualTo("%SystemRoot%\\system32;%SystemRoot%;C:\\Program Files\\Go\\bin");
    }

    @Test
    void rollingBackWithTheBeforeContentRestoresTypesAndValuesExactly() {
        registry.write(ENV, "GOPATH", new Value(ValueType.REG_SZ, "D:\\go"));
        Map<String, Value> original = snapshot();
        List<StoreChange> changes = store.plan(settings(Map.of("GOPATH", "%USERPROFILE%\\go", "GOTOOLCHAIN", "local"),
                CURRENT_BIN, GOBIN), context);
        StoreChange gopath = changes.stream().filter(c -> c.target().equals(ENV + "\\GOPATH")).findFirst().orElseThrow();
        assertThat(new String(gopath.before().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("REG_SZ:D:\\go");
        assertThat(new String(gopath.after().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("REG_EXPAND_SZ:%USERPROFILE%\\go");
        apply(changes);
        assertThat(snapshot()).isNotEqualTo(original);
        List<StoreChange> undo = changes.stream().map(StoreChange::reversed).toList();
        apply(undo);
        assertThat(snapshot()).isEqualTo(original);
        assertThat(registry.read(ENV, "GOTOOLCHAIN")).isEmpty();
    }

    @Test
    void heldGivesBackWhatWasSetAndOnlyWhatTheRegistryStillHolds() {
        EnvironmentSettings s = settings(Map.of("GOPATH", "%USERPROFILE%\\go"), CURRENT_BIN, GOBIN);
        assertThat(store.held(context)).isEqualTo(EnvironmentSettings.NONE);
        apply(store.plan(s, context));
        assertThat(store.held(context)).isEqualTo(s);
        registry.write(ENV, "GOPATH", new Value(ValueType.REG_SZ, "D:\\edited"));
        assertThat(store.held(context)).isEqualTo(settings(Map.of(), CURRENT_BIN, GOBIN));
        registry.write("HKCU\\Software\\gosetup", "EnvironmentSettings", new Value(ValueType.REG_SZ, "# gosetup-settings: 1 !"));
        assertThat(store.held(context)).isEqualTo(EnvironmentSettings.NONE);
    }

    @Test
    void eachWriteOfTheEnvironmentIsBroadcast() {
        List<StoreChange> changes = store.plan(settings(Map.of("GOPATH", "D:\\go"), CURRENT_BIN), context);
        apply(changes);
        long environmentWrites = changes.stream().filter(c -> c.target().startsWith(ENV + "\\")).count();
        assertThat(environmentWrites).isEqualTo(2);
        assertThat(registry.broadcasts()).isEqualTo(2);
        assertThat(store.describe(context)).contains("HKCU\\Environment").contains("terminals already open do not");
    }

    @Test
    void theMachineScopeWithoutElevationSaysHowToElevateAndWritesNothing() {
        registry.denyWrites("HKLM\\");
        MachineRegistryStore machine = new MachineRegistryStore(registry);
        Map<String, Value> before = snapshot();
        assertThatThrownBy(() -> machine.plan(settings(Map.of("GOPATH", "D:\\go"), "C:\\Go\\bin"), context))
                .isInstanceOf(GoSetupException.class)
                .hasMessageContaining("elevated").hasMessageContaining("nothing was changed")
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions())
                        .anySatisfy(r -> assertThat(r).contains("Run as administrator"))
                        .anySatisfy(r -> assertThat(r).contains("--machine")));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(registry.broadcasts()).isZero();
    }

    @Test
    void theMachineScopeElevatedEditsTheMachinePath() {
        MachineRegistryStore machine = new MachineRegistryStore(registry);
        apply(machine.plan(settings(Map.of(), "C:\\gosetup\\current\\bin"), context), machine);
        assertThat(registry.read(MachineRegistryStore.MACHINE_ENVIRONMENT, "Path").orElseThrow().data())
                .isEqualTo("C:\\gosetup\\current\\bin;%SystemRoot%\\system32;%SystemRoot%;C:\\Program Files\\Go\\bin");
        assertThat(path()).isEqualTo(WINDOWS_APPS + ";");
    }

    void apply(List<StoreChange> changes, EnvironmentStore s) {
        changes.forEach(c -> s.write(c.target(), c.after(), context));
    }

    @Test
    void refusesForeignTargetsAndPathEntriesWithSemicolons() {
        assertThatThrownBy(() -> store.read("HKCU\\Software\\Other\\X", context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HKCU\\Software\\Other\\X");
        assertThatThrownBy(() -> store.plan(settings(Map.of(), "C:\\a;b"), context))
                .isInstanceOf(GoSetupException.class).hasMessageContaining("C:\\a;b");
        assertThat(store.appliesTo(WINDOWS)).isTrue();
        assertThat(store.appliesTo(new Platform("linux", "amd64"))).isFalse();
    }
}
