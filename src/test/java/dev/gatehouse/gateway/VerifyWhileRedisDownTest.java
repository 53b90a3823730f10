package dev.gatehouse.gateway;

import static io.restassured.RestAssured.given;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource.InjectRedis;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.RedisServer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(VerifyWhileRedisDownTest.NoSessionCache.class)
@WithTestResource(RedisResource.class)
class VerifyWhileRedisDownTest {

    /** Every check goes to Redis, as it does for a session not read in the last cache-ttl. */
    public static class NoSessionCache implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("gatehouse.session.cache-ttl", "0s");
        }
    }

    @InjectRedis
    RedisServer redis;

    @Test
    void sessionCheckFailsClosedWith401NotA5xxAndBearerStillWorks() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String token = TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        redis.stop();
        try {
            given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(401);
            given().auth().oauth2(token).get("/auth/verify").then().statusCode(200);
        } finally {
            redis.restart();
        }
        Wait.until(Duration.ofSeconds(15),
                () -> given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").statusCode() == 200);
    }

    @Inject
    RedisDataSource redisData;

    @Test
    void aStalledRedisGetsA401WithinASecondNotAHang() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        redisData.execute("CLIENT", "PAUSE", "3000", "ALL");
        long started = System.nanoTime();
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(401);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < 1_800, "answered in " + tookMs + " ms");
        Wait.until(Duration.ofSeconds(15),
                () -> given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").statusCode() == 200);
    }
}
