package dev.gosetup.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named module-download configuration: the Go variables ({@code GOPROXY}, {@code GOSUMDB},
 * {@code GOPRIVATE}, {@code GONOSUMDB}, ...) that a preset such as {@code default}, {@code china},
 * {@code corporate} or {@code offline} sets.
 *
 * <p>The variables are exactly what would be written to Go's env file; a variable a preset leaves
 * out is one it does not care about. {@link #toSettings()} turns the preset into
 * {@link EnvironmentSettings} for an environment store.
 *
 * @param name the preset's name, lower-case, e.g. {@code "china"}
 * @param description one line for listings, e.g. {@code "goproxy.cn, then direct; sum.golang.google.cn"}
 * @param variables the variables it sets, sorted by name; only {@link #MODULE_VARIABLES}
 */
public record ProxyPreset(String name, String description, Map<String, String> variables) {

    /**
     * The variables a preset may set: the ones that decide where modules come from and how they
     * are checked, and the HTTP proxy variables the go command reads (which Go's env file cannot
     * hold; an environment store that can, such as a shell profile, gets those).
     */
    public static final Set<String> MODULE_VARIABLES = Set.of("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY",
            "GONOSUMDB", "GOINSECURE", "GO111MODULE", "GOFLAGS", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY");

    /**
     * Copies and validates the components.
     *
     * @throws IllegalArgumentException for a blank name or description, a variable outside
     *     {@link #MODULE_VARIABLES}, or a value with a NUL or a line break
     */
    public ProxyPreset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a preset name (lower-case words joined by -)");
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("the preset " + name + " needs a description");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        variables.forEach((k, v) -> {
            Objects.requireNonNull(k, "variable name");
            Objects.requireNonNull(v, () -> "value of " + k);
            if (!MODULE_VARIABLES.contains(k)) {
                throw new IllegalArgumentException("the preset " + name + " sets " + k
                        + ", which is not a module-download variable; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(MODULE_VARIABLES)));
            }
            copy.put(k, v);
        });
        variables = Collections.unmodifiableMap(copy);
        new EnvironmentSettings(variables, List.of()); // the same line rules as every stored setting
    }

    /**
     * Returns the preset as settings for an environment store (no {@code PATH} entries).
     *
     * @return the settings
     */
    public EnvironmentSettings toSettings() {
        return new EnvironmentSettings(variables, List.of());
    }
}
