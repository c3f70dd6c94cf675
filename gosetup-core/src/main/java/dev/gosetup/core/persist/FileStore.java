package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.AtomicFiles;
import dev.gosetup.core.internal.HeldSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the file-based stores share: their targets are absolute file paths, read and replaced
 * through {@link AtomicFiles} (byte for byte, atomically, through symbolic links, keeping
 * permissions; a new file gets {@code 0644}); a read-only file is reported by {@link #readOnly} and
 * written only through {@link #writeReadOnly}, which keeps it read-only.
 */
public abstract class FileStore implements EnvironmentStore {
    /** Permissions of a file the store creates: what a shell profile usually has. */
    static final String NEW_FILE_PERMISSIONS = "rw-r--r--";

    /**
     * Every file this store may plan a change for, for the given user, whether it exists or not.
     *
     * @param context whose environment
     * @return absolute paths
     */
    protected abstract List<Path> files(StoreContext context);

    @Override
    public final Optional<byte[]> read(String target, StoreContext context) {
        return AtomicFiles.read(file(target, context));
    }

    @Override
    public final void write(String target, Optional<byte[]> content, StoreContext context) {
        Objects.requireNonNull(content, "content");
        AtomicFiles.replace(file(target, context), content, NEW_FILE_PERMISSIONS);
    }

    @Override
    public final Optional<String> readOnly(String target, StoreContext context) {
        return AtomicFiles.readOnly(file(target, context));
    }

    @Override
    public final void writeReadOnly(String target, Optional<byte[]> content, String permissions, StoreContext context) {
        Objects.requireNonNull(content, "content");
        AtomicFiles.replaceReadOnly(file(target, context), content, permissions);
    }

    /** The change of {@code file} from {@code before} to {@code after}, or none when they are equal. */
    protected final Optional<StoreChange> change(Path file, String summary, Optional<byte[]> before, Optional<byte[]> after) {
        if (Arrays.equals(before.orElse(null), after.orElse(null))) {
            return Optional.empty();
        }
        return Optional.of(new StoreChange(id(), file.toString(), summary, before, after));
    }

    /**
     * Plans a file gosetup owns whole: written with what {@code content} renders, deleted for
     * {@link EnvironmentSettings#NONE}.
     *
     * @param file the file
     * @param what what the file is, for the summary, e.g. "gosetup's fish configuration"
     * @param settings what to persist
     * @param content renders the file's text; may refuse settings it cannot express
     * @return one change, or none when the file already holds exactly this
     */
    final List<StoreChange> planOwnedFile(Path file, String what, EnvironmentSettings settings,
            Function<EnvironmentSettings, String> content) {
        Optional<byte[]> before = AtomicFiles.read(file);
        if (settings.isEmpty()) {
            return change(file, "delete " + what, before, Optional.empty()).stream().toList();
        }
        byte[] after = content.apply(settings).getBytes(StandardCharsets.UTF_8);
        String summary = (before.isPresent() ? "rewrite " : "create ") + what + " ("
                + (settings.variables().size() + settings.pathPrepend().size()) + " settings)";
        return change(file, summary, before, Optional.of(after)).stream().toList();
    }

    /**
     * Reads back the settings a file planned by {@link #planOwnedFile} was rendered from.
     *
     * @param file the file
     * @param content the same rendering {@link #planOwnedFile} was given; it must embed
     *     {@link HeldSettings#line}
     * @return the settings; {@link EnvironmentSettings#NONE} when the file does not exist, or (with
     *     a logged warning) when it does not hold exactly what {@code content} renders for them
     * @throws dev.gosetup.api.GoSetupException when the file exists but cannot be read
     */
    final EnvironmentSettings heldOwnedFile(Path file, Function<EnvironmentSettings, String> content) {
        Optional<byte[]> bytes = AtomicFiles.read(file);
        if (bytes.isEmpty()) {
            return EnvironmentSettings.NONE;
        }
        return HeldSettings.check(new String(bytes.get(), StandardCharsets.UTF_8), content, file.toString());
    }

    private Path file(String target, StoreContext context) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(context, "context");
        for (Path p : files(context)) {
            if (p.toString().equals(target)) {
                return p;
            }
        }
        throw new IllegalArgumentException("\"" + target + "\" is not a file of the " + id() + " store for home "
                + context.home() + " (its files: " + files(context) + ")");
    }

    /**
     * The user's configuration directory as the XDG base directory specification defines it:
     * {@code $XDG_CONFIG_HOME} when it is an absolute path, else {@code ~/.config}.
     */
    protected static Path configHome(StoreContext context) {
        Optional<Path> xdg = context.variable("XDG_CONFIG_HOME")
                .map(v -> context.home().getFileSystem().getPath(v))
                .filter(Path::isAbsolute);
        return xdg.orElse(context.home().resolve(".config"));
    }

    /** The path with the home directory shown as {@code ~}, for descriptions. */
    protected static String shortName(Path file, StoreContext context) {
        return file.startsWith(context.home()) ? "~/" + context.home().relativize(file) : file.toString();
    }
}
