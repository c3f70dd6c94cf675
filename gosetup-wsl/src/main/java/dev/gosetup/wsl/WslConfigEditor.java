package dev.gosetup.wsl;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.StoreChange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans edits of {@code wsl.conf} and {@code .wslconfig}: the least change that sets the given
 * keys, everything else in the file kept byte for byte (comments, blank lines, unknown keys, CRLF,
 * a byte order mark). Planning reads the file and writes nothing; the plan's {@link StoreChange}s
 * (store id {@value #STORE_ID}) are applied through gosetup's change journal, which also undoes them
 * exactly. Stateless and thread-safe.
 */
public final class WslConfigEditor {
    /** The id of the target store that writes plain files (gosetup-core's file target store). */
    public static final String STORE_ID = "file";

    private WslConfigEditor() {
    }

    /**
     * Plans setting keys in a WSL configuration file.
     *
     * <p>Every value is validated first (booleans, sizes such as {@code 4GB}, networking modes);
     * a section or key gosetup does not know is refused unless {@code force}, since WSL silently
     * ignores a misspelt key. Nothing is read before the settings are valid, nothing written ever.
     *
     * @param file the file, absolute; it need not exist (it is then created)
     * @param kind which WSL file it is, which decides the known keys
     * @param settings the settings, at least one
     * @param force whether unknown sections and keys are written anyway
     * @return the plan
     * @throws InvalidConfigurationException naming the setting when a value is invalid, a key is
     *     unknown and not forced, or a key is given twice
     * @throws GoSetupException naming the file when it cannot be read
     */
    public static ConfigPlan plan(Path file, WslConfigKind kind, List<ConfigSetting> settings, boolean force) {
        if (!file.isAbsolute()) {
            throw new InvalidConfigurationException("the file \"" + Text.escape(file.toString()) + "\" is not absolute",
                    List.of("give an absolute path, e.g. " + kind.location()));
        }
        if (settings.isEmpty()) {
            throw new InvalidConfigurationException("no setting given for " + file,
                    List.of("add --set SECTION.KEY=VALUE, e.g. --set interop.appendWindowsPath=false"));
        }
        List<String> unknownSet = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ConfigSetting s : settings) {
            String name = kind.canonicalSection(s.section()) + "." + kind.canonicalKey(s.section(), s.key());
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new InvalidConfigurationException(name + " is set twice", List.of("set each key once"));
            }
            kind.validate(s.section(), s.key(), s.value());
            if (!kind.isKnown(s.section(), s.key())) {
                unknownSet.add(name);
            }
        }
        if (!unknownSet.isEmpty() && !force) {
            throw new InvalidConfigurationException("unknown in " + kind.location() + ": " + String.join(", ", unknownSet)
                    + " (WSL ignores keys it does not know, so this is probably a typo)",
                    List.of("known keys: " + kind.knownKeys(), "or write it anyway with --force"));
        }
        Optional<byte[]> before = read(file);
        IniDocument doc = IniDocument.parse(before.orElse(new byte[0]));
        List<String> unknown = new ArrayList<>();
        for (IniDocument.Entry e : doc.entries()) {
            if (!kind.isKnown(e.section(), e.key())) {
                unknown.add((e.section().isEmpty() ? "" : e.section() + ".") + e.key() + " (line " + e.line() + ", kept)");
            }
        }
        List<String> changed = new ArrayList<>();
        for (ConfigSetting s : settings) {
            String section = kind.canonicalSection(s.section());
            String key = kind.canonicalKey(s.section(), s.key());
            if (doc.set(section, key, s.value())) {
                changed.add(section + "." + key + "=" + s.value());
            }
        }
        unknownSet.forEach(u -> unknown.add(u + " (set with --force)"));
        List<String> notes = new ArrayList<>();
        List<StoreChange> changes = new ArrayList<>();
        byte[] after = doc.toBytes();
        if (!changed.isEmpty() && !java.util.Arrays.equals(after, before.orElse(null))) {
            changes.add(new StoreChange(STORE_ID, file.toString(), (before.isPresent() ? "set " : "create with ")
                    + Text.escape(String.join(", ", changed)), before, Optional.of(after)));
            notes.add(kind == WslConfigKind.WSL_CONF
                    ? "WSL reads wsl.conf when the distribution starts: run `wsl.exe --shutdown` (or "
                            + "`wsl.exe --terminate <distro>`) from Windows, or close every shell of the distribution "
                            + "and wait about 8 seconds until `wsl.exe --list --running` no longer lists it"
                    : "WSL reads .wslconfig when its virtual machine starts: run `wsl.exe --shutdown` from Windows "
                            + "(it stops every distribution), or close every WSL shell and wait about 8 seconds "
                            + "until `wsl.exe --list --running` lists none");
        }
        return new ConfigPlan(file, kind, changes, unknown, notes);
    }

    /**
     * Lists what a WSL configuration file sets, one line per key in file order, for people:
     * {@code section.key = value}, with {@code (unknown to gosetup)} after keys outside
     * {@link WslConfigKind#knownKeys()}; values from the file are escaped.
     *
     * @param file the file
     * @param kind which WSL file it is
     * @return the lines; empty when the file does not exist or sets nothing
     * @throws GoSetupException naming the file when it cannot be read
     */
    public static List<String> describe(Path file, WslConfigKind kind) {
        List<String> out = new ArrayList<>();
        for (IniDocument.Entry e : IniDocument.parse(read(file).orElse(new byte[0])).entries()) {
            out.add(Text.escape((e.section().isEmpty() ? "" : e.section() + ".") + e.key() + " = " + e.value())
                    + (kind.isKnown(e.section(), e.key()) ? "" : "   (unknown to gosetup, line " + e.line() + ")"));
        }
        return out;
    }

    /**
     * Reads what a WSL configuration file sets, for detection and checks.
     *
     * @param content the file's bytes
     * @param section the section
     * @param key the key
     * @return the value, unquoted, the last one given; empty when not set
     */
    static Optional<String> value(byte[] content, String section, String key) {
        return IniDocument.parse(content).get(section, key);
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new GoSetupException("cannot read " + file + ": " + e.getMessage(),
                    List.of("check that the file is readable, or run as a user who can read it (sudo for /etc/wsl.conf)"), e);
        }
    }
}
