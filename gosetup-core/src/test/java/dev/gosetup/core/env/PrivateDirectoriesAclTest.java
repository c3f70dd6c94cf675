package dev.gosetup.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Windows owner-only ACL: its logic everywhere, and for real on Windows. */
class PrivateDirectoriesAclTest {
    private static final Path DIR = Path.of("dir");
    private static final UserPrincipal OWNER = new Principal("HOST\\alice");
    private static final UserPrincipal EVERYONE = new Principal("Everyone");
    private static final UserPrincipal SYSTEM = new Principal("NT AUTHORITY\\SYSTEM");
    private static final UserPrincipal ADMINS = new Principal("BUILTIN\\Administrators");

    @TempDir
    Path temp;

    private record Principal(String getName) implements UserPrincipal {
    }

    private static AclEntry allow(UserPrincipal who, AclEntryPermission... perms) {
        return AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(who)
                .setPermissions(perms.length == 0 ? EnumSet.allOf(AclEntryPermission.class) : EnumSet.of(perms[0], perms)).build();
    }

    @Test
    void theOwnerOnlyAclPassesAndIsInherited() {
        List<AclEntry> acl = PrivateDirectories.ownerOnlyAcl(OWNER);
        assertThat(acl).singleElement().satisfies(e -> {
            assertThat(e.principal()).isEqualTo(OWNER);
            assertThat(e.flags()).contains(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
        });
        assertThat(PrivateDirectories.evaluateAcl(DIR, acl, OWNER, Optional.of(OWNER)).ok()).isTrue();
    }

    @Test
    void systemAndAdministratorsAreTrustedButEveryoneIsNot() {
        List<AclEntry> acl = new ArrayList<>(PrivateDirectories.ownerOnlyAcl(OWNER));
        acl.add(allow(SYSTEM));
        acl.add(allow(ADMINS));
        assertThat(PrivateDirectories.evaluateAcl(DIR, acl, OWNER, Optional.empty()).ok()).isTrue();

        acl.add(allow(EVERYONE, AclEntryPermission.READ_DATA, AclEntryPermission.EXECUTE));
        DirectoryCheck check = PrivateDirectories.evaluateAcl(DIR, acl, OWNER, Optional.of(OWNER));
        assertThat(check.problem()).isEqualTo(DirectoryCheck.Problem.TOO_OPEN);
        assertThat(check.detail()).contains("Everyone");
        assertThat(check.permissions()).contains("Everyone:ALLOW:EXECUTE/READ_DATA");
    }

    @Test
    void harmlessRightsAndDenyEntriesForOthersAreFine() {
        List<AclEntry> acl = new ArrayList<>(PrivateDirectories.ownerOnlyAcl(OWNER));
        acl.add(allow(EVERYONE, AclEntryPermission.READ_ATTRIBUTES, AclEntryPermission.SYNCHRONIZE));
        acl.add(AclEntry.newBuilder().setType(AclEntryType.DENY).setPrincipal(EVERYONE)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build());
        assertThat(PrivateDirectories.evaluateAcl(DIR, acl, OWNER, Optional.of(OWNER)).ok()).isTrue();
    }

    @Test
    void anOwnerWithoutFullAccessOrAnotherOwnerIsReported() {
        List<AclEntry> readOnly = List.of(allow(OWNER, AclEntryPermission.READ_DATA, AclEntryPermission.EXECUTE));
        assertThat(PrivateDirectories.evaluateAcl(DIR, readOnly, OWNER, Optional.of(OWNER)).problem())
                .isEqualTo(DirectoryCheck.Problem.OWNER_LACKS_ACCESS);
        List<AclEntry> inheritOnly = List.of(AclEntry.newBuilder(allow(OWNER)).setFlags(AclEntryFlag.INHERIT_ONLY).build());
        assertThat(PrivateDirectories.evaluateAcl(DIR, inheritOnly, OWNER, Optional.of(OWNER)).problem())
                .isEqualTo(DirectoryCheck.Problem.OWNER_LACKS_ACCESS);
        DirectoryCheck other = PrivateDirectories.evaluateAcl(DIR, PrivateDirectories.ownerOnlyAcl(OWNER), OWNER,
                Optional.of(new Principal("HOST\\bob")));
        assertThat(other.problem()).isEqualTo(DirectoryCheck.Problem.NOT_OWNED);
        assertThat(other.repairable()).isFalse();
    }

    @Test
    void aPrincipalWithoutDomainMatchesTheSameUserWithOne() {
        assertThat(PrivateDirectories.evaluateAcl(DIR, PrivateDirectories.ownerOnlyAcl(OWNER), OWNER,
                Optional.of(new Principal("alice"))).ok()).isTrue();
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsADirectoryIsCreatedOwnerOnlyAndAWideningIsRepaired() throws Exception {
        Path dir = PrivateDirectories.create(temp.resolve("a/b"));
        assertThat(PrivateDirectories.check(dir).ok()).as(PrivateDirectories.check(dir).toString()).isTrue();

        AclFileAttributeView view = Files.getFileAttributeView(dir, AclFileAttributeView.class);
        List<AclEntry> acl = new ArrayList<>(view.getAcl());
        UserPrincipal everyone = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("Everyone");
        acl.add(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(everyone)
                .setPermissions(AclEntryPermission.READ_DATA).build());
        view.setAcl(acl);
        assertThat(PrivateDirectories.check(dir).problem()).isEqualTo(DirectoryCheck.Problem.TOO_OPEN);

        PermissionReport repaired = PrivateDirectories.repair(PrivateDirectories.check(List.of(dir)));
        assertThat(repaired.ok()).as(repaired.toString()).isTrue();
    }
}
