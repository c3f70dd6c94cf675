package dev.gosetup.wsl.windows;

import dev.gosetup.api.GoSetupException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry in memory with the real one's semantics for string values: keys and value names
 * compared ignoring case, a value keeping the spelling it was created with, values never expanded,
 * no length limit. Keys listed in {@link #denyWrites} refuse writes as a non-elevated process's
 * {@code HKLM} does. Counts broadcasts, for tests. Thread-safe.
 */
final class InMemoryRegistry implements WindowsRegistry {
    /** key (lower case) -> value name (lower case) -> spelling and value. */
    private final Map<String, Map<String, Map.Entry<String, Value>>> keys = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final AtomicInteger broadcasts = new AtomicInteger();

    /** Makes writes to every key under {@code prefix} fail with access denied. */
    InMemoryRegistry denyWrites(String prefix) {
        denied.add(prefix.toLowerCase(Locale.ROOT));
        return this;
    }

    /** How many times {@link #broadcastEnvironmentChange} ran. */
    int broadcasts() {
        return broadcasts.get();
    }

    @Override
    public synchronized Optional<Value> read(String key, String name) {
        Hive.of(key);
        Map<String, Map.Entry<String, Value>> values = keys.get(norm(key));
        return values == null ? Optional.empty()
                : Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT))).map(Map.Entry::getValue);
    }

    @Override
    public synchronized void write(String key, String name, Value value) {
        refuseDenied(key, name);
        Map<String, Map.Entry<String, Value>> values = keys.computeIfAbsent(norm(key), k -> new LinkedHashMap<>());
        String spelling = Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT))).map(Map.Entry::getKey).orElse(name);
        values.put(name.toLowerCase(Locale.ROOT), Map.entry(spelling, value));
    }

    @Override
    public synchronized void delete(String key, String name) {
        Map<String, Map.Entry<String, Value>> values = keys.get(norm(key));
        if (values != null && values.containsKey(name.toLowerCase(Locale.ROOT))) {
            refuseDenied(key, name);
            values.remove(name.toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public synchronized List<String> valueNames(String key) {
        Map<String, Map.Entry<String, Value>> values = keys.get(norm(key));
        List<String> out = new ArrayList<>();
        if (values != null) {
            values.values().forEach(e -> out.add(e.getKey()));
        }
        return List.copyOf(out);
    }

    @Override
    public boolean canWrite(String key) {
        return denied.stream().noneMatch(norm(key)::startsWith);
    }

    @Override
    public void broadcastEnvironmentChange() {
        broadcasts.incrementAndGet();
    }

    private void refuseDenied(String key, String name) {
        if (!canWrite(key)) {
            throw new GoSetupException("cannot write " + key + "\\" + name + ": access denied",
                    List.of("run the command from an elevated terminal (Run as administrator)"));
        }
    }

    private static String norm(String key) {
        Hive hive = Hive.of(key);
        return (hive + "\\" + Hive.subKey(key)).toLowerCase(Locale.ROOT);
    }
}
