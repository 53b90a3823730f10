package dev.gatehouse.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RedisResource.class)
class SessionTest {

    @Inject
    RedisDataSource redis;

    @Test
    void loginSetsAHardenedSessionCookie() {
        String setCookie = login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, null).header("Set-Cookie");
        assertEquals(true, setCookie.startsWith(TestUsers.SESSION_COOKIE + "="));
        for (String attribute : List.of("HttpOnly", "Secure", "SameSite=Lax", "Path=/", "Max-Age=604800")) {
            assertEquals(true, setCookie.contains(attribute), attribute + " in " + setCookie.replaceAll("=[^;]{20,}", "=…"));
        }
    }

    @Test
    void answersWhoAndWhereToGo() {
        login(TestUsers.MOD, TestUsers.MOD_PASSWORD, "/analytics/").then().statusCode(200)
                .body("username", equalTo(TestUsers.MOD)).body("roles", equalTo(List.of("mod")))
                .body("redirect", equalTo("/analytics/"));
    }

    @Test
    void everyLoginGetsAFreshSessionAndEndsTheOldOne() {
        String first = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String second = given().cookie(TestUsers.SESSION_COOKIE, first).contentType("application/json")
                .body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).post("/auth/session")
                .then().statusCode(200).extract().cookie(TestUsers.SESSION_COOKIE);
        assertNotEquals(first, second);
        given().cookie(TestUsers.SESSION_COOKIE, first).get("/auth/me").then().statusCode(401);
        given().cookie(TestUsers.SESSION_COOKIE, second).get("/auth/me").then().statusCode(200);
    }

    @Test
    void meShowsTheSignedInPerson() {
        given().cookie(TestUsers.SESSION_COOKIE, TestUsers.session(TestUsers.MOD, TestUsers.MOD_PASSWORD)).get("/auth/me")
                .then().statusCode(200).body("username", equalTo(TestUsers.MOD)).body("roles", equalTo(List.of("mod")))
                .body("authenticated_via", equalTo("session"));
    }

    @Test
    void meAcceptsBearerTokensToo() {
        given().auth().oauth2(TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD)).get("/auth/me").then()
                .statusCode(200).body("authenticated_via", equalTo("token"));
    }

    @Test
    void meWithoutSessionIsProblem401() {
        given().get("/auth/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void logoutEndsTheSessionServerSideSoACopiedCookieStopsWorking() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType("application/json").body("{}").post("/auth/logout")
                .then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/me").then().statusCode(401);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(401);
    }

    @Test
    void logoutWithoutSessionStillClearsTheCookie() {
        given().contentType("application/json").post("/auth/logout").then().statusCode(204);
    }

    @Test
    void wrongPasswordGetsTheSameAnswerAsTokenLogin() {
        String session = login(TestUsers.ADMIN, "wrong-password", null).then().statusCode(401)
                .header("Set-Cookie", nullValue()).extract().asString();
        String token = given().contentType("application/json").body(TestUsers.json(TestUsers.ADMIN, "wrong-password"))
                .post("/auth/login").then().statusCode(401).extract().asString();
        assertEquals(token, session);
    }

    @Test
    void refusesCrossSiteLogin() {
        given().header("Origin", "https://evil.example").contentType("application/json")
                .body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).post("/auth/session").then()
                .statusCode(403).contentType("application/problem+json").header("Set-Cookie", nullValue());
    }

    @Test
    void refusesLoginMarkedCrossSiteByTheBrowser() {
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/json")
                .body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).post("/auth/session").then().statusCode(403);
    }

    @Test
    void acceptsSameOriginLogin() {
        given().header("Origin", io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port)
                .contentType("application/json").body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .post("/auth/session").then().statusCode(200);
    }

    @Test
    void refusesCrossSiteLogout() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().header("Origin", "https://evil.example").cookie(TestUsers.SESSION_COOKIE, cookie)
                .contentType("application/json").post("/auth/logout").then().statusCode(403);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/me").then().statusCode(200);
    }

    @Test
    void refusesOtherBodiesThanJsonAndForms() {
        given().contentType("text/plain").body("username=a&password=b").post("/auth/session")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void refusesBlankFields() {
        given().contentType("application/json").body("{\"username\":\"\",\"password\":\"x\"}").post("/auth/session")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void redisHoldsOnlyAHashOfTheSessionId() {
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        List<String> keys = redis.key().keys("gatehouse:session:*");
        assertEquals(false, keys.stream().anyMatch(key -> key.contains(cookie)));
        assertEquals(true, keys.contains("gatehouse:session:" + sha256(cookie)));
    }

    @Test
    void tamperedCookieIsNotASession() {
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        String tampered = (cookie.charAt(0) == 'A' ? 'B' : 'A') + cookie.substring(1);
        given().cookie(TestUsers.SESSION_COOKIE, tampered).get("/auth/me").then().statusCode(401);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response login(String username, String password, String rd) {
        String body = rd == null ? TestUsers.json(username, password)
                : "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"rd\":\"" + rd + "\"}";
        return given().contentType("application/json").body(body).post("/auth/session");
    }
}
