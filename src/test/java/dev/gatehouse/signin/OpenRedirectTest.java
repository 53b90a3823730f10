package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class OpenRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/", "//evil.example/", "///evil.example", "/\\evil.example",
            "\\\\evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,hi", "%2F%2Fevil.example",
            "https://localhost@evil.example/", "http://localhost.evil.example/", "https:evil.example",
            " /analytics/", "/\t/evil.example", "\u0000/x", "ftp://localhost/" })
    void unsafeDestinationsFallBackToTheDefault(String rd) {
        loginWithRedirect(rd, null).then().statusCode(200).body("redirect", equalTo("/"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/analytics/", "/grafana/d/abc?orgId=1#panel", "/" })
    void pathsOnThisHostAreKept(String rd) {
        loginWithRedirect(rd, null).then().statusCode(200).body("redirect", equalTo(rd));
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://gate.example/analytics/", "https://gate.example:8443/x" })
    void absoluteUrlsOnTheProxiedOriginAreKept(String rd) {
        String port = rd.contains(":8443") ? "8443" : "443";
        loginWithRedirect(rd, port).then().statusCode(200).body("redirect", equalTo(rd));
    }

    private static io.restassured.response.Response loginWithRedirect(String rd, String forwardedPort) {
        ObjectNode body = new ObjectMapper().createObjectNode().put("username", TestUsers.USER)
                .put("password", TestUsers.USER_PASSWORD).put("rd", rd);
        var request = given().contentType("application/json").body(body.toString());
        if (forwardedPort != null) {
            request = request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "gate.example")
                    .header("X-Forwarded-Port", forwardedPort);
        }
        return request.post("/auth/session");
    }
}
