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
                        not(containsString("unsafe-inline"))))
                .body(allOf(containsString("<label for=\"username\""), containsString("<label for=\"password\""),
                        containsString("role=\"alert\""), containsString("name=\"viewport\""),
                        not(containsString("http://")), not(containsString("https://"))));
    }

    @Test
    void servesItsOwnScriptAndStyle() {
        given().get("/auth/assets/login.js").then().statusCode(200).body(containsString("/auth/session"));
        given().get("/auth/assets/login.css").then().statusCode(200);
    }
}
