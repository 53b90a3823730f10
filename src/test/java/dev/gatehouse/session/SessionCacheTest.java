package dev.gatehouse.session;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.RedisResource.InjectRedis;
import dev.gatehouse.support.RedisServer;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class SessionCacheTest {

    @InjectRedis
    RedisServer redis;

    @Test
    void recentlyReadSessionIsAnsweredFromMemory() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie("gatehouse_session", cookie).get("/auth/verify").then().statusCode(200);
        redis.stop();
        try {
            given().cookie("gatehouse_session", cookie).get("/auth/verify").then().statusCode(200);
        } finally {
            redis.restart();
        }
    }

    @Test
    void logoutRevokesAtOnceDespiteTheCache() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie("gatehouse_session", cookie).get("/auth/verify").then().statusCode(200);
        given().cookie("gatehouse_session", cookie).contentType("application/json").post("/auth/logout").then().statusCode(204);
        given().cookie("gatehouse_session", cookie).get("/auth/verify").then().statusCode(401);
    }
}
