package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The login page where sign-in by a mailed code is on: both ways, the code's only with the page's script. */
@QuarkusTest
@TestProfile(LoginPageCodeSigninTest.CodesOn.class)
@WithTestResource(RedisResource.class)
class LoginPageCodeSigninTest {

    public static class CodesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nobody is listed (the file need not exist): no mail is ever sent.
            return Map.of("gatehouse.otp.allowlist-file", "target/login-page-code-signin-allowlist.txt");
        }
    }

    @Test
    void offersTheCodeBesideThePassword() {
        given().get("/login?rd=/team/").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self'"), containsString("connect-src 'self'"),
                        not(containsString("unsafe-inline"))))
                .body(allOf(
                        // The password form as before, posting without script too.
                        containsString("<form id=\"login-form\" method=\"post\" action=\"/auth/session\""),
                        containsString("<input type=\"hidden\" name=\"rd\" value=\"/team/\">"),
                        // The code's forms, hidden until the script shows them (they need it).
                        containsString("<div id=\"code-signin\" class=\"code-signin\" hidden>"),
                        containsString("<label for=\"email\">Email address</label>"),
                        containsString("type=\"email\""), containsString("autocomplete=\"email\""),
                        containsString(">Email me a code</button>"),
                        containsString("<label for=\"code\">Code from the email</label>"),
                        containsString("inputmode=\"numeric\" autocomplete=\"one-time-code\""),
                        containsString("id=\"verify-code\" type=\"submit\">Sign in</button>"),
                        containsString("id=\"resend-code\""), containsString("id=\"code-back\""),
                        containsString("role=\"status\" aria-live=\"polite\""),
                        // One alert region for both ways, and no inline script or style.
                        containsString("<p id=\"error\" class=\"error\" role=\"alert\" aria-live=\"assertive\" hidden></p>"),
                        not(containsString("<script>")), not(containsString("style=")), not(containsString("{{"))));
    }

    @Test
    void theScriptKnowsBothSteps() {
        given().get("/auth/assets/login.js").then().statusCode(200)
                .body(allOf(containsString("/auth/otp/request"), containsString("/auth/otp/verify"),
                        containsString("Retry-After")));
    }

    @Test
    void anyAddressIsAnsweredAlike() {
        given().contentType("application/json").body(Map.of("email", "nobody@example.com"))
                .post("/auth/otp/request").then().statusCode(202)
                .body("detail", equalTo(OtpResource.REQUESTED.get("detail")));
    }
}
