package dev.gatehouse.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void aFileVariableGivesItsSecretWithoutTheFinalNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("admin-pass"), "a long admin passphrase\n");
        SecretFileConfigSource source = new SecretFileConfigSource(Map.of("API_ADMIN_PASS_FILE", file.toString())::get);
        assertEquals("a long admin passphrase", source.getValue("API_ADMIN_PASS"));
    }

    @Test
    void theLdapServiceAccountPasswordMayComeFromAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("ldap-bind"), "ldap service secret\n");
        SecretFileConfigSource source = new SecretFileConfigSource(
                Map.of("GATEHOUSE_LDAP_BIND_PASSWORD_FILE", file.toString())::get);
        assertEquals("ldap service secret", source.getValue("GATEHOUSE_LDAP_BIND_PASSWORD"));
    }

    @Test
    void aVariableSetDirectlyWins() throws IOException {
        Path file = Files.writeString(dir.resolve("redis"), "from-file");
        SecretFileConfigSource source = new SecretFileConfigSource(
                Map.of("GATEHOUSE_REDIS_PASSWORD_FILE", file.toString(), "GATEHOUSE_REDIS_PASSWORD", "direct")::get);
        assertNull(source.getValue("GATEHOUSE_REDIS_PASSWORD"));
    }

    @Test
    void onlyListedSecretsComeFromFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("users.yml"), "users: {}");
        SecretFileConfigSource source = new SecretFileConfigSource(Map.of("GATEHOUSE_USERS_FILE", file.toString())::get);
        assertTrue(source.getPropertyNames().isEmpty(), "GATEHOUSE_USERS_FILE is a path, not a secret's file");
    }

    @Test
    void anUnreadableFileNamesTheVariableAndPathButNoContents() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SecretFileConfigSource(
                Map.of("SMTP_PASSWORD_FILE", dir.resolve("missing").toString())::get));
        assertTrue(e.getMessage().startsWith("SMTP_PASSWORD_FILE: cannot read "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aProvidersClientSecretComesFromItsFileUnderTheProvidersKey() throws IOException {
        Path file = Files.writeString(dir.resolve("kc-secret"), "client-secret-value\n");
        Map<String, String> environment = Map.of("GATEHOUSE_SSO_OIDC_KEYCLOAK_CLIENT_SECRET_FILE", file.toString());
        SecretFileConfigSource source = new SecretFileConfigSource(environment::get, environment.keySet());
        assertEquals("client-secret-value", source.getValue("gatehouse.sso.oidc.keycloak.client-secret"));
    }

    @Test
    void aProvidersClientSecretSetDirectlyWins() throws IOException {
        Path file = Files.writeString(dir.resolve("kc-secret"), "from-file");
        Map<String, String> environment = Map.of("GATEHOUSE_SSO_OIDC_KEYCLOAK_CLIENT_SECRET_FILE", file.toString(),
                "GATEHOUSE_SSO_OIDC_KEYCLOAK_CLIENT_SECRET", "direct");
        SecretFileConfigSource source = new SecretFileConfigSource(environment::get, environment.keySet());
        assertTrue(source.getPropertyNames().isEmpty());
    }

    @Test
    void anOauth2ProvidersClientSecretComesFromItsFileUnderItsOwnKey() throws IOException {
        Path file = Files.writeString(dir.resolve("gh-secret"), "github-secret\n");
        Map<String, String> environment = Map.of("GATEHOUSE_SSO_OAUTH2_GITHUB_CLIENT_SECRET_FILE", file.toString());
        SecretFileConfigSource source = new SecretFileConfigSource(environment::get, environment.keySet());
        assertEquals("github-secret", source.getValue("gatehouse.sso.oauth2.github.client-secret"));
        assertEquals(null, source.getValue("gatehouse.sso.oidc.github.client-secret"));
    }
}
