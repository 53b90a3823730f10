package dev.gatehouse.e2e;

import static dev.gatehouse.e2e.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Sign-in by a code sent by mail, end to end: the app on an allowlist file ({@code *@example.com}, and
 * {@code ops@example.com} with the role mod), mailing through a real SMTP server in this JVM (GreenMail),
 * nginx in front with the shipped {@code /team/} location ({@code role=*}), and headless Chromium on the
 * login page, at desktop and at phone size. Each test uses addresses of its own: the request limits
 * count per address.
 */
class OtpBrowserIT {

    private static final String TEAM = "/team/";
    private static final String DASHBOARD = "/analytics/";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final Pattern SUBJECT = Pattern.compile("([0-9]{6}) is your Gatehouse sign-in code");

    private static final int SMTP_PORT = freePort();
    private static final Path ALLOWLIST = allowlist("""
            # Everyone at example.com, with the default role (user); ops@ also moderates.
            *@example.com
            ops@example.com mod
            """);
    private static final GreenMail MAIL = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @RegisterExtension
    static final BrowserStack ENV = new BrowserStack("OtpBrowserIT", stack -> stack.app(app -> app
            .env("GATEHOUSE_OTP_ALLOWLIST_FILE", ALLOWLIST.toString())
            .env("QUARKUS_MAILER_HOST", "127.0.0.1")
            .env("QUARKUS_MAILER_PORT", String.valueOf(SMTP_PORT))
            .env("QUARKUS_MAILER_FROM", "gatehouse@example.com")));

    private static Stack stack() {
        return ENV.stack();
    }

    private static Browser browser() {
        return ENV.browser();
    }

    // The app sends mail only when a code is asked for, so the server may start after the stack.
    @BeforeAll
    static void startMailServer() {
        MAIL.start();
    }

    @AfterAll
    static void stopMailServer() throws IOException {
        MAIL.stop();
        Files.deleteIfExists(ALLOWLIST);
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

    // --- in the browser ----------------------------------------------------------------------------

    @Test
    void signsInWithAMailedCodeAndReturnsToTheProtectedPage() {
        String address = "desk@example.com";
        browser().open(stack().url(TEAM));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(TEAM)));

        // Both ways at once: the password, and the address for a code.
        assertTrue(browser().visible(By.id("password")).isDisplayed());
        requestCode(address);

        // The code step alone: the password form is gone, the field has focus, the status says where the code went.
        assertFalse(browser().driver().findElement(By.id("login-form")).isDisplayed());
        assertEquals("code", focused());
        assertTrue(browser().visible(By.id("code-status")).getText().contains(address), "names the address");
        WebElement code = browser().visible(By.id("code"));
        assertEquals("numeric", code.getDomAttribute("inputmode"));
        assertEquals("one-time-code", code.getDomAttribute("autocomplete"));

        code.sendKeys(awaitCode(address, 1));
        browser().click(By.id("verify-code"));

        browser().await().until(ExpectedConditions.urlToBe(stack().url(TEAM)));
        assertEquals("Team page", browser().visible(By.tagName("h1")).getText());
        assertEquals(200, browser().navigationStatus());
        assertTrue(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed in with a session cookie");
        browser().screenshot(stack().logDir().resolve("team-desktop.png"));
        Axe.assertClean(browser().driver(), "the team page");

        // Its button signs out, and the login page would bring the next person back here.
        browser().click(By.id("sign-out"));
        browser().await().until(ExpectedConditions.urlToBe(stack().url("/login?rd=%2Fteam%2F")));
        assertFalse(browser().cookie(Stack.SESSION_COOKIE).isPresent(), "signed out");
    }

    @Test
    void worksOnAPhoneSizedWindow() {
        String address = "phone@example.com";
        Emulation.phone(browser().driver());
        browser().open(stack().url(TEAM));
        browser().await().until(ExpectedConditions.urlToBe(loginUrlFor(TEAM)));

        assertEquals(390L, ((Number) script("return window.innerWidth;")).longValue());
        assertFitsTheWidth("the login page");
        browser().visible(By.id("email"));
        browser().screenshot(stack().logDir().resolve("login-phone.png"));

        requestCode(address);
        assertFitsTheWidth("the code step");
        browser().screenshot(stack().logDir().resolve("login-code-phone.png"));
        browser().visible(By.id("code")).sendKeys(awaitCode(address, 1));
        browser().click(By.id("verify-code"));

        browser().await().until(ExpectedConditions.urlToBe(stack().url(TEAM)));
        assertEquals("Team page", browser().visible(By.tagName("h1")).getText());
        assertFitsTheWidth("the team page");
        browser().screenshot(stack().logDir().resolve("team-phone.png"));
    }

