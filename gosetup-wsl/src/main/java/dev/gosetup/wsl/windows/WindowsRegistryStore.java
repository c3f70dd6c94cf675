package dev.gosetup.wsl.windows;

/**
 * The {@code windows-registry} store: the user's environment in {@code HKCU\Environment}, where
 * Windows keeps the variables that the System Properties dialog shows under "User variables".
 *
 * <ul>
 *   <li>Values are read and written raw, never expanded ({@code %USERPROFILE%} stays
 *       {@code %USERPROFILE%}); a value that refers to a variable ({@code %NAME%}) is written
 *       {@code REG_EXPAND_SZ}, any other keeps the type it has ({@code REG_SZ} when new). No
 *       length limit (unlike {@code setx}, which cuts at 1024 characters), and the machine
 *       {@code PATH} is never merged in (unlike {@code setx PATH "%PATH%;..."}).
 *   <li>{@code PATH} is edited as a list: gosetup's directories are added in front when missing
 *       and removed when no longer wanted; a directory is the same ignoring case, trailing
 *       backslashes and {@code %VAR%} expansion. Every other entry keeps its place, spelling and
 *       type, empty entries included. The value keeps the spelling of its name ({@code Path}).
 *   <li>What gosetup set is remembered in {@code HKCU\Software\gosetup\EnvironmentSettings}, so
 *       that removing takes out gosetup's entries only.
 *   <li>After each write, {@code WM_SETTINGCHANGE} ("Environment") is broadcast so that new
 *       terminals started from Explorer see the change; terminals already open do not.
 * </ul>
 * Targets are {@code KEY\NAME}; content is {@code TYPE:DATA} in UTF-8, so rollback restores type
 * and value exactly. Applies on Windows only. Thread-safe.
 */
public final class WindowsRegistryStore extends RegistryEnvironmentStore {
    /** The user's environment key. */
    static final String USER_ENVIRONMENT = "HKCU\\Environment";

    /** Creates the store on the real registry; loads nothing until used. */
    public WindowsRegistryStore() {
        this(new JnaRegistry());
    }

    WindowsRegistryStore(WindowsRegistry registry) {
        super(registry, USER_ENVIRONMENT, "HKCU\\Software\\gosetup", "user");
    }

    /**
     * Returns the id of this store.
     *
     * @return {@code "windows-registry"}
     */
    @Override
    public String id() {
        return "windows-registry";
    }
}
