package dev.gatehouse.saml;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.support.AuditCapture;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Single logout both ways: signing out here goes on to the identity provider with a signed
 * LogoutRequest; a LogoutRequest from the provider ends the account's sessions here, and only one that
 * holds up: signed by the provider's key with SHA-256, from it, to us, in time, once.
 */
@QuarkusTest
@TestProfile(SamlProfile.class)
@WithTestResource(RedisResource.class)
class SamlLogoutTest {

    private static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

    private final AuditCapture audit = new AuditCapture();

    @BeforeEach
    void listen() {
        audit.start();
    }

    @AfterEach
    void stopListening() {
        audit.stop();
    }

    private record SignedIn(String session, String nameId, String sloUrl) {
    }

    private static SignedIn signIn() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        Response answer = SamlFlow.post(started, response);
        assertEquals(302, answer.statusCode(), answer.asString());
        String session = answer.cookie(TestUsers.SESSION_COOKIE);
        assertNotNull(session);
        return new SignedIn(session, response.nameId, started.acsUrl().replace("/auth/saml/acs", "/auth/saml/slo"));
    }

    private static int verify(String session) {
        return given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").statusCode();
    }

    /** The IdP's LogoutRequest for {@code nameId}, addressed to {@code destination}, valid until {@code until}. */
    private static String logoutRequest(String id, String issuer, String nameId, String destination, Instant until) {
        return """
                <samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" \
                ID="%s" Version="2.0" IssueInstant="%s" Destination="%s" NotOnOrAfter="%s">\
                <saml:Issuer>%s</saml:Issuer><saml:NameID>%s</saml:NameID></samlp:LogoutRequest>"""
                .formatted(id, Instant.now(), destination, until, issuer, nameId);
    }

    /** The raw query of a Redirect-binding message signed with {@code key}. */
    private static String signedQuery(String parameter, String xml, String relayState, PrivateKey key) {
        String url = RedirectBinding.url("https://x.example/slo", parameter, xml, Optional.ofNullable(relayState), key);
        return url.substring(url.indexOf('?') + 1);
    }

    private static Response slo(String rawQuery) {
        return given().urlEncodingEnabled(false).redirects().follow(false).get("/auth/saml/slo?" + rawQuery);
    }

    private static String requestFor(SignedIn signedIn) {
        return logoutRequest("_" + UUID.randomUUID(), TestIdp.ENTITY_ID, signedIn.nameId(), signedIn.sloUrl(),
                Instant.now().plusSeconds(300));
    }

    @Test
    void signingOutHereSendsTheBrowserToTheProviderWithASignedLogoutRequest() {
        SignedIn signedIn = signIn();
        String redirect = given().cookie(TestUsers.SESSION_COOKIE, signedIn.session()).contentType("application/json").body("{}")
                .post("/auth/logout").then().statusCode(200).extract().path("redirect");
        assertTrue(redirect.startsWith(TestIdp.SLO_URL + "?SAMLRequest="), redirect);
        assertEquals(401, verify(signedIn.session()), "the session ended here first");
        Element request = TestResponse.parse(TestIdp.inflate(SamlFlow.queryParam(redirect, "SAMLRequest"))).getDocumentElement();
        assertEquals("LogoutRequest", request.getLocalName());
        assertEquals(TestIdp.SLO_URL, request.getAttribute("Destination"));
        Element nameId = (Element) request.getElementsByTagNameNS(SafeXml.SAML, "NameID").item(0);
        assertEquals(signedIn.nameId(), nameId.getTextContent());
        assertEquals(SpMetadata.PERSISTENT, nameId.getAttribute("Format"), "the format the assertion gave");
        assertEquals("idx-1", request.getElementsByTagNameNS(SafeXml.SAMLP, "SessionIndex").item(0).getTextContent(),
                "the provider's session, as its AuthnStatement named it");
        String issuer = request.getElementsByTagNameNS(SafeXml.SAML, "Issuer").item(0).getTextContent();
        assertTrue(issuer.endsWith("/auth/saml/metadata"), issuer);
        String query = SamlFlow.rawQuery(redirect);
        X509Certificate sp = SamlLoginTest.spCertificate(given().get("/auth/saml/metadata").asString());
        assertTrue(TestIdp.verifies(sp.getPublicKey(), query.substring(0, query.indexOf("&Signature=")),
                SamlFlow.queryParam(redirect, "Signature")));
    }

    /** Its account is kept as a hash (saml:h=...), so the NameID comes from what the sign-in kept. */
    @Test
    void aNameIdWithCharactersAccountsCannotHoldIsStillNamedAtLogout() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.nameId = "Ann Lee <corp> " + UUID.randomUUID();
        String session = SamlFlow.post(started, response).cookie(TestUsers.SESSION_COOKIE);
        String redirect = given().cookie(TestUsers.SESSION_COOKIE, session).contentType("application/json").body("{}")
                .post("/auth/logout").then().statusCode(200).extract().path("redirect");
        Element request = TestResponse.parse(TestIdp.inflate(SamlFlow.queryParam(redirect, "SAMLRequest"))).getDocumentElement();
        assertEquals(response.nameId, request.getElementsByTagNameNS(SafeXml.SAML, "NameID").item(0).getTextContent());
    }

    @Test
    void aFormLogoutIsSentOnToTheProvider() {
        SignedIn signedIn = signIn();
        given().redirects().follow(false).cookie(TestUsers.SESSION_COOKIE, signedIn.session())
                .contentType("application/x-www-form-urlencoded").post("/auth/logout").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.startsWith(TestIdp.SLO_URL + "?SAMLRequest="));
    }

    @Test
    void theProvidersLogoutResponseLandsOnTheLoginPage() {
        String response = """
                <samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" \
                IssueInstant="%s"><samlp:Status><samlp:StatusCode Value="%s"/></samlp:Status></samlp:LogoutResponse>"""
                .formatted(Instant.now(), LogoutMessages.SUCCESS);
        slo(signedQuery("SAMLResponse", response, null, TestIdp.signer().key())).then().statusCode(303).header("Location", "/login");
    }

    private static Response postSlo(String field, String value) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .formParam(field, value).formParam("RelayState", "relay-7").post("/auth/saml/slo");
    }

    /** {@code xml} with an enveloped signature by {@code signer}, base64'd as the HTTP-POST binding carries it. */
    private static String signedPost(String xml, TestIdp.Signer signer) {
        org.w3c.dom.Document document = TestResponse.parse(xml);
        TestResponse.sign(document.getDocumentElement(), signer, false);
        return TestResponse.encode(document);
    }

    @Test
    void aLogoutResponsePostedLandsOnTheLoginPage() {
        postSlo("SAMLResponse", "PHNhbWxwOkxvZ291dFJlc3BvbnNlLz4=").then().statusCode(303).header("Location", "/login");
    }

    @Test
    void aSignedLogoutRequestPostedEndsTheAccountsSessions() {
        SignedIn signedIn = signIn();
        String id = "_" + UUID.randomUUID();
        Response answer = postSlo("SAMLRequest", signedPost(logoutRequest(id, TestIdp.ENTITY_ID, signedIn.nameId(), signedIn.sloUrl(),
                Instant.now().plusSeconds(300)), TestIdp.signer()));
        assertEquals(302, answer.statusCode(), answer.asString());
        assertEquals(401, verify(signedIn.session()));
        String location = answer.header("Location");
        assertTrue(location.startsWith(TestIdp.SLO_URL + "?SAMLResponse="), location);
        assertEquals("relay-7", SamlFlow.queryParam(location, "RelayState"));
        Element response = TestResponse.parse(TestIdp.inflate(SamlFlow.queryParam(location, "SAMLResponse"))).getDocumentElement();
        assertEquals(id, response.getAttribute("InResponseTo"));
    }

    @Test
    void attackPostedLogoutRequestUnsignedOrSignedByAnotherKeyIsRefused() {
        SignedIn signedIn = signIn();
        postSlo("SAMLRequest", java.util.Base64.getEncoder().encodeToString(requestFor(signedIn).getBytes())).then().statusCode(401);
        postSlo("SAMLRequest", signedPost(requestFor(signedIn), TestIdp.newSigner("Mallory"))).then().statusCode(401);
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"reason\":\"wrong_signer\""), audit.lines().toString());
        assertEquals(200, verify(signedIn.session()), "neither ends anything");
    }

    /** The signed request names a stranger; a second NameID for the victim is slipped in beside the signature. */
    @Test
    void attackPostedLogoutRequestWithASecondSignatureOrNameIsRefused() {
        SignedIn victim = signIn();
        String stranger = logoutRequest("_" + UUID.randomUUID(), TestIdp.ENTITY_ID, "stranger-" + UUID.randomUUID(), victim.sloUrl(),
                Instant.now().plusSeconds(300));
        org.w3c.dom.Document document = TestResponse.parse(stranger);
        TestResponse.sign(document.getDocumentElement(), TestIdp.signer(), false);
        Element second = document.createElementNS(SafeXml.SAML, "saml:NameID");
        second.setTextContent(victim.nameId());
        document.getDocumentElement().appendChild(second);
        postSlo("SAMLRequest", TestResponse.encode(document)).then().statusCode(org.hamcrest.Matchers.either(
                org.hamcrest.Matchers.is(400)).or(org.hamcrest.Matchers.is(401)));
        assertEquals(200, verify(victim.session()), "the victim stays signed in");
    }

    @Test
    void aLogoutRequestFromTheProviderEndsTheAccountsSessionsAndIsAnsweredSigned() {
        SignedIn signedIn = signIn();
        SignedIn again = new SignedIn(signIn().session(), signedIn.nameId(), signedIn.sloUrl());
        String id = "_" + UUID.randomUUID();
        String xml = logoutRequest(id, TestIdp.ENTITY_ID, signedIn.nameId(), signedIn.sloUrl(), Instant.now().plusSeconds(300));
        Response answer = slo(signedQuery("SAMLRequest", xml, "relay-42", TestIdp.signer().key()));
        assertEquals(302, answer.statusCode(), answer.asString());
        assertEquals(401, verify(signedIn.session()));
        assertEquals(200, verify(again.session()), "another account's session is untouched");
        String location = answer.header("Location");
        assertTrue(location.startsWith(TestIdp.SLO_URL + "?SAMLResponse="), location);
        assertEquals("relay-42", SamlFlow.queryParam(location, "RelayState"));
        Element response = TestResponse.parse(TestIdp.inflate(SamlFlow.queryParam(location, "SAMLResponse"))).getDocumentElement();
        assertEquals("LogoutResponse", response.getLocalName());
        assertEquals(id, response.getAttribute("InResponseTo"));
        assertEquals(LogoutMessages.SUCCESS,
                ((Element) response.getElementsByTagNameNS(SafeXml.SAMLP, "StatusCode").item(0)).getAttribute("Value"));
        X509Certificate sp = SamlLoginTest.spCertificate(given().get("/auth/saml/metadata").asString());
        String query = SamlFlow.rawQuery(location);
        assertTrue(TestIdp.verifies(sp.getPublicKey(), query.substring(0, query.indexOf("&Signature=")),
                SamlFlow.queryParam(location, "Signature")));
        assertTrue(audit.has("SAML_LOGOUT", "\"sessions\":\"1\""), audit.lines().toString());
    }

    @Test
    void attackUnsignedLogoutRequestIsRefused() {
        SignedIn signedIn = signIn();
        String query = signedQuery("SAMLRequest", requestFor(signedIn), null, TestIdp.signer().key());
        slo(query.substring(0, query.indexOf("&SigAlg="))).then().statusCode(401);
        assertEquals(200, verify(signedIn.session()));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"reason\":\"unsigned_message\""), audit.lines().toString());
    }

    @Test
    void attackLogoutRequestSignedByAnotherKeyIsRefused() {
        SignedIn signedIn = signIn();
        slo(signedQuery("SAMLRequest", requestFor(signedIn), null, TestIdp.newSigner("Mallory").key())).then().statusCode(401);
        assertEquals(200, verify(signedIn.session()));
    }

    @Test
    void attackRelayStateChangedAfterSigningIsRefused() {
        SignedIn signedIn = signIn();
        String query = signedQuery("SAMLRequest", requestFor(signedIn), "one", TestIdp.signer().key());
        slo(query.replace("RelayState=one", "RelayState=two")).then().statusCode(401);
        assertEquals(200, verify(signedIn.session()));
    }

    @Test
    void attackSha1SignatureIsRefused() {
        SignedIn signedIn = signIn();
        String query = signedQuery("SAMLRequest", requestFor(signedIn), null, TestIdp.signer().key());
        String sha1 = query.replace("SigAlg=" + java.net.URLEncoder.encode(RedirectBinding.RSA_SHA256, java.nio.charset.StandardCharsets.UTF_8),
                "SigAlg=" + java.net.URLEncoder.encode(RSA_SHA1, java.nio.charset.StandardCharsets.UTF_8));
        slo(sha1).then().statusCode(401);
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"reason\":\"weak_signature_algorithm\""), audit.lines().toString());
        assertEquals(200, verify(signedIn.session()));
    }

    @Test
    void attackLogoutRequestFromAnotherIssuerIsRefused() {
        SignedIn signedIn = signIn();
        String xml = logoutRequest("_" + UUID.randomUUID(), "https://other-idp.example", signedIn.nameId(), signedIn.sloUrl(),
                Instant.now().plusSeconds(300));
        slo(signedQuery("SAMLRequest", xml, null, TestIdp.signer().key())).then().statusCode(401);
        assertEquals(200, verify(signedIn.session()));
    }

    @Test
    void attackLogoutRequestForAnotherServiceProviderIsRefused() {
        SignedIn signedIn = signIn();
        String xml = logoutRequest("_" + UUID.randomUUID(), TestIdp.ENTITY_ID, signedIn.nameId(), "https://other-sp.example/slo",
                Instant.now().plusSeconds(300));
        slo(signedQuery("SAMLRequest", xml, null, TestIdp.signer().key())).then().statusCode(401);
        assertEquals(200, verify(signedIn.session()));
    }

    @Test
    void attackExpiredLogoutRequestIsRefused() {
        SignedIn signedIn = signIn();
        String xml = logoutRequest("_" + UUID.randomUUID(), TestIdp.ENTITY_ID, signedIn.nameId(), signedIn.sloUrl(),
                Instant.now().minusSeconds(3600));
        slo(signedQuery("SAMLRequest", xml, null, TestIdp.signer().key())).then().statusCode(401);
        assertEquals(200, verify(signedIn.session()));
    }

    @Test
    void attackReplayedLogoutRequestEndsNothingTheSecondTime() {
        SignedIn signedIn = signIn();
        String query = signedQuery("SAMLRequest", requestFor(signedIn), null, TestIdp.signer().key());
        slo(query).then().statusCode(302);
        String later = signIn().session();
        SignedIn sameAccount = new SignedIn(later, signedIn.nameId(), signedIn.sloUrl());
        slo(query).then().statusCode(401);
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"reason\":\"replay\""), audit.lines().toString());
        assertEquals(200, verify(sameAccount.session()), "a replay must not sign the person out again");
    }

    @Test
    void aMessageThatIsNoneIsABadRequest() {
        slo("nothing=here").then().statusCode(400);
        slo("SAMLRequest=a&SAMLResponse=b&SigAlg=x&Signature=y").then().statusCode(400);
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"reason\":\"missing_message\""), audit.lines().toString());
    }

    @Test
    void theNameIdIsReadBackOnlyForThisProvidersAccounts() {
        String suffix = "|" + Digests.sha256Hex(TestIdp.ENTITY_ID).substring(0, 16);
        assertEquals(Optional.of("ann@corp.example"), SamlLogout.nameIdOf("saml:ann@corp.example" + suffix, TestIdp.ENTITY_ID));
        assertEquals(Optional.empty(), SamlLogout.nameIdOf("saml:ann@corp.example" + suffix, "https://other-idp.example"));
        assertEquals(Optional.empty(), SamlLogout.nameIdOf("saml:h=" + "0".repeat(64), TestIdp.ENTITY_ID));
        assertEquals(Optional.empty(), SamlLogout.nameIdOf("keycloak:ann", TestIdp.ENTITY_ID));
    }
}
