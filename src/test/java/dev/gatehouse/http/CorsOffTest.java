package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Without GATEHOUSE_CORS_ORIGINS no origin is allowed: not the front-end, not any other. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class CorsOffTest {

    @Test
    void noPreflightIsAllowed() {
        for (String origin : new String[] { CorsTest.LISTED, CorsTest.UNLISTED, "http://localhost:3000" }) {
            CorsTest.preflight(origin).options("/auth/session").then().header("Access-Control-Allow-Origin", nullValue())
                    .header("Access-Control-Allow-Credentials", nullValue());
        }
    }

    @Test
    void noAnswerNamesAnOrigin() {
        given().header("Origin", CorsTest.LISTED).get("/api/ping").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theFrontEndIsCrossSiteLikeAnyOther() {
        given().header("Origin", CorsTest.LISTED).contentType("application/json")
                .body(TestUsers.json(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).post("/auth/session").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
