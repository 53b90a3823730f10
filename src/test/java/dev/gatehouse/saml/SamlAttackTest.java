package dev.gatehouse.saml;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.gatehouse.support.AuditCapture;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.RedisResource.InjectRedis;
import dev.gatehouse.support.RedisServer;
import dev.gatehouse.support.Wait;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** What the assertion consumer must refuse: each attack gets a page, an audit line with its reason, and no session. */
@QuarkusTest
@TestProfile(SamlProfile.class)
@WithTestResource(RedisResource.class)
class SamlAttackTest {

    private final AuditCapture audit = new AuditCapture();

    @InjectRedis
    RedisServer redis;

    @BeforeEach
    void listen() {
        audit.start();
    }

    @AfterEach
    void stopListening() {
        audit.stop();
    }

    private void assertRefused(Response answer, int status, String reason) {
        assertEquals(status, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
        assertTrue(answer.asString().contains("Back to sign in") || answer.asString().contains("sign-in"), answer.asString());
        assertNull(answer.cookie(TestUsers.SESSION_COOKIE));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"saml\"", "\"reason\":\"" + reason + "\""), audit.lines().toString());
    }

    private void assertRefused(Response answer, String reason) {
        assertRefused(answer, 401, reason);
    }

    private static Response post(SamlFlow.Started started, Document document) {
        return SamlFlow.post(TestResponse.encode(document), started.relayState(), started.browserCookie());
    }

    @Test
    void unsignedAssertion() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.signAssertion = false;
        assertRefused(SamlFlow.post(started, response), "unsigned");
    }

    @Test
    void wrongSigner() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.signer = TestIdp.newSigner("Evil IdP");
        assertRefused(SamlFlow.post(started, response), "wrong_signer");
    }

    @Test
    void wrongSignerOnTheResponse() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.signAssertion = false;
        response.signResponse = true;
        response.signer = TestIdp.newSigner("Evil IdP");
        assertRefused(SamlFlow.post(started, response), "wrong_signer");
    }

    @Test
    void tamperedAfterSigning() {
        SamlFlow.Started started = SamlFlow.start("/");
        Document document = TestResponse.answering(started).document();
        document.getElementsByTagNameNS(SafeXml.SAML, "NameID").item(0).setTextContent("admin");
        assertRefused(post(started, document), "digest_mismatch");
    }

    /** XSW: the signed assertion hidden in Extensions, an unsigned one of the attacker's making where it was. */
    @Test
    void signatureWrappingSignedAssertionMovedIntoExtensions() {
        SamlFlow.Started started = SamlFlow.start("/");
        Document document = TestResponse.answering(started).document();
        Element response = document.getDocumentElement();
        Element signed = (Element) document.getElementsByTagNameNS(SafeXml.SAML, "Assertion").item(0);
        Element evil = (Element) signed.cloneNode(true);
        evil.removeChild(evil.getElementsByTagNameNS(SafeXml.DS, "Signature").item(0));
        evil.getElementsByTagNameNS(SafeXml.SAML, "NameID").item(0).setTextContent("victim");
        Element extensions = document.createElementNS(SafeXml.SAMLP, "samlp:Extensions");
        response.replaceChild(evil, signed);
        extensions.appendChild(signed);
        response.insertBefore(extensions, response.getElementsByTagNameNS(SafeXml.SAMLP, "Status").item(0));
        assertRefused(post(started, document), "wrapping");
    }

    /** XSW: the signed assertion inside the signature's Object, the signature kept on an evil assertion. */
    @Test
    void signatureWrappingSignedAssertionMovedIntoSignatureObject() {
        SamlFlow.Started started = SamlFlow.start("/");
        Document document = TestResponse.answering(started).document();
        Element response = document.getDocumentElement();
        Element signed = (Element) document.getElementsByTagNameNS(SafeXml.SAML, "Assertion").item(0);
        Element evil = (Element) signed.cloneNode(true);
        evil.setAttribute("ID", "_evil");
        evil.getElementsByTagNameNS(SafeXml.SAML, "NameID").item(0).setTextContent("victim");
        Element signature = (Element) evil.getElementsByTagNameNS(SafeXml.DS, "Signature").item(0);
        Element object = document.createElementNS(SafeXml.DS, "ds:Object");
        signature.appendChild(object);
        response.replaceChild(evil, signed);
        signed.removeChild(signed.getElementsByTagNameNS(SafeXml.DS, "Signature").item(0));
        object.appendChild(signed);
        assertRefused(post(started, document), "wrapping");
    }

    @Test
    void signatureWrappingSecondAssertionAdded() {
        SamlFlow.Started started = SamlFlow.start("/");
        Document document = TestResponse.answering(started).document();
        Element signed = (Element) document.getElementsByTagNameNS(SafeXml.SAML, "Assertion").item(0);
        Element second = (Element) signed.cloneNode(true);
        second.removeChild(second.getElementsByTagNameNS(SafeXml.DS, "Signature").item(0));
        second.setAttribute("ID", "_second");
        second.getElementsByTagNameNS(SafeXml.SAML, "NameID").item(0).setTextContent("victim");
        document.getDocumentElement().appendChild(second);
        assertRefused(post(started, document), "wrapping");
    }

    /** The signed Response's assertion swapped for another with the same ID elsewhere: two elements, one ID. */
    @Test
    void signatureWrappingDuplicateIds() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.signResponse = true;
        Document document = response.document();
        Element assertion = (Element) document.getElementsByTagNameNS(SafeXml.SAML, "Assertion").item(0);
        Element decoy = document.createElementNS(SafeXml.SAMLP, "samlp:Extensions");
        decoy.setAttribute("ID", assertion.getAttribute("ID"));
        document.getDocumentElement().insertBefore(decoy, document.getDocumentElement().getFirstChild().getNextSibling());
        assertRefused(post(started, document), "wrapping");
    }

    @Test
    void wrongAudience() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.audience = "https://another-sp.example/metadata";
        assertRefused(SamlFlow.post(started, response), "audience");
    }

    @Test
    void expiredAssertion() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.notBefore = Instant.now().minus(Duration.ofMinutes(10));
        response.notOnOrAfter = Instant.now().minus(Duration.ofSeconds(90));
        assertRefused(SamlFlow.post(started, response), "expired");
    }

    @Test
    void justExpiredWithinTheClockSkewIsAccepted() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.notOnOrAfter = Instant.now().minus(Duration.ofSeconds(20));
        assertEquals(302, SamlFlow.post(started, response).statusCode());
    }

    @Test
    void notYetValid() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.notBefore = Instant.now().plus(Duration.ofMinutes(5));
        response.notOnOrAfter = Instant.now().plus(Duration.ofMinutes(10));
        assertRefused(SamlFlow.post(started, response), "not_yet_valid");
    }

    @Test
    void replayedAssertion() {
        SamlFlow.Started started = SamlFlow.start("/");
        String encoded = TestResponse.answering(started).encoded();
        assertEquals(302, SamlFlow.post(encoded, started.relayState(), started.browserCookie()).statusCode());
        assertRefused(SamlFlow.post(encoded, started.relayState(), started.browserCookie()), "replay");
    }

    @Test
    void wrongDestination() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.destination = "https://another-sp.example/acs";
        assertRefused(SamlFlow.post(started, response), "destination");
    }

    @Test
    void wrongRecipient() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.recipient = "https://another-sp.example/acs";
        assertRefused(SamlFlow.post(started, response), "recipient");
    }

    @Test
    void wrongIssuer() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.issuer = "https://evil-idp.example";
        assertRefused(SamlFlow.post(started, response), "wrong_issuer");
    }

    @Test
    void unknownInResponseTo() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.inResponseTo = "_never-sent";
        assertRefused(SamlFlow.post(started, response), "unknown_in_response_to");
    }

    @Test
    void unsolicitedResponse() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.inResponseTo = null;
        assertRefused(SamlFlow.post(started, response), "unsolicited");
    }

    /** Login CSRF: the attacker's own response for their own request, posted from the victim's browser. */
    @Test
    void inResponseToFromAnotherBrowser() {
        SamlFlow.Started attackers = SamlFlow.start("/");
        SamlFlow.Started victims = SamlFlow.start("/");
        String encoded = TestResponse.answering(attackers).encoded();
        assertRefused(SamlFlow.post(encoded, attackers.relayState(), victims.browserCookie()), "request_of_another_browser");
        SamlFlow.Started again = SamlFlow.start("/");
        assertRefused(SamlFlow.post(TestResponse.answering(again).encoded(), again.relayState(), null), "request_of_another_browser");
    }

    @Test
    void sha1Refused() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.sha1 = true;
        assertRefused(SamlFlow.post(started, response), "sha1_refused");
    }

    @Test
    void theIdentityProvidersRefusalIsShown() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.status = "urn:oasis:names:tc:SAML:2.0:status:Responder";
        assertRefused(SamlFlow.post(started, response), "idp_status_Responder");
    }

    @Test
    void garbagePost() {
        SamlFlow.Started started = SamlFlow.start("/");
        assertRefused(SamlFlow.post(null, started.relayState(), started.browserCookie()), 400, "missing_response");
        assertRefused(SamlFlow.post("not base64 at all!", started.relayState(), started.browserCookie()), 400, "malformed_response");
        assertRefused(SamlFlow.post(base64("<samlp:Response"), started.relayState(), started.browserCookie()), 400,
                "malformed_response");
        assertRefused(SamlFlow.post(base64("<html><body>hello</body></html>"), started.relayState(), started.browserCookie()), 400,
                "not_a_response");
    }

    /** XXE and entity bombs: no DTD is read at all. */
    @Test
    void documentTypeDeclarationsAreRefused() {
        SamlFlow.Started started = SamlFlow.start("/");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&x;</samlp:Response>";
        assertRefused(SamlFlow.post(base64(xxe), started.relayState(), started.browserCookie()), 400, "malformed_response");
    }

    @Test
    void whileRedisIsDownSignInAnswers503() {
        SamlFlow.Started started = SamlFlow.start("/");
        String encoded = TestResponse.answering(started).encoded();
        redis.stop();
        try {
            Response answer = SamlFlow.post(encoded, started.relayState(), started.browserCookie());
            assertRefused(answer, 503, "store_unavailable");
            assertEquals("30", answer.header("Retry-After"));
            assertEquals(503, given().redirects().follow(false).get("/auth/saml/start").statusCode());
        } finally {
            redis.restart();
        }
        Wait.until(Duration.ofSeconds(15), () -> given().redirects().follow(false).get("/auth/saml/start").statusCode() == 302);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
