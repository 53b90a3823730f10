package dev.gatehouse.ping;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class PingTest {

    @Test
    void answersOkWithoutToken() {
        given().get("/api/ping").then().statusCode(200).contentType("application/json").body("status", equalTo("ok"));
    }

    @Test
    void unknownPathIsProblemJson404() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/no/such/page").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMethodIsProblemJson405() {
        given().delete("/api/ping").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Redis")));
    }

    @Test
    void openApiDocumentsBearerSchemeAndProtectsCount() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/count'.get.security[0]", hasKey("bearer"))
                .body("paths", hasKey("/auth/login"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
    }
}
