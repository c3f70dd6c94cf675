package dev.gosetup.wsl.windows;

import dev.gosetup.api.EnvironmentSettings;
import dev.gosetup.api.Platform;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.env.AtomicFiles;
import dev.gosetup.core.persist.FileStore;
import dev.gosetup.core.persist.HeldSettings;
import dev.gosetup.core.persist.ManagedBlock;
import dev.gosetup.core.persist.Shell;
import dev.gosetup.core.persist.ShellScript;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code powershell-profile} store: gosetup's block, {@code #region gosetup} ...
 * {@code #endregion gosetup} ({@link ManagedBlock.Markers#POWERSHELL}), in
 * {@code $PROFILE.CurrentUserAllHosts}, holding the settings in PowerShell syntax
 * ({@link ShellScript}, {@link Shell#PWSH}) after a {@code # gosetup-settings:} line
 * ({@link HeldSettings}).
 *
 * <p>Which files:
 * <ul>
 *   <li>On Windows, in the user's Documents folder, which may be redirected (OneDrive): the
 *       {@code Personal} value of {@code HKCU\...\Explorer\User Shell Folders}, its
 *       {@code %USERPROFILE%} expanded from the context's environment; {@code ~\Documents} when the
 *       value is missing. Windows PowerShell 5.1's {@code WindowsPowerShell\profile.ps1} always
 *       (5.1 ships with Windows), PowerShell 7's {@code PowerShell\profile.ps1} when it or its
 *       directory exists.
 *   <li>Elsewhere (PowerShell 7 on Linux or macOS): {@code $XDG_CONFIG_HOME/powershell/profile.ps1}
 *       ({@code ~/.config/powershell/profile.ps1}).
 * </ul>
 *
 * <p>The block takes the file's dominant line ending (PowerShell reads CRLF and LF alike). On
 * Windows the block is ASCII only ({@link ShellScript} writes other characters as
 * {@code [char]0xXXXX}), because Windows PowerShell 5.1 reads a profile without a byte order mark
 * in the ANSI code page; so any encoding the user's file has is kept. Every byte outside the block is kept; removing
 * gives back the bytes the file had before. Stateless and thread-safe.
 */
public final class PowerShellProfileStore extends FileStore {
    static final String SHELL_FOLDERS = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders";

    private final WindowsRegistry registry;

    /** Creates the store; reads the registry (on Windows) only when asked for its files. */
    public PowerShellProfileStore() {
        this(new JnaRegistry());
    }

    PowerShellProfileStore(WindowsRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Returns the id of this store.
     *
     * @return {@code "powershell-profile"}
     */
    @Override
    public String id() {
        return "powershell-profile";
    }

    /**
     * Tells whether a PowerShell profile matters on the host.
     *
     * @param host the platform
     * @return true everywhere: PowerShell 7 runs on Linux and macOS too
     */
    @Override
    public boolean appliesTo(Platform host) {
        return true;
    }

    /**
     * Describes the profiles this store edits.
     *
     * @param context whose environment
     * @return e.g. {@code "gosetup region in C:\Users\me\OneDrive\Documents\WindowsPowerShell\profile.ps1"}
     */
    @Override
    public String describe(StoreContext context) {
        return "gosetup region in " + wanted(context).stream().map(p -> shortName(p, context))
                .collect(Collectors.joining(", "));
    }

    /**
     * Plans the block in every profile that should hold it, or its removal for {@link EnvironmentSettings#NONE}.
     *
     * @param settings what to persist
     * @param context whose environment
     * @return one change per profile whose content changes
     * @throws dev.gosetup.api.InvalidConfigurationException when a PATH entry holds the path separator, or a
     *     profile's region is damaged
     * @throws dev.gosetup.api.GoSetupException when a profile cannot be read
     */
    @Override
    public List<StoreChange> plan(EnvironmentSettings settings, StoreContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        String body = settings.isEmpty() ? "" : body(settings, context);
        List<Path> wanted = wanted(context);
        List<StoreChange> changes = new ArrayList<>();
        for (Path file : files(context)) {
            Optional<byte[]> before = AtomicFiles.read(file);
            if (before.isEmpty() && (settings.isEmpty() || !wanted.contains(file))) {
                continue;
            }
            ManagedBlock current = ManagedBlock.parse(before.orElse(new byte[0]), file.toString(),
                    ManagedBlock.Markers.POWERSHELL);
            if (settings.isEmpty()) {
                change(file, "remove the gosetup region", before, Optional.of(current.without())).ifPresent(changes::add);
                continue;
            }
            String summary = (before.isEmpty() ? "create with" : current.isPresent() ? "update" : "add")
                    + " the gosetup region (" + ManagedBlock.lineCount(body) + " lines)";
            change(file, summary, before, Optional.of(current.with(body))).ifPresent(changes::add);
        }
        return List.copyOf(changes);
    }

    /**
     * Returns the settings gosetup's region holds, from the first profile that has one.
     *
     * @param context whose environment
     * @return the settings; {@link EnvironmentSettings#NONE} when no profile has a region, and
     *     (with a logged warning) when it is damaged or was edited by hand
     * @throws dev.gosetup.api.InvalidConfigurationException when a profile's region markers are damaged
     * @throws dev.gosetup.api.GoSetupException when a profile exists but cannot be read
     */
    @Override
    public EnvironmentSettings held(StoreContext context) {
        Objects.requireNonNull(context, "context");
        for (Path file : files(context)) {
            Optional<byte[]> content = AtomicFiles.read(file);
            if (content.isEmpty()) {
                continue;
            }
            Optional<String> body = ManagedBlock.parse(content.get(), file.toString(), ManagedBlock.Markers.POWERSHELL).body();
            if (body.isPresent()) {
                return HeldSettings.check(body.get(), s -> body(s, context), "the gosetup region in " + file);
            }
        }
        return EnvironmentSettings.NONE;
    }

    static String body(EnvironmentSettings settings, StoreContext context) {
        return HeldSettings.line(settings) + "\n" + ShellScript.render(Shell.PWSH, settings, context.host());
    }

    @Override
    protected List<Path> files(StoreContext context) {
        if (!context.host().isWindows()) {
            return List.of(configHome(context).resolve("powershell").resolve("profile.ps1"));
        }
        Path documents = documents(context);
        return List.of(documents.resolve("WindowsPowerShell").resolve("profile.ps1"),
                documents.resolve("PowerShell").resolve("profile.ps1"));
    }

    private List<Path> wanted(StoreContext context) {
        List<Path> files = files(context);
        List<Path> out = new ArrayList<>();
        out.add(files.get(0));
        for (Path f : files.subList(1, files.size())) {
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(f.getParent())) {
                out.add(f);
            }
        }
        return out;
    }

    /** The user's Documents folder on Windows: the redirected one when Explorer's setting says so. */
    Path documents(StoreContext context) {
        Optional<String> personal = registry.read(SHELL_FOLDERS, "Personal").map(WindowsRegistry.Value::data)
                .filter(s -> !s.isBlank());
        if (personal.isEmpty()) {
            return context.home().resolve("Documents");
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(context.environment());
        env.putIfAbsent("USERPROFILE", context.home().toString());
        String expanded = WindowsPaths.expand(personal.get(), env);
        String separator = context.home().getFileSystem().getSeparator();
        Path path = context.home().getFileSystem().getPath(separator.equals("\\") ? expanded : expanded.replace('\\', '/'));
        return path.isAbsolute() ? path : context.home().resolve("Documents");
    }
}
