package dev.gatehouse.captcha;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.CaptchaResource;
import dev.gatehouse.support.FakeSiteverify;
import dev.gatehouse.support.MailResource;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The flows listed in GATEHOUSE_CAPTCHA_FLOWS (here otp and session, not login) require a solved CAPTCHA. */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(MailResource.class)
@WithTestResource(CaptchaResource.class)
class CaptchaFlowsTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @CaptchaResource.InjectSiteverify
    FakeSiteverify siteverify;

    /** Each test asks from its own client address, so that the per-client code limit does not touch another. */
    private final String client = "10.88.0." + CLIENTS.getAndIncrement();

    private Response requestCode(String captcha) {
        Map<String, String> body = new HashMap<>(Map.of("email", "carol@team.example"));
        if (captcha != null) {
            body.put("captcha", captcha);
        }
        return given().contentType("application/json").header("X-Forwarded-For", client).body(body).post("/auth/otp/request");
    }

    private Response session(String captcha) {
        Map<String, String> body = new HashMap<>(Map.of("username", TestUsers.ADMIN, "password", TestUsers.ADMIN_PASSWORD));
        if (captcha != null) {
            body.put("captcha", captcha);
        }
        return given().contentType("application/json").header("X-Forwarded-For", client).body(body).post("/auth/session");
    }

    @Test
    void aCodeRequestWithoutCaptchaIs400AndSendsNothing() {
        int asked = siteverify.posted().size();
        requestCode(null).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].rule", equalTo(CaptchaGuard.MISSING_RULE));
        assertEquals(asked, siteverify.posted().size());
    }

    @Test
    void theResetPageCarriesTheWidgetAndLetsItsProviderIn() {
        given().get("/reset").then().statusCode(200)
                .body(containsString("<div class=\"captcha\" data-captcha-sitekey=\"" + CaptchaResource.SITE_KEY))
                .body(containsString("/auth/assets/captcha.js"))
                .header("Content-Security-Policy", containsString("challenges.cloudflare.com"));
    }

    @Test
    void aForgottenPasswordNeedsASolvedCaptchaToo() {
        given().contentType("application/json").header("X-Forwarded-For", client).body(Map.of("email", "ops@example.com"))
                .post("/auth/password/forgot").then().statusCode(400).body("errors[0].rule", equalTo(CaptchaGuard.MISSING_RULE));
        given().contentType("application/json").header("X-Forwarded-For", client)
                .body(Map.of("email", "ops@example.com", "captcha", FakeSiteverify.PASS + "-forgot-" + client))
                .post("/auth/password/forgot").then().statusCode(202);
    }

    @Test
    void aRefusedAnswerIs400() {
        requestCode(FakeSiteverify.FAIL).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].rule", equalTo(CaptchaGuard.REFUSED_RULE));
    }

    @Test
    void aSolvedAnswerLetsTheCodeRequestThroughAndTheVerifierHearsSecretAnswerAndClient() {
        String token = FakeSiteverify.PASS + "-otp-" + client;
        requestCode(token).then().statusCode(202);
        List<Map<String, String>> posted = siteverify.postedWith(token);
        assertEquals(1, posted.size());
        assertEquals(CaptchaResource.SECRET, posted.getFirst().get("secret"));
        assertEquals(client, posted.getFirst().get("remoteip"));
    }

    @Test
    void aMalformedAddressIsRefusedBeforeTheAnswerIsSpent() {
        String token = FakeSiteverify.PASS + "-bad-address-" + client;
        given().contentType("application/json").header("X-Forwarded-For", client)
                .body(Map.of("email", "not-an-address", "captcha", token)).post("/auth/otp/request").then().statusCode(400);
        assertEquals(List.of(), siteverify.postedWith(token));
    }

    @Test
    void aVerifierThatFailsOrTimesOutIs503WithRetryAfter() {
        for (String token : List.of(FakeSiteverify.STATUS_500, FakeSiteverify.NOT_JSON, FakeSiteverify.SLOW)) {
            requestCode(token).then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        }
    }

    @Test
    void browserSignInNeedsTheCaptchaToo() {
        session(null).then().statusCode(400).body("errors[0].rule", equalTo(CaptchaGuard.MISSING_RULE)).header("Set-Cookie", nullValue());
        session(FakeSiteverify.PASS + "-session").then().statusCode(200).cookie(TestUsers.SESSION_COOKIE, notNullValue());
    }

    @Test
    void theFormWithoutAnAnswerGoesBackToTheLoginPageSayingWhy() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                .formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD).formParam("rd", "/analytics/")
                .post("/auth/session").then().statusCode(303)
                .header("Location", "/login?rd=%2Fanalytics%2F&error=captcha").header("Set-Cookie", nullValue());
        given().get("/login?error=captcha").then().statusCode(200).body(containsString("Complete the check that you are a person"));
    }

    @Test
    void theFormCarriesTheWidgetsOwnFieldOrCaptcha() {
        for (String field : List.of("cf-turnstile-response", "captcha")) {
            String token = FakeSiteverify.PASS + "-form-" + field;
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                    .formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                    .formParam("rd", "/analytics/").formParam(field, token).post("/auth/session").then().statusCode(303)
                    .header("Location", "/analytics/").header("Set-Cookie", startsWith(TestUsers.SESSION_COOKIE + "="));
            assertEquals(client, siteverify.postedWith(token).getFirst().get("remoteip"));
        }
    }

    @Test
    void theFormWhileTheVerifierIsDownSaysSignInIsUnavailable() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                .formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                .formParam("captcha", FakeSiteverify.STATUS_500).post("/auth/session").then().statusCode(303)
                .header("Location", "/login?error=unavailable");
    }

    @Test
    void tokenLoginIsNotCheckedWhenLoginIsNotListed() {
        int asked = siteverify.posted().size();
        TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(asked, siteverify.posted().size());
    }

    @Test
    void theLoginPageShowsTheWidgetOnGuardedFormsAndItsPolicyAllowsTheProvider() {
        given().get("/login").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self' https://challenges.cloudflare.com;"),
                        containsString("frame-src https://challenges.cloudflare.com;"), containsString("frame-ancestors 'none'"),
                        not(containsString("unsafe-inline"))))
                .body(allOf(
                        containsString("<script src=\"https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit&amp;"
                                + "onload=gatehouseCaptchaReady\" defer></script>"),
                        containsString("<div class=\"captcha\" data-captcha-sitekey=\"" + CaptchaResource.SITE_KEY
                                + "\" data-captcha-api=\"turnstile\"></div>\n      <button id=\"submit\""),
                        containsString("data-captcha-api=\"turnstile\"></div>\n        <button id=\"request-code\"")));
    }

    @Test
    void theForbiddenPageKeepsTheStrictPolicy() {
        given().accept("text/html").get("/auth/forbidden").then().statusCode(403)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self';"), not(containsString("cloudflare")),
                        not(containsString("frame-src"))));
    }
}
