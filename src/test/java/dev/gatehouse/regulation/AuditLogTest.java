package dev.gatehouse.regulation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("gatehouse.audit").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("gatehouse.audit").removeHandler(capture);
    }

    @Test
    void recordsSuccessFailureLogoutAndDenialWithoutSecrets() throws Exception {
        given().header("X-Forwarded-For", "203.0.113.9").contentType("application/json")
                .body(TestUsers.json(TestUsers.USER, "secret-guess-123")).post("/auth/login").then().statusCode(401);
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify?role=admin").then().statusCode(403);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType("application/json").post("/auth/logout").then().statusCode(204);

        Map<?, ?> failed = event("LOGIN_FAILED");
        assertEquals(TestUsers.USER, failed.get("user"));
        assertEquals("203.0.113.9", failed.get("ip"));
        assertEquals("invalid_credentials", failed.get("reason"));
        assertEquals(TestUsers.USER, event("LOGIN_SUCCESS").get("user"));
        assertEquals("admin", event("ACCESS_DENIED").get("required"));
        assertEquals(TestUsers.USER, event("LOGOUT").get("user"));
        for (String line : lines) {
            assertFalse(line.contains("secret-guess-123") || line.contains(TestUsers.USER_PASSWORD) || line.contains(cookie),
                    "no secret in " + line);
        }
    }

    private Map<?, ?> event(String name) throws Exception {
        for (String line : lines) {
            Map<?, ?> parsed = JSON.readValue(line, Map.class);
            if (name.equals(parsed.get("event"))) {
                assertTrue(parsed.containsKey("ts"));
                return parsed;
            }
        }
        throw new AssertionError(name + " not in " + lines);
    }
}
