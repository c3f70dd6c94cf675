package dev.gosetup.wsl.windows;

import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.persist.ProfileBlockStore;
import dev.gosetup.core.internal.HeldSettings;
import dev.gosetup.core.internal.ManagedBlock;
import dev.gosetup.core.persist.Shell;
import dev.gosetup.core.persist.ShellScript;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
public final class PowerShellProfileStore extends ProfileBlockStore {
    static final String SHELL_FOLDERS = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders";

    private final WindowsRegistry registry;

    /** Creates the store; reads the registry (on Windows) only when asked for its files. */
    public PowerShellProfileStore() {
        this(new JnaRegistry());
    }

    PowerShellProfileStore(WindowsRegistry registry) {
        // PowerShell reads CRLF and LF alike: the block takes the file's line ending
        super(Shell.PWSH, "region", false);
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

    @Override
    protected List<Path> files(StoreContext context) {
        if (!context.host().isWindows()) {
            return List.of(configHome(context).resolve("powershell").resolve("profile.ps1"));
        }
        Path documents = documents(context);
        return List.of(documents.resolve("WindowsPowerShell").resolve("profile.ps1"),
                documents.resolve("PowerShell").resolve("profile.ps1"));
    }

    @Override
    protected List<Path> wanted(StoreContext context) {
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
