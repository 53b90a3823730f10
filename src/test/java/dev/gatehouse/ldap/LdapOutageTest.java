package dev.gatehouse.ldap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.AuditCapture;
import dev.gatehouse.support.LdapResource;
import dev.gatehouse.support.LdapServer;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(LdapResource.class)
class LdapOutageTest {

    @LdapResource.InjectLdap
    LdapServer ldap;

    @Inject
    UserDirectory directory;

    @Inject
    RedisDataSource redis;

    private final AuditCapture audit = new AuditCapture();

    @BeforeEach
    void listen() {
        audit.start();
    }

    @AfterEach
    void stopListening() {
        audit.stop();
    }

    private static Response post(String path, String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password)).post(path);
    }

    @Test
    void whileTheDirectoryIsDownDirectoryUsersGet503WithRetryAfterAndLocalUsersStillSignIn() throws Exception {
        ldap.addPerson("ivy", "ivy-ldap-password-1", "ivy@example.org", "Ivy", "staff");
        String before = TestUsers.session("ivy", "ivy-ldap-password-1");
        ldap.stop();
        try {
            post("/auth/login", "ivy", "ivy-ldap-password-1").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "20");
            post("/auth/session", "ivy", "ivy-ldap-password-1").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "20");
            // The plain HTML form goes back to the login page, which says to try again later.
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("username", "ivy").formParam("password", "ivy-ldap-password-1").post("/auth/session")
                    .then().statusCode(303).header("Location", endsWith("error=unavailable"));
            assertTrue(audit.has("LDAP_UNAVAILABLE", "\"user\":\"ivy\""), audit.lines().toString());
            // Not a wrong password: nothing stays counted towards a ban.
            assertTrue(Optional.ofNullable(redis.value(String.class).get("gatehouse:regulation:count:user-ip:ivy|127.0.0.1"))
                    .map("0"::equals).orElse(true), "the reserved failures were handed back");

            TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
            TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

            // An outage is no removal: re-checks that cannot reach the directory leave the account be.
            Thread.sleep(LdapResource.RECHECK.plus(Duration.ofSeconds(1)).toMillis());
            given().cookie(TestUsers.SESSION_COOKIE, before).get("/auth/verify?role=*").then().statusCode(200);
        } finally {
            ldap.restart();
        }
        post("/auth/login", "ivy", "ivy-ldap-password-1").then().statusCode(200);
        assertTrue(directory.find("ivy").isPresent());
    }

    @Test
    void answersAboutAnOutageNeverCarryTheDirectorysWords() {
        ldap.addPerson("otto", "otto-ldap-password-1", "otto@example.org", "Otto", "staff");
        ldap.stop();
        try {
            String body = post("/auth/login", "otto", "otto-ldap-password-1").then().statusCode(503).extract().asString();
            assertTrue(!body.contains("127.0.0.1") && !body.contains("dc=example") && !body.contains("otto-ldap"), body);
        } finally {
            ldap.restart();
        }
    }
}
