package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/** GATEHOUSE_CORS_ORIGINS lists two front-ends: they, and only they, may call Gatehouse with credentials. */
@QuarkusTest
@TestProfile(CorsTest.TwoFrontEnds.class)
@WithTestResource(RedisResource.class)
class CorsTest {

    static final String LISTED = "https://app.example.com";
    static final String UNLISTED = "https://evil.example";

    public static class TwoFrontEnds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.cors.origins", LISTED + ",http://localhost:3000");
        }
    }

    static RequestSpecification preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type");
    }

    @Test
    void aPreflightFromAListedOriginIsAllowedWithCredentials() {
        preflight(LISTED).options("/auth/session").then().statusCode(200)
                .header("Access-Control-Allow-Origin", LISTED).header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"));
        preflight("http://localhost:3000").options("/auth/login").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
    }

    @Test
    void aPreflightFromAnyOtherOriginGetsNoAllowOrigin() {
        for (String origin : new String[] { UNLISTED, "https://app.example.com.evil.example", "http://app.example.com", "null" }) {
            preflight(origin).options("/auth/session").then().header("Access-Control-Allow-Origin", nullValue())
                    .header("Access-Control-Allow-Credentials", nullValue());
        }
    }

    @Test
    void aListedFrontEndSignsInWithCredentialsEvenCrossSite() {
        given().header("Origin", LISTED).header("Sec-Fetch-Site", "cross-site").contentType("application/json")
                .body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).post("/auth/session").then().statusCode(200)
                .header("Access-Control-Allow-Origin", LISTED).header("Access-Control-Allow-Credentials", "true")
                .cookie(TestUsers.SESSION_COOKIE, notNullValue());
    }

    @Test
    void anUnlistedOriginIsStillRefusedWithAProblemAndNoAllowOrigin() {
        given().header("Origin", UNLISTED).contentType("application/json").body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .post("/auth/session").then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue()).header("Set-Cookie", nullValue());
    }

    @Test
    void thisSitesOwnOriginBehindTheProxyStillSignsIn() {
        // The filter sees http:// and the socket; the browser says https://gate.example:8443.
        given().header("Origin", "https://gate.example:8443").header("Sec-Fetch-Site", "same-origin")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "gate.example").header("X-Forwarded-Port", "8443")
                .contentType("application/json").body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .post("/auth/session").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aListedOriginMayReadPublicAnswersAndRetryAfter() {
        given().header("Origin", LISTED).get("/api/ping").then().statusCode(200).header("Access-Control-Allow-Origin", LISTED)
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
        given().header("Origin", UNLISTED).get("/api/ping").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }
}
