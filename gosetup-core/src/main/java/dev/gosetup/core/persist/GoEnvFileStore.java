package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.AtomicFiles;
import dev.gosetup.core.internal.GoEnvFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps Go variables in Go's own env file, the one {@code go env -w} writes: every {@code go}
 * command, shell and IDE sees them. Id {@code go-env-file}.
 *
 * <p>It holds only what {@code go env -w} accepts (not {@code PATH}, {@code GOENV},
 * {@code GODEBUG} or unknown names: {@link #unsupported} lists them) and refuses values Go would
 * refuse. Which keys gosetup set is remembered in one comment line, {@code # gosetup: KEY ...},
 * which Go ignores; applying other settings later removes the keys gosetup set and no longer
 * wants, and {@link EnvironmentSettings#NONE} removes them all. Every other line keeps its bytes.
 *
 * <p>Note that a non-empty OS environment variable of the same name shadows the file.
 */
public final class GoEnvFileStore extends FileStore {
    private static final String MARKER = "# gosetup: ";
    /**
     * On the marker line: the user's file had no final newline before gosetup added its lines, so
     * removing them takes the newline gosetup added away again and the file is as it was.
     */
    private static final String NO_FINAL_NEWLINE = "(no-final-newline)";

    /** Creates the store; it does nothing until asked. */
    public GoEnvFileStore() {
    }

    @Override
    public String id() {
        return EnvironmentChanges.GO_ENV_FILE;
    }

    @Override
    public String describe(StoreContext context) {
        return location(context).map(p -> "Go's env file " + p)
                .orElse("Go's env file (disabled: GOENV=off or no config directory)");
    }

    @Override
    public List<String> unsupported(EnvironmentSettings settings) {
        List<String> out = new ArrayList<>(settings.variables().keySet().stream()
                .filter(k -> !GoEnvFile.isWritable(k)).toList());
        if (!settings.pathPrepend().isEmpty()) {
            out.add("PATH");
        }
        return out;
    }

    @Override
    public List<StoreChange> plan(EnvironmentSettings settings, StoreContext context) {
        Path file = location(context).orElseThrow(() -> new InvalidConfigurationException(
                "Go's env file is disabled for this user (GOENV=off, or no config directory)",
                List.of("unset GOENV, or choose another environment store")));
        Optional<byte[]> before = AtomicFiles.read(file);
        GoEnvFile current = GoEnvFile.parse(before.orElse(new byte[0]));
        TreeSet<String> owned = new TreeSet<>(ownedKeys(current));
        boolean noFinalNewline = markerTokens(current).contains(NO_FINAL_NEWLINE)
                || (markerTokens(current).isEmpty() && before.isPresent() && before.get().length > 0
                        && before.get()[before.get().length - 1] != '\n');
        TreeSet<String> wanted = new TreeSet<>();
        settings.variables().forEach((k, v) -> {
            if (GoEnvFile.isWritable(k)) {
                GoEnvFile.validate(k, v);
                wanted.add(k);
            }
        });
        GoEnvFile next = withoutMarker(current);
        for (String key : owned) {
            if (!wanted.contains(key)) {
                next = next.without(key);
            }
        }
        for (String key : wanted) {
            String value = settings.variables().get(key);
            if (!next.get(key).equals(Optional.of(value))) {
                next = next.with(key, value);
            }
        }
        if (!wanted.isEmpty()) {
            byte[] body = next.bytes();
            if (body.length > 0 && body[body.length - 1] != '\n') {
                body = concat(body, new byte[] {'\n'});
            }
            next = GoEnvFile.parse(concat(body, (MARKER + String.join(" ", wanted)
                    + (noFinalNewline ? " " + NO_FINAL_NEWLINE : "") + "\n").getBytes(StandardCharsets.UTF_8)));
        } else if (noFinalNewline) {
            byte[] body = next.bytes();
            if (body.length > 0 && body[body.length - 1] == '\n') {
                next = GoEnvFile.parse(Arrays.copyOf(body, body.length - 1));
            }
        }
        byte[] after = next.bytes();
        Optional<byte[]> afterContent = after.length == 0 && before.isEmpty() ? Optional.empty() : Optional.of(after);
        String summary = wanted.isEmpty() ? "remove the variables gosetup set (" + String.join(", ", owned) + ")"
                : "set " + String.join(", ", wanted);
        return change(file, summary, before, afterContent).map(List::of).orElse(List.of());
    }

    /**
     * Returns the variables gosetup set in the user's env file: the keys its
     * {@code # gosetup: KEY ...} marker line names, with their values in the file now. A named key
     * the file no longer sets (removed by hand, or by {@code go env -u}) is left out; so is a name
     * that is not a variable name, with a logged warning. Never {@code PATH}: this store cannot
     * hold it.
     *
     * @param context whose environment
     * @return the settings; {@link EnvironmentSettings#NONE} when the file is missing, disabled or
     *     holds none of gosetup's
     * @throws dev.gosetup.api.GoSetupException when the file exists but cannot be read
     */
    @Override
    public EnvironmentSettings held(StoreContext context) {
        java.util.Objects.requireNonNull(context, "context");
        Optional<Path> file = location(context);
        if (file.isEmpty()) {
            return EnvironmentSettings.NONE;
        }
        Optional<byte[]> content = AtomicFiles.read(file.get());
        if (content.isEmpty()) {
            return EnvironmentSettings.NONE;
        }
        GoEnvFile current = GoEnvFile.parse(content.get());
        java.util.Map<String, String> owned = new java.util.TreeMap<>();
        for (String key : ownedKeys(current)) {
            Optional<String> value = current.get(key);
            if (value.isEmpty()) {
                continue;
            }
            try {
                new EnvironmentSettings(java.util.Map.of(key, value.get()), List.of());
                owned.put(key, value.get());
            } catch (IllegalArgumentException e) {
                System.getLogger(GoEnvFileStore.class.getName()).log(System.Logger.Level.DEBUG,
                        "ignoring \"" + key + "\" on the \"" + MARKER.strip() + "\" line of " + file.get() + ": "
                                + e.getMessage());
            }
        }
        return new EnvironmentSettings(owned, List.of());
    }

    @Override
    protected List<Path> files(StoreContext context) {
        return location(context).map(List::of).orElse(List.of());
    }

    private static Optional<Path> location(StoreContext context) {
        return GoEnvFile.location(context.environment(), context.host().os(), context.home());
    }

    private static List<String> ownedKeys(GoEnvFile file) {
        List<String> keys = markerTokens(file);
        keys.remove(NO_FINAL_NEWLINE);
        return keys;
    }

    private static List<String> markerTokens(GoEnvFile file) {
        List<String> keys = new ArrayList<>();
        for (String line : new String(file.bytes(), StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith(MARKER)) {
                keys.addAll(Arrays.asList(line.substring(MARKER.length()).strip().split("\\s+")));
            }
        }
        keys.removeIf(String::isEmpty);
        return keys;
    }

    /** The file without gosetup's marker lines (the marker is rewritten at the end). */
    private static GoEnvFile withoutMarker(GoEnvFile file) {
        byte[] data = file.bytes();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i == data.length ? i : i + 1;
                byte[] line = Arrays.copyOfRange(data, start, end);
                if (!new String(line, StandardCharsets.UTF_8).startsWith(MARKER)) {
                    out.writeBytes(line);
                }
                start = end;
            }
        }
        return GoEnvFile.parse(out.toByteArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
