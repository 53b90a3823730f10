package dev.gatehouse.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Keycloak realm the single sign-on journeys run against, as an operator would set it up for
 * Gatehouse: one person with a password and a verified address in a realm role that Gatehouse maps to
 * one of its own; a confidential OpenID Connect client whose redirect URI is the stack's callback and
 * whose back-channel logout goes to the app's own loopback listener; a SAML client for Gatehouse's
 * service provider. Its secrets are made per run.
 *
 * @param gatehouseOrigin where the browser reaches Gatehouse through nginx, {@code https://localhost:PORT}
 * @param appPort the app's own TCP listener on 127.0.0.1, which Keycloak posts logout tokens to
 */
public record KeycloakRealm(String gatehouseOrigin, int appPort, String clientSecret, String password) {

    public static final String NAME = "gatehouse";
    /** The provider's name in Gatehouse: {@code /auth/sso/keycloak/...}, accounts {@code keycloak:<sub>}. */
    public static final String PROVIDER = "keycloak";
    public static final String CLIENT_ID = "gatehouse";
    /** Gatehouse's SAML entity id, which is the SAML client's id at Keycloak. */
    public static final String SAML_ENTITY_ID = "gatehouse-saml";
    public static final String USER = "kc-alice";
    public static final String EMAIL = "alice@example.org";
    /** The realm role Gatehouse maps to {@link #GATEHOUSE_ROLE}. */
    public static final String REALM_ROLE = "dashboard-viewers";
    /** A Gatehouse role the example dashboard admits. */
    public static final String GATEHOUSE_ROLE = "mod";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A realm for a stack at {@code gatehouseOrigin} whose app listens on {@code appPort}, with fresh secrets. */
    public static KeycloakRealm forStack(String gatehouseOrigin, int appPort) {
        return new KeycloakRealm(gatehouseOrigin, appPort, KeycloakServer.randomHex(24), "kc-" + KeycloakServer.randomHex(12));
    }

    public String callback() {
        return gatehouseOrigin + "/auth/sso/" + PROVIDER + "/callback";
    }

    public String backchannelLogoutUrl() {
        return "http://127.0.0.1:" + appPort + "/auth/sso/" + PROVIDER + "/backchannel-logout";
    }

    public String samlAcs() {
        return gatehouseOrigin + "/auth/saml/acs";
    }

    public String samlSlo() {
        return gatehouseOrigin + "/auth/saml/slo";
    }

    /** Where Keycloak sends the browser after its own logout: Gatehouse's login page. */
    public String postLogoutRedirect() {
        return gatehouseOrigin + "/login";
    }

    /** The realm representation, for {@code kc.sh start-dev --import-realm}. */
    public JsonNode json() {
        Map<String, Object> realm = map(
                "realm", NAME,
                "enabled", true,
                // Plain HTTP on loopback: the browser and Gatehouse reach Keycloak at 127.0.0.1.
                "sslRequired", "none",
                "roles", map("realm", List.of(map("name", REALM_ROLE))),
                "users", List.of(user()),
                "clients", List.of(oidcClient(), samlClient()));
        return JSON.valueToTree(realm);
    }

    private Map<String, Object> user() {
        return map(
                "username", USER,
                "enabled", true,
                "email", EMAIL,
                "emailVerified", true,
                "firstName", "Alice",
                "lastName", "Keycloak",
                "credentials", List.of(map("type", "password", "value", password, "temporary", false)),
                "realmRoles", List.of(REALM_ROLE));
    }

    private Map<String, Object> oidcClient() {
        return map(
                "clientId", CLIENT_ID,
                "enabled", true,
                "protocol", "openid-connect",
                "publicClient", false,
                "clientAuthenticatorType", "client-secret",
                "secret", clientSecret,
                "standardFlowEnabled", true,
                "directAccessGrantsEnabled", false,
                "redirectUris", List.of(callback()),
                "frontchannelLogout", false,
                "attributes", map(
                        "pkce.code.challenge.method", "S256",
                        "post.logout.redirect.uris", postLogoutRedirect(),
                        "backchannel.logout.url", backchannelLogoutUrl(),
                        "backchannel.logout.session.required", "true",
                        "backchannel.logout.revoke.offline.tokens", "false"),
                // Keycloak puts realm roles in the access token only; Gatehouse reads the ID token and userinfo.
                "protocolMappers", List.of(map(
                        "name", "realm roles for Gatehouse",
                        "protocol", "openid-connect",
                        "protocolMapper", "oidc-usermodel-realm-role-mapper",
                        "config", map(
                                "claim.name", "realm_access.roles",
                                "multivalued", "true",
                                "jsonType.label", "String",
                                "id.token.claim", "true",
                                "access.token.claim", "true",
                                "userinfo.token.claim", "true"))));
    }

    private Map<String, Object> samlClient() {
        return map(
                "clientId", SAML_ENTITY_ID,
                "enabled", true,
                "protocol", "saml",
                "frontchannelLogout", true,
                "redirectUris", List.of(samlAcs()),
                // Not the realm's default role_list scope: Keycloak applies one role list mapper only, and
                // its would put the roles in "Role" rather than the "role" Gatehouse reads.
                "defaultClientScopes", List.of(),
                "attributes", map(
                        "saml_assertion_consumer_url_post", samlAcs(),
                        // Single logout: Keycloak's LogoutResponse (and its own LogoutRequests) come here.
                        "saml_single_logout_service_url_redirect", samlSlo(),
                        "saml_single_logout_service_url_post", samlSlo(),
                        "saml.force.post.binding", "true",
                        "saml.authnstatement", "true",
                        "saml.server.signature", "true",
                        "saml.assertion.signature", "true",
                        "saml.signature.algorithm", "RSA_SHA256",
                        // Gatehouse signs its requests with a key it makes at first start, unknown here.
                        "saml.client.signature", "false",
                        "saml.encrypt", "false",
                        "saml_force_name_id_format", "true",
                        "saml_name_id_format", "username"),
                "protocolMappers", List.of(
                        samlAttribute("email", "email"),
                        samlAttribute("firstName", "firstName"),
                        samlAttribute("lastName", "lastName"),
                        map("name", "roles for Gatehouse", "protocol", "saml", "protocolMapper", "saml-role-list-mapper",
                                "config", map("single", "true", "attribute.nameformat", "Basic", "attribute.name", "role"))));
    }

    private static Map<String, Object> samlAttribute(String property, String attribute) {
        return map("name", attribute, "protocol", "saml", "protocolMapper", "saml-user-property-mapper",
                "config", map("user.attribute", property, "attribute.nameformat", "Basic", "attribute.name", attribute));
    }

    /** A JSON object from alternating names and values, in that order (Map.of takes ten pairs at most). */
    private static Map<String, Object> map(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
