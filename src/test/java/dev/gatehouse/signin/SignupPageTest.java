package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Where people may sign up: the signup page, and the login page's way to it. */
@QuarkusTest
@TestProfile(SignupPageTest.SignupOn.class)
@WithTestResource(RedisResource.class)
class SignupPageTest {

    public static class SignupOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.signup.enabled", "true");
        }
    }

    @Test
    void servesTheSignupPage() {
        given().get("/signup?rd=/team/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", allOf(containsString("default-src 'none'"), containsString("script-src 'self'"),
                        containsString("connect-src 'self'"), containsString("frame-ancestors 'none'"),
                        not(containsString("unsafe-inline"))))
                .header("Referrer-Policy", "same-origin").header("Cache-Control", "no-store")
                .body(allOf(containsString("<title>Create an account · Gatehouse</title>"),
                        containsString("<h1>Create an account on Gatehouse</h1>"),
                        containsString("<script src=\"/auth/assets/forms.js\" defer></script>"),
                        containsString("<script src=\"/auth/assets/signup.js\" defer></script>"),
                        containsString("<form id=\"signup-form\" novalidate hidden>"),
                        containsString("<label for=\"email\">Email address</label>"),
                        containsString("<label for=\"name\">Name <span class=\"optional\">(optional)</span></label>"),
                        containsString("<label for=\"password\">Password</label>"),
                        containsString("autocomplete=\"new-password\" required\n               aria-describedby=\"password-hint\""),
                        containsString("<p id=\"password-hint\" class=\"hint\">Use at least 12 characters."),
                        containsString("<ul id=\"password-rules\" class=\"rules\" hidden></ul>"),
                        containsString("<label for=\"code\">Code from the email</label>"),
                        containsString("inputmode=\"numeric\" autocomplete=\"one-time-code\""),
                        containsString("role=\"alert\" aria-live=\"assertive\" hidden"),
                        containsString("<a id=\"sign-in\" href=\"/login?rd=%2Fteam%2F\">Sign in</a>"),
                        not(containsString("<script>")), not(containsString("style=")), not(containsString("{{"))));
    }

    @Test
    void theLoginPageOffersToCreateAnAccount() {
        given().get("/login?rd=/team/").then().statusCode(200)
                .body(allOf(containsString("<a id=\"forgot-password\" href=\"/reset?rd=%2Fteam%2F\">Forgot your password?</a>"),
                        containsString("<a id=\"create-account\" href=\"/signup?rd=%2Fteam%2F\">Create an account</a>")));
        given().get("/login").then().statusCode(200)
                .body(containsString("<a id=\"create-account\" href=\"/signup\">Create an account</a>"));
    }
}
