package dev.gatehouse.session;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.RedisResource.InjectRedis;
import dev.gatehouse.support.RedisServer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class SessionCacheTest {

    @InjectRedis
    RedisServer redis;

    @Inject
    RedisDataSource redisData;

    @Test
    void recentlyReadSessionIsAnsweredFromMemory() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(200);
        // Gone from Redis without an announcement: only memory can still know it.
        redisData.key().del("gatehouse:session:" + sha256(cookie));
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(200);
    }

    @Test
    void redisOutageEmptiesTheMemorySoNothingStaleIsHonoured() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(200);
        redis.stop();
        try {
            Wait.until(Duration.ofSeconds(3),
                    () -> given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").statusCode() == 401);
        } finally {
            redis.restart();
        }
        Wait.until(Duration.ofSeconds(15),
                () -> given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").statusCode() == 200);
    }

    @Test
    void logoutRevokesAtOnceDespiteTheCache() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(200);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType("application/json").post("/auth/logout").then().statusCode(204);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(401);
    }

    @Test
    void sessionEndedByAnotherInstanceIsRefusedAtOnce() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(200);
        // What another instance's logout does: delete the session, announce it.
        String key = "gatehouse:session:" + sha256(cookie);
        redisData.key().del(key);
        redisData.pubsub(String.class).publish("gatehouse:session:revoked", key);
        Wait.until(Duration.ofMillis(1500),
                () -> given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").statusCode() == 401);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
