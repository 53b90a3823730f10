package dev.gatehouse.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
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

/** Linking to local accounts by e-mail, and the ways a single sign-on session ends: logout here, and the provider's back channel. */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(OidcProviderResource.class)
class SsoAccountsAndLogoutTest {

    private static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    @Inject
    UserDirectory directory;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A local account whose address was proven by a code at signup. */
    private String localAccount(User.Source source) {
        String name = unique("local");
        String email = name + "@example.com";
        directory.create(new User(name, Set.of(Role.EDITOR), User.Status.ACTIVE, source, Optional.of(email), Optional.empty(),
                Instant.EPOCH), Optional.empty());
        return name;
    }

    private String emailOf(String username) {
        return directory.find(username).orElseThrow().email().orElseThrow();
    }

    private static String session(Response signedIn) {
        assertEquals(302, signedIn.statusCode(), signedIn.asString());
        return signedIn.cookie(TestUsers.SESSION_COOKIE);
    }

    private static void verifyAs(String session, String username) {
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(200).header("Remote-User", username);
    }

    @Test
    void withoutLinkByEmailTheSameAddressGetsItsOwnAccount() {
        String local = localAccount(User.Source.SIGNUP);
        String sub = unique("sub");
        SsoFlow.nextSignIn("mock", sub, Map.of("email", emailOf(local), "email_verified", true));
        verifyAs(session(SsoFlow.signIn("mock", "/")), "mock:" + sub);
        // The address stays the local account's: the index names one account per address.
        assertEquals(Optional.empty(), directory.find("mock:" + sub).orElseThrow().email());
        assertEquals(local, directory.findByEmail(emailOf(local)).orElseThrow().username());
    }

    @Test
    void withLinkByEmailAVerifiedAddressSignsInToTheLocalAccount() {
        String local = localAccount(User.Source.SIGNUP);
        String sub = unique("sub");
        SsoFlow.nextSignIn("corp", sub, Map.of("email", emailOf(local), "email_verified", true));
        verifyAs(session(SsoFlow.signIn("corp", "/")), local);
        assertTrue(directory.find("corp:" + sub).isEmpty());
        // The link holds from then on, whatever address the provider says next time; local roles stay.
        SsoFlow.nextSignIn("corp", sub, Map.of("email", "changed@idp.example", "email_verified", true));
        verifyAs(session(SsoFlow.signIn("corp", "/")), local);
        assertEquals(Set.of(Role.EDITOR), directory.find(local).orElseThrow().roles());
    }

    @Test
    void attackUnverifiedProviderAddressDoesNotTakeOverTheLocalAccount() {
        String local = localAccount(User.Source.SIGNUP);
        String sub = unique("sub");
        SsoFlow.nextSignIn("corp", sub, Map.of("email", emailOf(local), "email_verified", false));
        verifyAs(session(SsoFlow.signIn("corp", "/")), "corp:" + sub);
    }

    @Test
    void attackLocalAddressNobodyProvedIsNotLinked() {
        String typedByAnAdmin = localAccount(User.Source.ADMIN);
        String sub = unique("sub");
        SsoFlow.nextSignIn("corp", sub, Map.of("email", emailOf(typedByAnAdmin), "email_verified", true));
        verifyAs(session(SsoFlow.signIn("corp", "/")), "corp:" + sub);
    }

    @Test
    void attackPlantedLocalAccountUnderAnSsoNameIsRefused() {
        String sub = unique("sub");
        directory.create(new User("mock:" + sub, Set.of(Role.ADMIN), User.Status.ACTIVE, User.Source.ADMIN, Optional.empty(),
                Optional.empty(), Instant.EPOCH), Optional.empty());
        SsoFlow.nextSignIn("mock", sub, Map.of());
        Response answer = SsoFlow.signIn("mock", "/");
        assertEquals(403, answer.statusCode());
        assertEquals(null, answer.cookie(TestUsers.SESSION_COOKIE));
    }

    @Test
    void aDisabledAccountCannotSignIn() {
        String sub = unique("sub");
        SsoFlow.nextSignIn("mock", sub, Map.of());
        session(SsoFlow.signIn("mock", "/"));
        directory.save(directory.find("mock:" + sub).orElseThrow().withStatus(User.Status.DISABLED));
        SsoFlow.nextSignIn("mock", sub, Map.of());
        SsoFlow.signIn("mock", "/").then().statusCode(403).contentType(startsWith("text/html"));
    }

    @Test
    void logoutOfAnSsoSessionAnswersTheProviderLogoutPage() {
        SsoFlow.nextSignIn("mock", unique("sub"), Map.of());
        String session = session(SsoFlow.signIn("mock", "/"));
        String redirect = given().cookie(TestUsers.SESSION_COOKIE, session).contentType("application/json").body("{}")
                .post("/auth/logout").then().statusCode(200).extract().path("redirect");
        assertTrue(redirect.startsWith(OidcProviderResource.server().endSessionEndpointUrl("mock").toString()), redirect);
        assertTrue(redirect.contains("client_id=" + OidcProviderResource.CLIENT_ID), redirect);
        assertTrue(redirect.contains("post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Flogin"), redirect);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(401);
    }

