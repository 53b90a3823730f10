package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.gatehouse.support.MailServer;

/**
 * The pages for one's own account in headless Chromium, through nginx with the shipped configuration:
 * signing up with a mailed code, resetting a forgotten password, and the account page with its
 * sessions and password form; at desktop and phone size, and axe-clean in both colour schemes. The
 * app mails through a real SMTP server in this JVM (GreenMail); each test uses addresses of its own,
 * since the code limits count per address.
 */
class AccountBrowserIT {

    private static final String TEAM = "/team/";
    private static final String ACCOUNT = "/account";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "quiet meadow lantern 42";
    private static final String FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

    // No allowlist: sign-in by code stays off; the account flows mail all the same.
    private static final MailServer MAIL = MailServer.start("");

    @RegisterExtension
    static final BrowserStack ENV = new BrowserStack("AccountBrowserIT", stack -> stack.app(app -> app
            .env("GATEHOUSE_SIGNUP_ENABLED", "true")
            .env("QUARKUS_MAILER_HOST", "127.0.0.1")
            .env("QUARKUS_MAILER_PORT", String.valueOf(MAIL.port()))
            .env("QUARKUS_MAILER_FROM", MailServer.FROM)));

    private static Stack stack() {
        return ENV.stack();
    }

    private static Browser browser() {
        return ENV.browser();
    }

    @AfterAll
    static void stopMailServer() {
        MAIL.close();
    }

    @BeforeEach
    void signedOut() {
        browser().clearCookies();
    }

    @AfterEach
    void desktopAgain() {
        Emulation.desktop(browser().driver());
        Emulation.colorScheme(browser().driver(), "light");
    }

    // --- signup ------------------------------------------------------------------------------------

