package dev.gatehouse.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.unboundid.ldap.sdk.DN;

import dev.gatehouse.user.Role;

class RoleMapTest {

    private static DirectoryGroup group(String dn, String cn) throws Exception {
        return new DirectoryGroup(new DN(dn), Set.of(cn));
    }

    @Test
    void groupsMapByCnInAnyCaseOrByDnAndTheRolesAddUp() throws Exception {
        RoleMap map = RoleMap.parse(Optional.of("CN=Admins, OU=Groups,DC=example,DC=org=admin; Staff=viewer; staff=analyst"), "user");
        Set<Role> roles = map.rolesOf(List.of(group("cn=admins,ou=groups,dc=example,dc=org", "admins"),
                group("cn=staff,ou=groups,dc=example,dc=org", "staff")));
        assertEquals(Set.of(Role.ADMIN, Role.VIEWER, Role.ANALYST), roles);
    }

    @Test
    void commasSeparateEntriesWhenNoGroupIsADn() throws Exception {
        RoleMap map = RoleMap.parse(Optional.of("admins=admin,staff=viewer"), "user");
        assertEquals(Set.of(Role.VIEWER), map.rolesOf(List.of(group("cn=staff,dc=org", "staff"))));
    }

    @Test
    void noMappedGroupGivesTheDefaultRoleOrNoneAtAll() throws Exception {
        List<DirectoryGroup> other = List.of(group("cn=other,dc=org", "other"));
        assertEquals(Set.of(Role.USER), RoleMap.parse(Optional.empty(), "user").rolesOf(other));
        assertTrue(RoleMap.parse(Optional.of("admins=admin"), "none").rolesOf(other).isEmpty());
    }

    @Test
    void aGroupNamedLikeAnotherGroupsDnDoesNotMatchIt() throws Exception {
        // A group whose cn reads like the mapped DN is not that group.
        RoleMap map = RoleMap.parse(Optional.of("cn=admins,dc=org=admin;"), "none");
        assertTrue(map.rolesOf(List.of(group("cn=fake,dc=org", "cn=admins,dc=org"))).isEmpty());
    }

    @Test
    void anUnknownRoleOrADnWithoutSemicolonsStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> RoleMap.parse(Optional.of("admins=superuser"), "user"));
        IllegalStateException dn = assertThrows(IllegalStateException.class,
                () -> RoleMap.parse(Optional.of("cn=admins,ou=groups,dc=org=admin"), "user"));
        assertTrue(dn.getMessage().contains(";"), dn.getMessage());
        assertThrows(IllegalStateException.class, () -> RoleMap.parse(Optional.empty(), "root"));
    }
}
