package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(BrandingTest.Acme.class)
@WithTestResource(RedisResource.class)
class BrandingTest {

    public static class Acme implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gatehouse.brand.name", "Acme & <Dashboards>",
                    "gatehouse.brand.logo-url", "https://cdn.example.com/acme.svg?v=1&s=2",
                    "gatehouse.gateway.allowed-redirect-domains", "example.org");
        }
    }

    @Test
    void theLoginPageNamesTheSiteEscaped() {
        given().get("/login").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("img-src 'self' https://cdn.example.com;"),
                        containsString("form-action 'self' https://example.org https://*.example.org;")))
                .body(allOf(containsString("<title>Sign in · Acme &amp; &lt;Dashboards&gt;</title>"),
                        containsString("<h1>Sign in to Acme &amp; &lt;Dashboards&gt;</h1>"),
                        containsString("<img class=\"logo\" src=\"https://cdn.example.com/acme.svg?v=1&amp;s=2\" alt=\"\">"),
                        not(containsString("<Dashboards>"))));
    }

    @Test
    void theForbiddenPageToo() {
        String cookie = TestUsers.session(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().accept("text/html").cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/forbidden").then().statusCode(403)
                .header("Content-Security-Policy", containsString("img-src 'self' https://cdn.example.com;"))
                .body(allOf(containsString("<title>Forbidden · Acme &amp; &lt;Dashboards&gt;</title>"),
                        containsString("signed in to Acme &amp; &lt;Dashboards&gt; as"),
                        containsString("<img class=\"logo\" src=\"https://cdn.example.com/acme.svg?v=1&amp;s=2\" alt=\"\">")));
    }
}
