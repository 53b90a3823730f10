package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * SAML 2.0 sign-in with a real Keycloak as the identity provider, in a real browser through nginx:
 * the login page's SAML button, Keycloak's login form, its signed response posted back to Gatehouse's
 * assertion consumer service, and the page first asked for, with the role Keycloak's realm role maps to;
 * then signing out, here and at Keycloak (single logout).
 * Gatehouse reads Keycloak's metadata from its descriptor URL, as an operator would configure it.
 */
class KeycloakSamlBrowserIT {

    private static final String DASHBOARD = "/analytics/";

    @RegisterExtension
    static final KeycloakStack ENV = new KeycloakStack("KeycloakSamlBrowserIT", KeycloakStack::saml);

    private static Stack stack() {
        return ENV.stack();
    }

    private static Browser browser() {
        return ENV.browser();
    }

    /** From {@code path} through the login page's SAML button and Keycloak's form, back to {@code path}. */
    private static String signInOverSaml(String path) {
        browser().open(stack().url(path));
        browser().await().until(ExpectedConditions.urlContains(stack().url("/login?rd=")));
        browser().click(By.partialLinkText("Sign in with Keycloak SAML"));

        browser().await().until(ExpectedConditions.urlContains(ENV.keycloak().issuer() + "/protocol/saml"));
        browser().visible(By.id("username")).sendKeys(KeycloakRealm.USER);
        browser().visible(By.id("password")).sendKeys(ENV.realm().password());
        browser().click(By.id("kc-login"));

        // Keycloak posts its response to /auth/saml/acs, which sends the browser on to rd.
        browser().await().until(ExpectedConditions.urlToBe(stack().url(path)));
        return Stack.SESSION_COOKIE + "=" + browser().cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();
    }

    @Test
    void signsInAtKeycloakOverSamlAndReturnsToPageAskedFor() {
        String cookie = signInOverSaml(DASHBOARD);
        browser().await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("roles"), KeycloakRealm.GATEHOUSE_ROLE));

        EdgeClient client = stack().client();
        assertEquals(200, client.send(Request.get("/auth/verify?role=" + KeycloakRealm.GATEHOUSE_ROLE).header("Cookie", cookie)).status());
        assertEquals(403, client.send(Request.get("/auth/verify?role=admin").header("Cookie", cookie)).status(),
                "Keycloak grants only what the role map names");
        browser().screenshot(stack().logDir().getParent().resolve("keycloak-saml-signed-in.png"));
    }

    @Test
    void signOutEndsSessionHereAndAtKeycloak() {
        String cookie = signInOverSaml("/account");

        browser().click(By.id("sign-out"));

        // Gatehouse ends its session, then sends the browser to Keycloak with a signed LogoutRequest;
        // Keycloak ends its own and sends its LogoutResponse to /auth/saml/slo, which lands on the login page.
        browser().await().until(ExpectedConditions.urlToBe(stack().url("/login")));
        assertEquals(401, stack().client().send(Request.get("/auth/verify").header("Cookie", cookie)).status());

        // Keycloak's session ended too: signing in again asks for the password.
        browser().click(By.partialLinkText("Sign in with Keycloak SAML"));
        browser().visible(By.id("kc-login"));
    }

    @Test
    void signingOutAtKeycloakEndsTheSessionHere() {
        String cookie = signInOverSaml(DASHBOARD);
        Request verify = Request.get("/auth/verify").header("Cookie", cookie);
        assertEquals(200, stack().client().send(verify).status());

        // The person signs out at Keycloak itself; Keycloak tells each client of the browser's session,
        // Gatehouse's SAML client with a signed LogoutRequest posted through the browser to /auth/saml/slo.
        browser().open(ENV.keycloak().issuer() + "/protocol/openid-connect/logout");
        browser().click(By.id("kc-logout"));

        E2e.eventually(Duration.ofSeconds(10), () -> stack().client().send(verify).status(), status -> status == 401);
        E2e.eventually(Duration.ofSeconds(5), () -> stack().app().output(),
                log -> log.lines().anyMatch(line -> line.contains("\"event\":\"SAML_LOGOUT\"")));
    }

    @Test
    void serviceProviderMetadataIsServedThroughNginx() {
        Reply metadata = stack().client().get("/auth/saml/metadata");

        assertEquals(200, metadata.status(), metadata::toString);
        assertTrue(metadata.text().contains("entityID=\"" + KeycloakRealm.SAML_ENTITY_ID + "\""), metadata::text);
        assertTrue(metadata.text().contains(ENV.realm().samlAcs()), metadata::text);
    }

    @Test
    void attackUnsignedResponsePostedToAcsEndsOnPageNotSession() {
        String forged = """
                <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
                    ID="_forged" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
                  <saml:Issuer>%s</saml:Issuer>
                  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
                  <saml:Assertion ID="_a" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
                    <saml:Issuer>%s</saml:Issuer>
                    <saml:Subject><saml:NameID>admin</saml:NameID></saml:Subject>
                  </saml:Assertion>
                </samlp:Response>
                """.formatted(ENV.keycloak().issuer(), ENV.keycloak().issuer());
        String form = "SAMLResponse=" + java.net.URLEncoder.encode(
                Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        Reply reply = stack().client().send(Request.post("/auth/saml/acs", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8)).header("Accept", "text/html"));

        assertTrue(reply.status() >= 400 && reply.status() < 500, reply::toString);
        assertTrue(reply.mediaType().startsWith("text/html"), reply::toString);
        assertTrue(reply.headers("Set-Cookie").stream().noneMatch(value -> value.startsWith(Stack.SESSION_COOKIE + "=") && !value.contains("Max-Age=0")),
                reply::toString);
    }
}
