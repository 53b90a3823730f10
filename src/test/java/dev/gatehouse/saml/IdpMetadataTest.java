package dev.gatehouse.saml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What Gatehouse believes from the identity provider's metadata, and what it will not read. */
class IdpMetadataTest {

    private static final String CERT = certificate();

    private static String certificate() {
        try {
            return Base64.getEncoder().encodeToString(TestIdp.newSigner("Metadata").certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdpMetadata parse(String xml) throws SafeXml.Malformed {
        return IdpMetadata.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String descriptor(String keys) {
        return """
                <md:IDPSSODescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" \
                protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">%s\
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://kc.example/post"/>\
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://kc.example/redirect"/>\
                </md:IDPSSODescriptor>""".formatted(keys);
    }

    private static String key(String use) {
        return "<md:KeyDescriptor" + (use == null ? "" : " use=\"" + use + "\"") + "><ds:KeyInfo><ds:KeyName>k</ds:KeyName><ds:X509Data>"
                + "<ds:X509Certificate>" + CERT + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
    }

    @Test
    void keycloaksEntitiesDescriptorIsRead() throws Exception {
        IdpMetadata metadata = parse("<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" Name=\"urn:keycloak\">"
                + "<md:EntityDescriptor entityID=\"https://kc.example/realms/corp\">" + descriptor(key("signing"))
                + "</md:EntityDescriptor></md:EntitiesDescriptor>");
        assertEquals("https://kc.example/realms/corp", metadata.entityId());
        assertEquals("https://kc.example/redirect", metadata.ssoRedirectUrl());
        assertEquals(1, metadata.signingCertificates().size());
    }

    @Test
    void keysForAnyUseCountButEncryptionKeysDoNot() throws Exception {
        String xml = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"idp\">"
                + descriptor(key(null) + key("encryption")) + "</md:EntityDescriptor>";
        assertEquals(1, parse(xml).signingCertificates().size());
        String onlyEncryption = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"idp\">"
                + descriptor(key("encryption")) + "</md:EntityDescriptor>";
        assertThrows(SafeXml.Malformed.class, () -> parse(onlyEncryption));
    }

    private static String entity(String services) {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"idp\">"
                + descriptor(key("signing") + services) + "</md:EntityDescriptor>";
    }

    @Test
    void singleLogoutIsTheRedirectServiceWithItsResponseLocation() throws Exception {
        assertEquals(Optional.empty(), parse(entity("")).logout(), "no SingleLogoutService: logout stays local");
        String post = "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://kc.example/p\"/>";
        assertEquals(Optional.empty(), parse(entity(post)).logout(), "only the Redirect binding is sent to");
        String redirect = "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://kc.example/slo\"";
        assertEquals(Optional.of(new IdpMetadata.Logout("https://kc.example/slo", "https://kc.example/slo")),
                parse(entity(post + redirect + "/>")).logout());
        assertEquals(Optional.of(new IdpMetadata.Logout("https://kc.example/slo", "https://kc.example/slo-done")),
                parse(entity(redirect + " ResponseLocation=\"https://kc.example/slo-done\"/>")).logout());
        String script = "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"javascript:alert(1)\"/>";
        assertEquals(Optional.empty(), parse(entity(script)).logout(), "a Location that is no web URL is never sent to");
    }

    @Test
    void metadataWithoutAnEntityOrWithADtdIsRefused() {
        assertThrows(SafeXml.Malformed.class, () -> parse(descriptor(key("signing"))));
        assertThrows(SafeXml.Malformed.class, () -> parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&e;\">"
                + descriptor(key("signing")) + "</md:EntityDescriptor>"));
    }
}
