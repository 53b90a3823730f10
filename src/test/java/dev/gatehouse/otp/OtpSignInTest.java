package dev.gatehouse.otp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.gatehouse.code.Codes;
import dev.gatehouse.code.MailOutbox;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.support.MailResource;
import dev.gatehouse.support.MailServer;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(MailResource.class)
class OtpSignInTest {

    private static final Duration MAIL_WITHIN = Duration.ofSeconds(10);
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @MailResource.InjectMail
    MailServer mail;

    @Inject
    RedisDataSource redis;

    /** Each test asks from its own client address, so that the per-client limit of one does not touch another. */
    private final String client = "10.77.0." + CLIENTS.getAndIncrement();

    private Response request(String email) {
        return given().contentType("application/json").header("X-Forwarded-For", client).body(Map.of("email", email))
                .post("/auth/otp/request");
    }

    private Response verify(String email, String code) {
        return given().contentType("application/json").header("X-Forwarded-For", client)
                .body(Map.of("email", email, "code", code, "rd", "/analytics/")).post("/auth/otp/verify");
    }

    private String signIn(String email) {
        request(email).then().statusCode(202);
        String code = mail.awaitCode(email, MAIL_WITHIN);
        return verify(email, code).then().statusCode(200).extract().cookie(TestUsers.SESSION_COOKIE);
    }

