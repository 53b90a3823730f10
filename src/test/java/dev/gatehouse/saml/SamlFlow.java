package dev.gatehouse.saml;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.w3c.dom.Element;

import io.restassured.response.Response;

/** A browser going through a SAML sign-in, one step at a time; the tests play the identity provider. */
final class SamlFlow {

    static final String BROWSER_COOKIE = "gatehouse_saml";

    /**
     * What {@code start} gave the browser: the identity provider's URL, the pre-login cookie, and what
     * the AuthnRequest in it says.
     */
    record Started(String location, String browserCookie, String requestId, String relayState, String acsUrl, String spEntityId,
            Element authnRequest) {
    }

    private SamlFlow() {
    }

    static Started start(String rd) {
        var request = given().redirects().follow(false);
        if (rd != null) {
            request = request.queryParam("rd", rd);
        }
        Response answer = request.get("/auth/saml/start");
        assertEquals(302, answer.statusCode(), answer.asString());
        String location = answer.header("Location");
        Element authn = TestResponse.parse(TestIdp.inflate(queryParam(location, "SAMLRequest"))).getDocumentElement();
        String issuer = authn.getElementsByTagNameNS(SafeXml.SAML, "Issuer").item(0).getTextContent();
        return new Started(location, answer.cookie(BROWSER_COOKIE), authn.getAttribute("ID"), queryParam(location, "RelayState"),
                authn.getAttribute("AssertionConsumerServiceURL"), issuer, authn);
    }

    /** The identity provider's form post to the consumer, from a browser with {@code browserCookie} (or none). */
    static Response post(String samlResponse, String relayState, String browserCookie) {
        // As a browser posts the identity provider's auto-submitting form: cross-site, from its origin.
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("Origin", "https://idp.test.example").header("Sec-Fetch-Site", "cross-site");
        if (samlResponse != null) {
            request = request.formParam("SAMLResponse", samlResponse);
        }
        if (relayState != null) {
            request = request.formParam("RelayState", relayState);
        }
        if (browserCookie != null) {
            request = request.cookie(BROWSER_COOKIE, browserCookie);
        }
        return request.post("/auth/saml/acs");
    }

    /** The answer to {@code started} posted back from the browser that started it. */
    static Response post(Started started, TestResponse response) {
        return post(response.encoded(), started.relayState(), started.browserCookie());
    }

    static String queryParam(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String rawQuery(String url) {
        return URI.create(url).getRawQuery();
    }
}
