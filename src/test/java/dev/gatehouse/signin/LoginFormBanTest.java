package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A banned sign-in without JavaScript learns when to try again. */
@QuarkusTest
@TestProfile(LoginFormBanTest.ShortBans.class)
@WithTestResource(RedisResource.class)
class LoginFormBanTest {

    /** The shipped limits, with bans short enough to see their length in seconds. */
    public static class ShortBans implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gatehouse.regulation.ip-max-failures", "5",
                    "gatehouse.regulation.user-ip-max-failures", "5",
                    "gatehouse.regulation.ip-ban-time", "4s",
                    "gatehouse.regulation.user-ip-ban-time", "4s");
        }
    }

    private static final Pattern BANNED = Pattern.compile("/login\\?rd=%2Fanalytics%2F&error=banned&retry_after=(\\d+)");

    @Test
    void aBannedAttemptGoesBackWithTheWait() {
        String ip = "10.77.0.1";
        for (int i = 0; i < 5; i++) {
            attempt(ip, "wrong-password").then().statusCode(303).header("Location", "/login?rd=%2Fanalytics%2F&error=invalid");
        }
        String location = attempt(ip, TestUsers.USER_PASSWORD).then().statusCode(303).extract().header("Location");
        Matcher matcher = BANNED.matcher(location);
        assertTrue(matcher.matches(), location);
        int retryAfter = Integer.parseInt(matcher.group(1));
        assertTrue(retryAfter >= 1 && retryAfter <= 4, location);

        given().get(location).then().statusCode(200).body(containsString(
                "Too many attempts. Try again in " + retryAfter + " second" + (retryAfter == 1 ? "" : "s") + "."));
    }

    private static Response attempt(String ip, String password) {
        return given().redirects().follow(false).header("X-Forwarded-For", ip).contentType("application/x-www-form-urlencoded")
                .formParam("username", TestUsers.USER).formParam("password", password).formParam("rd", "/analytics/")
                .post("/auth/session");
    }
}
