package dev.gatehouse.saml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gatehouse.sso.RoleMapping;
import dev.gatehouse.sso.SsoConfig;
import dev.gatehouse.user.Role;

/** Settings that would sign people in wrongly stop Gatehouse at start. */
class SamlSettingsTest {

    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            return method.getReturnType() == Optional.class ? Optional.empty() : null;
        });
    }

    private static SamlConfig saml(Map<String, Object> values) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("idpMetadata", Optional.of("/etc/gatehouse/idp.xml"),
                "defaultRole", "user", "metadataTtl", Duration.ofHours(1)));
        all.putAll(values);
        return config(SamlConfig.class, all);
    }

    private static SsoConfig sso(Map<String, SsoConfig.Oidc> providers) {
        return sso(providers, Map.of());
    }

    private static SsoConfig sso(Map<String, SsoConfig.Oidc> oidc, Map<String, SsoConfig.Oauth2> oauth2) {
        return config(SsoConfig.class, Map.of("oidc", oidc, "oauth2", oauth2, "timeout", Duration.ofSeconds(5)));
    }

    private static SamlStartupCheck check(SamlConfig config, SsoConfig sso) {
        return new SamlStartupCheck(config, sso, new IdentityProvider(config, sso, Clock.systemUTC()));
    }

    @Test
    void mappedRolesAreAddedToTheDefaultAndUnknownValuesGiveNothing() {
        RoleMapping roles = check(saml(Map.of("roleMap", Optional.of(List.of("idp-admins=admin")))), sso(Map.of())).roles();
        assertEquals(Set.of(Role.ADMIN, Role.USER), roles.rolesForGroups(List.of("idp-admins", "root", "admin")));
        assertEquals(Set.of(Role.USER), roles.rolesForGroups(List.of()));
    }

    @Test
    void defaultRoleNoneLeavesTheMapAlone() {
        RoleMapping roles = check(saml(Map.of("defaultRole", "none")), sso(Map.of())).roles();
        assertTrue(roles.rolesForGroups(List.of("anything")).isEmpty());
    }

    @Test
    void anUnknownRoleStopsTheStart() {
        assertThrows(IllegalArgumentException.class,
                () -> check(saml(Map.of("roleMap", Optional.of(List.of("idp-admins=superuser")))), sso(Map.of())));
        assertThrows(IllegalArgumentException.class, () -> check(saml(Map.of("defaultRole", "root")), sso(Map.of())));
    }

    /** The metadata's certificates decide which signatures are believed: not over plain http from elsewhere. */
    @Test
    void plainHttpMetadataFromAnotherMachineStopsTheStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> check(saml(Map.of("idpMetadata", Optional.of("http://idp.example.com/saml/metadata"))), sso(Map.of())));
        assertTrue(refused.getMessage().startsWith("gatehouse.saml.idp-metadata: "), refused.getMessage());
        check(saml(Map.of("idpMetadata", Optional.of("http://127.0.0.1:8080/realms/main/protocol/saml/descriptor"))), sso(Map.of()));
        check(saml(Map.of("idpMetadata", Optional.of("https://idp.example.com/saml/metadata"))), sso(Map.of()));
    }

    @Test
    void aKeyWithoutItsCertificateStopsTheStart() {
        assertThrows(IllegalArgumentException.class,
                () -> check(saml(Map.of("spKeyFile", Optional.of(java.nio.file.Path.of("/etc/gatehouse/saml.key")))), sso(Map.of())));
    }

    @Test
    void anOpenIdConnectProviderNamedSamlStopsTheStart() {
        SsoConfig.Oidc provider = config(SsoConfig.Oidc.class, Map.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> check(saml(Map.of()), sso(Map.of("saml", provider))));
        assertTrue(refused.getMessage().contains("gatehouse.sso.oidc.saml"), refused.getMessage());
    }

    @Test
    void anOauth2ProviderNamedSamlStopsTheStart() {
        SsoConfig.Oauth2 provider = config(SsoConfig.Oauth2.class, Map.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> check(saml(Map.of()), sso(Map.of(), Map.of("saml", provider))));
        assertTrue(refused.getMessage().contains("gatehouse.sso.oauth2.saml"), refused.getMessage());
    }

    @Test
    void withoutMetadataSamlIsOff() {
        SamlConfig off = saml(Map.of("idpMetadata", Optional.empty()));
        assertEquals(false, new IdentityProvider(off, sso(Map.of()), Clock.systemUTC()).enabled());
        check(off, sso(Map.of("saml", config(SsoConfig.Oidc.class, Map.of()))));
    }
}
