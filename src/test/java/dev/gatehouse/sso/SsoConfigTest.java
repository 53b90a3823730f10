package dev.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gatehouse.user.Role;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Providers configured from the environment alone, and the role rules read from it. */
class SsoConfigTest {

    private static SsoConfig fromEnvironment(Map<String, String> environment) {
        // Quarkus reads "5s" as a Duration; plain SmallRye needs its converter.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 200, new DurationConverter()).withMapping(SsoConfig.class).build();
        return config.getConfigMapping(SsoConfig.class);
    }

    @Test
    void providersAreNamedByTheirVariables() {
        SsoConfig config = fromEnvironment(Map.of(
                "GATEHOUSE_SSO_OIDC_KEYCLOAK_ISSUER", "https://kc.example.com/realms/main",
                "GATEHOUSE_SSO_OIDC_KEYCLOAK_CLIENT_ID", "gatehouse",
                "GATEHOUSE_SSO_OIDC_KEYCLOAK_CLIENT_SECRET", "s",
                "GATEHOUSE_SSO_OIDC_KEYCLOAK_ROLE_MAP", "realm-admin=admin,staff=editor",
                "GATEHOUSE_SSO_OIDC_GOOGLE_ISSUER", "https://accounts.google.com",
                "GATEHOUSE_SSO_OIDC_GOOGLE_CLIENT_ID", "g",
                "GATEHOUSE_SSO_OIDC_GOOGLE_CLIENT_SECRET", "gs"));
        assertEquals(Set.of("keycloak", "google"), config.oidc().keySet());
        SsoConfig.Oidc keycloak = config.oidc().get("keycloak");
        assertEquals("https://kc.example.com/realms/main", keycloak.issuer());
        assertEquals(List.of("openid", "email", "profile"), keycloak.scopes());
        assertFalse(keycloak.linkByEmail());
        assertEquals(Optional.of(List.of("realm-admin=admin", "staff=editor")), keycloak.roleMap());
    }

    @Test
    void groupsGiveOnlyTheRolesTheMapNames() {
        SsoConfig config = fromEnvironment(Map.of(
                "GATEHOUSE_SSO_OIDC_KC_ISSUER", "https://kc.example.com", "GATEHOUSE_SSO_OIDC_KC_CLIENT_ID", "c",
                "GATEHOUSE_SSO_OIDC_KC_CLIENT_SECRET", "s", "GATEHOUSE_SSO_OIDC_KC_ROLES_CLAIM", "realm_access.roles",
                "GATEHOUSE_SSO_OIDC_KC_ROLE_MAP", "realm-admin=admin"));
        RoleMapping roles = RoleMapping.of("kc", config.oidc().get("kc"));
        assertEquals(Set.of(Role.ADMIN, Role.USER),
                roles.rolesFor(Map.of("realm_access", Map.of("roles", List.of("realm-admin", "owner", "offline_access")))));
        assertEquals(Set.of(Role.USER), roles.rolesFor(Map.of("realm_access", "not-a-list-of-groups")));
        assertEquals(Set.of(Role.USER), roles.rolesFor(Map.of()));
    }

    @Test
    void anUnknownRoleInTheMapStopsTheStart() {
        SsoConfig config = fromEnvironment(Map.of(
                "GATEHOUSE_SSO_OIDC_KC_ISSUER", "https://kc.example.com", "GATEHOUSE_SSO_OIDC_KC_CLIENT_ID", "c",
                "GATEHOUSE_SSO_OIDC_KC_CLIENT_SECRET", "s", "GATEHOUSE_SSO_OIDC_KC_ROLE_MAP", "staff=superuser"));
        assertThrows(IllegalArgumentException.class, () -> RoleMapping.of("kc", config.oidc().get("kc")));
    }
}
