package dev.gosetup.wsl;

import dev.gosetup.api.InvalidConfigurationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The two WSL configuration files and the sections and keys gosetup knows in each, with the
 * values each key accepts (from Microsoft's "Advanced settings configuration in WSL" page):
 * {@code /etc/wsl.conf} inside a distribution and {@code %UserProfile%\.wslconfig} on Windows.
 * A key outside these is not wrong for WSL (it ignores what it does not know, and new versions add
 * keys) but is probably a typo, so gosetup reports it and edits it only when forced.
 */
public enum WslConfigKind {
    /** {@code /etc/wsl.conf}: per-distribution settings, read when the distribution starts. */
    WSL_CONF("/etc/wsl.conf", Map.of(
            "automount", keys("enabled", Type.BOOLEAN, "mountFsTab", Type.BOOLEAN, "root", Type.LINUX_DIR,
                    "options", Type.TEXT, "ldconfig", Type.BOOLEAN),
            "network", keys("generateHosts", Type.BOOLEAN, "generateResolvConf", Type.BOOLEAN,
                    "hostname", Type.HOSTNAME),
            "interop", keys("enabled", Type.BOOLEAN, "appendWindowsPath", Type.BOOLEAN),
            "boot", keys("systemd", Type.BOOLEAN, "command", Type.TEXT, "protectBinfmt", Type.BOOLEAN),
            "user", keys("default", Type.USER),
            "gpu", keys("enabled", Type.BOOLEAN),
            "time", keys("useWindowsTimezone", Type.BOOLEAN))),
    /** {@code %UserProfile%\.wslconfig}: settings of the WSL 2 virtual machine, for every distribution. */
    WSLCONFIG("%UserProfile%\\.wslconfig", Map.of(
            "wsl2", keys("memory", Type.SIZE, "processors", Type.COUNT, "swap", Type.SIZE,
                    "swapFile", Type.TEXT, "localhostForwarding", Type.BOOLEAN,
                    "networkingMode", Type.NETWORKING_MODE, "dnsTunneling", Type.BOOLEAN, "autoProxy", Type.BOOLEAN,
                    "firewall", Type.BOOLEAN, "kernel", Type.TEXT, "kernelCommandLine", Type.TEXT,
                    "guiApplications", Type.BOOLEAN, "nestedVirtualization", Type.BOOLEAN,
                    "vmIdleTimeout", Type.COUNT, "pageReporting", Type.BOOLEAN, "defaultVhdSize", Type.SIZE),
            "experimental", keys("autoMemoryReclaim", Type.MEMORY_RECLAIM, "sparseVhd", Type.BOOLEAN,
                    "hostAddressLoopback", Type.BOOLEAN, "bestEffortDnsParsing", Type.BOOLEAN,
                    "ignoredPorts", Type.TEXT)));

    /** The kinds of values keys take, each with its check and a sentence for the error. */
    enum Type {
        BOOLEAN(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"), "true or false"),
        SIZE(Pattern.compile("(?i)\\d+\\s*(B|KB|MB|GB|TB|K|M|G|T)?").asMatchPredicate(),
                "a size such as 4GB, 512MB or 0"),
        COUNT(Pattern.compile("[1-9]\\d{0,8}|0").asMatchPredicate(), "a whole number such as 4"),
        NETWORKING_MODE(v -> List.of("nat", "mirrored", "virtioproxy", "none", "bridged")
                .contains(v.toLowerCase(Locale.ROOT)), "nat, mirrored, virtioproxy, none or bridged"),
        MEMORY_RECLAIM(v -> List.of("disabled", "gradual", "dropcache").contains(v.toLowerCase(Locale.ROOT)),
                "disabled, gradual or dropcache"),
        LINUX_DIR(v -> v.startsWith("/") && !v.contains(" "), "an absolute Linux directory such as /mnt/"),
        HOSTNAME(Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})").asMatchPredicate(),
                "a host name of letters, digits and '-' (at most 63)"),
        USER(Pattern.compile("[a-z_][a-z0-9_-]{0,31}").asMatchPredicate(), "a Linux user name such as me"),
        TEXT(v -> true, "any text");

        private final Predicate<String> valid;
        private final String accepted;

        Type(Predicate<String> valid, String accepted) {
            this.valid = valid;
            this.accepted = accepted;
        }
    }

    private final String location;
    private final Map<String, Map<String, Type>> schema;

    WslConfigKind(String location, Map<String, Map<String, Type>> schema) {
        this.location = location;
        this.schema = schema;
    }

    /**
     * Returns where the file lives, as a person would write it.
     *
     * @return {@code /etc/wsl.conf} or {@code %UserProfile%\.wslconfig}
     */
    public String location() {
        return location;
    }

    /**
     * Returns the sections gosetup knows, each with its keys, in a stable order.
     *
     * @return section name to key names
     */
    public Map<String, List<String>> knownKeys() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        schema.keySet().stream().sorted().forEach(s -> out.put(s, schema.get(s).keySet().stream().sorted().toList()));
        return out;
    }

    /**
     * Tells whether a section and key are known, ignoring case.
     *
     * @param section the section
     * @param key the key
     * @return true when known
     */
    public boolean isKnown(String section, String key) {
        return type(section, key).isPresent();
    }

    /**
     * Checks a value for a known key.
     *
     * @param section the section
     * @param key the key
     * @param value the value to write
     * @throws InvalidConfigurationException naming the key, the value and what it accepts
     */
    public void validate(String section, String key, String value) {
        if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || Character.isISOControl(c))) {
            throw new InvalidConfigurationException(section + "." + key + ": the value \"" + Text.escape(value)
                    + "\" has a line break or control character", List.of("write the value on one line"));
        }
        Optional<Type> type = type(section, key);
        if (type.isPresent() && !type.get().valid.test(value.strip())) {
            throw new InvalidConfigurationException(section + "." + key + " in " + location + ": \""
                    + Text.escape(value) + "\" is not " + type.get().accepted,
                    List.of("write " + section + "." + key + "=<" + type.get().accepted + ">"));
        }
    }

    /** Returns the canonical spelling of a known section, or the name as given. */
    String canonicalSection(String section) {
        return schema.keySet().stream().filter(s -> s.equalsIgnoreCase(section)).findFirst().orElse(section);
    }

    /** Returns the canonical spelling of a known key, or the name as given. */
    String canonicalKey(String section, String key) {
        return Optional.ofNullable(schema.get(canonicalSection(section)))
                .flatMap(keys -> keys.keySet().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()).orElse(key);
    }

    private Optional<Type> type(String section, String key) {
        return Optional.ofNullable(schema.get(canonicalSection(section)))
                .map(keys -> keys.get(canonicalKey(section, key)));
    }

    private static Map<String, Type> keys(Object... pairs) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Type) pairs[i + 1]);
        }
        return Map.copyOf(m);
    }
}