    @Test
    void aListedAddressGetsAMultipartMailFromTheSenderWithTheCode() throws Exception {
        request("alice@example.com").then().statusCode(202).contentType("application/json");
        String code = mail.awaitCode("alice@example.com", MAIL_WITHIN);
        MimeMessage message = mail.messagesTo("alice@example.com").getFirst();
        assertEquals(MailServer.FROM, message.getFrom()[0].toString());
        Multipart parts = (Multipart) message.getContent();
        List<String> types = new java.util.ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            types.add(parts.getBodyPart(i).getContentType().toLowerCase().split(";")[0]);
            assertTrue(parts.getBodyPart(i).getContent().toString().contains(code), "the code is in every part");
        }
        assertTrue(types.containsAll(List.of("text/plain", "text/html")), types.toString());
    }

    @Test
    void listedAndUnlistedAddressesGetTheSameBytesAndOnlyTheListedOneMail() throws Exception {
        byte[] listed = request("someone@team.example").then().statusCode(202).extract().asByteArray();
        byte[] unlisted = request("stranger@elsewhere.example").then().statusCode(202).extract().asByteArray();
        assertArrayEquals(listed, unlisted);
        mail.awaitCode("someone@team.example", MAIL_WITHIN);
        sleep(Duration.ofMillis(1500)); // the sender had every chance to send the other one too
        assertEquals(List.of(), mail.messagesTo("stranger@elsewhere.example"));
    }

    @Test
    void aGoodCodeSignsInOnceWithTheSessionCookieAndTheSafeRedirect() {
        request("carol@team.example").then().statusCode(202);
        String code = mail.awaitCode("carol@team.example", MAIL_WITHIN);
        String session = verify("carol@team.example", code).then().statusCode(200)
                .body("redirect", equalTo("/analytics/")).body("username", equalTo("carol@team.example"))
                .cookie(TestUsers.SESSION_COOKIE, notNullValue()).extract().cookie(TestUsers.SESSION_COOKIE);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(200)
                .header("Remote-User", "carol@team.example").header("Remote-Email", "carol@team.example")
                .header("Remote-Groups", "user");
        verify("carol@team.example", code).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anUnsafeRedirectBecomesTheDefault() {
        request("dora@team.example").then().statusCode(202);
        String code = mail.awaitCode("dora@team.example", MAIL_WITHIN);
        given().contentType("application/json").header("X-Forwarded-For", client)
                .body(Map.of("email", "dora@team.example", "code", code, "rd", "https://evil.example/"))
                .post("/auth/otp/verify").then().statusCode(200).body("redirect", equalTo("/"));
    }

    @Test
    void rolesComeFromTheListEntry() {
        String session = signIn("alice@example.com");
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=admin").then().statusCode(200)
                .header("Remote-Groups", "admin,user");
    }

    @Test
    void onlyTheNewestCodeWorks() {
        request("erin@team.example").then().statusCode(202);
        String first = mail.awaitCode("erin@team.example", 1, MAIL_WITHIN);
        request("erin@team.example").then().statusCode(202);
        String second = mail.awaitCode("erin@team.example", 2, MAIL_WITHIN);
        if (!first.equals(second)) {
            verify("erin@team.example", first).then().statusCode(401);
        }
        verify("erin@team.example", second).then().statusCode(200);
    }

    @Test
    void fiveWrongCodesBurnIt() {
        request("frank@team.example").then().statusCode(202);
        String code = mail.awaitCode("frank@team.example", MAIL_WITHIN);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            verify("frank@team.example", wrong).then().statusCode(401).contentType("application/problem+json")
                    .body("detail", equalTo("Invalid or expired code."));
        }
        verify("frank@team.example", code).then().statusCode(401);
    }

    @Test
    void anExpiredCodeIsRefused() {
        request("gina@team.example").then().statusCode(202);
        String code = mail.awaitCode("gina@team.example", MAIL_WITHIN);
        // What the key's TTL does after ten minutes, done now.
        redis.key().del(Codes.keyOf(Purpose.SIGN_IN, "gina@team.example"));
        verify("gina@team.example", code).then().statusCode(401);
    }

    @Test
    void aCodeIsGoodForItsOwnAddressOnly() {
        request("hank@team.example").then().statusCode(202);
        String code = mail.awaitCode("hank@team.example", MAIL_WITHIN);
        request("ivy@team.example").then().statusCode(202);
        mail.awaitCode("ivy@team.example", MAIL_WITHIN);
        verify("ivy@team.example", code).then().statusCode(401);
    }

    @Test
    void aDomainEntryDoesNotReachIntoADeclaredPasswordAccount() {
        // ops@example.com is listed, and is also the name of an account declared with a password.
        request(TestUsers.EMAIL_USER).then().statusCode(202);
        String code = mail.awaitCode(TestUsers.EMAIL_USER, MAIL_WITHIN);
        verify(TestUsers.EMAIL_USER, code).then().statusCode(401);
    }

    @Test
    void theSixthRequestForOneAddressWithinTheHourIsLimitedListedOrNot() {
        for (String address : List.of("limit@team.example", "limit@unlisted.example")) {
            for (int i = 0; i < 5; i++) {
                given().contentType("application/json").header("X-Forwarded-For", "10.78.0." + i)
                        .body(Map.of("email", address)).post("/auth/otp/request").then().statusCode(202);
            }
            given().contentType("application/json").header("X-Forwarded-For", "10.78.0.9").body(Map.of("email", address))
                    .post("/auth/otp/request").then().statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        }
    }

    @Test
    void theThirtyFirstRequestFromOneClientWithinTheHourIsLimited() {
        for (int i = 0; i < 30; i++) {
            request("many" + i + "@unlisted.example").then().statusCode(202);
        }
        String retryAfter = request("many30@unlisted.example").then().statusCode(429)
                .contentType("application/problem+json").extract().header("Retry-After");
        assertTrue(Long.parseLong(retryAfter) > 3000, retryAfter);
    }

    @Test
    void badInputGetsAProblem() {
        request("not-an-address").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].rule", equalTo("email"));
        given().contentType("application/json").header("X-Forwarded-For", client).body("{\"email\":")
                .post("/auth/otp/request").then().statusCode(400).contentType("application/problem+json");
        given().contentType("text/plain").header("X-Forwarded-For", client).body("alice@example.com")
                .post("/auth/otp/request").then().statusCode(415).contentType("application/problem+json");
        given().contentType("application/json").header("X-Forwarded-For", client)
                .body("{\"email\":\"" + "a".repeat(17 * 1024) + "@example.com\"}")
                .post("/auth/otp/request").then().statusCode(413).contentType("application/problem+json");
        verify("alice@example.com", "12345").then().statusCode(400).body("errors[0].rule", equalTo("code"));
        verify("alice@example.com", "abcdef").then().statusCode(400);
        given().contentType("application/json").header("X-Forwarded-For", client).body("{}").post("/auth/otp/verify")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void crossSiteRequestsAreRefused() {
        given().contentType("application/json").header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .body(Map.of("email", "alice@example.com")).post("/auth/otp/request").then().statusCode(403);
    }

    @Test
    void anAddressAddedToTheFileCanSignInWithinThreeSecondsAndLosesItsSessionsWhenRemoved() {
        mail.writeAllowlist(MailResource.ALLOWLIST + "\nnew.person@late.example mod\n");
        sleep(Duration.ofSeconds(3));
        request("new.person@late.example").then().statusCode(202);
        String code = mail.awaitCode("new.person@late.example", MAIL_WITHIN);
        String session = verify("new.person@late.example", code).then().statusCode(200).extract().cookie(TestUsers.SESSION_COOKIE);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=mod").then().statusCode(200);

        mail.writeAllowlist(MailResource.ALLOWLIST);
        long removed = System.nanoTime();
        Wait.until(Duration.ofSeconds(10), () -> given().cookie(TestUsers.SESSION_COOKIE, session)
                .get("/auth/verify?role=*").statusCode() == 401);
        assertTrue(Duration.ofNanos(System.nanoTime() - removed).toSeconds() < 10);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void mailSurvivesAnSmtpOutageAndIsSentWhenItIsBack() {
        mail.stopServer();
        try {
            request("outage@team.example").then().statusCode(202);
            String key = MailOutbox.itemKey(Purpose.SIGN_IN, "outage@team.example");
            Wait.until(Duration.ofSeconds(10), () -> {
                String attempts = redis.hash(String.class).hget(key, "attempts");
                return attempts != null && Integer.parseInt(attempts) >= 1;
            });
        } finally {
            mail.startServer();
        }
        String code = mail.awaitCode("outage@team.example", Duration.ofSeconds(20));
        verify("outage@team.example", code).then().statusCode(200);
    }

    @Test
    void codesAreKeptOnlyAsKeyedHashes() {
        request("jill@team.example").then().statusCode(202);
        String code = mail.awaitCode("jill@team.example", MAIL_WITHIN);
        var stored = redis.hash(String.class).hgetall(Codes.keyOf(Purpose.SIGN_IN, "jill@team.example"));
        assertNotNull(stored.get("hash"));
        List<String> keys = new java.util.ArrayList<>(redis.key().keys("gatehouse:code:*"));
        keys.addAll(redis.key().keys("gatehouse:outbox*"));
        assertTrue(keys.size() >= 3, keys.toString());
        for (String key : keys) {
            String type = redis.key().type(key).name();
            String dump = type.equals("HASH") ? redis.hash(String.class).hgetall(key).toString()
                    : type.equals("STRING") ? String.valueOf(redis.value(String.class).get(key)) : "";
            assertTrue(!dump.contains(code) && !dump.contains("jill@team.example"), key + " holds " + dump);
        }
    }
}