    @Test
    void aWrongCodeSaysSoAndANewCodeWorks() {
        String address = "typo@example.com";
        browser().open(stack().url(TEAM));
        requestCode(address);
        String first = awaitCode(address, 1);

        browser().visible(By.id("code")).sendKeys(otherThan(first));
        browser().click(By.id("verify-code"));

        browser().await().until(d -> browser().visible(By.id("error")).getText().startsWith("Invalid or expired code."));
        WebElement code = browser().visible(By.id("code"));
        assertEquals("true", code.getDomAttribute("aria-invalid"));
        assertEquals("error code-hint", code.getDomAttribute("aria-describedby"));
        assertEquals("", code.getDomProperty("value"), "ready for another try");
        assertEquals("code", focused());

        browser().click(By.id("resend-code"));
        browser().await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("code-status"), "A new code"));
        String second = awaitCode(address, 2);
        browser().visible(By.id("code")).sendKeys(second);
        browser().click(By.id("verify-code"));

        browser().await().until(ExpectedConditions.urlToBe(stack().url(TEAM)));
        assertEquals("Team page", browser().visible(By.tagName("h1")).getText());
    }

    @Test
    void theWayBackLeadsToThePassword() {
        browser().open(stack().url(TEAM));
        requestCode("back@example.com");

        browser().click(By.id("code-back"));

        browser().visible(By.id("login-form"));
        assertFalse(browser().driver().findElement(By.id("code-form")).isDisplayed());
        assertTrue(browser().visible(By.id("email")).isDisplayed(), "another address can be given too");
        assertEquals("username", focused());
        // An account with a password passes role=* too.
        browser().visible(By.id("username")).sendKeys(Stack.USER);
        browser().visible(By.id("password")).sendKeys(Stack.USER_PASSWORD);
        browser().click(By.id("submit"));
        browser().await().until(ExpectedConditions.urlToBe(stack().url(TEAM)));
    }

    @Test
    void tooManyRequestsSayWhenToTryAgain() {
        // The shipped limit: 5 codes per address per hour, whether or not it is listed.
        String address = "eager@example.org";
        EdgeClient client = stack().client();
        for (int i = 1; i <= 5; i++) {
            assertEquals(202, client.send(codeRequest(address)).status());
        }
        browser().open(stack().url("/login"));
        browser().visible(By.id("email")).sendKeys(address);
        browser().click(By.id("request-code"));

        browser().await().until(d -> browser().visible(By.id("error")).getText()
                .matches("Too many codes were asked for\\. Try again in [0-9]+ (seconds?|minutes?)\\."));
        assertTrue(browser().visible(By.id("email")).isDisplayed(), "still on the address step");
        assertEquals("email", focused());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "light", "dark" })
    void bothStepsAreAccessible(String scheme) {
        Emulation.colorScheme(browser().driver(), scheme);
        browser().open(stack().url("/login?rd=" + URLEncoder.encode(stack().url(TEAM), StandardCharsets.UTF_8)));
        browser().visible(By.id("email"));
        Axe.assertClean(browser().driver(), "the login page with both ways (" + scheme + ")");

        requestCode("axe-" + scheme + "@example.com");
        browser().visible(By.id("code")).sendKeys("12");
        browser().click(By.id("verify-code"));
        browser().await().until(ExpectedConditions.textToBe(By.id("error"), "Enter the 6-digit code from the email."));
        browser().screenshot(stack().logDir().resolve("login-code-error-" + scheme + ".png"));
        Axe.assertClean(browser().driver(), "the code step with an error (" + scheme + ")");
    }

    // --- at the edge -------------------------------------------------------------------------------

    @Test
    void theTeamPageAdmitsACodeSessionThroughTheEdge() {
        String address = "edge@example.com";
        EdgeClient client = stack().client();

        Reply browserSignedOut = client.send(Request.get(TEAM).header("Accept", "text/html"));
        assertEquals(302, browserSignedOut.status(), browserSignedOut::toString);
        assertEquals("/login?rd=" + URLEncoder.encode(stack().url(TEAM), StandardCharsets.UTF_8),
                browserSignedOut.header("location").orElseThrow());
        assertProblem(401, client.get(TEAM));

        assertEquals(202, client.send(codeRequest(address)).status());
        Reply signedIn = client.send(Request.postJson("/auth/otp/verify",
                Map.of("email", address, "code", awaitCode(address, 1), "rd", TEAM)));
        assertEquals(200, signedIn.status(), signedIn::toString);
        assertEquals(address, signedIn.json().get("username").asText());
        assertEquals("user", signedIn.json().get("roles").get(0).asText());
        assertTrue(signedIn.json().get("redirect").asText().endsWith(TEAM), signedIn::toString);
        assertTrue(client.cookie(Stack.SESSION_COOKIE).isPresent(), "the session cookie is set");

        Reply team = client.get(TEAM);
        assertEquals(200, team.status(), team::toString);
        assertTrue(team.text().contains("<h1>Team page</h1>"), team::toString);
        // role=* is no more than that: the dashboard still wants admin or mod.
        assertEquals(403, client.get(DASHBOARD).status());
    }

    @Test
    void anAllowlistLineGivesItsRoles() {
        String address = "ops@example.com";
        EdgeClient client = stack().client();
        assertEquals(202, client.send(codeRequest(address)).status());
        Reply signedIn = client.send(Request.postJson("/auth/otp/verify", Map.of("email", address, "code", awaitCode(address, 1))));
        assertEquals(200, signedIn.status(), signedIn::toString);

        assertEquals(200, client.get(DASHBOARD).status());
        assertEquals(200, client.get(TEAM).status());
    }

    @Test
    void anUnlistedAddressGetsTheSameAnswerAndNoMail() {
        String unlisted = "stranger@example.org";
        String listed = "member@example.com";
        EdgeClient client = stack().client();

        Reply toUnlisted = client.send(codeRequest(unlisted));
        Reply toListed = client.send(codeRequest(listed));

        assertEquals(202, toUnlisted.status(), toUnlisted::toString);
        assertEquals(toListed.status(), toUnlisted.status());
        assertEquals(toListed.mediaType(), toUnlisted.mediaType());
        assertEquals(toListed.text(), toUnlisted.text());
        // The listed address's mail arrives; give the unlisted one the same time and more.
        awaitCode(listed, 1);
        E2e.sleep(Duration.ofSeconds(3));
        assertEquals(List.of(), mailsTo(unlisted));
        assertEquals(0, MAIL.getReceivedMessagesForDomain("example.org").length);
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** On the login page: the address, "Email me a code", and the code step once it shows. */
    private static void requestCode(String address) {
        browser().visible(By.id("email")).sendKeys(address);
        browser().click(By.id("request-code"));
        browser().visible(By.id("code"));
    }

    private static Request codeRequest(String address) {
        return Request.postJson("/auth/otp/request", Map.of("email", address));
    }

    /** The code of the {@code nth} mail to {@code address}, once it has arrived; its text holds the code too. */
    private static String awaitCode(String address, int nth) {
        MimeMessage mail = E2e.eventually(MAIL_WAIT, () -> mailsTo(address), mails -> mails.size() >= nth).get(nth - 1);
        try {
            Matcher subject = SUBJECT.matcher(mail.getSubject());
            assertTrue(subject.matches(), mail.getSubject());
            String code = subject.group(1);
            assertTrue(GreenMailUtil.getBody(mail).contains(code), "the mail's text holds the code");
            assertEquals("gatehouse@example.com", ((InternetAddress) mail.getFrom()[0]).getAddress());
            return code;
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(mail -> {
            try {
                Address[] to = mail.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static String otherThan(String code) {
        char last = code.charAt(5);
        String other = code.substring(0, 5) + (last == '9' ? '0' : (char) (last + 1));
        assertNotEquals(code, other);
        return other;
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

    private static String loginUrlFor(String path) {
        return stack().url("/login?rd=" + URLEncoder.encode(stack().url(path), StandardCharsets.UTF_8));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path allowlist(String lines) {
        try {
            Path file = Files.createTempFile("gatehouse-otp-allowlist-", ".txt");
            Files.writeString(file, lines);
            // The app reads it as whoever runs it.
            file.toFile().setReadable(true, false);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
