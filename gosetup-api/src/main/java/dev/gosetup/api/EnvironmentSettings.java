package dev.gosetup.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an environment store is asked to persist: variables to set, and directories to put in
 * front of {@code PATH}. An empty value ({@link #NONE}) asks a store to remove everything gosetup
 * wrote there.
 *
 * <p>Paths are kept as strings because they may belong to another system than the one gosetup
 * runs on (a WSL distribution seen from Windows, a registry value).
 *
 * @param variables the variables to set, sorted by name; never {@code PATH}
 * @param pathPrepend directories to put in front of {@code PATH}, in order
 */
public record EnvironmentSettings(Map<String, String> variables, List<String> pathPrepend) {

    /** Settings that set nothing: applying them removes what gosetup had written. */
    public static final EnvironmentSettings NONE = new EnvironmentSettings(Map.of(), List.of());

    /**
     * Copies and validates the components.
     *
     * @throws IllegalArgumentException for a name that is empty, holds {@code =} or a NUL, or is
     *     {@code PATH}; for a value or directory with a NUL or a line break (no store could keep
     *     it on one line)
     */
    public EnvironmentSettings {
        Objects.requireNonNull(variables, "variables");
        TreeMap<String, String> copy = new TreeMap<>();
        variables.forEach((name, value) -> {
            Objects.requireNonNull(name, "variable name");
            Objects.requireNonNull(value, () -> "value of " + name);
            if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("\"" + name + "\" is not a variable name a shell accepts "
                        + "(letters, digits and _, not starting with a digit)");
            }
            if (name.equalsIgnoreCase("PATH")) {
                throw new IllegalArgumentException("PATH cannot be set outright; give the directories to put "
                        + "in front of it as pathPrepend");
            }
            checkLine(name, value);
            copy.put(name, value);
        });
        variables = Collections.unmodifiableMap(copy);
        pathPrepend = List.copyOf(pathPrepend);
        for (String dir : pathPrepend) {
            if (dir.isEmpty()) {
                throw new IllegalArgumentException("an empty directory cannot be put on PATH");
            }
            checkLine("a PATH entry", dir);
        }
    }

    /**
     * Tells whether these settings set nothing.
     *
     * @return true for {@link #NONE} and its equals
     */
    public boolean isEmpty() {
        return variables.isEmpty() && pathPrepend.isEmpty();
    }

    private static void checkLine(String what, String value) {
        if (value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the value of " + what + " (\"" + value.replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\0", "\\0") + "\") holds a NUL or a line break");
        }
    }
}
