package dev.gosetup.core.persist;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.internal.AtomicFiles;
import dev.gosetup.core.internal.ManagedBlock;
import dev.gosetup.core.internal.HeldSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the stores that keep gosetup's {@link ManagedBlock} in a shell's profiles share (POSIX
 * shells' {@code posix-profile}, PowerShell's {@code powershell-profile}): the block, after a
 * {@code # gosetup-settings:} line ({@link HeldSettings}), in every profile that should hold it;
 * its removal giving back the bytes each profile had before; the settings read back from the
 * first profile that has a block. A subclass says which profiles, how the block is marked, and
 * how the settings are written in its shell.
 */
public abstract class ProfileBlockStore extends FileStore {
    private final Shell shell;
    private final ManagedBlock.Markers markers;
    private final String blockName;
    private final boolean lfOnly;

    /**
     * For subclasses: what differs between shells besides the files.
     *
     * @param shell whose syntax the block's script is written in ({@link ShellScript}); it also
     *     chooses how the block is marked: {@code #region gosetup} ... {@code #endregion gosetup} for
     *     PowerShell, gosetup's {@code # >>> gosetup >>>} comment lines for the others
     * @param blockName what people call the block, e.g. {@code "block"} or {@code "region"}
     * @param lfOnly whether the block's lines end in LF whatever the profile uses (a POSIX shell
     *     reads a {@code \r} as part of the line); otherwise they take the profile's dominant line
     *     ending
     */
    protected ProfileBlockStore(Shell shell, String blockName, boolean lfOnly) {
        this.shell = Objects.requireNonNull(shell, "shell");
        this.markers = shell == Shell.PWSH ? ManagedBlock.Markers.POWERSHELL : ManagedBlock.Markers.SHELL;
        this.blockName = Objects.requireNonNull(blockName, "blockName");
        this.lfOnly = lfOnly;
    }

    /**
     * The profiles that should hold the block for this user (a subset of {@link #files}).
     *
     * @param context whose environment
     * @return absolute paths, the first always among them
     */
    protected abstract List<Path> wanted(StoreContext context);

    private String script(EnvironmentSettings settings, StoreContext context) {
        return ShellScript.render(shell, settings, context.host());
    }

    private ManagedBlock.Markers markers() {
        return markers;
    }

    private String blockName() {
        return blockName;
    }

    private boolean lfOnly() {
        return lfOnly;
    }

    /**
     * Describes the profiles this store edits for the user.
     *
     * @param context whose environment
     * @return e.g. {@code "gosetup block in ~/.profile, ~/.bashrc"}
     */
    @Override
    public final String describe(StoreContext context) {
        return "gosetup " + blockName() + " in " + wanted(context).stream().map(p -> shortName(p, context))
                .collect(Collectors.joining(", "));
    }

    /**
     * Plans the block in every profile that should hold it, or its removal from every profile for
     * {@link EnvironmentSettings#NONE}.
     *
     * @param settings what to persist
     * @param context whose environment
     * @return one change per profile whose content changes
     * @throws dev.gosetup.api.InvalidConfigurationException when a setting cannot be written in this
     *     shell, or a profile's block is damaged (naming the file and line)
     * @throws dev.gosetup.api.GoSetupException when a profile cannot be read
     */
    @Override
    public final List<StoreChange> plan(EnvironmentSettings settings, StoreContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        String body = settings.isEmpty() ? "" : body(settings, context);
        List<Path> wanted = wanted(context);
        List<StoreChange> changes = new ArrayList<>();
        for (Path file : files(context)) {
            Optional<byte[]> before = AtomicFiles.read(file);
            if (before.isEmpty() && (settings.isEmpty() || !wanted.contains(file))) {
                continue; // nothing to remove, or a profile not to create
            }
            ManagedBlock current = ManagedBlock.parse(before.orElse(new byte[0]), file.toString(), markers());
            if (settings.isEmpty()) {
                change(file, "remove the gosetup " + blockName(), before, Optional.of(current.without()))
                        .ifPresent(changes::add);
            } else {
                String summary = (before.isEmpty() ? "create with" : current.isPresent() ? "update" : "add")
                        + " the gosetup " + blockName() + " (" + ManagedBlock.lineCount(body) + " lines)";
                byte[] after = lfOnly() ? current.withLf(body) : current.with(body);
                change(file, summary, before, Optional.of(after)).ifPresent(changes::add);
            }
        }
        return List.copyOf(changes);
    }

    /**
     * Returns the settings gosetup's block holds, from the first profile (in {@link #files} order)
     * that has one: read back from its {@code # gosetup-settings:} line and checked against the
     * rest of the block.
     *
     * @param context whose environment
     * @return the settings; {@link EnvironmentSettings#NONE} when no profile has a block, and (with
     *     a logged warning) when the block is missing that line, damaged or edited by hand
     * @throws dev.gosetup.api.InvalidConfigurationException when a profile's block markers are
     *     damaged (naming the file and line)
     * @throws dev.gosetup.api.GoSetupException when a profile exists but cannot be read
     */
    @Override
    public final EnvironmentSettings held(StoreContext context) {
        Objects.requireNonNull(context, "context");
        for (Path file : files(context)) {
            Optional<byte[]> content = AtomicFiles.read(file);
            if (content.isEmpty()) {
                continue;
            }
            Optional<String> body = ManagedBlock.parse(content.get(), file.toString(), markers()).body();
            if (body.isPresent()) {
                return HeldSettings.check(body.get(), s -> body(s, context), "the gosetup " + blockName() + " in "
                        + file);
            }
        }
        return EnvironmentSettings.NONE;
    }

    /** The block's body for the settings: the settings line, then the script. */
    final String body(EnvironmentSettings settings, StoreContext context) {
        return HeldSettings.line(settings) + "\n" + script(settings, context);
    }
}