    @Test
    void signsUpWithTheMailedCodeAndArrivesSignedIn() {
        String address = "newcomer@example.com";
        browser().open(stack().url(TEAM));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(stack().url(TEAM))));
        browser().click(By.id("create-account"));
        browser().await().until(ExpectedConditions.urlToBe(
                stack().url("/signup?rd=" + URLEncoder.encode(stack().url(TEAM), StandardCharsets.UTF_8))));
        assertEquals("email", focused());

        // A password the policy refuses: its rules show under the field, which says so.
        browser().visible(By.id("email")).sendKeys(address);
        browser().visible(By.id("name")).sendKeys("New Comer");
        browser().visible(By.id("password")).sendKeys("newcomer1");
        browser().click(By.id("submit"));
        WebElement rules = browser().visible(By.id("password-rules"));
        assertTrue(rules.getText().contains("Use at least 12 characters."), rules.getText());
        assertTrue(rules.getText().contains("Do not use the name part of your e-mail address"), rules.getText());
        assertTrue(browser().visible(By.id("error")).getText().startsWith("This password cannot be used."));
        WebElement password = browser().visible(By.id("password"));
        assertEquals("true", password.getDomAttribute("aria-invalid"));
        assertEquals("error password-rules password-hint", password.getDomAttribute("aria-describedby"));
        assertEquals("password", focused());

        password.clear();
        password.sendKeys(PASSWORD);
        browser().click(By.id("submit"));

        // The code step: the field has focus, the status names the address.
        WebElement code = browser().visible(By.id("code"));
        assertEquals("code", focused());
        assertFalse(browser().driver().findElement(By.id("signup-form")).isDisplayed());
        assertTrue(browser().visible(By.id("status")).getText().contains(address), "names the address");
        assertFalse(browser().driver().findElement(By.id("error")).isDisplayed(), "the refusal is gone");
        code.sendKeys(MAIL.awaitCode(address, 1, MAIL_WAIT));
        browser().click(By.id("verify-code"));

        // Active, signed in and on the page it came for.
        browser().await().until(ExpectedConditions.urlToBe(stack().url(TEAM)));
        assertEquals("Team page", browser().visible(By.tagName("h1")).getText());
        assertTrue(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed in with a session cookie");

        browser().open(stack().url(ACCOUNT));
        assertEquals(address, browser().visible(By.id("username")).getText());
        List<WebElement> sessions = awaitSessions(1);
        assertTrue(sessions.get(0).getText().contains("This device"), sessions.get(0).getText());
    }

    // --- password reset ----------------------------------------------------------------------------

    @Test
    void resetsAForgottenPasswordAndOnlyTheNewOneWorks() {
        String address = "forgetful@example.com";
        String newPassword = "brand new evening tide";
        signedUp(address, PASSWORD);

        browser().open(stack().url("/login"));
        browser().click(By.id("forgot-password"));
        browser().await().until(ExpectedConditions.urlToBe(stack().url("/reset")));
        assertEquals("email", focused());
        browser().visible(By.id("email")).sendKeys(address);
        browser().click(By.id("request-code"));

        WebElement code = browser().visible(By.id("code"));
        assertEquals("code", focused());
        assertTrue(browser().visible(By.id("status")).getText().contains(address), "names the address");
        // The reset mail is the second to this address, after the signup's.
        code.sendKeys(MAIL.awaitCode(address, 2, MAIL_WAIT));
        browser().visible(By.id("new-password")).sendKeys(newPassword);
        browser().click(By.id("reset-password"));

        browser().await().until(ExpectedConditions.urlToBe(stack().url("/login?notice=password-reset")));
        assertEquals("Your password is changed. Sign in with the new one.", browser().visible(By.id("notice")).getText());

        // The old password fails, the new one works, in the browser and for the API.
        signIn(address, PASSWORD);
        browser().await().until(ExpectedConditions.textToBe(By.id("error"), "Invalid username or password."));
        assertFalse(browser().driver().findElement(By.id("notice")).isDisplayed(), "the notice made way for the error");
        signIn(address, newPassword);
        browser().await().until(ExpectedConditions.urlToBe(stack().url("/")));
        assertTrue(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed in with the new password");
        EdgeClient client = stack().client();
        assertEquals(401, client.send(Request.login(address, PASSWORD)).status());
        assertEquals(200, client.send(Request.login(address, newPassword)).status());
    }

    @Test
    void aWrongCodeSaysSoAndKeepsTheStep() {
        browser().open(stack().url("/reset?rd=" + URLEncoder.encode(TEAM, StandardCharsets.UTF_8)));
        // An address without an account gets the same answer and the same step, and no mail.
        browser().visible(By.id("email")).sendKeys("nobody-here@example.com");
        browser().click(By.id("request-code"));
        browser().visible(By.id("code")).sendKeys("123456");
        browser().visible(By.id("new-password")).sendKeys("some other fine phrase");
        browser().click(By.id("reset-password"));

        browser().await().until(d -> browser().visible(By.id("error")).getText().startsWith("Invalid or expired code."));
        WebElement code = browser().visible(By.id("code"));
        assertEquals("true", code.getDomAttribute("aria-invalid"));
        assertEquals("error code-hint", code.getDomAttribute("aria-describedby"));
        assertEquals("code", focused());
        assertEquals(stack().url("/reset?rd=%2Fteam%2F"), browser().driver().getCurrentUrl());
        assertEquals(List.of(), MAIL.messagesTo("nobody-here@example.com"));

        // The way back to the login page keeps the destination.
        browser().click(By.id("sign-in"));
        browser().await().until(ExpectedConditions.urlToBe(stack().url("/login?rd=%2Fteam%2F")));
    }

    // --- the account page --------------------------------------------------------------------------

    @Test
    void listsTheSessionsAndEndsAnotherOne() {
        EdgeClient other = otherBrowser(Stack.USER, Stack.USER_PASSWORD);

        // Signed out, the account page goes by the login page and comes back.
        browser().open(stack().url(ACCOUNT));
        browser().await().until(ExpectedConditions.urlToBe(stack().url("/login?rd=%2Faccount")));
        signIn(Stack.USER, Stack.USER_PASSWORD);
        browser().await().until(ExpectedConditions.urlToBe(stack().url(ACCOUNT)));
        assertEquals(Stack.USER, browser().visible(By.id("username")).getText());

        List<WebElement> sessions = awaitSessions(2);
        WebElement mine = sessions.get(0);
        WebElement theirs = sessions.get(1);
        assertTrue(mine.getText().startsWith("Chrome on Linux This device"), mine.getText());
        assertTrue(mine.findElements(By.tagName("button")).isEmpty(), "this device is left with Sign out");
        assertTrue(theirs.getText().startsWith("Firefox on Windows"), theirs.getText());
        for (WebElement session : sessions) {
            for (String fact : List.of("Address", "Signed in", "Last seen")) {
                assertTrue(session.getText().contains(fact), fact + " in " + session.getText());
            }
            assertEquals(2, session.findElements(By.cssSelector("dd time[datetime]")).size(), session.getText());
        }
        // Chromium reaches localhost over IPv6, the other client over IPv4.
        assertEquals("::1", mine.findElement(By.cssSelector(".facts div:first-child dd")).getText());
        assertEquals("127.0.0.1", theirs.findElement(By.cssSelector(".facts div:first-child dd")).getText());
        browser().screenshot(stack().logDir().resolve("account-desktop.png"));

        WebElement end = theirs.findElement(By.tagName("button"));
        assertEquals("End this session", end.getText());
        end.click();

        browser().await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions > li"), 1));
        assertEquals("The session on Firefox on Windows is ended: that browser is signed out.",
                browser().visible(By.id("sessions-status")).getText());
        assertEquals("sessions-heading", focused());
        assertEquals(401, other.get("/auth/me").status(), "the other browser is signed out");

        // This browser still is signed in, and its button signs it out.
        browser().open(stack().url(ACCOUNT));
        awaitSessions(1);
        browser().click(By.id("sign-out"));
        browser().await().until(ExpectedConditions.urlToBe(stack().url("/login")));
        assertFalse(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed out");
    }

    @Test
    void changesThePasswordAndEndsTheOtherSessions() {
        String address = "changer@example.com";
        String newPassword = "granite harbour sunrise";
        signedUp(address, PASSWORD);
        EdgeClient other = otherBrowser(address, PASSWORD);
        browser().open(stack().url(ACCOUNT));
        signIn(address, PASSWORD);
        browser().await().until(ExpectedConditions.urlToBe(stack().url(ACCOUNT)));
        awaitSessions(2);

        // A wrong current password, then a new one the policy refuses.
        browser().visible(By.id("current-password")).sendKeys("not the password at all");
        browser().visible(By.id("new-password")).sendKeys(newPassword);
        browser().click(By.id("change-password"));
        browser().await().until(ExpectedConditions.textToBe(By.id("password-error"), "The current password is not right."));
        assertEquals("true", browser().visible(By.id("current-password")).getDomAttribute("aria-invalid"));
        assertEquals("current-password", focused());

        browser().visible(By.id("current-password")).sendKeys(PASSWORD);
        WebElement fresh = browser().visible(By.id("new-password"));
        fresh.clear();
        fresh.sendKeys("short");
        browser().click(By.id("change-password"));
        browser().await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-password-rules"),
                "Use at least 12 characters."));
        assertEquals("password-error new-password-rules new-password-hint", fresh.getDomAttribute("aria-describedby"));
        assertEquals("new-password", focused());

        fresh.clear();
        fresh.sendKeys(newPassword);
        browser().click(By.id("change-password"));
        browser().await().until(ExpectedConditions.textToBe(By.id("password-status"),
                "Your password is changed. Your other sessions are signed out."));
        awaitSessions(1);
        assertEquals("", browser().visible(By.id("current-password")).getDomProperty("value"));
        assertEquals(401, other.get("/auth/me").status(), "the other browser is signed out");
        assertEquals(200, stack().client().send(Request.login(address, newPassword)).status());
    }

    // --- phone, accessibility ----------------------------------------------------------------------

    @Test
    void worksOnAPhoneSizedWindow() {
        Emulation.phone(browser().driver());
        browser().open(stack().url("/signup"));
        assertEquals(390L, ((Number) script("return window.innerWidth;")).longValue());
        browser().visible(By.id("email"));
        assertFitsTheWidth("the signup page");
        browser().screenshot(stack().logDir().resolve("signup-phone.png"));

        browser().open(stack().url("/reset"));
        browser().visible(By.id("email"));
        assertFitsTheWidth("the reset page");
        browser().screenshot(stack().logDir().resolve("reset-phone.png"));

        otherBrowser(Stack.MOD, Stack.MOD_PASSWORD);
        browser().open(stack().url(ACCOUNT));
        signIn(Stack.MOD, Stack.MOD_PASSWORD);
        browser().await().until(ExpectedConditions.urlToBe(stack().url(ACCOUNT)));
        awaitSessions(2);
        assertFitsTheWidth("the account page");
        browser().screenshot(stack().logDir().resolve("account-phone.png"));
        // The buttons are big enough to tap.
        for (By button : List.of(By.cssSelector("#sessions button"), By.id("change-password"), By.id("sign-out"))) {
            assertTrue(browser().reveal(button).getSize().getHeight() >= 44, button + " is at least 44 px high");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "light", "dark" })
    void everyStepIsAccessible(String scheme) {
        Emulation.colorScheme(browser().driver(), scheme);

        browser().open(stack().url("/signup"));
        browser().visible(By.id("email")).sendKeys("axe-" + scheme + "@example.com");
        browser().visible(By.id("password")).sendKeys("axe");
        browser().click(By.id("submit"));
        browser().visible(By.id("password-rules"));
        Axe.assertClean(browser().driver(), "the signup page refusing a password (" + scheme + ")");
        browser().visible(By.id("password")).sendKeys(" and a much longer phrase");
        browser().click(By.id("submit"));
        browser().visible(By.id("code")).sendKeys("12");
        browser().click(By.id("verify-code"));
        browser().await().until(ExpectedConditions.textToBe(By.id("error"), "Enter the 6-digit code from the email."));
        browser().screenshot(stack().logDir().resolve("signup-code-error-" + scheme + ".png"));
        Axe.assertClean(browser().driver(), "the signup page's code step with an error (" + scheme + ")");

        browser().open(stack().url("/reset"));
        browser().visible(By.id("email")).sendKeys("axe-reset-" + scheme + "@example.com");
        browser().click(By.id("request-code"));
        browser().visible(By.id("code")).sendKeys("123456");
        browser().visible(By.id("new-password")).sendKeys("short");
        browser().click(By.id("reset-password"));
        browser().visible(By.id("new-password-rules"));
        browser().screenshot(stack().logDir().resolve("reset-rules-" + scheme + ".png"));
        Axe.assertClean(browser().driver(), "the reset page refusing a password (" + scheme + ")");

        browser().open(stack().url("/login?notice=password-reset"));
        browser().visible(By.id("notice"));
        Axe.assertClean(browser().driver(), "the login page after a reset (" + scheme + ")");

        otherBrowser(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        browser().open(stack().url(ACCOUNT));
        signIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        browser().await().until(ExpectedConditions.urlToBe(stack().url(ACCOUNT)));
        // The other scheme's run left sessions of its own.
        browser().await().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#sessions > li"), 1));
        browser().visible(By.id("current-password")).sendKeys("not the password at all");
        browser().visible(By.id("new-password")).sendKeys("short");
        browser().click(By.id("change-password"));
        browser().await().until(ExpectedConditions.textToBe(By.id("password-error"), "The current password is not right."));
        browser().screenshot(stack().logDir().resolve("account-" + scheme + ".png"));
        Axe.assertClean(browser().driver(), "the account page with an error (" + scheme + ")");
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** An account made through the API: signed up, and activated with the mailed code. */
    private static void signedUp(String address, String password) {
        EdgeClient client = stack().client();
        Reply requested = client.send(Request.postJson("/auth/signup", Map.of("email", address, "password", password)));
        assertEquals(202, requested.status(), requested::toString);
        Reply verified = client.send(Request.postJson("/auth/signup/verify",
                Map.of("email", address, "code", MAIL.awaitCode(address, 1, MAIL_WAIT))));
        assertEquals(200, verified.status(), verified::toString);
    }

    /** Another browser, signed in as {@code username}: a session of its own, named by its User-Agent. */
    private static EdgeClient otherBrowser(String username, String password) {
        EdgeClient other = stack().client();
        Reply signedIn = other.send(Request.postJson("/auth/session", Map.of("username", username, "password", password))
                .header("User-Agent", FIREFOX_ON_WINDOWS));
        assertEquals(200, signedIn.status(), signedIn::toString);
        assertEquals(200, other.get("/auth/me").status());
        return other;
    }

    /** On the login page: the username and password, and "Sign in". */
    private static void signIn(String username, String password) {
        WebElement user = browser().visible(By.id("username"));
        user.clear();
        user.sendKeys(username);
        WebElement secret = browser().visible(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        browser().click(By.id("submit"));
    }

    /** The account page's sessions, once it lists {@code count}. */
    private static List<WebElement> awaitSessions(int count) {
        By items = By.cssSelector("#sessions > li");
        browser().await().until(ExpectedConditions.numberOfElementsToBe(items, count));
        return browser().driver().findElements(items);
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) browser().driver()).executeScript(code);
    }

    private static String focused() {
        return browser().driver().switchTo().activeElement().getDomAttribute("id");
    }

    /** Nothing sticks out sideways: no horizontal scrolling on a narrow screen. */
    private static void assertFitsTheWidth(String what) {
        Object overflow = script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), what + " is wider than the screen");
    }

    private static String loginUrlFor(String destination) {
        return stack().url("/login?rd=" + URLEncoder.encode(destination, StandardCharsets.UTF_8));
    }
}
