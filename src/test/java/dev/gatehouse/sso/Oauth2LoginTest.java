package dev.gatehouse.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.AuditCapture;
import dev.gatehouse.support.FakeOauth2Server;
import dev.gatehouse.support.FakeOauth2Server.Person;
import dev.gatehouse.support.OidcProviderResource;
import dev.gatehouse.support.Oauth2ProviderResource;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Signing in through plain OAuth2 providers, GitHub and Discord as their presets know them, played by a fake on a loopback port. */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(OidcProviderResource.class)
@WithTestResource(Oauth2ProviderResource.class)
class Oauth2LoginTest {

    @Inject
    UserDirectory directory;

    private AuditCapture audit;

    @BeforeEach
    void listen() {
        audit = new AuditCapture().start();
    }

    @AfterEach
    void stopListening() {
        audit.stop();
    }

    private static FakeOauth2Server provider() {
        return Oauth2ProviderResource.server();
    }

    /** GitHub ids are numbers. */
    private static long githubId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    private static Map<String, Object> githubUser(long id, String login, String name, String publicEmail) {
        Map<String, Object> user = new HashMap<>();
        user.put("id", id);
        user.put("login", login);
        user.put("name", name);
        user.put("email", publicEmail);
        return user;
    }

    private static Map<String, Object> address(String email, boolean primary, boolean verified) {
        return Map.of("email", email, "primary", primary, "verified", verified, "visibility", "private");
    }

    /** A local account whose address was proven by a code at signup. */
    private String localAccount() {
        String name = "local-" + UUID.randomUUID().toString().substring(0, 8);
        directory.create(new User(name, Set.of(Role.EDITOR), User.Status.ACTIVE, User.Source.SIGNUP, Optional.of(name + "@example.com"),
                Optional.empty(), Instant.EPOCH), Optional.empty());
        return name;
    }

    private static void verifyAs(Response signedIn, String username) {
        assertEquals(302, signedIn.statusCode(), signedIn.asString());
        given().cookie(TestUsers.SESSION_COOKIE, signedIn.cookie(TestUsers.SESSION_COOKIE)).get("/auth/verify?role=*").then()
                .statusCode(200).header("Remote-User", username);
    }

    @Test
    void startSendsTheBrowserToGithubWithStateAndPkceButNoNonce() {
        SsoFlow.Started started = SsoFlow.start("github", "/");
        String url = started.providerUrl();
        assertTrue(url.startsWith(provider().url("/github/login/oauth/authorize")), url);
        assertNotNull(SsoFlow.queryParam(url, "state"));
        assertEquals("S256", SsoFlow.queryParam(url, "code_challenge_method"));
        assertNotNull(SsoFlow.queryParam(url, "code_challenge"));
        assertNull(SsoFlow.queryParam(url, "nonce"));
        assertEquals(FakeOauth2Server.GITHUB_CLIENT_ID, SsoFlow.queryParam(url, "client_id"));
        assertEquals("read:user user:email", SsoFlow.queryParam(url, "scope"));
        assertTrue(SsoFlow.queryParam(url, "redirect_uri").endsWith("/auth/sso/github/callback"));
    }

    @Test
    void githubSignInMakesAccountNamedByNumericId() {
        long id = githubId();
        provider().nextSignIn("github", Person.of(githubUser(id, "octo", null, null),
                List.of(address("octo-other@users.example", false, true), address("octo@users.example", true, true))));
        Response answer = SsoFlow.signIn("github", "/grafana/");
        assertEquals("/grafana/", answer.header("Location"));
        verifyAs(answer, "github:" + id);
        User made = directory.find("github:" + id).orElseThrow();
        assertEquals(User.Source.SSO, made.source());
        assertEquals(Set.of(Role.USER), made.roles());
        // The primary verified address of /user/emails; the name falls back to the login.
        assertEquals(Optional.of("octo@users.example"), made.email());
        assertEquals(Optional.of("octo"), made.displayName());
        assertTrue(audit.has("SSO_ACCOUNT_CREATED", "\"provider\":\"github\""));
    }