    @Test
    void logoutByFormIsSentToTheProviderLogoutPage() {
        SsoFlow.nextSignIn("mock", unique("sub"), Map.of());
        String session = session(SsoFlow.signIn("mock", "/"));
        given().redirects().follow(false).cookie(TestUsers.SESSION_COOKIE, session).contentType("application/x-www-form-urlencoded")
                .post("/auth/logout").then().statusCode(303)
                .header("Location", startsWith(OidcProviderResource.server().endSessionEndpointUrl("mock").toString()));
    }

    @Test
    void logoutOfAPasswordSessionIsUnchanged() {
        String session = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, session).contentType("application/json").body("{}").post("/auth/logout").then()
                .statusCode(204);
    }

    private static String logoutToken(String issuerId, Map<String, Object> overrides) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("aud", OidcProviderResource.CLIENT_ID);
        claims.put("events", Map.of(LOGOUT_EVENT, Map.of()));
        claims.putAll(overrides);
        return OidcProviderResource.server().anyToken(OidcProviderResource.server().issuerUrl(issuerId), claims).serialize();
    }

    private static Response backChannel(String provider, String token) {
        return given().contentType("application/x-www-form-urlencoded").formParam("logout_token", token)
                .post("/auth/sso/" + provider + "/backchannel-logout");
    }

    @Test
    void backChannelLogoutEndsEverySessionOfTheSubject() {
        String sub = unique("sub");
        SsoFlow.nextSignIn("mock", sub, Map.of());
        String first = session(SsoFlow.signIn("mock", "/"));
        SsoFlow.nextSignIn("mock", sub, Map.of());
        String second = session(SsoFlow.signIn("mock", "/"));
        backChannel("mock", logoutToken("mock", Map.of("sub", sub))).then().statusCode(200);
        given().cookie(TestUsers.SESSION_COOKIE, first).get("/auth/verify?role=*").then().statusCode(401);
        given().cookie(TestUsers.SESSION_COOKIE, second).get("/auth/verify?role=*").then().statusCode(401);
    }

    @Test
    void backChannelLogoutBySidEndsThatAccountsSessions() {
        String sub = unique("sub");
        String sid = unique("sid");
        SsoFlow.nextSignIn("mock", sub, Map.of("sid", sid));
        String session = session(SsoFlow.signIn("mock", "/"));
        backChannel("mock", logoutToken("mock", Map.of("sid", sid))).then().statusCode(200);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(401);
    }

    @Test
    void backChannelLogoutOfALinkedSubjectEndsTheLocalAccountsSessions() {
        String local = localAccount(User.Source.SIGNUP);
        String sub = unique("sub");
        SsoFlow.nextSignIn("corp", sub, Map.of("email", emailOf(local), "email_verified", true));
        String session = session(SsoFlow.signIn("corp", "/"));
        backChannel("corp", logoutToken("corp", Map.of("sub", sub))).then().statusCode(200);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(401);
    }

    @Test
    void attackLogoutTokenWithANonceIsRefused() {
        String sub = unique("sub");
        SsoFlow.nextSignIn("mock", sub, Map.of());
        String session = session(SsoFlow.signIn("mock", "/"));
        backChannel("mock", logoutToken("mock", Map.of("sub", sub, "nonce", "n"))).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        verifyAs(session, "mock:" + sub);
    }

    @Test
    void attackLogoutTokenWithoutTheLogoutEventIsRefused() {
        String sub = unique("sub");
        backChannel("mock", logoutToken("mock", Map.of("sub", sub, "events", Map.of("urn:other", Map.of())))).then().statusCode(400);
    }

    @Test
    void attackLogoutTokenFromAnotherIssuerIsRefused() {
        String sub = unique("sub");
        SsoFlow.nextSignIn("mock", sub, Map.of());
        String session = session(SsoFlow.signIn("mock", "/"));
        // Signed by the corp issuer's key and naming it: not mock's to end.
        backChannel("mock", logoutToken("corp", Map.of("sub", sub))).then().statusCode(400);
        verifyAs(session, "mock:" + sub);
    }

    @Test
    void attackLogoutTokenForAnotherClientIsRefused() {
        backChannel("mock", logoutToken("mock", Map.of("sub", unique("sub"), "aud", "another-client"))).then().statusCode(400);
    }

    @Test
    void attackReplayedLogoutTokenIsRefused() {
        String token = logoutToken("mock", Map.of("sub", unique("sub")));
        backChannel("mock", token).then().statusCode(200);
        backChannel("mock", token).then().statusCode(400);
    }

    @Test
    void aMissingLogoutTokenIsABadRequest() {
        given().contentType("application/x-www-form-urlencoded").formParam("other", "x").post("/auth/sso/mock/backchannel-logout")
                .then().statusCode(400).body(containsString("logout token"));
    }
}
