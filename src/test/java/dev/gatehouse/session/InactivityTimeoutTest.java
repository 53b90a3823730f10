package dev.gatehouse.session;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(InactivityTimeoutTest.TwoSecondsIdle.class)
@WithTestResource(RedisResource.class)
class InactivityTimeoutTest {

    public static class TwoSecondsIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.session.inactivity-timeout", "2s");
        }
    }

    @Test
    void idleSessionEnds() throws InterruptedException {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(200);
        Thread.sleep(3000); // idle for longer than the timeout: the point of the test
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(401);
    }

    @Test
    void activeSessionStaysAlivePastTheIdleTimeout() throws InterruptedException {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        for (int i = 0; i < 10; i++) {
            given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").then().statusCode(200);
            Thread.sleep(500);
        }
    }
}
