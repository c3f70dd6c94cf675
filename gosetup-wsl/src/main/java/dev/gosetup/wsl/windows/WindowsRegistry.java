package dev.gosetup.wsl.windows;

import dev.gosetup.api.GoSetupException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of the Windows registry gosetup uses: string values of a key, read raw and written
 * with their type. Keys are written with their hive first, {@code HKCU\Environment} or
 * {@code HKLM\SYSTEM\...} ({@code HKEY_CURRENT_USER} and {@code HKEY_LOCAL_MACHINE} are accepted
 * too); value names are compared ignoring case, as the registry does, and keep the spelling they
 * were created with.
 *
 * <p>Reading never expands: a {@code REG_EXPAND_SZ} value {@code %USERPROFILE%\go\bin} is read
 * as exactly those characters (what {@code RegQueryValueEx} gives, or {@code RegGetValue} with
 * {@code RRF_NOEXPAND}). No length limit applies (unlike {@code setx}'s 1024 characters).
 *
 * <p>Two implementations: {@link JnaRegistry} (Advapi32/User32, Windows only) and
 * {@link InMemoryRegistry} (tests, and a dry run anywhere). Both pass {@code WindowsRegistryContract}.
 */
interface WindowsRegistry {

    /** The string value types gosetup reads and writes. */
    enum ValueType {
        /** A plain string. */
        REG_SZ,
        /** A string in which Windows expands {@code %NAME%} when it builds a process's environment. */
        REG_EXPAND_SZ
    }

    /**
     * A string value with its type.
     *
     * @param type its type
     * @param data its characters, unexpanded
     */
    record Value(ValueType type, String data) {
        /** @throws IllegalArgumentException when data holds a NUL (the registry would cut it there) */
        public Value {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
            if (data.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a registry string cannot hold a NUL character");
            }
        }
    }

    /**
     * Reads a value raw.
     *
     * @param key the key, hive first
     * @param name the value name (case ignored)
     * @return the value, empty when the key or value does not exist
     * @throws GoSetupException when the value exists but is not a string (e.g. {@code REG_DWORD}),
     *     or the key cannot be read
     */
    Optional<Value> read(String key, String name);

    /**
     * Writes a value, creating the key when missing; an existing value of another spelling of the
     * same name is replaced and keeps its spelling.
     *
     * @throws GoSetupException naming the key and value when it cannot be written (access denied)
     */
    void write(String key, String name, Value value);

    /**
     * Deletes a value; nothing happens when it does not exist.
     *
     * @throws GoSetupException naming the key and value when it cannot be deleted
     */
    void delete(String key, String name);

    /**
     * Lists the names of a key's values, as spelled in the registry.
     *
     * @return the names; empty when the key does not exist
     */
    List<String> valueNames(String key);

    /**
     * Tells whether this process may set values in the key (or create it, when missing), without
     * changing anything: false for {@code HKLM} keys in a process that is not elevated.
     */
    boolean canWrite(String key);

    /**
     * Tells running programs that the environment in the registry changed: {@code WM_SETTINGCHANGE}
     * with {@code "Environment"}, sent to every top-level window with {@code SMTO_ABORTIFHUNG} and a
     * 5 s timeout, so that Explorer gives new processes the new values. Processes already running
     * (open shells included) keep their old environment. Never throws: a failed broadcast is logged.
     */
    void broadcastEnvironmentChange();

    /** The hives gosetup uses. */
    enum Hive {
        HKCU, HKLM;

        /** Splits {@code key} into its hive and the rest. */
        static Hive of(String key) {
            String upper = key.toUpperCase(Locale.ROOT);
            if (upper.startsWith("HKCU\\") || upper.startsWith("HKEY_CURRENT_USER\\")) {
                return HKCU;
            }
            if (upper.startsWith("HKLM\\") || upper.startsWith("HKEY_LOCAL_MACHINE\\")) {
                return HKLM;
            }
            throw new IllegalArgumentException("\"" + key + "\" does not start with HKCU\\ or HKLM\\");
        }

        /** The key without its hive. */
        static String subKey(String key) {
            of(key);
            return key.substring(key.indexOf('\\') + 1);
        }
    }

    /**
     * The key and value name of a target written {@code KEY\NAME}, e.g. {@code HKCU\Environment\Path}.
     *
     * @return two strings: the key and the name
     */
    static String[] split(String target) {
        int cut = target.lastIndexOf('\\');
        if (cut <= 0 || cut == target.length() - 1) {
            throw new IllegalArgumentException("\"" + target + "\" is not KEY\\VALUE-NAME");
        }
        Hive.of(target);
        return new String[] {target.substring(0, cut), target.substring(cut + 1)};
    }
}
