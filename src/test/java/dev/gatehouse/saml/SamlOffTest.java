package dev.gatehouse.saml;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Without GATEHOUSE_SAML_IDP_METADATA there is no SAML: nothing answers and the login page offers none. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class SamlOffTest {

    @Test
    void metadataIsNotFound() {
        given().get("/auth/saml/metadata").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void startConsumerAndLogoutAreNotFound() {
        given().redirects().follow(false).get("/auth/saml/start").then().statusCode(404).contentType(startsWith("text/html"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("SAMLResponse", "x")
                .post("/auth/saml/acs").then().statusCode(404).contentType(startsWith("text/html"));
        given().redirects().follow(false).get("/auth/saml/slo?SAMLResponse=x").then().statusCode(404).contentType(startsWith("text/html"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("SAMLResponse", "x")
                .post("/auth/saml/slo").then().statusCode(404).contentType(startsWith("text/html"));
    }

    @Test
    void theLoginPageOffersNoSaml() {
        given().get("/login").then().statusCode(200).body(not(containsString("/auth/saml/start")));
    }
}