    @Test
    void emailRefreshedOnNextSignIn() {
        long id = githubId();
        provider().nextSignIn("github", Person.of(githubUser(id, "mona", "Mona", null), List.of(address("mona@old.example", true, true))));
        assertEquals(302, SsoFlow.signIn("github", "/").statusCode());
        provider().nextSignIn("github", Person.of(githubUser(id, "mona", "Mona Lisa", null),
                List.of(address("mona@old.example", false, true), address("mona@new.example", true, true))));
        assertEquals(302, SsoFlow.signIn("github", "/").statusCode());
        User refreshed = directory.find("github:" + id).orElseThrow();
        assertEquals(Optional.of("mona@new.example"), refreshed.email());
        assertEquals(Optional.of("Mona Lisa"), refreshed.displayName());
    }

    @Test
    void unverifiedGithubEmailNeverLinks() {
        String local = localAccount();
        String email = directory.find(local).orElseThrow().email().orElseThrow();
        long id = githubId();
        // The public address of /user carries no verified flag, and the list says it is not verified.
        provider().nextSignIn("github", Person.of(githubUser(id, "mallory", null, email), List.of(address(email, true, false))));
        verifyAs(SsoFlow.signIn("github", "/"), "github:" + id);
        assertEquals(Optional.empty(), directory.find("github:" + id).orElseThrow().email());
        assertTrue(audit.has("SSO_ACCOUNT_CREATED", "\"provider\":\"github\""));
        assertEquals(local, directory.findByEmail(email).orElseThrow().username());
    }

    @Test
    void verifiedEmailLinksWhenEnabled() {
        String local = localAccount();
        String email = directory.find(local).orElseThrow().email().orElseThrow();
        long id = githubId();
        provider().nextSignIn("github", Person.of(githubUser(id, "owner", null, null), List.of(address(email, true, true))));
        verifyAs(SsoFlow.signIn("github", "/"), local);
        assertTrue(audit.has("SSO_ACCOUNT_LINKED", "\"provider\":\"github\""));
        // And it keeps signing in there, the roles Gatehouse gave it kept.
        provider().nextSignIn("github", Person.of(githubUser(id, "owner", null, null), List.of()));
        verifyAs(SsoFlow.signIn("github", "/"), local);
        assertEquals(Set.of(Role.EDITOR), directory.find(local).orElseThrow().roles());
    }

    @Test
    void discordSignIn() {
        String id = "80351110224678" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        provider().nextSignIn("discord", Person.of(Map.of("id", id, "username", "nelly", "global_name", "Nelly",
                "email", "nelly-" + id + "@discord.example", "verified", true), List.of()));
        verifyAs(SsoFlow.signIn("discord", "/"), "discord:" + id);
        User made = directory.find("discord:" + id).orElseThrow();
        assertEquals(Optional.of("nelly-" + id + "@discord.example"), made.email());
        assertEquals(Optional.of("Nelly"), made.displayName());
    }

    @Test
    void discordAddressNotVerifiedIsNotKept() {
        String id = "1" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        provider().nextSignIn("discord", Person.of(Map.of("id", id, "username", "newbie", "email", "newbie-" + id + "@discord.example",
                "verified", "yes"), List.of()));
        verifyAs(SsoFlow.signIn("discord", "/"), "discord:" + id);
        User made = directory.find("discord:" + id).orElseThrow();
        assertEquals(Optional.empty(), made.email());
        assertEquals(Optional.of("newbie"), made.displayName());
    }

