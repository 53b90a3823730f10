package dev.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain http only to this machine or to hosts the operator names: a provider's keys decide who signs in. */
class PlainHttpRuleTest {

    private final PlainHttpRule none = new PlainHttpRule(List.of());

    @Test
    void httpsIsAlwaysAllowed() {
        assertTrue(none.allows(URI.create("https://kc.example.com/realms/main")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/realms/main", "http://127.9.9.9/x", "http://localhost:8080/x",
            "http://LOCALHOST/x", "http://[::1]:8080/x"})
    void plainHttpToThisMachineIsAllowed(String url) {
        assertTrue(none.allows(URI.create(url)), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://kc.example.com/realms/main", "http://10.0.0.5:8080/x", "http://0.0.0.0/x",
            "http://[fe80::1]/x"})
    void plainHttpToAnotherMachineIsRefused(String url) {
        assertFalse(none.allows(URI.create(url)), url);
    }

    /** Only literal loopback addresses count; a name is never resolved, so it cannot be made to point home. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost.example.com/x", "http://127.0.0.1.nip.io/x", "http://127.0.0.1.evil.example/x",
            "http://0x7f000001/x", "http://2130706433/x"})
    void namesThatOnlyLookLikeLoopbackAreRefused(String url) {
        assertFalse(none.allows(URI.create(url)), url);
    }

    @Test
    void aHostTheOperatorNamesMayBePlainHttp() {
        PlainHttpRule rule = new PlainHttpRule(List.of(" Keycloak.internal ", ""));
        assertTrue(rule.allows(URI.create("http://keycloak.internal:8080/realms/main")));
        assertFalse(rule.allows(URI.create("http://keycloak.internal.example.com/realms/main")));
    }

    @Test
    void theStartStopsNamingTheSettingAndTheWayOut() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> none.require("gatehouse.sso.oidc.kc.issuer", "http://kc.example.com/realms/main"));
        assertTrue(refused.getMessage().startsWith("gatehouse.sso.oidc.kc.issuer: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("GATEHOUSE_SSO_PLAIN_HTTP_HOSTS"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kc.example.com/realms/main", "http://", "not a url at all"})
    void somethingThatIsNoUrlIsRefusedWithTheSettingsName(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> none.require("gatehouse.sso.oidc.kc.issuer", text));
        assertTrue(refused.getMessage().startsWith("gatehouse.sso.oidc.kc.issuer: "), refused.getMessage());
    }
}
