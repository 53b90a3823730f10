package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.session.SessionStore;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.Role;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class ForbiddenPageTest {

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String DASHBOARD = "https://gate.example/analytics/?view=1&x=2";

    @Inject
    SessionStore sessions;

    @Test
    void showsABrowserWhoItIsAndHowToSwitch() {
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().accept(HTML).cookie(TestUsers.SESSION_COOKIE, cookie).header("X-Original-URL", DASHBOARD).get("/auth/forbidden")
                .then().statusCode(403).contentType(containsString("text/html")).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", allOf(containsString("default-src 'none'"), containsString("form-action 'self'"),
                        not(containsString("unsafe-inline"))))
                .body(allOf(containsString("<title>Forbidden · Gatehouse</title>"), containsString("403 Forbidden"),
                        containsString("You are signed in to Gatehouse as <strong>" + TestUsers.USER + "</strong>."),
                        containsString("<form method=\"post\" action=\"/auth/logout\">"),
                        containsString("<input type=\"hidden\" name=\"rd\" value=\"https://gate.example/analytics/?view=1&amp;x=2\">"),
                        containsString(">Switch account</button>"), containsString(">Sign out</button>"),
                        not(containsString("<script")), not(containsString("style=")), not(containsString("{{"))));
    }

    @Test
    void neverShowsAMarkupNameRaw() {
        // No account can have such a name, so a session claiming one is nobody's; either way no markup gets through.
        String cookie = sessions.create("<img src=x onerror=alert(1)>&co", Set.of(Role.USER), List.of("password")).id();
        given().accept(HTML).cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/forbidden").then().statusCode(403)
                .body(not(containsString("<img src=x")));
    }

    @Test
    void escapesTheOriginalUrl() {
        given().accept(HTML).header("X-Original-URL", "https://gate.example/\"><script>x</script>").get("/auth/forbidden")
                .then().statusCode(403).body(not(containsString("<script>x")));
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().accept(HTML).cookie(TestUsers.SESSION_COOKIE, cookie).header("X-Original-URL", "/a\"b'<c>").get("/auth/forbidden")
                .then().statusCode(403).body(containsString("value=\"/a&quot;b&#39;&lt;c&gt;\""));
    }

    @Test
    void bearerTokensSpeakToo() {
        given().accept(HTML).auth().oauth2(TestUsers.login(TestUsers.MOD, TestUsers.MOD_PASSWORD)).get("/auth/forbidden")
                .then().statusCode(403).body(containsString("as <strong>" + TestUsers.MOD + "</strong>"));
    }

    @Test
    void signedOutVisitorsAreOfferedTheLoginPage() {
        given().accept(HTML).header("X-Original-URL", DASHBOARD).get("/auth/forbidden").then().statusCode(403)
                .body(allOf(containsString("You are not signed in to Gatehouse."),
                        containsString("href=\"/login?rd=https%3A%2F%2Fgate.example%2Fanalytics%2F%3Fview%3D1%26x%3D2\""),
                        not(containsString("/auth/logout"))));
    }

    @Test
    void anOverlongUrlIsNotCarried() {
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().accept(HTML).cookie(TestUsers.SESSION_COOKIE, cookie).header("X-Original-URL", "https://gate.example/" + "a".repeat(3000))
                .get("/auth/forbidden").then().statusCode(403).body(containsString("name=\"rd\" value=\"\""));
    }

    @Test
    void apiClientsGetAProblem() {
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().accept("application/json").cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/forbidden").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403)).body("title", equalTo("Forbidden"))
                .body("detail", equalTo("Your account does not have a role this resource requires."));
        given().get("/auth/forbidden").then().statusCode(403).contentType("application/problem+json");
        given().header("Accept", "*/*;q=junk, ,,;;").get("/auth/forbidden").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
