package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeclaredUserTest {

    @Test
    void parsesNamesPasswordsAndRoles() {
        List<DeclaredAccount> accounts = DeclaredUser.parseList("ann:pw1:admin, bob:pw2:mod,cy:pw3");
        assertEquals(List.of("ann", "bob", "cy"), accounts.stream().map(DeclaredAccount::username).toList());
        assertEquals(List.of(List.of("admin"), List.of("mod"), List.of("user")), accounts.stream().map(DeclaredAccount::roles).toList());
        assertEquals(Optional.of("pw2"), accounts.get(1).password());
    }

    @Test
    void roleDefaultsToUser() {
        assertEquals(List.of("user"), DeclaredUser.parseList("dee:secret").get(0).roles());
    }

    @ParameterizedTest(name = "more than three fields is refused: {0}")
    @ValueSource(strings = { "eve:s3cr3t:x:mod", "eve:s3cr3t:word:user", "eve:s3cr3t:b:c:d" })
    void refusesMoreThanThreeFieldsNamingTheEntryButNotThePassword(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList("ok:fine," + entry));
        assertTrue(e.getMessage().startsWith("API_EXTRA_USERS entry 2 (eve)"), e.getMessage());
        assertTrue(e.getMessage().contains("GATEHOUSE_USERS_FILE"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void rejectsEntryWithoutPassword() {
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList("gus"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList("gus:"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList(":pw"));
    }

    @ParameterizedTest(name = "unsafe name refused: {0}")
    @ValueSource(strings = { "bad name:pw", "new\nline:pw", "a\u0000b:pw", "<b>:pw", "café:pw" })
    void rejectsUnsafeNames(String entry) {
        assertThrows(IllegalArgumentException.class, () -> DeclaredUser.parseList(entry));
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
