package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The example dashboard behind the gateway in a real browser: nginx sends the signed-out browser to
 * Gatehouse's login page, the login page brings it back, and the dashboard's logout ends the
 * session for good. One stack and one browser serve the class; each test starts without cookies.
 */
class GatewayBrowserIT {

    private static final String DASHBOARD = "/analytics/";

    @RegisterExtension
    static final BrowserStack ENV = new BrowserStack("GatewayBrowserIT");

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

    @Test
    void signedOutVisitorSignsInAndReturnsToDashboard() {
        browser().open(stack().url(DASHBOARD));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));

        signIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);

        browser().await().until(ExpectedConditions.urlToBe(stack().url(DASHBOARD)));
        // The dashboard asks /auth/me who is signed in once it has loaded.
        browser().await().until(ExpectedConditions.textToBe(By.id("who"), "Signed in as " + Stack.ADMIN));
        browser().await().until(ExpectedConditions.textToBe(By.id("roles"), "admin"));
        browser().screenshot(stack().logDir().getParent().resolve("gateway-analytics.png"));
    }

    @Test
    void dashboardLogoutSendsNextVisitToLogin() {
        openDashboardSignedInAs(Stack.ADMIN, Stack.ADMIN_PASSWORD);

        browser().click(By.id("logout"));

        // The button reloads /analytics/, which the gateway now refuses.
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));
        browser().visible(By.id("username"));
    }

    @Test
    void userWithoutDashboardRoleIsForbiddenAfterSigningIn() {
        browser().open(stack().url(DASHBOARD));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));

        signIn(Stack.USER, Stack.USER_PASSWORD);

        browser().await().until(ExpectedConditions.urlToBe(stack().url(DASHBOARD)));
        browser().await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Forbidden"));
        assertEquals(403, browser().navigationStatus());
    }

    @Test
    void wrongPasswordShowsErrorAndStaysOnLoginPage() {
        browser().open(stack().url(DASHBOARD));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));

        signIn(Stack.ADMIN, "not-the-password");

        String error = browser().visible(By.id("error")).getText();
        assertEquals("Invalid username or password.", error);
        assertEquals(loginUrlFor(DASHBOARD), browser().driver().getCurrentUrl());
        // Ready for another try: the wrong password is gone.
        assertEquals("", browser().driver().findElement(By.id("password")).getDomProperty("value"));
    }

    @Test
    void sessionCookieReplayedAfterLogoutIsRefused() {
        openDashboardSignedInAs(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        String session = browser().cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();
        EdgeClient replay = stack().client();
        assertEquals(200, replay.send(Request.get("/auth/me").header("Cookie", Stack.SESSION_COOKIE + "=" + session)).status(),
                "the cookie is a live session before logout");

        browser().click(By.id("logout"));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));

        // Logout deleted the session on the server: keeping a copy of the cookie is no use. Gatehouse
        // refuses it at once; the edge's decision cache may still pass it for its lifetime (1 s, which
        // nginx counts in whole seconds), never longer.
        Request copy = Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=" + session);
        Reply me = replay.send(Request.get("/auth/me").header("Cookie", Stack.SESSION_COOKIE + "=" + session));
        assertEquals(401, me.status(), me::toString);
        E2e.eventually(Duration.ofMillis(2500), () -> replay.send(copy).status(), status -> status == 401);
    }

    private void openDashboardSignedInAs(String username, String password) {
        browser().open(stack().url(DASHBOARD));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));
        signIn(username, password);
        browser().await().until(ExpectedConditions.textToBe(By.id("who"), "Signed in as " + username));
        assertTrue(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed in with a session cookie");
    }

    private void signIn(String username, String password) {
        browser().visible(By.id("username")).sendKeys(username);
        browser().visible(By.id("password")).sendKeys(password);
        browser().click(By.id("submit"));
    }

    /** Where the gateway sends a signed-out browser that asked for {@code path}. */
    private static String loginUrlFor(String path) {
        return stack().url("/login?rd=" + URLEncoder.encode(stack().url(path), StandardCharsets.UTF_8));
    }
}
