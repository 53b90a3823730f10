package dev.gatehouse.e2e;

import static dev.gatehouse.e2e.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Single sign-on with a real Keycloak in a real browser, through nginx and the real login page: the
 * "Sign in with Keycloak" button, Keycloak's own login form, the way back to the page first asked
 * for, the role Keycloak's realm role maps to, logout at Keycloak (RP-initiated), and Keycloak ending
 * the sessions here by itself (back-channel logout to the app's loopback listener).
 */
class KeycloakOidcBrowserIT {

    private static final String DASHBOARD = "/analytics/";
    private static final Duration BACKCHANNEL_LIMIT = Duration.ofSeconds(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KeycloakStack ENV = new KeycloakStack("KeycloakOidcBrowserIT", KeycloakStack::oidc);

    private static Stack stack() {
        return ENV.stack();
    }

    private static Browser browser() {
        return ENV.browser();
    }

    @Test
    void signsInAtKeycloakAndReturnsToPageAskedFor() {
        signInThroughKeycloak(DASHBOARD);

        browser().await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("roles"), KeycloakRealm.GATEHOUSE_ROLE));
        String userId = ENV.keycloak().userId(KeycloakRealm.USER);
        browser().await().until(ExpectedConditions.textToBe(By.id("who"), "Signed in as " + KeycloakRealm.PROVIDER + ":" + userId));
        browser().screenshot(stack().logDir().getParent().resolve("keycloak-signed-in.png"));
    }

    @Test
    void keycloakAccountHasMappedRoleAtVerify() {
        signInThroughKeycloak(DASHBOARD);
        String cookie = sessionCookie();

        EdgeClient client = stack().client();
        String username = KeycloakRealm.PROVIDER + ":" + ENV.keycloak().userId(KeycloakRealm.USER);
        Reply me = client.send(Request.get("/auth/me").header("Cookie", cookie));
        assertEquals(200, me.status(), me::toString);
        assertEquals(username, me.json().get("username").asText());
        Reply account = client.send(Request.get("/api/admin/users/" + URLEncoder.encode(username, StandardCharsets.UTF_8))
                .bearer(client.login(Stack.ADMIN, Stack.ADMIN_PASSWORD)));
        assertEquals(200, account.status(), account::toString);
        assertEquals(KeycloakRealm.EMAIL, account.json().get("email").asText(), "Keycloak verified the address: it is kept");
        assertEquals("Alice Keycloak", account.json().get("name").asText());
        assertEquals(200, client.send(Request.get("/auth/verify?role=" + KeycloakRealm.GATEHOUSE_ROLE).header("Cookie", cookie)).status());
        assertEquals(403, client.send(Request.get("/auth/verify?role=admin").header("Cookie", cookie)).status(),
                "Keycloak grants only what the role map names");
    }

    @Test
    void signOutFormEndsSessionHereAndAtKeycloak() {
        signInThroughKeycloak("/account");
        String cookie = sessionCookie();

        browser().click(By.id("sign-out"));

        // Gatehouse sends the browser to Keycloak's end_session_endpoint, which asks for confirmation.
        browser().await().until(ExpectedConditions.urlContains(endSessionEndpoint()));
        assertTrue(browser().driver().getCurrentUrl().contains("client_id=" + KeycloakRealm.CLIENT_ID), browser().driver()::getCurrentUrl);
        assertEquals(401, stack().client().send(Request.get("/auth/verify").header("Cookie", cookie)).status(),
                "the session here ended before the browser left");
        browser().click(By.id("kc-logout"));
        browser().await().until(ExpectedConditions.urlContains(stack().url("/login")));

        // Keycloak's session ended too: signing in again asks for the password.
        browser().click(By.partialLinkText("Sign in with Keycloak"));
        browser().visible(By.id("kc-login"));
    }

    @Test
    void scriptLogoutAnswersKeycloakEndSessionUrl() {
        signInThroughKeycloak(DASHBOARD);
        String cookie = sessionCookie();

        Object answer = ((JavascriptExecutor) browser().driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/auth/logout', {method: 'POST', credentials: 'same-origin',
                    headers: {'Content-Type': 'application/json', Accept: 'application/json'}, body: '{}'})
                  .then(r => r.text().then(body => done(r.status + ' ' + body)), e => done('failed ' + e));
                """);
        String reply = String.valueOf(answer);
        assertTrue(reply.startsWith("200 "), reply);
        JsonNode body = json(reply.substring(4));
        String redirect = body.get("redirect").asText();
        assertTrue(redirect.startsWith(endSessionEndpoint() + "?"), redirect);
        assertTrue(redirect.contains("post_logout_redirect_uri=" + URLEncoder.encode(ENV.realm().postLogoutRedirect(), StandardCharsets.UTF_8)),
                redirect);
        assertEquals(401, stack().client().send(Request.get("/auth/verify").header("Cookie", cookie)).status());
    }

    @Test
    void keycloakEndingUserSessionsEndsGatehouseSessionWithinSixSeconds() {
        signInThroughKeycloak(DASHBOARD);
        String cookie = sessionCookie();
        EdgeClient client = stack().client();
        Request verify = Request.get("/auth/verify?role=" + KeycloakRealm.GATEHOUSE_ROLE).header("Cookie", cookie);
        assertEquals(200, client.send(verify).status());

        // An administrator signs the person out at Keycloak; Keycloak posts a logout token to the app.
        ENV.keycloak().logOut(ENV.keycloak().userId(KeycloakRealm.USER));

        E2e.eventually(BACKCHANNEL_LIMIT, () -> client.send(verify).status(), status -> status == 401);
        String username = KeycloakRealm.PROVIDER + ":" + ENV.keycloak().userId(KeycloakRealm.USER);
        E2e.eventually(Duration.ofSeconds(5), () -> stack().app().output(),
                log -> log.lines().anyMatch(line -> line.contains("\"event\":\"SSO_BACKCHANNEL_LOGOUT\"") && line.contains(username)));
    }

    @Test
    void attackForgedLogoutTokenThroughNginxIsRefusedAs400() {
        Reply reply = stack().client().send(backchannel("logout_token=" + "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        assertProblem(400, reply);
    }

    @Test
    void backchannelEndpointAnswersOnAppLoopbackListener() throws Exception {
        // Where Keycloak posts its logout tokens: the app's own TCP listener, nginx bypassed.
        URI uri = URI.create("http://127.0.0.1:" + ENV.appPort() + "/auth/sso/" + KeycloakRealm.PROVIDER + "/backchannel-logout");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=not-a-jwt")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), response::body);
            assertEquals(ProblemAssertions.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        }
    }

    // --- Helpers ------------------------------------------------------------------------------------

    /** From a signed-out visit of {@code path} through the login page and Keycloak's form, back at {@code path}. */
    private static void signInThroughKeycloak(String path) {
        browser().open(stack().url(path));
        browser().await().until(ExpectedConditions.urlContains(stack().url("/login?rd=")));
        browser().click(By.partialLinkText("Sign in with Keycloak"));

        browser().await().until(ExpectedConditions.urlContains(ENV.keycloak().issuer() + "/protocol/openid-connect/auth"));
        browser().visible(By.id("username")).sendKeys(KeycloakRealm.USER);
        browser().visible(By.id("password")).sendKeys(ENV.realm().password());
        browser().click(By.id("kc-login"));

        browser().await().until(ExpectedConditions.urlToBe(stack().url(path)));
        assertTrue(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed in with a session cookie");
    }

    private static String sessionCookie() {
        return Stack.SESSION_COOKIE + "=" + browser().cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();
    }

    private static String endSessionEndpoint() {
        return ENV.keycloak().issuer() + "/protocol/openid-connect/logout";
    }

    private static Request backchannel(String form) {
        return Request.post("/auth/sso/" + KeycloakRealm.PROVIDER + "/backchannel-logout", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
