package dev.gatehouse.saml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A SAML Response as the test identity provider would post it, with every field open to tampering. */
final class TestResponse {

    String responseId = "_r" + UUID.randomUUID();
    String assertionId = "_a" + UUID.randomUUID();
    String issuer = TestIdp.ENTITY_ID;
    String destination;
    String recipient;
    String audience;
    String inResponseTo;
    String nameId = "ann-" + UUID.randomUUID();
    String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
    Instant notBefore = Instant.now().minusSeconds(5);
    Instant notOnOrAfter = Instant.now().plus(Duration.ofMinutes(5));
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    boolean signResponse;
    boolean signAssertion = true;
    TestIdp.Signer signer = TestIdp.signer();
    boolean sha1;

    /** For the request {@code started} made, as the identity provider would answer it. */
    static TestResponse answering(SamlFlow.Started started) {
        TestResponse response = new TestResponse();
        response.destination = started.acsUrl();
        response.recipient = started.acsUrl();
        response.audience = started.spEntityId();
        response.inResponseTo = started.requestId();
        return response;
    }

    TestResponse attribute(String name, String... values) {
        attributes.put(name, List.of(values));
        return this;
    }

    /** The document, signed as asked. */
    Document document() {
        Document document = parse(xml());
        Element response = document.getDocumentElement();
        Element assertion = (Element) response.getElementsByTagNameNS(SafeXml.SAML, "Assertion").item(0);
        if (signAssertion) {
            sign(assertion, signer, sha1);
        }
        if (signResponse) {
            sign(response, signer, sha1);
        }
        return document;
    }

    /**
     * The assertion (signed first, as asked) encrypted to {@code recipient} as Keycloak does it: a fresh
     * AES key for the data, wrapped with RSA-OAEP in the EncryptedData's KeyInfo.
     */
    static void encryptAssertion(Document document, java.security.cert.X509Certificate recipient) {
        XmlSecurity.init();
        try {
            Element response = document.getDocumentElement();
            Element assertion = (Element) response.getElementsByTagNameNS(SafeXml.SAML, "Assertion").item(0);
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
            generator.init(128);
            javax.crypto.SecretKey contentKey = generator.generateKey();
            org.apache.xml.security.encryption.XMLCipher wrapper = org.apache.xml.security.encryption.XMLCipher
                    .getInstance(org.apache.xml.security.encryption.XMLCipher.RSA_OAEP);
            wrapper.init(org.apache.xml.security.encryption.XMLCipher.WRAP_MODE, recipient.getPublicKey());
            org.apache.xml.security.encryption.EncryptedKey wrapped = wrapper.encryptKey(document, contentKey);
            org.apache.xml.security.encryption.XMLCipher cipher = org.apache.xml.security.encryption.XMLCipher
                    .getInstance(org.apache.xml.security.encryption.XMLCipher.AES_128_GCM);
            cipher.init(org.apache.xml.security.encryption.XMLCipher.ENCRYPT_MODE, contentKey);
            org.apache.xml.security.keys.KeyInfo keyInfo = new org.apache.xml.security.keys.KeyInfo(document);
            keyInfo.add(wrapped);
            cipher.getEncryptedData().setKeyInfo(keyInfo);
            Element encrypted = document.createElementNS(SafeXml.SAML, "saml:EncryptedAssertion");
            response.replaceChild(encrypted, assertion);
            encrypted.appendChild(assertion);
            cipher.doFinal(document, assertion, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String encoded() {
        return encode(document());
    }

    static String encode(Document document) {
        return Base64.getEncoder().encodeToString(SafeXml.serialize(document).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs {@code element} (an enveloped signature right after its Issuer), as identity providers do. */
    static void sign(Element element, TestIdp.Signer signer, boolean sha1) {
        XmlSecurity.init();
        try {
            Document document = element.getOwnerDocument();
            XMLSignature signature = new XMLSignature(document, "",
                    sha1 ? XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1 : XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            Element issuer = (Element) element.getElementsByTagNameNS(SafeXml.SAML, "Issuer").item(0);
            element.insertBefore(signature.getElement(), issuer.getNextSibling());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            element.setIdAttributeNS(null, "ID", true);
            signature.addDocument("#" + element.getAttribute("ID"), transforms,
                    sha1 ? MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1 : MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
            signature.addKeyInfo(signer.certificate());
            signature.sign(signer.key());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String xml() {
        Instant now = Instant.now();
        StringBuilder attributeXml = new StringBuilder();
        attributes.forEach((name, values) -> {
            attributeXml.append("<saml:Attribute Name=\"").append(escape(name)).append("\">");
            values.forEach(value -> attributeXml.append("<saml:AttributeValue>").append(escape(value)).append("</saml:AttributeValue>"));
            attributeXml.append("</saml:Attribute>");
        });
        return """
                <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" \
                ID="%s" Version="2.0" IssueInstant="%s" Destination="%s" InResponseTo="%s">\
                <saml:Issuer>%s</saml:Issuer>\
                <samlp:Status><samlp:StatusCode Value="%s"/></samlp:Status>\
                <saml:Assertion ID="%s" Version="2.0" IssueInstant="%s">\
                <saml:Issuer>%s</saml:Issuer>\
                <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">%s</saml:NameID>\
                <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
                <saml:SubjectConfirmationData InResponseTo="%s" NotOnOrAfter="%s" Recipient="%s"/></saml:SubjectConfirmation></saml:Subject>\
                <saml:Conditions NotBefore="%s" NotOnOrAfter="%s"><saml:AudienceRestriction><saml:Audience>%s</saml:Audience>\
                </saml:AudienceRestriction></saml:Conditions>\
                <saml:AuthnStatement AuthnInstant="%s" SessionIndex="idx-1"><saml:AuthnContext><saml:AuthnContextClassRef>\
                urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>\
                <saml:AttributeStatement>%s</saml:AttributeStatement>\
                </saml:Assertion></samlp:Response>""".formatted(escape(responseId), now, escape(destination), escape(inResponseTo),
                escape(issuer), escape(status), escape(assertionId), now, escape(issuer), escape(nameId), escape(inResponseTo),
                notOnOrAfter, escape(recipient), notBefore, notOnOrAfter, escape(audience), now, attributeXml);
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
