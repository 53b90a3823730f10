package dev.gatehouse.saml;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.gatehouse.support.AuditCapture;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Signing in through a SAML identity provider: the metadata, the request, the journey and the accounts it makes. */
@QuarkusTest
@TestProfile(SamlProfile.class)
@WithTestResource(RedisResource.class)
class SamlLoginTest {

    @Inject
    UserDirectory directory;

    @Inject
    dev.gatehouse.platform.StateConfig state;

    private final AuditCapture audit = new AuditCapture();

    @BeforeEach
    void listen() {
        audit.start();
    }

    @AfterEach
    void stopListening() {
        audit.stop();
    }

    private static String username(TestResponse response) {
        return "saml:" + SamlIdentity.subject(TestIdp.ENTITY_ID, response.nameId);
    }

    @Test
    void metadataDescribesGatehouseWithItsKeysAndConsumer() {
        Response answer = given().get("/auth/saml/metadata");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.contentType().startsWith("application/samlmetadata+xml"), answer.contentType());
        Element entity = TestResponse.parse(answer.asString()).getDocumentElement();
        assertEquals("EntityDescriptor", entity.getLocalName());
        String entityId = entity.getAttribute("entityID");
        assertTrue(entityId.startsWith("http://") && entityId.endsWith("/auth/saml/metadata"), entityId);
        Element sp = (Element) entity.getElementsByTagNameNS(SafeXml.MD, "SPSSODescriptor").item(0);
        assertEquals("true", sp.getAttribute("AuthnRequestsSigned"));
        assertEquals("true", sp.getAttribute("WantAssertionsSigned"));
        NodeList keys = sp.getElementsByTagNameNS(SafeXml.MD, "KeyDescriptor");
        assertEquals(2, keys.getLength());
        assertEquals("signing", ((Element) keys.item(0)).getAttribute("use"));
        assertEquals("encryption", ((Element) keys.item(1)).getAttribute("use"));
        X509Certificate certificate = spCertificate(answer.asString());
        assertTrue(certificate.getPublicKey().getAlgorithm().equals("RSA"));
        Element acs = (Element) sp.getElementsByTagNameNS(SafeXml.MD, "AssertionConsumerService").item(0);
        assertEquals(SpMetadata.POST_BINDING, acs.getAttribute("Binding"));
        assertEquals(entityId.replace("/auth/saml/metadata", "/auth/saml/acs"), acs.getAttribute("Location"));
        assertEquals(1, sp.getElementsByTagNameNS(SafeXml.MD, "NameIDFormat").getLength());
    }

    static X509Certificate spCertificate(String metadata) {
        String encoded = TestResponse.parse(metadata).getElementsByTagNameNS(SafeXml.DS, "X509Certificate").item(0).getTextContent();
        return Pem.certificate(Base64.getMimeDecoder().decode(encoded));
    }

    @Test
    void theLoginPageOffersSaml() {
        given().queryParam("rd", "/grafana/").get("/login").then().statusCode(200)
                .body(containsString("href=\"/auth/saml/start?rd=%2Fgrafana%2F\">Sign in with " + SamlProfile.LABEL + "</a>"));
    }

    @Test
    void startSendsASignedAuthnRequestByRedirect() {
        SamlFlow.Started started = SamlFlow.start("/grafana/");
        assertTrue(started.location().startsWith(TestIdp.SSO_URL + "?SAMLRequest="), started.location());
        Element request = started.authnRequest();
        assertEquals("AuthnRequest", request.getLocalName());
        assertEquals(TestIdp.SSO_URL, request.getAttribute("Destination"));
        assertEquals(SpMetadata.POST_BINDING, request.getAttribute("ProtocolBinding"));
        assertTrue(started.acsUrl().endsWith("/auth/saml/acs"), started.acsUrl());
        assertTrue(started.spEntityId().endsWith("/auth/saml/metadata"), started.spEntityId());
        assertFalse(started.relayState().contains("grafana"), "RelayState is an opaque key, not the destination");
        assertEquals(AuthnRequests.RSA_SHA256, SamlFlow.queryParam(started.location(), "SigAlg"));
        String query = SamlFlow.rawQuery(started.location());
        String signed = query.substring(0, query.indexOf("&Signature="));
        X509Certificate certificate = spCertificate(given().get("/auth/saml/metadata").asString());
        assertTrue(TestIdp.verifies(certificate.getPublicKey(), signed, SamlFlow.queryParam(started.location(), "Signature")));
        given().redirects().follow(false).get("/auth/saml/start").then().statusCode(302)
                .header("Set-Cookie", containsString("HttpOnly")).header("Set-Cookie", containsString("Secure"))
                .header("Set-Cookie", containsString("SameSite=None")).header("Set-Cookie", containsString("Path=/auth/saml/"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void signsInAndTheSessionPassesTheGateway() {
        SamlFlow.Started started = SamlFlow.start("/grafana/?tab=1");
        TestResponse response = TestResponse.answering(started).attribute("email", "ann@corp.example")
                .attribute("firstName", "Ann").attribute("lastName", "Lee");
        Response answer = SamlFlow.post(started, response);
        assertEquals(302, answer.statusCode(), answer.asString());
        assertEquals("/grafana/?tab=1", answer.header("Location"));
        String session = answer.cookie(TestUsers.SESSION_COOKIE);
        assertNotNull(session);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().statusCode(200)
                .header("Remote-User", username(response)).header("Remote-Groups", "user");
        assertTrue(audit.has("SSO_ACCOUNT_CREATED", "\"provider\":\"saml\""), audit.lines().toString());
        assertTrue(audit.has("SSO_LOGIN_SUCCESS", "\"provider\":\"saml\""), audit.lines().toString());
    }

    @Test
    void aSignedResponseWithAnUnsignedAssertionIsAccepted() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.signResponse = true;
        response.signAssertion = false;
        assertEquals(302, SamlFlow.post(started, response).statusCode());
    }

    @Test
    void bothSignedIsAccepted() {
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.signResponse = true;
        assertEquals(302, SamlFlow.post(started, response).statusCode());
    }

    @Test
    void anEncryptedAssertionIsDecryptedWithGatehousesKey() {
        X509Certificate certificate = spCertificate(given().get("/auth/saml/metadata").asString());
        SamlFlow.Started started = SamlFlow.start("/enc/");
        TestResponse response = TestResponse.answering(started).attribute("firstName", "Enc");
        org.w3c.dom.Document document = response.document();
        TestResponse.encryptAssertion(document, certificate);
        assertEquals(1, document.getElementsByTagNameNS(SafeXml.SAML, "EncryptedAssertion").getLength());
        assertEquals(0, document.getElementsByTagNameNS(SafeXml.SAML, "Assertion").getLength());
        Response answer = SamlFlow.post(TestResponse.encode(document), started.relayState(), started.browserCookie());
        assertEquals(302, answer.statusCode(), answer.asString());
        assertEquals("/enc/", answer.header("Location"));
        assertEquals(Optional.of("Enc"), directory.find(username(response)).orElseThrow().displayName());
    }

    @Test
    void attackEncryptedButUnsignedAssertionIsRefused() {
        X509Certificate certificate = spCertificate(given().get("/auth/saml/metadata").asString());
        SamlFlow.Started started = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(started);
        response.signAssertion = false;
        org.w3c.dom.Document document = response.document();
        TestResponse.encryptAssertion(document, certificate);
        Response answer = SamlFlow.post(TestResponse.encode(document), started.relayState(), started.browserCookie());
        assertEquals(401, answer.statusCode(), answer.asString());
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"reason\":\"unsigned\""), audit.lines().toString());
    }

    @Test
    void theGeneratedKeyIsPrivateToGatehouse() throws java.io.IOException {
        given().get("/auth/saml/metadata").then().statusCode(200);
        java.nio.file.Path file = state.dir().resolve(SpKeys.FILE);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)));
    }

    @Test
    void anUnsafeDestinationBecomesTheDefault() {
        SamlFlow.Started started = SamlFlow.start("https://evil.example/");
        assertEquals("/", SamlFlow.post(started, TestResponse.answering(started)).header("Location"));
    }

    @Test
    void theAccountIsMadeJustInTimeAndRefreshedAtEverySignIn() {
        SamlFlow.Started first = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(first).attribute("email", "bo@corp.example").attribute("firstName", "Bo")
                .attribute("role", "idp-admins", "unmapped");
        assertEquals(302, SamlFlow.post(first, response).statusCode());
        User made = directory.find(username(response)).orElseThrow();
        assertEquals(User.Source.SSO, made.source());
        assertEquals(Set.of(Role.ADMIN, Role.USER), made.roles());
        assertEquals(Optional.of("bo@corp.example"), made.email());
        assertEquals(Optional.of("Bo"), made.displayName());

        SamlFlow.Started second = SamlFlow.start("/");
        TestResponse again = TestResponse.answering(second).attribute("email", "bo.new@corp.example").attribute("firstName", "Bo")
                .attribute("lastName", "New").attribute("role", "idp-editors");
        again.nameId = response.nameId;
        assertEquals(302, SamlFlow.post(second, again).statusCode());
        User refreshed = directory.find(username(response)).orElseThrow();
        assertEquals(Set.of(Role.EDITOR, Role.USER), refreshed.roles());
        assertEquals(Optional.of("bo.new@corp.example"), refreshed.email());
        assertEquals(Optional.of("Bo New"), refreshed.displayName());
    }

    @Test
    void departmentsFollowTheAttributeAndWhatAnAdministratorGaveStays() {
        admin().body(Map.of("name", "Sales")).put("/api/admin/departments/saml-sales").then().statusCode(201);
        admin().body(Map.of("name", "Ops")).put("/api/admin/departments/saml-ops").then().statusCode(201);
        SamlFlow.Started first = SamlFlow.start("/");
        TestResponse response = TestResponse.answering(first).attribute("department", "saml-sales", "no-such-department");
        assertEquals(302, SamlFlow.post(first, response).statusCode());
        String user = username(response);
        Wait.until(Duration.ofSeconds(10), () -> membership("saml-sales", user).equals(List.of("viewer by idp/saml")));
        assertEquals(404, admin().get("/api/admin/departments/no-such-department/members").statusCode());
        admin().body(Map.of("role", "editor")).put("/api/admin/departments/saml-ops/members/" + user).then().statusCode(201);

        SamlFlow.Started second = SamlFlow.start("/");
        TestResponse again = TestResponse.answering(second).attribute("department", "saml-ops");
        again.nameId = response.nameId;
        assertEquals(302, SamlFlow.post(second, again).statusCode());
        Wait.until(Duration.ofSeconds(10), () -> membership("saml-sales", user).isEmpty());
        assertEquals(List.of("editor by " + TestUsers.ADMIN), membership("saml-ops", user));
    }

    private static List<String> membership(String department, String user) {
        List<Map<String, Object>> members = admin().get("/api/admin/departments/" + department + "/members").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return members.stream().filter(member -> user.equals(member.get("user")))
                .map(member -> member.get("role") + " by " + member.get("granted_by")).toList();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).contentType("application/json");
    }

    @Test
    void accountsAreKeyedByIdentityProviderAndNameId() {
        String here = SamlIdentity.subject(TestIdp.ENTITY_ID, "alice@corp.example");
        assertTrue(here.startsWith("alice@corp.example|"), here);
        assertFalse(here.equals(SamlIdentity.subject("https://other-idp.example", "alice@corp.example")));
        String odd = SamlIdentity.subject(TestIdp.ENTITY_ID, "CN=Alice Smith, O=Corp");
        assertTrue(odd.startsWith("h=") && User.isSsoName("saml:" + odd), odd);
        assertTrue(User.isSsoName("saml:" + here));
    }
}
