package dev.gatehouse.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.OidcProviderResource;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Signing in through an OpenID Connect provider: the journey, the accounts it makes, and the attacks it must stop. */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(OidcProviderResource.class)
class SsoLoginTest {

    @Inject
    UserDirectory directory;

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    @Test
    void theLoginPageOffersEachProvider() {
        given().queryParam("rd", "/grafana/").get("/login").then().statusCode(200)
                .body(containsString("href=\"/auth/sso/mock/start?rd=%2Fgrafana%2F\">Sign in with Mock IdP</a>"))
                .body(containsString("href=\"/auth/sso/corp/start?rd=%2Fgrafana%2F\">Sign in with corp</a>"));
    }

    @Test
    void formsMayGoOnToTheProvidersLogoutPages() {
        String issuer = OidcProviderResource.server().issuerUrl("mock").toString();
        String origin = issuer.substring(0, issuer.indexOf('/', "http://".length()));
        given().get("/login").then().statusCode(200).header("Content-Security-Policy", containsString("form-action 'self' " + origin));
    }

    @Test
    void startSendsTheBrowserToTheProviderWithStateNonceAndPkce() {
        SsoFlow.Started started = SsoFlow.start("mock", "/grafana/");
        String url = started.providerUrl();
        assertTrue(url.startsWith(OidcProviderResource.server().issuerUrl("mock").toString()), url);
        assertNotNull(SsoFlow.queryParam(url, "state"));
        assertNotNull(SsoFlow.queryParam(url, "nonce"));
        assertNotNull(SsoFlow.queryParam(url, "code_challenge"));
        assertEquals("S256", SsoFlow.queryParam(url, "code_challenge_method"));
        assertEquals(OidcProviderResource.CLIENT_ID, SsoFlow.queryParam(url, "client_id"));
        assertTrue(SsoFlow.queryParam(url, "redirect_uri").endsWith("/auth/sso/mock/callback"));
        assertTrue(SsoFlow.queryParam(url, "scope").contains("openid"));
        given().redirects().follow(false).get("/auth/sso/mock/start").then().statusCode(302)
                .header("Set-Cookie", containsString("HttpOnly")).header("Set-Cookie", containsString("SameSite=Lax"))
                .header("Set-Cookie", containsString("Secure")).header("Set-Cookie", containsString("Path=/auth/sso/"));
    }

    @Test
    void signsInAndTheSessionPassesTheGateway() {
        String sub = subject();
        SsoFlow.nextSignIn("mock", sub, Map.of("email", "ann@idp.example", "email_verified", true, "name", "Ann"));
        Response answer = SsoFlow.signIn("mock", "/grafana/?tab=1");
        assertEquals(302, answer.statusCode(), answer.asString());
        assertEquals("/grafana/?tab=1", answer.header("Location"));
        String session = answer.cookie(TestUsers.SESSION_COOKIE);
        assertNotNull(session);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(200)
                .header("Remote-User", "mock:" + sub).header("Remote-Groups", "user");
    }

    @Test
    void anUnsafeDestinationBecomesTheDefault() {
        SsoFlow.nextSignIn("mock", subject(), Map.of());
        assertEquals("/", SsoFlow.signIn("mock", "https://evil.example/").header("Location"));
    }

    @Test
    void theAccountIsMadeJustInTimeAndRefreshedAtEverySignIn() {
        String sub = subject();
        SsoFlow.nextSignIn("mock", sub, Map.of("email", "bo@idp.example", "email_verified", true, "name", "Bo",
                "realm_access", Map.of("roles", java.util.List.of("idp-admins", "unmapped"))));
        assertEquals(302, SsoFlow.signIn("mock", "/").statusCode());
        User made = directory.find("mock:" + sub).orElseThrow();
        assertEquals(User.Source.SSO, made.source());
        assertEquals(Set.of(Role.ADMIN, Role.USER), made.roles());
        assertEquals(Optional.of("bo@idp.example"), made.email());
        assertEquals(Optional.of("Bo"), made.displayName());

        SsoFlow.nextSignIn("mock", sub, Map.of("email", "bo.new@idp.example", "email_verified", true, "name", "Bo New",
                "realm_access", Map.of("roles", java.util.List.of("idp-editors"))));
        assertEquals(302, SsoFlow.signIn("mock", "/").statusCode());
        User refreshed = directory.find("mock:" + sub).orElseThrow();
        assertEquals(Set.of(Role.EDITOR, Role.USER), refreshed.roles());
        assertEquals(Optional.of("bo.new@idp.example"), refreshed.email());
        assertEquals(Optional.of("Bo New"), refreshed.displayName());
    }

    @Test
    void anUnverifiedAddressIsNotKept() {
        String sub = subject();
        SsoFlow.nextSignIn("mock", sub, Map.of("email", "cy@idp.example", "email_verified", false));
        assertEquals(302, SsoFlow.signIn("mock", "/").statusCode());
        assertEquals(Optional.empty(), directory.find("mock:" + sub).orElseThrow().email());
    }

