package dev.gatehouse.admin;

import static dev.gatehouse.admin.AdminUsersTest.PASSWORD;
import static dev.gatehouse.admin.AdminUsersTest.USERS;
import static dev.gatehouse.admin.AdminUsersTest.account;
import static dev.gatehouse.admin.AdminUsersTest.adminToken;
import static dev.gatehouse.admin.AdminUsersTest.as;
import static dev.gatehouse.admin.AdminUsersTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.code.CodePolicy;
import dev.gatehouse.code.Codes;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.support.MailResource;
import dev.gatehouse.support.MailServer;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What the account administration mails, against a real SMTP server: set-password codes and new addresses. */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(MailResource.class)
class AdminMailTest {

    private static final Duration MAIL_WITHIN = Duration.ofSeconds(10);
    private static final String VERIFY = "/auth/email/verify";

    @MailResource.InjectMail
    MailServer mail;

    @Inject
    UserDirectory directory;

    @Inject
    Codes codes;

    private static Map<String, Object> withEmail(String username, String email) {
        Map<String, Object> body = account(username, "viewer");
        body.put("email", email);
        return body;
    }

    private static String other(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void anAccountMadeWithoutAPasswordGetsASetPasswordCodeAtItsAddressAndCannotSignInYet() {
        Map<String, Object> body = withEmail("nora", "nora@mail.example");
        body.remove("password");
        create(adminToken(), body).then().statusCode(201).body("status", equalTo("active"));

        String code = mail.awaitCode("nora@mail.example", MAIL_WITHIN);
        // The code is the password reset's: subject the address.
        assertEquals(Codes.Outcome.OK, codes.check(Purpose.SET_PASSWORD, "nora@mail.example", code, CodePolicy.ACCOUNTS));
        given().contentType(ContentType.JSON).body(TestUsers.json("nora", PASSWORD)).post("/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).body(TestUsers.json("nora", "")).post("/auth/login").then().statusCode(400);
    }

    @Test
    void withoutPasswordOrAddressNothingIsMade() {
        Map<String, Object> body = account("nobody-to-mail", "viewer");
        body.remove("password");
        create(adminToken(), body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.rule", hasItem("email"));
        as(adminToken()).get(USERS + "/nobody-to-mail").then().statusCode(404);
    }

    @Test
    void aNewAddressAppliesOnlyOnceTheAccountEntersTheCodeMailedThere() {
        String admin = adminToken();
        create(admin, withEmail("emil", "old@mail.example")).then().statusCode(201);

        as(admin).body(Map.of("email", "New@Mail.example")).patch(USERS + "/emil").then().statusCode(200)
                .body("email", equalTo("old@mail.example"));
        assertEquals(Optional.of("new@mail.example"), directory.pendingEmail("emil"));
        String code = mail.awaitCode("new@mail.example", MAIL_WITHIN);
        assertEquals(List.of(), mail.messagesTo("old@mail.example"));

        String token = TestUsers.login("emil", PASSWORD);
        as(token).body(Map.of("code", other(code))).post(VERIFY).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].rule", equalTo("code"));
        as(token).body(Map.of("code", "12345")).post(VERIFY).then().statusCode(400);
        as(admin).get(USERS + "/emil").then().body("email", equalTo("old@mail.example"));

        String cookie = TestUsers.session("emil", PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType(ContentType.JSON).body(Map.of("code", code))
                .post(VERIFY).then().statusCode(204);

        as(admin).get(USERS + "/emil").then().body("email", equalTo("new@mail.example"));
        assertEquals("emil", directory.findByEmail("new@mail.example").orElseThrow().username());
        assertEquals(Optional.empty(), directory.findByEmail("old@mail.example"));
        assertEquals(Optional.empty(), directory.pendingEmail("emil"));
        as(token).body(Map.of("code", code)).post(VERIFY).then().statusCode(400);
    }

    @Test
    void aCodeConfirmsOnlyTheAccountItWasSentFor() {
        String admin = adminToken();
        create(admin, withEmail("vic", "vic@mail.example")).then().statusCode(201);
        create(admin, withEmail("mallory", "mallory@mail.example")).then().statusCode(201);
        as(admin).body(Map.of("email", "vic.new@mail.example")).patch(USERS + "/vic").then().statusCode(200);
        String code = mail.awaitCode("vic.new@mail.example", MAIL_WITHIN);

        as(TestUsers.login("mallory", PASSWORD)).body(Map.of("code", code)).post(VERIFY).then().statusCode(400);

        as(admin).get(USERS + "/mallory").then().body("email", equalTo("mallory@mail.example"));
        as(TestUsers.login("vic", PASSWORD)).body(Map.of("code", code)).post(VERIFY).then().statusCode(204);
        as(admin).get(USERS + "/vic").then().body("email", equalTo("vic.new@mail.example"));
    }

    @Test
    void anAddressAnotherAccountHasIsAConflictAndMailsNothing() {
        String admin = adminToken();
        create(admin, withEmail("holder", "held@mail.example")).then().statusCode(201);
        create(admin, withEmail("grabber", "grabber@mail.example")).then().statusCode(201);

        as(admin).body(Map.of("email", "held@mail.example")).patch(USERS + "/grabber").then().statusCode(409)
                .contentType("application/problem+json");

        assertEquals(Optional.empty(), directory.pendingEmail("grabber"));
        as(admin).body(Map.of("email", "not an address")).patch(USERS + "/grabber").then().statusCode(400)
                .body("errors[0].rule", equalTo("email"));
    }

    @Test
    void confirmingNeedsASignedInAccountFromThisSite() {
        given().contentType(ContentType.JSON).body(Map.of("code", "123456")).post(VERIFY).then().statusCode(401)
                .contentType("application/problem+json");
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType(ContentType.JSON)
                .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .body(Map.of("code", "123456")).post(VERIFY).then().statusCode(403);
        // Signed in, but no address waits: the code cannot be right.
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType(ContentType.JSON).body(Map.of("code", "123456"))
                .post(VERIFY).then().statusCode(400);
    }
}
