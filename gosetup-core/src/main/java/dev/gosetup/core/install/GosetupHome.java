package dev.gosetup.core.install;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.UserHome;
import dev.gosetup.api.spi.CrossProcessLock;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * gosetup's home: the one directory that holds the toolchain store, the change journal, the
 * cached release index and the locks that serialise them, and the one place that decides where it
 * is. {@link ToolchainStore}, {@link dev.gosetup.core.journal.ChangeJournal} and the index cache
 * take a home instead of each deriving paths.
 *
 * <p>Where it is: an explicit root ({@link #at}); else {@code GOSETUP_HOME} from the environment
 * given; else the platform's data directory under the user's home ({@link #defaultRoot}), where
 * the user's home is {@code $HOME} like every shell tool ({@link UserHome}), not Java's
 * {@code user.home}. An empty path is refused: it would put the store in whatever directory
 * gosetup runs from.
 *
 * <p>Layout: {@code toolchains/}, {@code downloads/}, {@code staging/}, {@code trash/},
 * {@code external/} (the store's), {@code journal/} (the journal's), {@code index/} (the index
 * cache), {@code locks/NAME.lock} (one {@link CrossProcessLock} per name). Directories are created
 * owner-only (0700) on first write, never by a read, and a directory that is a symbolic link or
 * belongs to another user is refused. Immutable and thread-safe.
 */
public final class GosetupHome {
    /** The environment variable that names the home. */
    public static final String VARIABLE = "GOSETUP_HOME";

    private static final System.Logger LOG = System.getLogger(GosetupHome.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path root;
    private final String userName;

    private GosetupHome(Path root, String userName) {
        this.root = root.toAbsolutePath().normalize();
        this.userName = Objects.requireNonNull(userName, "userName");
    }

    /**
     * Returns the home at an explicit root, for this JVM's user.
     *
     * @param root the root directory; made absolute
     * @return the home
     * @throws InvalidConfigurationException when the path is empty
     */
    public static GosetupHome at(Path root) {
        return at(root, UserHome.jvmUserName());
    }

    /**
     * Returns the home at an explicit root, owned by a named user (whose name the ownership checks
     * compare directory owners with).
     *
     * @param root the root directory; made absolute
     * @param userName the user gosetup acts for, not blank
     * @return the home
     * @throws InvalidConfigurationException when the path is empty or the name blank
     */
    public static GosetupHome at(Path root, String userName) {
        if (Objects.requireNonNull(root, "root").toString().isBlank()) {
            throw new InvalidConfigurationException("the gosetup home is an empty path, which would put the store"
                    + " in whatever directory gosetup runs from",
                    List.of("give a directory, e.g. --home ~/.local/share/gosetup, or leave it out for the default"));
        }
        if (Objects.requireNonNull(userName, "userName").isBlank()) {
            throw new InvalidConfigurationException("the user name of the gosetup home is blank",
                    List.of("give the name of the user gosetup acts for"));
        }
        return new GosetupHome(root, userName);
    }

    /**
     * Returns the home an environment names: {@code GOSETUP_HOME} when set (not blank), else
     * {@link #defaultRoot} under the home directory the environment names, else under
     * {@code fallbackHome}.
     *
     * @param environment the user's environment variables
     * @param host the host
     * @param fallbackHome the user's home when the environment names none
     * @param userName the user gosetup acts for
     * @return the home
     * @throws InvalidConfigurationException when {@code GOSETUP_HOME} is not a path
     */
    public static GosetupHome of(Map<String, String> environment, Platform host, Path fallbackHome, String userName) {
        String configured = environment.get(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            try {
                return at(Path.of(configured.strip()), userName);
            } catch (InvalidPathException e) {
                throw new InvalidConfigurationException(VARIABLE + " is not a path: \"" + configured + "\"",
                        List.of("set " + VARIABLE + " to a directory, or unset it for the default"), e);
            }
        }
        return at(defaultRoot(environment, host, UserHome.resolve(environment, host, fallbackHome)), userName);
    }

    /**
     * Returns the home of this process's user: {@link #of} with {@code System.getenv()}, this host,
     * {@code user.home} as the last fallback and {@code user.name}. For command lines and other
     * outermost defaults only.
     *
     * @return the home
     */
    public static GosetupHome defaults() {
        Map<String, String> env = System.getenv();
        Platform host = Platform.current();
        return of(env, host, UserHome.resolveOrJvm(env, host), UserHome.jvmUserName());
    }

    /**
     * Returns the platform convention for the store root: {@code %LOCALAPPDATA%\gosetup} on
     * Windows, {@code ~/Library/Application Support/gosetup} on macOS, and
     * {@code $XDG_DATA_HOME/gosetup} or {@code ~/.local/share/gosetup} elsewhere.
     *
     * @param env the environment to read
     * @param platform the host
     * @param userHome the user's home directory
     * @return the default root
     */
    public static Path defaultRoot(Map<String, String> env, Platform platform, Path userHome) {
        if (platform.isWindows()) {
            String local = env.get("LOCALAPPDATA");
            return local != null && !local.isBlank() ? Path.of(local, "gosetup")
                    : userHome.resolve("AppData").resolve("Local").resolve("gosetup");
        }
        if (platform.os().equals("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("gosetup");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "gosetup");
        }
        return userHome.resolve(".local").resolve("share").resolve("gosetup");
    }

    /**
     * Returns the root directory.
     *
     * @return the absolute, normalized root
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the user gosetup acts for, whose directories the home accepts.
     *
     * @return the user name
     */
    public String userName() {
        return userName;
    }

    /**
     * Returns where the journal of changes to the user's files lives (owner-only: it keeps copies
     * of them). Not created by this call.
     *
     * @return {@code root/journal}
     */
    public Path journalDirectory() {
        return root.resolve("journal");
    }

    /**
     * Returns where the cached release index lives. Not created by this call.
     *
     * @return {@code root/index}
     */
    public Path indexDirectory() {
        return root.resolve("index");
    }

    /**
     * Returns a directory of the home, created owner-only when missing (with the root), and
     * checked: not a symbolic link, a directory, owned by {@link #userName()}.
     *
     * @param name the directory's name under the root, e.g. {@code journal}
     * @return the directory
     * @throws GoSetupException naming the directory when it cannot be created or is refused
     */
    public Path directory(String name) {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            createOwnerOnly(root);
            createOwnerOnly(dir);
        }
        requireOwnDirectory(dir);
        return dir;
    }

    /**
     * Takes a named lock of this home, waiting for the threads and processes that hold it. The OS
     * releases it when a process dies, so a killed holder never blocks the next.
     *
     * @param name the lock's name: a toolchain id, or {@code journal}
     * @return the held lock; close it to release
     * @throws GoSetupException naming the lock file when it cannot be taken
     */
    public CrossProcessLock lock(String name) {
        Path file = directory("locks").resolve(name + ".lock");
        try {
            return CrossProcessLock.acquire(file);
        } catch (IOException e) {
            throw new GoSetupException("cannot lock " + file + ": " + e.getMessage(),
                    List.of("check that " + root + " is writable by you"), e);
        }
    }

    /**
     * Takes a named lock of this home when nobody holds it, without waiting.
     *
     * @param name the lock's name
     * @return the held lock, or empty when another thread or process holds it
     * @throws GoSetupException naming the lock file when it cannot be opened
     */
    public Optional<CrossProcessLock> tryLock(String name) {
        Path file = directory("locks").resolve(name + ".lock");
        try {
            return CrossProcessLock.tryAcquire(file);
        } catch (IOException e) {
            throw new GoSetupException("cannot lock " + file + ": " + e.getMessage(),
                    List.of("check that " + root + " is writable by you"), e);
        }
    }

    /**
     * Refuses a home directory that is a symbolic link or belongs to someone else: gosetup lists
     * and deletes entries inside these directories, and through a link it did not create (or in a
     * directory another user controls) that would delete files outside the home.
     *
     * @param dir a directory of this home
     * @throws GoSetupException naming the directory when it is refused
     */
    void requireOwnDirectory(Path dir) {
        try {
            if (Files.isSymbolicLink(dir)) {
                throw new GoSetupException("the store directory " + dir + " is a symbolic link (to "
                        + Files.readSymbolicLink(dir) + "); gosetup deletes entries inside it and never follows a link it did not create",
                        List.of("remove the link " + dir + " (gosetup creates the directory again), or choose another home with GOSETUP_HOME"));
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new GoSetupException("the store directory " + dir + " is not a directory",
                        List.of("move " + dir + " away (gosetup creates the directory again)"));
            }
            UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
            Optional<UserPrincipal> me = user();
            if (me.isPresent() && !owner.equals(me.get()) && !owner.getName().equalsIgnoreCase(me.get().getName())) {
                throw new GoSetupException("the store directory " + dir + " belongs to " + owner.getName() + ", not to "
                        + me.get().getName() + "; gosetup deletes entries inside it and uses only directories you own",
                        List.of("chown " + dir + " to " + me.get().getName() + " or remove it, or choose another home with GOSETUP_HOME"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.DEBUG, () -> "cannot check the owner of " + dir + ": " + e);
        }
    }

    private Optional<UserPrincipal> user() {
        try {
            return Optional.of(root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(userName));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Creates a directory (and missing parents) that only its owner can read, write or enter. */
    static void createOwnerOnly(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            try {
                if (posix) {
                    FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
                    Files.createDirectory(dir, attr);
                    // The umask may have removed bits we asked for, never added any; set them exactly.
                    Files.setPosixFilePermissions(dir, OWNER_ONLY);
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process created it first
            }
        } catch (IOException e) {
            throw dev.gosetup.core.internal.StorageFailures.of("create", dir, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GosetupHome h && h.root.equals(root) && h.userName.equals(userName);
    }

    @Override
    public int hashCode() {
        return root.hashCode() * 31 + userName.hashCode();
    }

    @Override
    public String toString() {
        return "GosetupHome[" + root + "]";
    }
}
