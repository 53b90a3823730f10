package dev.gatehouse.otp;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Features that are off by default do not exist until they are configured. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class OptionalFeaturesOffTest {

    @Test
    void signInByCodeNeedsAnAllowlistFile() {
        given().contentType("application/json").body(Map.of("email", "alice@example.com")).post("/auth/otp/request")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("email", "alice@example.com", "code", "123456"))
                .post("/auth/otp/verify").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void signupNeedsToBeEnabled() {
        given().contentType("application/json").body(Map.of("email", "a@example.com", "password", "long enough passphrase"))
                .post("/auth/signup").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("email", "a@example.com", "code", "123456"))
                .post("/auth/signup/verify").then().statusCode(404).contentType("application/problem+json");
    }
}
