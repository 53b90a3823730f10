package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.SmallRyeConfigBuilder;

class DeclaredAccountsTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    @TempDir
    Path dir;

    private static UsersConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(UsersConfig.class).withDefaultValues(properties).build()
                .getConfigMapping(UsersConfig.class);
    }

    @Test
    void collectsTheAdministratorTheVariableAndTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("users.yml"), """
                users:
                  carol:
                    password: "with, commas: and colons 7"
                    roles: [mod]
                    email: carol@example.org
                """);
        List<DeclaredAccount> accounts = DeclaredAccounts.load(config(Map.of("gatehouse.users.admin-name", "boss",
                "gatehouse.users.admin-password", "a long admin passphrase", "gatehouse.users.extra",
                "bob:another fine passphrase:mod", "gatehouse.users.file", file.toString())), POLICY);
        assertEquals(List.of("boss", "bob", "carol"), accounts.stream().map(DeclaredAccount::username).toList());
    }

    @Test
    void refusesAWeakPasswordNamingTheEntryNeverThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeclaredAccounts.load(
                config(Map.of("gatehouse.users.extra", "ann:a long enough passphrase,bob:password1234:mod")), POLICY));
        assertTrue(e.getMessage().startsWith("API_EXTRA_USERS entry 2 (bob): the password is refused"), e.getMessage());
        assertFalse(e.getMessage().contains("password1234"), e.getMessage());
    }

    @Test
    void refusesAShortAdministratorPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeclaredAccounts.load(config(Map.of("gatehouse.users.admin-password", "short")), POLICY));
        assertTrue(e.getMessage().startsWith("API_ADMIN_PASS (admin)"), e.getMessage());
        assertFalse(e.getMessage().contains("short:"), e.getMessage());
    }

    @Test
    void refusesAnUnknownRole() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeclaredAccounts.load(
                config(Map.of("gatehouse.users.extra", "fay:hunter2 hunter2 hunter2:superuser")), POLICY));
        assertTrue(e.getMessage().contains("unknown role 'superuser'"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void refusesANameDeclaredTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeclaredAccounts.load(
                config(Map.of("gatehouse.users.extra", "gil:first fine passphrase,gil:second fine passphrase")), POLICY));
        assertTrue(e.getMessage().contains("(gil) is declared more than once"), e.getMessage());
    }

    @Test
    void refusesAnUnsafeAdministratorName() {
        assertThrows(IllegalArgumentException.class,
                () -> DeclaredAccounts.load(config(Map.of("gatehouse.users.admin-name", "root\nadmin")), POLICY));
    }
}