    @Test
    void attackAnswerWithoutIdIsRefused() {
        provider().nextSignIn("discord", Person.of(Map.of("username", "ghost", "email", "ghost@discord.example", "verified", true),
                List.of()));
        Response answer = SsoFlow.signIn("discord", "/");
        assertEquals(401, answer.statusCode(), answer.asString());
        assertNull(answer.cookie(TestUsers.SESSION_COOKIE));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"discord\"", "\"reason\":\"no_subject\""));
    }

    @Test
    void tokenEndpointErrorGivesFriendlyPage() {
        provider().nextSignIn("github", new Person(githubUser(githubId(), "x", null, null), List.of(), "bad_verification_code", 200));
        Response answer = SsoFlow.signIn("github", "/grafana/");
        assertEquals(401, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
        assertTrue(answer.asString().contains("/login?rd=%2Fgrafana%2F"));
        assertNull(answer.cookie(TestUsers.SESSION_COOKIE));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"github\"", "\"reason\":\"token_bad_verification_code\""));
    }

    @Test
    void userinfoDownGives503Page() {
        provider().nextSignIn("github", new Person(githubUser(githubId(), "x", null, null), List.of(), null, 503));
        Response answer = SsoFlow.signIn("github", "/");
        assertEquals(503, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
        assertEquals("30", answer.header("Retry-After"));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"github\"", "\"reason\":\"provider_unavailable\""));
    }

    @Test
    void providerErrorParam() {
        SsoFlow.Started started = SsoFlow.start("github", "/grafana/");
        String state = SsoFlow.queryParam(started.providerUrl(), "state");
        given().redirects().follow(false).cookie(SsoFlow.PRE_LOGIN_COOKIE, started.preLoginCookie()).queryParam("state", state)
                .queryParam("error", "access_denied").get("/auth/sso/github/callback").then().statusCode(401)
                .contentType(startsWith("text/html")).body(containsString("/login?rd=%2Fgrafana%2F"));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"github\"", "\"reason\":\"provider_access_denied\""));
    }

    @Test
    void replayedState() {
        provider().nextSignIn("github", Person.of(githubUser(githubId(), "r", null, null), List.of()));
        SsoFlow.Started started = SsoFlow.start("github", "/");
        String callback = SsoFlow.atProvider(started);
        assertEquals(302, SsoFlow.callback(callback, started.preLoginCookie()).statusCode());
        Response replay = SsoFlow.callback(callback, started.preLoginCookie());
        assertEquals(400, replay.statusCode());
        assertTrue(replay.contentType().startsWith("text/html"), replay.contentType());
        assertNull(replay.cookie(TestUsers.SESSION_COOKIE));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"github\"", "\"reason\":\"unknown_state\""));
    }

    @Test
    void missingState() {
        given().redirects().follow(false).queryParam("code", "anything").get("/auth/sso/discord/callback").then().statusCode(400)
                .contentType(startsWith("text/html"));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"discord\"", "\"reason\":\"missing_state\""));
    }

    @Test
    void loginPageShowsButtonPerProvider() {
        given().queryParam("rd", "/grafana/").get("/login").then().statusCode(200)
                .body(containsString("href=\"/auth/sso/github/start?rd=%2Fgrafana%2F\">Sign in with GitHub</a>"))
                .body(containsString("href=\"/auth/sso/discord/start?rd=%2Fgrafana%2F\">Sign in with Discord</a>"))
                .body(containsString("href=\"/auth/sso/mock/start?rd=%2Fgrafana%2F\">Sign in with Mock IdP</a>"));
    }

    @Test
    void loggingOutOfAnOauth2SessionStaysHere() {
        provider().nextSignIn("discord", Person.of(Map.of("id", "9" + ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L),
                "username", "leaver"), List.of()));
        Response signedIn = SsoFlow.signIn("discord", "/");
        assertEquals(302, signedIn.statusCode(), signedIn.asString());
        String session = signedIn.cookie(TestUsers.SESSION_COOKIE);
        // No provider logout page to go on to: the session here ends, as a password session's does.
        given().cookie(TestUsers.SESSION_COOKIE, session).contentType("application/json").body("{}").post("/auth/logout").then()
                .statusCode(204);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(401);
    }

    @Test
    void backChannelLogoutIsForOpenIdConnectProvidersOnly() {
        given().formParam("logout_token", "x").post("/auth/sso/github/backchannel-logout").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