    @Test
    void attackReplayedCallbackIsRefused() {
        String sub = subject();
        SsoFlow.nextSignIn("mock", sub, Map.of());
        SsoFlow.Started started = SsoFlow.start("mock", "/");
        String callback = SsoFlow.atProvider(started);
        assertEquals(302, SsoFlow.callback(callback, started.preLoginCookie()).statusCode());
        Response replay = SsoFlow.callback(callback, started.preLoginCookie());
        assertEquals(400, replay.statusCode());
        assertTrue(replay.contentType().startsWith("text/html"), replay.contentType());
        assertTrue(replay.asString().contains("expired or was already used"));
        assertEquals(null, replay.cookie(TestUsers.SESSION_COOKIE));
    }

    @Test
    void attackCallbackWithoutStateIsRefused() {
        given().redirects().follow(false).queryParam("code", "anything").get("/auth/sso/mock/callback").then().statusCode(400)
                .contentType(startsWith("text/html")).body(containsString("Back to sign in"));
        given().redirects().follow(false).queryParam("code", "anything").queryParam("state", "made-up")
                .get("/auth/sso/mock/callback").then().statusCode(400).contentType(startsWith("text/html"));
    }

    @Test
    void attackLoginCsrfCallbackInAnotherBrowserIsRefused() {
        SsoFlow.Started attackers = SsoFlow.start("mock", "/");
        String callback = SsoFlow.atProvider(attackers);
        // The victim's browser has no pre-login cookie, or its own.
        assertEquals(400, SsoFlow.callback(callback, null).statusCode());
        SsoFlow.Started attackersAgain = SsoFlow.start("mock", "/");
        String secondCallback = SsoFlow.atProvider(attackersAgain);
        SsoFlow.Started victims = SsoFlow.start("mock", "/");
        assertEquals(400, SsoFlow.callback(secondCallback, victims.preLoginCookie()).statusCode());
    }

    @Test
    void attackStateOfAnotherProviderIsRefused() {
        SsoFlow.Started started = SsoFlow.start("mock", "/");
        String state = SsoFlow.queryParam(started.providerUrl(), "state");
        given().redirects().follow(false).cookie(SsoFlow.PRE_LOGIN_COOKIE, started.preLoginCookie()).queryParam("state", state)
                .queryParam("code", "x").get("/auth/sso/corp/callback").then().statusCode(400);
    }

    @Test
    void attackIdTokenWithAnotherNonceIsRefused() {
        SsoFlow.nextSignIn("mock", subject(), Map.of("nonce", "nonce-of-another-sign-in"));
        Response answer = SsoFlow.signIn("mock", "/");
        assertEquals(401, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("text/html"));
        assertEquals(null, answer.cookie(TestUsers.SESSION_COOKIE));
    }

    @Test
    void attackIdTokenForAnotherClientIsRefused() {
        SsoFlow.nextSignIn("mock", subject(), Map.of("aud", "another-client"));
        assertEquals(401, SsoFlow.signIn("mock", "/").statusCode());
    }

    @Test
    void attackIdTokenFromAnotherIssuerIsRefused() {
        SsoFlow.nextSignIn("mock", subject(), Map.of("iss", OidcProviderResource.server().issuerUrl("corp").toString()));
        assertEquals(401, SsoFlow.signIn("mock", "/").statusCode());
    }

    /** The test provider derives expires_in from exp, so this stops at the token response already: still no session. */
    @Test
    void attackExpiredTokensAreRefused() {
        SsoFlow.nextSignIn("mock", subject(), Map.of("exp", java.time.Instant.now().minusSeconds(3600).getEpochSecond()));
        assertEquals(401, SsoFlow.signIn("mock", "/").statusCode());
    }

    @Test
    void anErrorFromTheProviderIsAFriendlyPage() {
        SsoFlow.Started started = SsoFlow.start("mock", "/grafana/");
        String state = SsoFlow.queryParam(started.providerUrl(), "state");
        given().redirects().follow(false).cookie(SsoFlow.PRE_LOGIN_COOKIE, started.preLoginCookie()).queryParam("state", state)
                .queryParam("error", "access_denied").get("/auth/sso/mock/callback").then().statusCode(401)
                .contentType(startsWith("text/html")).body(containsString("/login?rd=%2Fgrafana%2F"))
                .header("Content-Security-Policy", containsString("default-src 'none'"));
    }

    @Test
    void anUnreachableProviderIsA503Page() {
        given().redirects().follow(false).get("/auth/sso/down/start").then().statusCode(503)
                .contentType(startsWith("text/html")).header("Retry-After", equalTo("30")).body(containsString("unavailable"));
    }

    @Test
    void anUnknownProviderIsA404Page() {
        given().redirects().follow(false).get("/auth/sso/nobody/start").then().statusCode(404).contentType(startsWith("text/html"));
    }
}
