package dev.gatehouse.saml;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** GATEHOUSE_SAML_SP_ENTITY_ID and GATEHOUSE_SSO_PUBLIC_URL name Gatehouse everywhere: metadata, requests, checks. */
@QuarkusTest
@TestProfile(SamlConfiguredIdsTest.Named.class)
@WithTestResource(RedisResource.class)
class SamlConfiguredIdsTest {

    static final String ENTITY_ID = "urn:gatehouse:test";
    static final String PUBLIC_URL = "https://auth.example.com";

    public static class Named extends SamlProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("gatehouse.saml.sp-entity-id", ENTITY_ID);
            config.put("gatehouse.sso.public-url", PUBLIC_URL + "/");
            return config;
        }
    }

    @Test
    void metadataAndRequestsUseTheConfiguredNames() {
        Element entity = TestResponse.parse(given().get("/auth/saml/metadata").asString()).getDocumentElement();
        assertEquals(ENTITY_ID, entity.getAttribute("entityID"));
        assertEquals(PUBLIC_URL + "/auth/saml/acs",
                ((Element) entity.getElementsByTagNameNS(SafeXml.MD, "AssertionConsumerService").item(0)).getAttribute("Location"));
        SamlFlow.Started started = SamlFlow.start("/");
        assertEquals(ENTITY_ID, started.spEntityId());
        assertEquals(PUBLIC_URL + "/auth/saml/acs", started.acsUrl());
    }

    @Test
    void anAssertionForTheConfiguredNamesSignsIn() {
        SamlFlow.Started started = SamlFlow.start("/");
        Response answer = SamlFlow.post(started, TestResponse.answering(started));
        assertEquals(302, answer.statusCode(), answer.asString());
    }

    @Test
    void attackAnAssertionForTheRequestsOriginIsRefused() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.audience = "http://localhost/auth/saml/metadata";
        assertEquals(401, SamlFlow.post(started, response).statusCode());
    }
}
