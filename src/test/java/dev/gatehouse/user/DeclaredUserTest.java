package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeclaredUserTest {

    @Test
    void parsesNamesPasswordsAndRoles() {
        assertEquals(List.of(new DeclaredUser("ann", "pw1", Role.ADMIN), new DeclaredUser("bob", "pw2", Role.MOD),
                new DeclaredUser("cy", "pw3", Role.USER)), DeclaredUser.parseList("ann:pw1:admin, bob:pw2:mod,cy:pw3"));
    }

    @Test
    void roleDefaultsToUser() {
        assertEquals(Role.USER, DeclaredUser.parseList("dee:secret").get(0).role());
    }

    @Test
    void passwordMayContainColonsWhenARoleFollows() {
        assertEquals("a:b", DeclaredUser.parseList("eve:a:b:mod").get(0).password());
    }

    @Test
    void rejectsUnknownRoleWithoutEchoingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeclaredUser.parseList("fay:hunter2:superuser"));
        assertTrue(e.getMessage().contains("superuser"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void rejectsEntryWithoutPassword() {
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList("gus"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList("gus:"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList(":pw"));
    }

    @Test
    void rejectsInvalidName() {
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList("bad name:pw"));
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertFalse(DeclaredUser.parseList("hal:topsecret").get(0).toString().contains("topsecret"));
    }

    @Test
    void ignoresEmptyEntries() {
        assertEquals(1, DeclaredUser.parseList(" ,ivy:pw,, ").size());
    }
}
