package dev.gosetup.core.env;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.UserHome;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates, checks and repairs directories that only their owner may use: Go's build and module
 * caches and GOPATH hold code that later runs, so another local user able to write there could
 * plant code, and one able to read could see private modules.
 *
 * <p>On POSIX file systems "owner-only" is mode {@code 0700}, set explicitly after creation so the
 * umask cannot widen or narrow it. On Windows (file systems with ACLs and no POSIX permissions) it
 * is an ACL with one entry granting the owner full control, inherited by what is created inside.
 * A check accepts, besides the owner, {@code NT AUTHORITY\SYSTEM}, {@code BUILTIN\Administrators}
 * and {@code CREATOR OWNER} on Windows (the system and administrators can read everything anyway).
 *
 * <p>Stateless and thread-safe; every method does file I/O and blocks.
 */
public final class PrivateDirectories {
    private static final System.Logger LOG = System.getLogger(PrivateDirectories.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<AclEntryPermission> HARMLESS = EnumSet.of(
            AclEntryPermission.READ_ATTRIBUTES, AclEntryPermission.READ_ACL, AclEntryPermission.SYNCHRONIZE);
    private static final Set<AclEntryPermission> OWNER_NEEDS = EnumSet.of(
            AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA, AclEntryPermission.APPEND_DATA,
            AclEntryPermission.EXECUTE, AclEntryPermission.DELETE_CHILD);
    private static final Set<String> TRUSTED_WINDOWS_PRINCIPALS = Set.of(
            "nt authority\\system", "builtin\\administrators", "creator owner");

    private PrivateDirectories() {
    }

    /**
     * Creates a directory, and its missing parents, owner-only. An existing directory is left as
     * it is (use {@link #check} and {@link #repair} for those).
     *
     * @param dir the directory
     * @return {@code dir}
     * @throws GoSetupException naming the directory when it cannot be created
     */
    public static Path create(Path dir) {
        try {
            createDirectories(dir.toAbsolutePath());
            return dir;
        } catch (IOException e) {
            throw new GoSetupException("cannot create " + dir + ": " + e,
                    List.of("check that you may write to " + dir.toAbsolutePath().getParent()), e);
        }
    }

    /**
     * Checks directories without changing anything.
     *
     * @param dirs the directories
     * @return one check per directory, in order
     */
    public static PermissionReport check(List<Path> dirs) {
        return new PermissionReport(dirs.stream().map(PrivateDirectories::check).toList());
    }

    /**
     * Checks one directory of this process's user without changing anything, as
     * {@link #check(Path, String)} with this JVM's user name (the owner of what this process creates).
     *
     * @param dir the directory
     * @return what was found
     */
    public static DirectoryCheck check(Path dir) {
        return check(dir, UserHome.jvmUserName());
    }

    /**
     * Checks one directory without changing anything. Never throws for a problem of the
     * directory: an unreadable one is reported as what it is.
     *
     * @param dir the directory
     * @param user the user who should own it, e.g. a check context's {@code userName()}
     * @return what was found
     */
    public static DirectoryCheck check(Path dir, String user) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir)) {
            return new DirectoryCheck(dir, "", DirectoryCheck.Problem.MISSING, dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            return new DirectoryCheck(dir, "", DirectoryCheck.Problem.NOT_A_DIRECTORY,
                    dir + " is not a directory; move it away so the directory can be created");
        }
        return checkOwnerOnly(dir, user);
    }

    /**
     * Checks that only its owner may use a file or a directory, by the same rules as
     * {@link #check(Path)} (so a checklist's {@code file:} probe and the doctor's directory checks
     * agree on "owner-only"), without requiring it to be a directory. A file is owner-only when
     * neither group nor others have any permission (POSIX) or no one but its owner and the trusted
     * principals is granted more than reading its attributes (ACL); whether its owner may read or
     * write it is not judged, so {@link DirectoryCheck.Problem#OWNER_LACKS_ACCESS} is only reported
     * for directories. On a file system with neither POSIX permissions nor ACLs the result is
     * {@link DirectoryCheck.Problem#NONE} with empty {@link DirectoryCheck#permissions()}: there is
     * nothing to judge. Never throws for a problem of the path.
     *
     * @param path the file or directory
     * @return what was found; {@link DirectoryCheck.Problem#MISSING} when it does not exist
     */
    public static DirectoryCheck checkOwnerOnly(Path path) {
        return checkOwnerOnly(path, UserHome.jvmUserName());
    }

    /**
     * Checks that only its owner may use a file or a directory, as {@link #checkOwnerOnly(Path)},
     * with the owner expected to be a named user.
     *
     * @param path the file or directory
     * @param user the user who should own it, e.g. a check context's {@code userName()}
     * @return what was found; {@link DirectoryCheck.Problem#MISSING} when it does not exist
     */
    public static DirectoryCheck checkOwnerOnly(Path path, String user) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return new DirectoryCheck(path, "", DirectoryCheck.Problem.MISSING, path + " does not exist");
        }
        boolean directory = Files.isDirectory(path);
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (posix != null) {
                return checkPosix(path, posix, directory, user);
            }
            AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
            if (acl != null) {
                DirectoryCheck c = evaluateAcl(path, acl.getAcl(), acl.getOwner(), principal(path, user));
                return !directory && c.problem() == DirectoryCheck.Problem.OWNER_LACKS_ACCESS
                        ? new DirectoryCheck(path, c.permissions(), DirectoryCheck.Problem.NONE, "") : c;
            }
            return new DirectoryCheck(path, "", DirectoryCheck.Problem.NONE, "");
        } catch (IOException e) {
            return new DirectoryCheck(path, "", DirectoryCheck.Problem.OWNER_LACKS_ACCESS,
                    "cannot read the permissions of " + path + ": " + e);
        }
    }

    /**
     * Fixes what can be fixed (see {@link DirectoryCheck#repairable()}): creates missing
     * directories owner-only and makes too-open ones owner-only, then checks again.
     *
     * @param report an earlier check
     * @return a fresh check of the same directories
     * @throws GoSetupException naming the directory when a repair fails
     */
    public static PermissionReport repair(PermissionReport report) {
        for (DirectoryCheck check : report.directories()) {
            if (!check.repairable()) {
                continue;
            }
            Path dir = check.directory();
            try {
                if (check.problem() == DirectoryCheck.Problem.MISSING) {
                    createDirectories(dir.toAbsolutePath());
                } else {
                    restrict(dir);
                }
                LOG.log(Level.DEBUG, () -> "made " + dir + " owner-only"
                        + (check.permissions().isEmpty() ? "" : " (was " + check.permissions() + ")"));
            } catch (IOException e) {
                throw new GoSetupException("cannot make " + dir + " owner-only: " + e,
                        List.of("check that you own " + dir), e);
            }
        }
        return check(report.directories().stream().map(DirectoryCheck::directory).toList());
    }

    /**
     * Judges a Windows ACL: who besides the owner (and the trusted system principals) is allowed
     * to use the directory, and whether the owner may.
     *
     * @param dir the directory, for the result
     * @param acl its ACL
     * @param owner its owner
     * @param currentUser the user running this code, when known
     * @return the check
     */
    static DirectoryCheck evaluateAcl(Path dir, List<AclEntry> acl, UserPrincipal owner,
            Optional<UserPrincipal> currentUser) {
        String text = acl.stream().map(PrivateDirectories::describe).collect(Collectors.joining(", "));
        if (currentUser.isPresent() && !samePrincipal(owner, currentUser.get())) {
            return new DirectoryCheck(dir, "owner " + owner.getName() + ": " + text, DirectoryCheck.Problem.NOT_OWNED,
                    dir + " belongs to " + owner.getName() + ", not to " + currentUser.get().getName()
                            + "; use another directory or have it handed over");
        }
        List<String> others = new ArrayList<>();
        Set<AclEntryPermission> ownerAllowed = EnumSet.noneOf(AclEntryPermission.class);
        for (AclEntry entry : acl) {
            if (entry.type() != AclEntryType.ALLOW) {
                continue;
            }
            if (samePrincipal(entry.principal(), owner)) {
                if (!entry.flags().contains(AclEntryFlag.INHERIT_ONLY)) {
                    ownerAllowed.addAll(entry.permissions());
                }
            } else if (!trusted(entry.principal())) {
                Set<AclEntryPermission> granted = EnumSet.noneOf(AclEntryPermission.class);
                granted.addAll(entry.permissions());
                granted.removeAll(HARMLESS);
                if (!granted.isEmpty()) {
                    others.add(entry.principal().getName());
                }
            }
        }
        if (!others.isEmpty()) {
            return new DirectoryCheck(dir, text, DirectoryCheck.Problem.TOO_OPEN,
                    dir + " may also be used by " + String.join(", ", others) + "; repair gives it an owner-only ACL");
        }
        if (!ownerAllowed.containsAll(OWNER_NEEDS)) {
            return new DirectoryCheck(dir, text, DirectoryCheck.Problem.OWNER_LACKS_ACCESS,
                    owner.getName() + " lacks full access to " + dir + "; repair gives it an owner-only ACL");
        }
        return new DirectoryCheck(dir, text, DirectoryCheck.Problem.NONE, "");
    }

    /**
     * The ACL of an owner-only directory: one entry giving the owner every permission, inherited
     * by files and directories created inside.
     *
     * @param owner the owner
     * @return the ACL
     */
    static List<AclEntry> ownerOnlyAcl(UserPrincipal owner) {
        return List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT).build());
    }

    private static DirectoryCheck checkPosix(Path dir, PosixFileAttributeView view, boolean directory, String user)
            throws IOException {
        var attrs = view.readAttributes();
        Set<PosixFilePermission> perms = attrs.permissions();
        String text = PosixFilePermissions.toString(perms);
        Optional<UserPrincipal> me = principal(dir, user);
        if (me.isPresent() && !samePrincipal(attrs.owner(), me.get())) {
            return new DirectoryCheck(dir, text, DirectoryCheck.Problem.NOT_OWNED, dir + " belongs to "
                    + attrs.owner().getName() + ", not to " + me.get().getName() + "; use another directory or chown it");
        }
        Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
        extra.addAll(perms);
        extra.removeAll(OWNER_ONLY);
        if (!extra.isEmpty()) {
            return new DirectoryCheck(dir, text, DirectoryCheck.Problem.TOO_OPEN, dir + " is " + text
                    + ": other users may " + (extra.stream().anyMatch(p -> p.name().endsWith("WRITE")) ? "write to" : "read")
                    + " it; it should be " + (directory ? "rwx------ (chmod 700)" : "owner-only (chmod go-rwx)"));
        }
        if (directory && !perms.containsAll(OWNER_ONLY)) {
            return new DirectoryCheck(dir, text, DirectoryCheck.Problem.OWNER_LACKS_ACCESS,
                    dir + " is " + text + ": its owner lacks access; it should be rwx------ (chmod 700)");
        }
        return new DirectoryCheck(dir, text, DirectoryCheck.Problem.NONE, "");
    }

    private static void restrict(Path dir) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(OWNER_ONLY);
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(dir, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(ownerOnlyAcl(acl.getOwner()));
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have taken bits away
            } else {
                Files.createDirectory(dir);
                AclFileAttributeView acl = Files.getFileAttributeView(dir, AclFileAttributeView.class);
                if (acl != null) {
                    acl.setAcl(ownerOnlyAcl(acl.getOwner()));
                }
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static Optional<UserPrincipal> principal(Path dir, String user) {
        try {
            return Optional.of(dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean samePrincipal(UserPrincipal a, UserPrincipal b) {
        return a.equals(b) || a.getName().equalsIgnoreCase(b.getName())
                || simpleName(a).equalsIgnoreCase(simpleName(b)) && (a.getName().indexOf('\\') < 0 || b.getName().indexOf('\\') < 0);
    }

    private static String simpleName(UserPrincipal p) {
        String name = p.getName();
        return name.substring(name.lastIndexOf('\\') + 1);
    }

    private static boolean trusted(UserPrincipal p) {
        return TRUSTED_WINDOWS_PRINCIPALS.contains(p.getName().toLowerCase(Locale.ROOT));
    }

    private static String describe(AclEntry e) {
        return e.principal().getName() + ":" + e.type() + ":" + e.permissions().stream().map(Enum::name).sorted()
                .collect(Collectors.joining("/"));
    }
}
