package dev.gatehouse.counter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.RedisResource.InjectRedis;
import dev.gatehouse.support.RedisServer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class RedisOutageTest {

    @InjectRedis
    RedisServer redis;

    @Test
    void answers503QuicklyWhileRedisIsDownAndRecoversByItself() {
        String token = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().auth().oauth2(token).get("/api/count").then().statusCode(200);
        redis.stop();
        try {
            long started = System.nanoTime();
            given().auth().oauth2(token).get("/api/count").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5").body("status", equalTo(503));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3000, "503 must come quickly");
            given().get("/api/ping").then().statusCode(200).body("status", equalTo("ok"));
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().contentType("application/json").body(TestUsers.json(TestUsers.USER, TestUsers.USER_PASSWORD))
                    .post("/auth/login").then().statusCode(503).contentType("application/problem+json");
        } finally {
            redis.restart();
        }
        Wait.until(Duration.ofSeconds(15), () -> given().auth().oauth2(token).get("/api/count").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
