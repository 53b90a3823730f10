package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class LoginPageTest {

    @Test
    void servesAnAccessibleFormUnderAStrictPolicy() {
        given().get("/login?rd=/analytics/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", allOf(containsString("default-src 'none'"),
                        containsString("script-src 'self'"), containsString("frame-ancestors 'none'"),
                        containsString("form-action 'self'"), not(containsString("unsafe-inline"))))
                .header("Referrer-Policy", "same-origin").header("Cache-Control", "no-store")
                .body(allOf(containsString("<label for=\"username\""), containsString("<label for=\"password\""),
                        containsString("role=\"alert\""), containsString("name=\"viewport\""),
                        not(containsString("http://")), not(containsString("https://")), not(containsString("{{"))));
    }

    @Test
    void saysWhichSiteYouAreSigningInTo() {
        given().get("/login").then().statusCode(200)
                .body(allOf(containsString("<title>Sign in · Gatehouse</title>"), containsString("<h1>Sign in to Gatehouse</h1>")));
    }

    @Test
    void theFormPostsSoThePasswordNeverGoesIntoTheUrl() {
        given().get("/login?rd=/analytics/").then().statusCode(200)
                .body(allOf(containsString("<form id=\"login-form\" method=\"post\" action=\"/auth/session\""),
                        containsString("<input type=\"hidden\" name=\"rd\" value=\"/analytics/\">"),
                        not(containsString("method=\"get\""))));
    }

    @Test
    void theDestinationIsEscapedIntoTheForm() {
        given().queryParam("rd", "/x\"><script>alert(1)</script>&").get("/login").then().statusCode(200)
                .body(allOf(containsString("value=\"/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;\""),
                        not(containsString("<script>alert"))));
    }

    @Test
    void noErrorShowsUntilOneHappens() {
        given().get("/login").then().statusCode(200)
                .body(allOf(containsString("<p id=\"error\" class=\"error\" role=\"alert\" aria-live=\"assertive\" hidden></p>"),
                        not(containsString("aria-invalid"))));
    }

    @Test
    void showsWhyTheLastAttemptFailedWithoutScript() {
        given().get("/login?rd=/analytics/&error=invalid").then().statusCode(200)
                .body(allOf(containsString("aria-live=\"assertive\">Invalid username or password.</p>"),
                        containsString("required autofocus aria-invalid=\"true\" aria-describedby=\"error\">"),
                        containsString("required aria-invalid=\"true\" aria-describedby=\"error\">")));
        given().get("/login?error=missing").then().statusCode(200).body(containsString(">Enter your username and password.</p>"));
        given().get("/login?error=unavailable").then().statusCode(200)
                .body(allOf(containsString(">Sign-in is unavailable right now. Try again shortly.</p>"), not(containsString("aria-invalid"))));
    }

    @Test
    void saysWhenABanEnds() {
        given().get("/login?error=banned&retry_after=300").then().statusCode(200)
                .body(allOf(containsString(">Too many attempts. Try again in 5 minutes.</p>"), not(containsString("aria-invalid"))));
        given().get("/login?error=banned&retry_after=1").then().body(containsString("Try again in 1 second."));
        given().get("/login?error=banned&retry_after=x<b>").then().body(containsString("Too many attempts. Try again later."));
    }

    @Test
    void anErrorItNeverSendsShowsNothing() {
        given().queryParam("error", "<script>alert(1)</script>").get("/login").then().statusCode(200)
                .body(allOf(containsString("aria-live=\"assertive\" hidden></p>"), not(containsString("alert(1)"))));
    }

    @Test
    void offersNoCodeWhereSignInByCodeIsOff() {
        given().get("/login").then().statusCode(200)
                .body(allOf(not(containsString("code-signin")), not(containsString("Email me a code")),
                        not(containsString("one-time-code"))));
        given().contentType("application/json").body("{\"email\":\"alice@example.com\"}").post("/auth/otp/request")
                .then().statusCode(404);
    }

    @Test
    void servesItsOwnScriptAndStyle() {
        given().get("/auth/assets/login.js").then().statusCode(200)
                .body(allOf(containsString("/auth/session"), containsString("Retry-After"), containsString("aria-invalid")));
        given().get("/auth/assets/login.css").then().statusCode(200).body(containsString("prefers-color-scheme: dark"));
    }
}
