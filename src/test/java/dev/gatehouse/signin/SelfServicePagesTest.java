package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The reset and account pages, and what the login page offers where signing up is off (the default). */
@QuarkusTest
@WithTestResource(RedisResource.class)
class SelfServicePagesTest {

    @Test
    void theResetPageHasBothStepsUnderTheStrictPolicy() {
        given().get("/reset?rd=/team/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", allOf(containsString("default-src 'none'"), containsString("script-src 'self'"),
                        containsString("connect-src 'self'"), not(containsString("unsafe-inline"))))
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .body(allOf(containsString("<title>Reset your password · Gatehouse</title>"),
                        containsString("<script src=\"/auth/assets/forms.js\" defer></script>"),
                        containsString("<script src=\"/auth/assets/reset.js\" defer></script>"),
                        containsString("<form id=\"forgot-form\" novalidate hidden>"),
                        containsString("<label for=\"email\">Email address</label>"),
                        containsString("<label for=\"code\">Code from the email</label>"),
                        containsString("<label for=\"new-password\">New password</label>"),
                        containsString("autocomplete=\"new-password\""),
                        containsString("Use at least 12 characters."),
                        containsString("role=\"alert\" aria-live=\"assertive\" hidden"),
                        containsString("role=\"status\" aria-live=\"polite\""),
                        containsString("<noscript>"),
                        containsString("<a id=\"sign-in\" href=\"/login?rd=%2Fteam%2F\">Back to sign in</a>"),
                        not(containsString("<script>")), not(containsString("style=")), not(containsString("{{"))));
    }

    @Test
    void theWayBackCarriesTheDestinationEscaped() {
        given().queryParam("rd", "/x\"><script>alert(1)</script>").get("/reset").then().statusCode(200)
                .body(allOf(containsString("href=\"/login?rd=%2Fx%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E\""),
                        not(containsString("<script>alert"))));
        given().get("/reset").then().statusCode(200).body(containsString("<a id=\"sign-in\" href=\"/login\">"));
    }

    @Test
    void thereIsNoSignupPageWhereSigningUpIsOff() {
        given().accept("text/html").get("/signup").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Signing up is not enabled here."));
        given().get("/login").then().statusCode(200)
                .body(allOf(containsString("<a id=\"forgot-password\" href=\"/reset\">Forgot your password?</a>"),
                        not(containsString("Create an account")), not(containsString("/signup"))));
    }

    @Test
    void theLoginPageLinksToTheResetPageWithTheDestination() {
        given().get("/login?rd=/analytics/?tab=1").then().statusCode(200)
                .body(containsString("<a id=\"forgot-password\" href=\"/reset?rd=%2Fanalytics%2F%3Ftab%3D1\">Forgot your password?</a>"));
    }

    @Test
    void theLoginPageSaysWhenAPasswordWasJustReset() {
        given().get("/login?notice=password-reset").then().statusCode(200)
                .body(containsString("<p id=\"notice\" class=\"notice\" role=\"status\">Your password is changed. Sign in with the new one.</p>"));
        given().get("/login").then().statusCode(200).body(containsString("<p id=\"notice\" class=\"notice\" role=\"status\" hidden></p>"));
        given().queryParam("notice", "<b>forged</b>").get("/login").then().statusCode(200)
                .body(allOf(containsString("role=\"status\" hidden></p>"), not(containsString("forged"))));
    }

    @Test
    void theAccountPageSendsTheSignedOutToTheLoginPage() {
        given().redirects().follow(false).accept("text/html").get("/account").then().statusCode(303)
                .header("Location", "/login?rd=%2Faccount").header("Cache-Control", "no-store");
        given().redirects().follow(false).cookie(TestUsers.SESSION_COOKIE, "not-a-session").get("/account").then()
                .statusCode(303).header("Location", "/login?rd=%2Faccount");
        // A bearer token is no browser session: the page's requests need the cookie.
        given().redirects().follow(false).auth().oauth2(TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD))
                .get("/account").then().statusCode(303).header("Location", "/login?rd=%2Faccount");
    }

    @Test
    void theAccountPageShowsWhoIsSignedIn() {
        String session = TestUsers.session(TestUsers.EMAIL_USER, TestUsers.EMAIL_USER_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/account").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", allOf(containsString("script-src 'self'"), containsString("form-action 'self'"),
                        not(containsString("unsafe-inline"))))
                .header("Cache-Control", "no-store")
                .body(allOf(containsString("<title>Your account · Gatehouse</title>"),
                        containsString("Signed in as <strong id=\"username\">" + TestUsers.EMAIL_USER + "</strong>."),
                        containsString("<script src=\"/auth/assets/account.js\" defer></script>"),
                        containsString("<ul id=\"sessions\""),
                        containsString("<label for=\"current-password\">Current password</label>"),
                        containsString("<label for=\"new-password\">New password</label>"),
                        containsString("autocomplete=\"current-password\""),
                        containsString("<form class=\"actions\" method=\"post\" action=\"/auth/logout\">"),
                        containsString("id=\"sign-out\""),
                        not(containsString("<script>")), not(containsString("style=")), not(containsString("{{"))));
    }

    @Test
    void servesThePagesScripts() {
        given().get("/auth/assets/forms.js").then().statusCode(200)
                .body(allOf(containsString("Retry-After"), containsString("aria-invalid"), containsString("too_short")));
        given().get("/auth/assets/reset.js").then().statusCode(200)
                .body(allOf(containsString("/auth/password/forgot"), containsString("/auth/password/reset"),
                        containsString("notice")));
        given().get("/auth/assets/account.js").then().statusCode(200)
                .body(allOf(containsString("/auth/sessions"), containsString("/auth/password/change"), containsString("DELETE")));
        given().get("/auth/assets/signup.js").then().statusCode(200)
                .body(allOf(containsString("/auth/signup"), containsString("/auth/signup/verify"), containsString("/auth/session")));
    }
}
