package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The login page's form without JavaScript: a form post, answered with where to go (303), never a page of JSON. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class LoginFormTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void signsInAndSeesOtherToTheDestination() {
        String cookie = form().formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                .formParam("rd", "/analytics/?tab=1").post("/auth/session").then().statusCode(303)
                .header("Location", equalTo("/analytics/?tab=1")).header("Cache-Control", "no-store")
                .header("Set-Cookie", startsWith(TestUsers.SESSION_COOKIE + "=")).extract().cookie(TestUsers.SESSION_COOKIE);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/me").then().statusCode(200).body("username", equalTo(TestUsers.ADMIN));
    }

    @Test
    void anUnsafeDestinationBecomesTheDefault() {
        form().formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                .formParam("rd", "https://evil.example/").post("/auth/session").then().statusCode(303).header("Location", "/");
        form().formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                .post("/auth/session").then().statusCode(303).header("Location", "/");
    }

    @Test
    void theDestinationIsAPlainAsciiLocation() {
        form().formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                .formParam("rd", "/caf\u00e9/\"x\"?q=<a>").post("/auth/session").then().statusCode(303)
                .header("Location", "/caf%C3%A9/%22x%22?q=%3Ca%3E");
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginPageSayingSo() {
        form().formParam("username", TestUsers.ADMIN).formParam("password", "wrong-password").formParam("rd", "/analytics/")
                .post("/auth/session").then().statusCode(303)
                .header("Location", "/login?rd=%2Fanalytics%2F&error=invalid").header("Set-Cookie", nullValue());
    }

    @Test
    void anUnknownUserGetsTheSameAnswer() {
        form().formParam("username", "nobody-here").formParam("password", "whatever-it-is")
                .post("/auth/session").then().statusCode(303).header("Location", "/login?error=invalid");
    }

    @Test
    void blankFieldsGoBackAskingForThem() {
        form().formParam("username", TestUsers.ADMIN).formParam("password", "").formParam("rd", "/x")
                .post("/auth/session").then().statusCode(303).header("Location", "/login?rd=%2Fx&error=missing");
        form().post("/auth/session").then().statusCode(303).header("Location", "/login?error=missing");
    }

    @Test
    void anOverlongPasswordIsInvalidNotAnError() {
        form().formParam("username", TestUsers.ADMIN).formParam("password", "p".repeat(2000))
                .post("/auth/session").then().statusCode(303).header("Location", "/login?error=invalid");
    }

    @Test
    void aFieldOverTheFormLimitIsAProblem() {
        form().formParam("username", TestUsers.ADMIN).formParam("password", "wrong-password")
                .formParam("rd", "/" + "a".repeat(3000)).post("/auth/session").then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void aBrowserAskingForHtmlStillGetsTheRedirect() {
        form().accept("text/html,application/xhtml+xml").formParam("username", TestUsers.ADMIN)
                .formParam("password", TestUsers.ADMIN_PASSWORD).post("/auth/session").then().statusCode(303);
    }

    @Test
    void refusesACrossSiteForm() {
        form().header("Origin", "https://evil.example").formParam("username", TestUsers.ADMIN)
                .formParam("password", TestUsers.ADMIN_PASSWORD).post("/auth/session").then().statusCode(403)
                .contentType("application/problem+json").header("Set-Cookie", nullValue());
        form().header("Sec-Fetch-Site", "cross-site").formParam("username", TestUsers.ADMIN)
                .formParam("password", TestUsers.ADMIN_PASSWORD).post("/auth/session").then().statusCode(403);
        form().header("Origin", "null").formParam("username", TestUsers.ADMIN)
                .formParam("password", TestUsers.ADMIN_PASSWORD).post("/auth/session").then().statusCode(403);
    }

    @Test
    void acceptsTheFormABrowserPostsFromThisOrigin() {
        form().header("Origin", RestAssured.baseURI + ":" + RestAssured.port).header("Sec-Fetch-Site", "same-origin")
                .formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                .post("/auth/session").then().statusCode(303);
        // Sent from a page whose referrer policy is no-referrer.
        form().header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                .formParam("username", TestUsers.ADMIN).formParam("password", TestUsers.ADMIN_PASSWORD)
                .post("/auth/session").then().statusCode(303);
    }

    @Test
    void theJsonFlowIsUnchanged() {
        given().contentType("application/json").body("{\"username\":\"" + TestUsers.MOD + "\",\"password\":\""
                + TestUsers.MOD_PASSWORD + "\",\"rd\":\"/analytics/\"}").post("/auth/session").then().statusCode(200)
                .contentType(containsString("application/json")).body("redirect", equalTo("/analytics/"));
    }

    @Test
    void logoutFromAFormGoesToTheLoginPage() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        form().cookie(TestUsers.SESSION_COOKIE, cookie).post("/auth/logout").then().statusCode(303)
                .header("Location", "/login").header("Set-Cookie", containsString("Max-Age=0"));
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/me").then().statusCode(401);
    }

    @Test
    void switchingAccountComesBackToTheUrlAskedFor() {
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        form().cookie(TestUsers.SESSION_COOKIE, cookie).formParam("rd", "https://gate.example/analytics/?a=1&b=2")
                .post("/auth/logout").then().statusCode(303)
                .header("Location", "/login?rd=https%3A%2F%2Fgate.example%2Fanalytics%2F%3Fa%3D1%26b%3D2");
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/me").then().statusCode(401);
    }

    @Test
    void aLogoutWithoutABodyIsTheScriptsOne() throws Exception {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        // No Content-Type at all, as curl -X POST sends it (RestAssured always names one).
        HttpRequest bare = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/auth/logout"))
                .header("Cookie", TestUsers.SESSION_COOKIE + "=" + cookie).POST(HttpRequest.BodyPublishers.noBody()).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertEquals(204, client.send(bare, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/me").then().statusCode(401);
        given().cookie(TestUsers.SESSION_COOKIE, TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .contentType("application/json").body("{}").post("/auth/logout").then().statusCode(204);
    }

    @Test
    void refusesACrossSiteLogoutForm() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        form().header("Origin", "https://evil.example").cookie(TestUsers.SESSION_COOKIE, cookie).post("/auth/logout")
                .then().statusCode(403).contentType("application/problem+json");
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/me").then().statusCode(200);
    }

    @Test
    void otherBodiesAreStillRefused() {
        given().contentType("text/plain").body("username=a&password=b").post("/auth/session").then().statusCode(415)
                .contentType("application/problem+json");
    }

    private static RequestSpecification form() {
        return given().redirects().follow(false).contentType(FORM);
    }
}
