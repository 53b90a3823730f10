package dev.gatehouse.saml;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.FreePort;
import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** An identity provider whose metadata cannot be read stops neither Gatehouse nor its own metadata: only sign-in waits (503). */
@QuarkusTest
@TestProfile(SamlIdpDownTest.Unreachable.class)
@WithTestResource(RedisResource.class)
class SamlIdpDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.saml.idp-metadata", "http://127.0.0.1:" + FreePort.next() + "/realms/corp/protocol/saml/descriptor");
        }
    }

    @Test
    void startSaysToTryAgainLater() {
        Response answer = given().redirects().follow(false).get("/auth/saml/start?rd=/grafana/");
        assertEquals(503, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
        assertEquals("30", answer.header("Retry-After"));
    }

    @Test
    void aLogoutMessageSaysToTryAgainLater() {
        Response answer = given().redirects().follow(false).urlEncodingEnabled(false)
                .get("/auth/saml/slo?SAMLRequest=abc&SigAlg=x&Signature=y");
        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("30", answer.header("Retry-After"));
    }

    @Test
    void gatehousesOwnMetadataIsStillServed() {
        given().get("/auth/saml/metadata").then().statusCode(200).contentType(startsWith("application/samlmetadata+xml"))
                .body(containsString("SPSSODescriptor"));
    }

    @Test
    void theLoginPageStillOffersSaml() {
        given().get("/login").then().statusCode(200).body(containsString("href=\"/auth/saml/start\">Sign in with SAML</a>"));
    }
}
