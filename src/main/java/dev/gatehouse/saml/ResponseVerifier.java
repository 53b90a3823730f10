package dev.gatehouse.saml;

import java.security.PrivateKey;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.gatehouse.sso.SsoFailure;

/**
 * A SAML Response reduced to the one Assertion the identity provider signed, or refused. The defence
 * against XML signature wrapping is structural and comes first: exactly one Assertion (or
 * EncryptedAssertion) in the whole document, as a direct child of the Response, no two elements with
 * the same ID, and signatures only directly in the Response or the Assertion. Then each signature
 * present must be the identity provider's over its own parent ({@link SignatureCheck}), and at least
 * one must be there. Everything read afterwards is read from these very nodes, never looked up again
 * by ID or by path in the document, so that nothing unsigned can stand in for what was checked.
 */
final class ResponseVerifier {

    static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

    /** The checked Response and its Assertion, and whether the Response itself was signed. */
    record Verified(Element response, Element assertion, boolean responseSigned) {
    }

    private ResponseVerifier() {
    }

    static Verified verify(Document document, IdpMetadata idp, Supplier<PrivateKey> decryptionKey) {
        Element response = document.getDocumentElement();
        if (!SafeXml.SAMLP.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw SsoFailure.badRequest("not_a_response");
        }
        requireSuccess(response);
        requireUniqueIds(document);
        int assertions = SafeXml.count(document, SafeXml.SAML, "Assertion");
        int encrypted = SafeXml.count(document, SafeXml.SAML, "EncryptedAssertion");
        if (assertions + encrypted == 0) {
            throw SsoFailure.refused("no_assertion");
        }
        if (assertions + encrypted > 1) {
            throw SsoFailure.refused("wrapping");
        }
        Element assertion = single(response, assertions == 1 ? "Assertion" : "EncryptedAssertion");
        Optional<Element> responseSignature = signatureOf(response);
        requireSignaturesOnlyIn(document, responseSignature, assertion);
        responseSignature.ifPresent(signature -> SignatureCheck.verify(signature, response, idp.signingCertificates()));
        if (encrypted == 1) {
            assertion = AssertionDecryption.decrypt(assertion, decryptionKey.get());
            requireUniqueIds(document);
            if (SafeXml.count(document, SafeXml.SAML, "Assertion") != 1 || SafeXml.count(assertion, SafeXml.SAML, "EncryptedAssertion") != 0) {
                throw SsoFailure.refused("wrapping");
            }
            requireSignaturesOnlyIn(document, responseSignature, assertion);
        }
        Optional<Element> assertionSignature = signatureOf(assertion);
        if (responseSignature.isEmpty() && assertionSignature.isEmpty()) {
            throw SsoFailure.refused("unsigned");
        }
        Element signedAssertion = assertion;
        assertionSignature.ifPresent(signature -> SignatureCheck.verify(signature, signedAssertion, idp.signingCertificates()));
        return new Verified(response, assertion, responseSignature.isPresent());
    }

    /** Signatures anywhere but directly in the Response or the Assertion can only be there to mislead. */
    private static void requireSignaturesOnlyIn(Document document, Optional<Element> responseSignature, Element assertion) {
        int expected = (responseSignature.isPresent() ? 1 : 0) + (signatureOf(assertion).isPresent() ? 1 : 0);
        if (SafeXml.count(document, SafeXml.DS, "Signature") != expected) {
            throw SsoFailure.refused("wrapping");
        }
    }

    /** The identity provider said no (the person cancelled, or may not use Gatehouse): nothing else matters. */
    private static void requireSuccess(Element response) {
        String code = SafeXml.children(response, SafeXml.SAMLP, "Status").stream()
                .flatMap(status -> SafeXml.children(status, SafeXml.SAMLP, "StatusCode").stream())
                .map(status -> status.getAttribute("Value")).findFirst().orElse("");
        if (!SUCCESS.equals(code)) {
            String last = code.substring(code.lastIndexOf(':') + 1).replaceAll("[^A-Za-z0-9]", "");
            throw SsoFailure.refused("idp_status_" + (last.isEmpty() ? "missing" : last.length() > 30 ? last.substring(0, 30) : last));
        }
    }

    private static Element single(Element response, String local) {
        List<Element> direct = SafeXml.children(response, SafeXml.SAML, local);
        if (direct.size() != 1) {
            // The only one there is sits somewhere else: in Extensions, an Object, another element.
            throw SsoFailure.refused("wrapping");
        }
        return direct.get(0);
    }

    private static Optional<Element> signatureOf(Element element) {
        List<Element> signatures = SafeXml.children(element, SafeXml.DS, "Signature");
        if (signatures.size() > 1) {
            throw SsoFailure.refused("wrapping");
        }
        return signatures.stream().findFirst();
    }

    /** Two elements with one ID make "the element with this ID" mean whichever a reader finds first. */
    private static void requireUniqueIds(Document document) {
        Set<String> seen = new HashSet<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                Node attribute = attributes.item(j);
                String name = attribute.getLocalName() == null ? attribute.getNodeName() : attribute.getLocalName();
                if (name.equalsIgnoreCase("id") && !seen.add(attribute.getNodeValue())) {
                    throw SsoFailure.refused("wrapping");
                }
            }
        }
    }
}
