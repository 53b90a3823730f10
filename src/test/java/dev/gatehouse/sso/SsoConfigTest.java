package dev.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.FakeOidcIssuer;
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

    private static final Map<String, String> GITHUB = Map.of("GATEHOUSE_SSO_OAUTH2_GITHUB_PRESET", "github",
            "GATEHOUSE_SSO_OAUTH2_GITHUB_CLIENT_ID", "gh", "GATEHOUSE_SSO_OAUTH2_GITHUB_CLIENT_SECRET", "ghs");

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    private static IllegalArgumentException refusedToStart(Map<String, String> environment) {
        SsoConfig config = fromEnvironment(environment);
        return assertThrows(IllegalArgumentException.class,
                () -> new SsoProviders(config, new OidcProviders(config, java.time.Clock.systemUTC(), new CodeExchange())));
    }

    private static final Map<String, String> PLAIN_HTTP_ISSUER = Map.of(
            "GATEHOUSE_SSO_OIDC_KC_ISSUER", "http://kc.example.com/realms/main", "GATEHOUSE_SSO_OIDC_KC_CLIENT_ID", "c",
            "GATEHOUSE_SSO_OIDC_KC_CLIENT_SECRET", "s");

    @Test
    void aPlainHttpIssuerOnAnotherMachineStopsTheStart() {
        assertTrue(refusedToStart(PLAIN_HTTP_ISSUER).getMessage().startsWith("gatehouse.sso.oidc.kc.issuer: "));
    }

    @Test
    void aPlainHttpOauth2UrlOnAnotherMachineStopsTheStart() {
        IllegalArgumentException refused = refusedToStart(with(GITHUB, "GATEHOUSE_SSO_OAUTH2_GITHUB_TOKEN_URL",
                "http://github.example.com/login/oauth/access_token"));
        assertTrue(refused.getMessage().startsWith("gatehouse.sso.oauth2.github.token-url: "), refused.getMessage());
    }

    @Test
    void hostsTheOperatorNamesMayBePlainHttp() {
        SsoConfig config = fromEnvironment(with(PLAIN_HTTP_ISSUER, "GATEHOUSE_SSO_PLAIN_HTTP_HOSTS", "kc.example.com,other.example.com"));
        SsoProviders providers = new SsoProviders(config, new OidcProviders(config, java.time.Clock.systemUTC(), new CodeExchange()));
        assertTrue(providers.find("kc").isPresent());
    }

    /** The issuer is this machine's, but the keys it names would come over plain http from another one. */
    @Test
    void discoveryNamingPlainHttpEndpointsElsewhereIsNotBelieved() {
        FakeOidcIssuer issuer = new FakeOidcIssuer();
        issuer.start();
        try {
            issuer.advertiseKeysAt("http://idp.internal.example/jwks");
            Map<String, String> minted = Map.of("GATEHOUSE_SSO_OIDC_MINTED_ISSUER", issuer.issuer(),
                    "GATEHOUSE_SSO_OIDC_MINTED_CLIENT_ID", "c", "GATEHOUSE_SSO_OIDC_MINTED_CLIENT_SECRET", "s");
            SsoFailure refused = assertThrows(SsoFailure.class, () -> provider(minted).endpoints());
            assertEquals("provider_unreachable", refused.reason());
            provider(with(minted, "GATEHOUSE_SSO_PLAIN_HTTP_HOSTS", "idp.internal.example")).endpoints();
        } finally {
            issuer.stop();
        }
    }

    private static OidcProvider provider(Map<String, String> environment) {
        SsoConfig config = fromEnvironment(environment);
        return new OidcProviders(config, java.time.Clock.systemUTC(), new CodeExchange()).find("minted").orElseThrow();
    }

    @Test
    void theGithubPresetFillsEndpointsScopesAndFields() {
        SsoConfig config = fromEnvironment(GITHUB);
        Oauth2Settings github = Oauth2Settings.resolve("github", config.oauth2().get("github"));
        assertEquals("https://github.com/login/oauth/authorize", github.authorizationUrl().toString());
        assertEquals("https://github.com/login/oauth/access_token", github.tokenUrl().toString());
        assertEquals("https://api.github.com/user", github.userinfoUrl().toString());
        assertEquals(Optional.of("https://api.github.com/user/emails"), github.emailsUrl().map(Object::toString));
        assertEquals(List.of("read:user", "user:email"), github.scopes());
        assertEquals(List.of("id"), github.idField());
        assertEquals(List.of(List.of("name"), List.of("login")), github.nameFields());
        assertEquals(Optional.empty(), github.emailVerifiedField());
        assertEquals("GitHub", github.label());
        assertFalse(github.basicAuth());
        assertEquals("ghs", config.oauth2().get("github").clientSecret());
    }

    @Test
    void theDiscordPresetFillsEndpointsScopesAndFields() {
        SsoConfig config = fromEnvironment(Map.of("GATEHOUSE_SSO_OAUTH2_DISCORD_PRESET", "discord",
                "GATEHOUSE_SSO_OAUTH2_DISCORD_CLIENT_ID", "d", "GATEHOUSE_SSO_OAUTH2_DISCORD_CLIENT_SECRET", "ds"));
        Oauth2Settings discord = Oauth2Settings.resolve("discord", config.oauth2().get("discord"));
        assertEquals("https://discord.com/oauth2/authorize", discord.authorizationUrl().toString());
        assertEquals("https://discord.com/api/oauth2/token", discord.tokenUrl().toString());
        assertEquals("https://discord.com/api/users/@me", discord.userinfoUrl().toString());
        assertEquals(List.of("identify", "email"), discord.scopes());
        assertEquals(Optional.of(List.of("verified")), discord.emailVerifiedField());
        assertEquals(List.of(List.of("global_name"), List.of("username")), discord.nameFields());
        assertEquals(Optional.empty(), discord.emailsUrl());
    }

    @Test
    void explicitSettingsOverrideThePreset() {
        SsoConfig config = fromEnvironment(with(GITHUB, "GATEHOUSE_SSO_OAUTH2_GITHUB_AUTHORIZATION_URL", "https://ghe.example.com/login/oauth/authorize",
                "GATEHOUSE_SSO_OAUTH2_GITHUB_LABEL", "Company GitHub", "GATEHOUSE_SSO_OAUTH2_GITHUB_SCOPES", "read:user",
                "GATEHOUSE_SSO_OAUTH2_GITHUB_TOKEN_AUTH", "basic"));
        Oauth2Settings github = Oauth2Settings.resolve("github", config.oauth2().get("github"));
        assertEquals("https://ghe.example.com/login/oauth/authorize", github.authorizationUrl().toString());
        assertEquals("https://github.com/login/oauth/access_token", github.tokenUrl().toString());
        assertEquals("Company GitHub", github.label());
        assertEquals(List.of("read:user"), github.scopes());
        assertTrue(github.basicAuth());
    }

    @Test
    void unknownPresetRefusesToStart() {
        IllegalArgumentException e = refusedToStart(with(GITHUB, "GATEHOUSE_SSO_OAUTH2_GITHUB_PRESET", "gitlab"));
        assertTrue(e.getMessage().startsWith("gatehouse.sso.oauth2.github.preset: unknown preset 'gitlab'"), e.getMessage());
    }

    @Test
    void missingUrlWithoutPresetRefusesToStart() {
        IllegalArgumentException e = refusedToStart(Map.of("GATEHOUSE_SSO_OAUTH2_FORGE_CLIENT_ID", "f",
                "GATEHOUSE_SSO_OAUTH2_FORGE_CLIENT_SECRET", "fs", "GATEHOUSE_SSO_OAUTH2_FORGE_AUTHORIZATION_URL", "https://forge.example/authorize",
                "GATEHOUSE_SSO_OAUTH2_FORGE_USERINFO_URL", "https://forge.example/user", "GATEHOUSE_SSO_OAUTH2_FORGE_ID_FIELD", "id"));
        assertTrue(e.getMessage().startsWith("gatehouse.sso.oauth2.forge.token-url: required"), e.getMessage());
    }

    @Test
    void anUnknownRoleOfAnOauth2ProviderRefusesToStart() {
        IllegalArgumentException e = refusedToStart(with(GITHUB, "GATEHOUSE_SSO_OAUTH2_GITHUB_DEFAULT_ROLE", "root"));
        assertTrue(e.getMessage().startsWith("gatehouse.sso.oauth2.github.default-role"), e.getMessage());
    }

    @Test
    void nameClashBetweenOidcAndOauth2RefusesToStart() {
        IllegalArgumentException e = refusedToStart(with(GITHUB, "GATEHOUSE_SSO_OIDC_GITHUB_ISSUER", "https://issuer.example.com",
                "GATEHOUSE_SSO_OIDC_GITHUB_CLIENT_ID", "c", "GATEHOUSE_SSO_OIDC_GITHUB_CLIENT_SECRET", "s"));
        assertTrue(e.getMessage().contains("gatehouse.sso.oauth2.github") && e.getMessage().contains("gatehouse.sso.oidc"), e.getMessage());
    }

    @Test
    void oidcAndOauth2ProvidersLiveSideBySide() {
        SsoConfig config = fromEnvironment(with(GITHUB, "GATEHOUSE_SSO_OIDC_KC_ISSUER", "https://kc.example.com",
                "GATEHOUSE_SSO_OIDC_KC_CLIENT_ID", "c", "GATEHOUSE_SSO_OIDC_KC_CLIENT_SECRET", "s"));
        SsoProviders providers = new SsoProviders(config, new OidcProviders(config, java.time.Clock.systemUTC(), new CodeExchange()));
        assertEquals(List.of("github", "kc"), providers.all().stream().map(SsoProvider::name).toList());
    }
}
