package dev.gatehouse.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.MailResource;
import dev.gatehouse.support.MailServer;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(MailResource.class)
@TestProfile(SelfServiceTest.SignupOpen.class)
class SelfServiceTest {

    public static class SignupOpen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.signup.enabled", "true", "gatehouse.signup.domains", "signup.example,example.com",
                    "gatehouse.session.max-per-user", "3");
        }
    }

    private static final Duration MAIL_WITHIN = Duration.ofSeconds(10);
    private static final Duration REVOKED_WITHIN = Duration.ofSeconds(6);
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @MailResource.InjectMail
    MailServer mail;

    private final String client = "10.88.0." + CLIENTS.getAndIncrement();

    private Response post(String path, Object body) {
        return given().contentType("application/json").header("X-Forwarded-For", client).body(body).post(path);
    }

    private Response login(String username, String password) {
        return post("/auth/login", Map.of("username", username, "password", password));
    }

    private String session(String username, String password) {
        return post("/auth/session", Map.of("username", username, "password", password)).then().statusCode(200).extract()
                .cookie(TestUsers.SESSION_COOKIE);
    }

    /** Signs up and activates; answers the token the activation returned. */
    private String signedUp(String email, String password) {
        post("/auth/signup", Map.of("email", email, "password", password, "name", "Test Person")).then().statusCode(202);
        String code = mail.awaitCode(email, MAIL_WITHIN);
        return post("/auth/signup/verify", Map.of("email", email, "code", code)).then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", notNullValue()).extract().path("token");
    }

    @Test
    void signupMailsACodeThatActivatesTheAccountAndAnswersAToken() {
        post("/auth/signup", Map.of("email", "New.Person@Signup.example", "password", PASSWORD, "name", "New Person"))
                .then().statusCode(202).contentType("application/json");
        login("new.person@signup.example", PASSWORD).then().statusCode(403).contentType("application/problem+json");
        login("new.person@signup.example", "wrong password here").then().statusCode(401);
        String code = mail.awaitCode("new.person@signup.example", MAIL_WITHIN);
        String token = post("/auth/signup/verify", Map.of("email", "new.person@signup.example", "code", code)).then()
                .statusCode(200).extract().path("token");
        given().auth().oauth2(token).get("/auth/me").then().statusCode(200).body("username", equalTo("new.person@signup.example"))
                .body("roles", equalTo(List.of("viewer")));
        login("New.Person@signup.example", PASSWORD).then().statusCode(200);
        post("/auth/signup/verify", Map.of("email", "new.person@signup.example", "code", code)).then().statusCode(401);
    }

    @Test
    void signingUpWithATakenAddressAnswersTheSameAndMailsANoticeInstead() throws Exception {
        signedUp("taken@signup.example", PASSWORD);
        byte[] taken = post("/auth/signup", Map.of("email", "taken@signup.example", "password", "another fine passphrase"))
                .then().statusCode(202).extract().asByteArray();
        byte[] fresh = post("/auth/signup", Map.of("email", "fresh@signup.example", "password", PASSWORD)).then().statusCode(202)
                .extract().asByteArray();
        assertArrayEquals(fresh, taken);
        Wait.until(MAIL_WITHIN, () -> mail.messagesTo("taken@signup.example").size() == 2);
        MimeMessage notice = mail.messagesTo("taken@signup.example").get(1);
        assertTrue(MailServer.codeIn(notice).isEmpty(), "a notice, no code");
        assertTrue(notice.getSubject().startsWith("About your"), notice.getSubject());
        login("taken@signup.example", PASSWORD).then().statusCode(200);
        login("taken@signup.example", "another fine passphrase").then().statusCode(401);
    }

    @Test
    void signingUpAgainSendsANewCodeAndOnlyItWorks() {
        post("/auth/signup", Map.of("email", "again@signup.example", "password", PASSWORD)).then().statusCode(202);
        String first = mail.awaitCode("again@signup.example", 1, MAIL_WITHIN);
        post("/auth/signup", Map.of("email", "again@signup.example", "password", PASSWORD)).then().statusCode(202);
        String second = mail.awaitCode("again@signup.example", 2, MAIL_WITHIN);
        if (!first.equals(second)) {
            post("/auth/signup/verify", Map.of("email", "again@signup.example", "code", first)).then().statusCode(401);
        }
        post("/auth/signup/verify", Map.of("email", "again@signup.example", "code", second)).then().statusCode(200);
    }

    @Test
    void fiveWrongSignupCodesBurnIt() {
        post("/auth/signup", Map.of("email", "burn@signup.example", "password", PASSWORD)).then().statusCode(202);
        String code = mail.awaitCode("burn@signup.example", MAIL_WITHIN);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            post("/auth/signup/verify", Map.of("email", "burn@signup.example", "code", wrong)).then().statusCode(401);
        }
        post("/auth/signup/verify", Map.of("email", "burn@signup.example", "code", code)).then().statusCode(401);
    }

    @Test
    void signupRefusesBadInput() {
        post("/auth/signup", Map.of("email", "weak@signup.example", "password", "password123")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.rule", org.hamcrest.Matchers.hasItem("too_short"));
        post("/auth/signup", Map.of("email", "someone@other.example", "password", PASSWORD)).then().statusCode(400)
                .body("errors[0].rule", equalTo("email"));
        post("/auth/signup", Map.of("email", "not an address", "password", PASSWORD)).then().statusCode(400);
        post("/auth/signup", Map.of("email", "noname@signup.example")).then().statusCode(400);
        post("/auth/signup", "{\"email\":").then().statusCode(400).contentType("application/problem+json");
        post("/auth/signup/verify", Map.of("email", "x@signup.example", "code", "12ab56")).then().statusCode(400);
        assertEquals(List.of(), mail.messagesTo("weak@signup.example"));
    }

    @Test
    void forgotAnswersTheSameForEveryAddressAndMailsOnlyAnAccount() {
        signedUp("forgetful@signup.example", PASSWORD);
        byte[] known = post("/auth/password/forgot", Map.of("email", "forgetful@signup.example")).then().statusCode(202)
                .extract().asByteArray();
        byte[] unknown = post("/auth/password/forgot", Map.of("email", "nobody@signup.example")).then().statusCode(202)
                .extract().asByteArray();
        assertArrayEquals(known, unknown);
        mail.awaitCode("forgetful@signup.example", 2, MAIL_WITHIN);
        assertEquals(List.of(), mail.messagesTo("nobody@signup.example"));
    }

    @Test
    void aResetChangesThePasswordOnceAndEndsEverySessionAndTokenFromBefore() {
        String token = signedUp("reset.me@signup.example", PASSWORD);
        String session = session("reset.me@signup.example", PASSWORD);
        post("/auth/password/forgot", Map.of("email", "reset.me@signup.example")).then().statusCode(202);
        String code = mail.awaitCode("reset.me@signup.example", 2, MAIL_WITHIN);
        String fresh = "a brand new passphrase";
        post("/auth/password/reset", Map.of("email", "reset.me@signup.example", "code", code, "new_password", fresh)).then()
                .statusCode(204);
        login("reset.me@signup.example", PASSWORD).then().statusCode(401);
        String after = login("reset.me@signup.example", fresh).then().statusCode(200).extract().path("token");
        Wait.until(REVOKED_WITHIN, () -> given().auth().oauth2(token).get("/auth/me").statusCode() == 401
                && given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/me").statusCode() == 401);
        given().auth().oauth2(after).get("/auth/me").then().statusCode(200);
        post("/auth/password/reset", Map.of("email", "reset.me@signup.example", "code", code, "new_password", "yet another passphrase"))
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aResetRefusesAWeakPasswordWithoutSpendingTheCode() {
        signedUp("careful@signup.example", PASSWORD);
        post("/auth/password/forgot", Map.of("email", "careful@signup.example")).then().statusCode(202);
        String code = mail.awaitCode("careful@signup.example", 2, MAIL_WITHIN);
        post("/auth/password/reset", Map.of("email", "careful@signup.example", "code", code, "new_password", "short")).then()
                .statusCode(400);
        post("/auth/password/reset", Map.of("email", "careful@signup.example", "code", code, "new_password", "long enough passphrase"))
                .then().statusCode(204);
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsAndKeepsTheCallers() {
        signedUp("changer@signup.example", PASSWORD);
        String mine = session("changer@signup.example", PASSWORD);
        String other = session("changer@signup.example", PASSWORD);
        given().contentType("application/json").cookie(TestUsers.SESSION_COOKIE, mine)
                .body(Map.of("current_password", "not my password", "new_password", "a changed passphrase"))
                .post("/auth/password/change").then().statusCode(401);
        given().contentType("application/json").cookie(TestUsers.SESSION_COOKIE, mine)
                .body(Map.of("current_password", PASSWORD, "new_password", "short")).post("/auth/password/change").then()
                .statusCode(400);
        given().contentType("application/json").cookie(TestUsers.SESSION_COOKIE, mine)
                .body(Map.of("current_password", PASSWORD, "new_password", "a changed passphrase")).post("/auth/password/change")
                .then().statusCode(204);
        Wait.until(REVOKED_WITHIN, () -> given().cookie(TestUsers.SESSION_COOKIE, other).get("/auth/me").statusCode() == 401);
        given().cookie(TestUsers.SESSION_COOKIE, mine).get("/auth/me").then().statusCode(200);
        login("changer@signup.example", "a changed passphrase").then().statusCode(200);
        given().contentType("application/json").body(Map.of("current_password", PASSWORD, "new_password", "x"))
                .post("/auth/password/change").then().statusCode(401);
    }

    @Test
    void peopleSeeAndEndTheirOwnSessionsOnly() {
        signedUp("lister@signup.example", PASSWORD);
        String mine = session("lister@signup.example", PASSWORD);
        String other = session("lister@signup.example", PASSWORD);
        List<Map<String, Object>> listed = given().cookie(TestUsers.SESSION_COOKIE, mine).header("User-Agent", "Lister/1.0")
                .get("/auth/sessions").then().statusCode(200).body("$", hasSize(2)).extract().jsonPath().getList("$");
        Map<String, Object> current = listed.stream().filter(s -> Boolean.TRUE.equals(s.get("current"))).findFirst().orElseThrow();
        Map<String, Object> theOther = listed.stream().filter(s -> !Boolean.TRUE.equals(s.get("current"))).findFirst().orElseThrow();
        assertEquals(client, current.get("client_address"));
        assertTrue(current.get("created") != null && current.get("last_seen") != null && current.containsKey("user_agent"));
        assertTrue(!listed.toString().contains(mine) && !listed.toString().contains(other), "ids are not cookies");

        String stranger = session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, stranger).delete("/auth/sessions/" + theOther.get("id")).then().statusCode(404)
                .contentType("application/problem+json");
        given().cookie(TestUsers.SESSION_COOKIE, mine).delete("/auth/sessions/" + theOther.get("id")).then().statusCode(204);
        Wait.until(REVOKED_WITHIN, () -> given().cookie(TestUsers.SESSION_COOKIE, other).get("/auth/me").statusCode() == 401);
        given().cookie(TestUsers.SESSION_COOKIE, mine).get("/auth/me").then().statusCode(200);
        given().cookie(TestUsers.SESSION_COOKIE, mine).delete("/auth/sessions/not-a-session").then().statusCode(404);
        given().get("/auth/sessions").then().statusCode(401);
    }

    @Test
    void aNewSessionBeyondTheLimitEndsTheOldest() {
        signedUp("busy@signup.example", PASSWORD);
        String oldest = session("busy@signup.example", PASSWORD);
        for (int i = 0; i < 3; i++) {
            session("busy@signup.example", PASSWORD);
        }
        Wait.until(REVOKED_WITHIN, () -> given().cookie(TestUsers.SESSION_COOKIE, oldest).get("/auth/me").statusCode() == 401);
        String newest = session("busy@signup.example", PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, newest).get("/auth/sessions").then().statusCode(200).body("$", hasSize(3));
    }
}
