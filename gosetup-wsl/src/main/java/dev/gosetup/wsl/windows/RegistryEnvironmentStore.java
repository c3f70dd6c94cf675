package dev.gosetup.wsl.windows;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.HeldSettings;
import dev.gosetup.wsl.windows.WindowsRegistry.Value;
import dev.gosetup.wsl.windows.WindowsRegistry.ValueType;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the user and machine registry stores share. See {@link WindowsRegistryStore} for the contract.
 *
 * <p>A target is one registry value, {@code KEY\NAME}, e.g. {@code HKCU\Environment\Path}. Its
 * content is the UTF-8 text {@code TYPE:DATA}, e.g. {@code REG_EXPAND_SZ:%USERPROFILE%\go\bin},
 * and an absent value is no content: so the journal's before and after hold the exact type and
 * characters, and rollback writes both back.
 */
abstract class RegistryEnvironmentStore implements EnvironmentStore {
    private static final System.Logger LOG = System.getLogger(RegistryEnvironmentStore.class.getName());
    /** The value that remembers what gosetup wrote ({@link HeldSettings#line}), beside the environment. */
    static final String RECORD = "EnvironmentSettings";

    private final WindowsRegistry registry;
    private final String environmentKey;
    private final String recordKey;
    private final String scope;

    RegistryEnvironmentStore(WindowsRegistry registry, String environmentKey, String recordKey, String scope) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.environmentKey = environmentKey;
        this.recordKey = recordKey;
        this.scope = scope;
    }

    /** @return true on Windows only */
    @Override
    public final boolean appliesTo(Platform host) {
        return host.isWindows();
    }

    @Override
    public final String describe(StoreContext context) {
        return "the " + scope + " environment in the registry (" + environmentKey + "); new terminals see changes,"
                + " terminals already open do not";
    }

    @Override
    public final List<StoreChange> plan(EnvironmentSettings settings, StoreContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        for (String dir : settings.pathPrepend()) {
            if (dir.indexOf(';') >= 0) {
                throw new InvalidConfigurationException("the PATH entry \"" + dir + "\" holds ';', which separates PATH"
                        + " entries on Windows", List.of("Move the directory to a path without ';'."));
            }
        }
        refuseUnlessWritable();
        EnvironmentSettings previous = recorded().orElse(EnvironmentSettings.NONE);
        List<StoreChange> changes = new ArrayList<>();
        Map<String, String> existingNames = new LinkedHashMap<>();
        for (String n : registry.valueNames(environmentKey)) {
            existingNames.put(n.toUpperCase(Locale.ROOT), n);
        }
        for (Map.Entry<String, String> e : settings.variables().entrySet()) {
            String name = existingNames.getOrDefault(e.getKey().toUpperCase(Locale.ROOT), e.getKey());
            Optional<Value> before = registry.read(environmentKey, name);
            Value after = new Value(typeFor(e.getValue(), before), e.getValue());
            change(environmentKey, name, "set " + name + " (" + after.type() + ")", before, Optional.of(after))
                    .ifPresent(changes::add);
        }
        for (String old : previous.variables().keySet()) {
            if (settings.variables().keySet().stream().noneMatch(old::equalsIgnoreCase)) {
                String name = existingNames.getOrDefault(old.toUpperCase(Locale.ROOT), old);
                change(environmentKey, name, "remove " + name, registry.read(environmentKey, name), Optional.empty())
                        .ifPresent(changes::add);
            }
        }
        planPath(settings, previous, context).ifPresent(changes::add);
        Optional<Value> recordBefore = registry.read(recordKey, RECORD);
        Optional<Value> recordAfter = settings.isEmpty() ? Optional.empty()
                : Optional.of(new Value(ValueType.REG_SZ, HeldSettings.line(settings)));
        change(recordKey, RECORD, settings.isEmpty() ? "forget what gosetup set" : "remember what gosetup set",
                recordBefore, recordAfter).ifPresent(changes::add);
        return List.copyOf(changes);
    }

    private Optional<StoreChange> planPath(EnvironmentSettings settings, EnvironmentSettings previous, StoreContext context) {
        String name = registry.valueNames(environmentKey).stream().filter("PATH"::equalsIgnoreCase).findFirst()
                .orElse("Path");
        Optional<Value> before = registry.read(environmentKey, name);
        List<String> entries = new ArrayList<>(before.map(v -> v.data().isEmpty() ? List.<String>of()
                : Arrays.asList(v.data().split(";", -1))).orElse(List.of()));
        Map<String, String> env = context.environment();
        Set<String> wanted = new HashSet<>();
        settings.pathPrepend().forEach(d -> wanted.add(WindowsPaths.sameDirectoryKey(d, env)));
        Set<String> owned = new HashSet<>();
        previous.pathPrepend().forEach(d -> owned.add(WindowsPaths.sameDirectoryKey(d, env)));
        List<String> removed = new ArrayList<>();
        entries.removeIf(e -> {
            String k = WindowsPaths.sameDirectoryKey(e, env);
            boolean drop = !e.isEmpty() && owned.contains(k) && !wanted.contains(k);
            if (drop) {
                removed.add(e);
            }
            return drop;
        });
        Set<String> present = new HashSet<>();
        entries.forEach(e -> present.add(WindowsPaths.sameDirectoryKey(e, env)));
        List<String> added = new ArrayList<>();
        for (String dir : settings.pathPrepend()) {
            if (present.add(WindowsPaths.sameDirectoryKey(dir, env))) {
                added.add(dir);
            }
        }
        entries.addAll(0, added);
        if (added.isEmpty() && removed.isEmpty()) {
            return Optional.empty();
        }
        String data = String.join(";", entries);
        Optional<Value> after = data.isEmpty() ? Optional.empty()
                : Optional.of(new Value(typeFor(data, before), data));
        String summary = (added.isEmpty() ? "" : "add " + String.join(", ", added) + " to")
                + (added.isEmpty() || removed.isEmpty() ? "" : " and ")
                + (removed.isEmpty() ? "" : "remove " + String.join(", ", removed) + " from")
                + " the " + scope + " " + name + " (" + entries.size() + " entries, others kept as they are)";
        return change(environmentKey, name, summary, before, after);
    }

    /** REG_EXPAND_SZ when the value refers to a variable; else the type the value has now; else REG_SZ. */
    private static ValueType typeFor(String data, Optional<Value> before) {
        if (WindowsPaths.hasReference(data)) {
            return ValueType.REG_EXPAND_SZ;
        }
        return before.map(Value::type).orElse(ValueType.REG_SZ);
    }

    private Optional<StoreChange> change(String key, String name, String summary, Optional<Value> before,
            Optional<Value> after) {
        if (before.equals(after)) {
            return Optional.empty();
        }
        return Optional.of(new StoreChange(id(), key + "\\" + name, summary, before.map(RegistryEnvironmentStore::encode),
                after.map(RegistryEnvironmentStore::encode)));
    }

    private void refuseUnlessWritable() {
        for (String key : List.of(environmentKey, recordKey)) {
            if (!registry.canWrite(key)) {
                throw new GoSetupException("cannot change " + key + ": changing the " + scope + " environment needs an"
                        + " elevated (administrator) process; nothing was changed",
                        List.of("Open an elevated terminal (Start-Process pwsh -Verb RunAs, or right-click Windows"
                                        + " Terminal > Run as administrator) and run the same command there.",
                                "Or leave out --machine to change only your user environment (HKCU\\Environment),"
                                        + " which needs no elevation."));
            }
        }
    }

    @Override
    public final EnvironmentSettings held(StoreContext context) {
        Objects.requireNonNull(context, "context");
        Optional<EnvironmentSettings> recorded = recorded();
        if (recorded.isEmpty()) {
            return EnvironmentSettings.NONE;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        recorded.get().variables().forEach((name, value) -> {
            if (registry.read(environmentKey, name).map(Value::data).filter(value::equals).isPresent()) {
                variables.put(name, value);
            } else {
                LOG.log(Level.WARNING, () -> environmentKey + "\\" + name + " no longer holds what gosetup set");
            }
        });
        Set<String> onPath = new HashSet<>();
        registry.valueNames(environmentKey).stream().filter("PATH"::equalsIgnoreCase).findFirst()
                .flatMap(n -> registry.read(environmentKey, n))
                .ifPresent(v -> Arrays.stream(v.data().split(";", -1))
                        .forEach(e -> onPath.add(WindowsPaths.sameDirectoryKey(e, context.environment()))));
        List<String> path = recorded.get().pathPrepend().stream()
                .filter(d -> onPath.contains(WindowsPaths.sameDirectoryKey(d, context.environment()))).toList();
        return new EnvironmentSettings(variables, path);
    }

    private Optional<EnvironmentSettings> recorded() {
        Optional<Value> record = registry.read(recordKey, RECORD);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        Optional<EnvironmentSettings> parsed = HeldSettings.parse(record.get().data());
        if (parsed.isEmpty()) {
            LOG.log(Level.WARNING, () -> recordKey + "\\" + RECORD + " is damaged; gosetup takes no PATH entry or"
                    + " variable for its own");
        }
        return parsed;
    }

    @Override
    public final Optional<byte[]> read(String target, StoreContext context) {
        String[] kn = own(target);
        return registry.read(kn[0], kn[1]).map(RegistryEnvironmentStore::encode);
    }

    @Override
    public final void write(String target, Optional<byte[]> content, StoreContext context) {
        Objects.requireNonNull(content, "content");
        String[] kn = own(target);
        if (content.isPresent()) {
            registry.write(kn[0], kn[1], decode(content.get(), target));
        } else {
            registry.delete(kn[0], kn[1]);
        }
        if (kn[0].equalsIgnoreCase(environmentKey)) {
            registry.broadcastEnvironmentChange();
        }
    }

    private String[] own(String target) {
        Objects.requireNonNull(target, "target");
        String[] kn = WindowsRegistry.split(target);
        if (!kn[0].equalsIgnoreCase(environmentKey) && !kn[0].equalsIgnoreCase(recordKey)) {
            throw new IllegalArgumentException("\"" + target + "\" is not a value of the " + id() + " store (its keys: "
                    + environmentKey + ", " + recordKey + ")");
        }
        return kn;
    }

    /** {@code TYPE:DATA} in UTF-8. */
    static byte[] encode(Value value) {
        return (value.type() + ":" + value.data()).getBytes(StandardCharsets.UTF_8);
    }

    static Value decode(byte[] content, String target) {
        String text = new String(content, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        try {
            return new Value(ValueType.valueOf(colon < 0 ? text : text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new GoSetupException("the recorded content of " + target + " is not TYPE:DATA with a string type",
                    List.of("The journal entry is damaged; set the value by hand with the System Properties dialog."), e);
        }
    }
}
