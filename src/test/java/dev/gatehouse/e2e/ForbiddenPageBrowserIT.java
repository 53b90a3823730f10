package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The 403 page behind real nginx with the shipped site, which routes the gateway's 403 to it: a
 * signed-in browser without the dashboard's role learns who it is and switches account or signs out.
 */
class ForbiddenPageBrowserIT {

    private static final String DASHBOARD = "/analytics/";

    @RegisterExtension
    static final BrowserStack ENV = new BrowserStack("ForbiddenPageBrowserIT");

    private static Stack stack() {
        return ENV.stack();
    }

    private static Browser browser() {
        return ENV.browser();
    }

    @BeforeEach
    void signedOut() {
        browser().clearCookies();
    }

    @AfterEach
    void scriptsBackOn() {
        Emulation.javaScript(browser().driver(), true);
    }

    @Test
    void saysWhoIsSignedInAndSwitchesAccount() {
        signInAndOpenDashboard(Stack.USER, Stack.USER_PASSWORD);

        assertEquals("You are signed in to Gatehouse as " + Stack.USER + ".", browser().visible(By.id("who")).getText());
        assertEquals(403, browser().navigationStatus());
        assertEquals(stack().url(DASHBOARD), browser().driver().getCurrentUrl(), "the page stands in for the dashboard");
        Axe.assertClean(browser().driver(), "the 403 page");

        browser().click(By.id("switch-account"));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));
        signIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        browser().await().until(ExpectedConditions.textToBe(By.id("who"), "Signed in as " + Stack.ADMIN));
        assertEquals(stack().url(DASHBOARD), browser().driver().getCurrentUrl());
    }

    @Test
    void signsOutWithoutJavaScript() {
        signInAndOpenDashboard(Stack.USER, Stack.USER_PASSWORD);
        String session = browser().cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();
        Emulation.javaScript(browser().driver(), false);
        browser().open(stack().url(DASHBOARD));

        browser().click(By.id("sign-out"));

        browser().await().until(ExpectedConditions.urlToBe(stack().url("/login")));
        assertFalse(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "the cookie is cleared");
        Reply me = stack().client().send(Request.get("/auth/me").header("Cookie", Stack.SESSION_COOKIE + "=" + session));
        assertEquals(401, me.status(), "the session ended on the server: " + me);
    }

    @Test
    void apiClientsStillGetAProblem() {
        String session = stack().client().send(Request.postJson("/auth/session",
                Map.of("username", Stack.USER, "password", Stack.USER_PASSWORD))).headers("set-cookie").stream()
                .filter(cookie -> cookie.startsWith(Stack.SESSION_COOKIE + "=")).findFirst().orElseThrow().split(";")[0];
        Reply reply = stack().client().send(Request.get(DASHBOARD).header("Cookie", session).header("Accept", "application/json"));
        assertEquals(403, reply.status(), reply::toString);
        assertEquals("application/problem+json", reply.mediaType(), reply::toString);
        assertEquals("Forbidden", reply.json().path("title").asText());
        Reply browserLike = stack().client().send(Request.get(DASHBOARD).header("Cookie", session).header("Accept", "text/html"));
        assertEquals(403, browserLike.status(), browserLike::toString);
        assertTrue(browserLike.text().contains("You are signed in to Gatehouse as <strong>" + Stack.USER + "</strong>"),
                browserLike::toString);
    }

    private static void signInAndOpenDashboard(String username, String password) {
        browser().open(stack().url(DASHBOARD));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));
        signIn(username, password);
        browser().await().until(ExpectedConditions.urlToBe(stack().url(DASHBOARD)));
        browser().visible(By.id("who"));
    }

    private static void signIn(String username, String password) {
        browser().visible(By.id("username")).sendKeys(username);
        browser().visible(By.id("password")).sendKeys(password);
        browser().click(By.id("submit"));
    }

    private static String loginUrlFor(String path) {
        return stack().url("/login?rd=" + URLEncoder.encode(stack().url(path), StandardCharsets.UTF_8));
    }
}
