package dev.gatehouse.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gatehouse.user.Role;

class AllowlistTest {

    private static Allowlist parse(String text) {
        return Allowlist.parse(text.lines().toList(), Set.of(Role.USER));
    }

    @Test
    void exactAddressesAndDomainsWithOptionalRoles() {
        Allowlist list = parse("""
                alice@example.com admin,mod
                *@corp.example
                """);
        assertEquals(Optional.of(Set.of(Role.ADMIN, Role.MOD)), list.rolesOf("alice@example.com"));
        assertEquals(Optional.of(Set.of(Role.USER)), list.rolesOf("anyone@corp.example"));
        assertEquals(Optional.empty(), list.rolesOf("bob@example.com"));
        assertEquals(2, list.size());
    }

    @Test
    void matchingIgnoresCase() {
        Allowlist list = parse("Alice@Example.COM\n*@Corp.Example");
        assertTrue(list.admits("ALICE@example.com"));
        assertTrue(list.admits("Someone@CORP.example"));
    }

    @Test
    void anExactEntryWinsOverItsDomain() {
        Allowlist list = parse("*@example.com\nboss@example.com admin");
        assertEquals(Optional.of(Set.of(Role.ADMIN)), list.rolesOf("boss@example.com"));
        assertEquals(Optional.of(Set.of(Role.USER)), list.rolesOf("staff@example.com"));
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        Allowlist list = parse("""
                # whole line

                   carol@example.com   # at the end of a line
                dave@example.com mod# no space before it
                """);
        assertTrue(list.admits("carol@example.com"));
        assertEquals(Optional.of(Set.of(Role.MOD)), list.rolesOf("dave@example.com"));
        assertEquals(List.of(), list.problems());
    }

    @Test
    void malformedLinesAreReportedWithTheirNumberAndSkipped() {
        Allowlist list = parse("""
                good@example.com
                not-an-address
                bob@example.com nosuchrole
                *@
                eve@example.com admin extra
                *@sub.*.example
                last@example.com
                """);
        assertTrue(list.admits("good@example.com"));
        assertTrue(list.admits("last@example.com"));
        assertFalse(list.admits("bob@example.com"));
        assertEquals(List.of(2, 3, 4, 5, 6), list.problems().stream().map(Allowlist.Problem::line).toList());
    }

    @Test
    void aDomainEntryDoesNotAdmitSubdomainsOrLookalikes() {
        Allowlist list = parse("*@example.com");
        assertFalse(list.admits("a@sub.example.com"));
        assertFalse(list.admits("a@example.com.evil"));
        assertFalse(list.admits("a@notexample.com"));
    }

    @Test
    void malformedAddressesAreNeverAdmitted() {
        Allowlist list = parse("*@example.com");
        assertFalse(list.admits("@example.com"));
        assertFalse(list.admits("a@@example.com"));
        assertFalse(list.admits("a\r\nX-Injected: 1@example.com"));
        assertFalse(list.admits(null));
    }
}
