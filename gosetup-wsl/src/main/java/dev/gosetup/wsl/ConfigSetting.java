package dev.gosetup.wsl;

import dev.gosetup.api.InvalidConfigurationException;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting to write into a WSL configuration file: {@code [section] key = value}.
 *
 * @param section the section, without brackets
 * @param key the key
 * @param value the value as it is written in the file (quotes included if wanted)
 */
public record ConfigSetting(String section, String key, String value) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern FORM = Pattern.compile("([^.=\\s]+)\\.([^=\\s]+)=(.*)", Pattern.DOTALL);

    /**
     * Validates the components.
     *
     * @throws InvalidConfigurationException when a name is empty or has characters INI cannot hold
     */
    public ConfigSetting {
        Objects.requireNonNull(value, "value");
        for (String name : List.of(Objects.requireNonNull(section, "section"), Objects.requireNonNull(key, "key"))) {
            if (!NAME.matcher(name).matches()) {
                throw new InvalidConfigurationException("\"" + Text.escape(name) + "\" is not a section or key name",
                        List.of("use letters, digits, '_', '.' and '-', e.g. interop.appendWindowsPath=false"));
            }
        }
    }

    /**
     * Reads {@code SECTION.KEY=VALUE}, as given on the command line.
     *
     * @param text the text
     * @return the setting
     * @throws InvalidConfigurationException naming the text when it has another shape
     */
    public static ConfigSetting parse(String text) {
        Matcher m = FORM.matcher(Objects.requireNonNull(text, "text"));
        if (!m.matches()) {
            throw new InvalidConfigurationException("\"" + Text.escape(text) + "\" is not SECTION.KEY=VALUE",
                    List.of("write e.g. interop.appendWindowsPath=false or wsl2.memory=4GB"));
        }
        return new ConfigSetting(m.group(1), m.group(2), m.group(3).strip());
    }

    @Override
    public String toString() {
        return section + "." + key + "=" + value;
    }
}
