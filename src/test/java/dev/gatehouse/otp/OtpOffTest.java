package dev.gatehouse.otp;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Without an allowlist file, sign-in by code does not exist. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class OtpOffTest {

    @Test
    void bothEndpointsAnswerNotFound() {
        given().contentType("application/json").body(Map.of("email", "alice@example.com")).post("/auth/otp/request")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("email", "alice@example.com", "code", "123456"))
                .post("/auth/otp/verify").then().statusCode(404).contentType("application/problem+json");
    }
}
