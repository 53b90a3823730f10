package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The login page in a real browser, with and without JavaScript: the password never travels in a URL,
 * a failed attempt says why and marks the fields, a ban says when to try again.
 */
class LoginPageBrowserIT {

    private static final String DASHBOARD = "/analytics/";

    /** Only the (user, address) limit bans here, so one test's ban leaves the others alone. */
    @RegisterExtension
    static final BrowserStack ENV = new BrowserStack("LoginPageBrowserIT",
            stack -> stack.app(app -> app.env("GATEHOUSE_REGULATION_IP_MAX_FAILURES", "1000")));

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
    void signsInWithoutJavaScriptAndLandsOnTheDestination() {
        Emulation.javaScript(browser().driver(), false);
        browser().open(stack().url(DASHBOARD));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));

        signIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);

        browser().await().until(ExpectedConditions.urlToBe(stack().url(DASHBOARD)));
        assertTrue(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed in with a session cookie");
        assertEquals("Analytics", browser().visible(By.tagName("h1")).getText());
        assertNoPasswordInAnyUrl();
    }

    @Test
    void aFailedAttemptWithoutJavaScriptComesBackSayingWhy() {
        Emulation.javaScript(browser().driver(), false);
        browser().open(stack().url(DASHBOARD));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD)));

        signIn(Stack.ADMIN, "not-the-password");

        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(DASHBOARD) + "&error=invalid"));
        assertEquals("Invalid username or password.", browser().visible(By.id("error")).getText());
        assertInvalid("username", true);
        assertInvalid("password", true);
        assertFalse(browser().cookie(Stack.SESSION_COOKIE).isPresent());

        // The page still knows where to go: the next attempt lands on the dashboard.
        signIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        browser().await().until(ExpectedConditions.urlToBe(stack().url(DASHBOARD)));
        assertNoPasswordInAnyUrl();
    }

    @Test
    void theFormPostsEvenBeforeItsScriptRuns() {
        browser().open(stack().url("/login"));
        WebElement form = browser().visible(By.id("login-form"));
        assertEquals("post", form.getDomProperty("method"));
        assertEquals(stack().url("/auth/session"), form.getDomProperty("action"));
    }

    @Test
    void aFailedAttemptMarksTheFieldsUntilTheyAreEdited() {
        browser().open(stack().url("/login"));
        signIn(Stack.ADMIN, "not-the-password");

        assertEquals("Invalid username or password.", browser().visible(By.id("error")).getText());
        browser().await().until(d -> "true".equals(field("username").getDomAttribute("aria-invalid")));
        assertInvalid("password", true);
        assertEquals(stack().url("/login"), browser().driver().getCurrentUrl(), "no GET with the fields");

        field("username").sendKeys("x");
        assertInvalid("username", false);
        assertInvalid("password", true);
        field("password").sendKeys("y");
        assertInvalid("password", false);
        assertNoPasswordInAnyUrl();
    }

    @Test
    void emptyFieldsAreNamed() {
        browser().open(stack().url("/login"));
        field("username").sendKeys(Stack.ADMIN);
        browser().click(By.id("submit"));

        assertEquals("Enter your username and password.", browser().visible(By.id("error")).getText());
        assertInvalid("password", true);
        assertInvalid("username", false);
    }

    @Test
    void aBanSaysWhenToTryAgain() {
        browser().open(stack().url("/login"));
        // Five failures ban this user from this address for five minutes (the shipped limits).
        for (int attempt = 1; attempt <= 5; attempt++) {
            field("username").clear();
            signIn(Stack.MOD, "wrong-password-" + attempt);
            browser().await().until(ExpectedConditions.textToBe(By.id("error"), "Invalid username or password."));
            browser().await().until(ExpectedConditions.elementToBeClickable(By.id("submit")));
        }
        field("username").clear();
        signIn(Stack.MOD, Stack.MOD_PASSWORD);

        browser().await().until(ExpectedConditions.textToBe(By.id("error"), "Too many attempts. Try again in 5 minutes."));
        // Not the fields' fault: they are not marked.
        assertInvalid("password", false);
        assertFalse(browser().cookie(Stack.SESSION_COOKIE).isPresent());
    }

    @Test
    void aBanSaysWhenToTryAgainWithoutJavaScriptToo() {
        browser().open(stack().url("/login?error=banned&retry_after=90"));
        assertEquals("Too many attempts. Try again in 2 minutes.", browser().visible(By.id("error")).getText());
    }

    private static void signIn(String username, String password) {
        browser().visible(By.id("username")).sendKeys(username);
        browser().visible(By.id("password")).sendKeys(password);
        browser().click(By.id("submit"));
    }

    private static WebElement field(String id) {
        return browser().visible(By.id(id));
    }

    private static void assertInvalid(String id, boolean invalid) {
        WebElement field = browser().driver().findElement(By.id(id));
        if (invalid) {
            assertEquals("true", field.getDomAttribute("aria-invalid"), id);
            assertEquals("error", field.getDomAttribute("aria-describedby"), id);
        } else {
            assertNull(field.getDomAttribute("aria-invalid"), id);
        }
    }

    /** Nothing nginx logged (every request, every part) carries a password in its URL. */
    private static void assertNoPasswordInAnyUrl() {
        E2e.sleep(Duration.ofMillis(1500)); // the access logs flush every second
        try (Stream<Path> files = Files.walk(stack().nginx().logs())) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                List<String> leaks = Files.readAllLines(log).stream()
                        .filter(line -> line.contains("password=") || line.contains(Stack.ADMIN_PASSWORD)).toList();
                assertEquals(List.of(), leaks, log.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loginUrlFor(String path) {
        return stack().url("/login?rd=" + URLEncoder.encode(stack().url(path), StandardCharsets.UTF_8));
    }
}
