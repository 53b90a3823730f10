package dev.gatehouse.authn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.token.KeyRing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RedisResource.class)
class LoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KeyRing keys;

    @Test
    void issuesBearerTokenWithExpiry() {
        given().contentType("application/json").body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .post("/auth/login").then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600));
    }

    @Test
    @SuppressWarnings("unchecked")
    void tokenIsAsymmetricallySignedWithKidAndStandardClaims() throws Exception {
        String token = TestUsers.login(TestUsers.MOD, TestUsers.MOD_PASSWORD);
        String[] parts = token.split("\\.");
        Map<String, Object> header = JSON.readValue(decode(parts[0]), Map.class);
        Map<String, Object> claims = JSON.readValue(decode(parts[1]), Map.class);
        assertEquals("RS256", header.get("alg"));
        assertEquals(keys.current().kid(), header.get("kid"));
        assertEquals("gatehouse", claims.get("iss"));
        assertEquals(TestUsers.MOD, claims.get("sub"));
        assertEquals(TestUsers.MOD, claims.get("upn"));
        assertEquals(List.of("mod"), claims.get("groups"));
        assertTrue(claims.get("jti") instanceof String jti && jti.length() >= 16);
        long iat = ((Number) claims.get("iat")).longValue();
        long exp = ((Number) claims.get("exp")).longValue();
        assertEquals(3600, exp - iat);
    }

    @Test
    @SuppressWarnings("unchecked")
    void extraUserWithoutRoleIsAUser() throws Exception {
        String token = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        Map<String, Object> claims = JSON.readValue(decode(token.split("\\.")[1]), Map.class);
        assertEquals(List.of("user"), claims.get("groups"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Response wrong = attempt(TestUsers.ADMIN, "not-the-password");
        Response unknown = attempt("nobody-here", "not-the-password");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.asString(), unknown.asString());
        assertEquals(wrong.contentType(), unknown.contentType());
        assertEquals(wrong.header("WWW-Authenticate"), unknown.header("WWW-Authenticate"));
    }

    @Test
    void wrongPasswordAndUnknownUserTakeAboutTheSameTime() {
        attempt(TestUsers.ADMIN, "warm-up");
        long wrong = 0;
        long unknown = 0;
        for (int i = 0; i < 3; i++) {
            wrong += attempt(TestUsers.ADMIN, "not-the-password").time();
            unknown += attempt("nobody-here-" + i, "not-the-password").time();
        }
        assertTrue(wrong / 3 >= 240 && unknown / 3 >= 240, "failures are padded to the minimum duration");
        assertTrue(Math.abs(wrong - unknown) / 3 < 120, "wrong=" + wrong / 3 + "ms unknown=" + unknown / 3 + "ms");
    }

    @Test
    void failedLoginBodyIsProblemJson() {
        attempt(TestUsers.ADMIN, "nope").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("title", equalTo("Unauthorized")).body("detail", equalTo("Invalid username or password."));
    }

    @Test
    void rejectsMalformedJson() {
        given().contentType("application/json").body("{\"username\":").post("/auth/login").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void rejectsJsonOfTheWrongShape() {
        given().contentType("application/json").body("[1,2,3]").post("/auth/login").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsMissingBody() {
        given().contentType("application/json").post("/auth/login").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsMissingPassword() {
        given().contentType("application/json").body("{\"username\":\"someone\"}").post("/auth/login").then()
                .statusCode(400).contentType("application/problem+json").body("detail", equalTo("password is required."));
    }

    @Test
    void rejectsBlankUsername() {
        given().contentType("application/json").body(TestUsers.json("   ", "x")).post("/auth/login").then()
                .statusCode(400).contentType("application/problem+json").body("detail", equalTo("username is required."));
    }

    @Test
    void rejectsNonJsonContentType() {
        given().contentType("text/plain").body("username=a&password=b").post("/auth/login").then()
                .statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void rejectsBodyOver16KiB() {
        String big = TestUsers.json("a".repeat(17 * 1024), "x");
        given().contentType("application/json").body(big).post("/auth/login").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void rejectsChunkedBodyOver16KiB() {
        String big = TestUsers.json("a".repeat(17 * 1024), "x");
        // A stream of unknown length goes out chunked, without Content-Length.
        given().contentType("application/json")
                .body(new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .post("/auth/login").then().statusCode(413);
    }

    private static Response attempt(String username, String password) {
        return given().contentType("application/json").body(TestUsers.json(username, password)).post("/auth/login");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
