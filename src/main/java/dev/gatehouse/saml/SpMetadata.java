package dev.gatehouse.saml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gatehouse's metadata, for importing at the identity provider: its entity id, its certificate for
 * signing (the AuthnRequests are signed) and for encryption, the single logout URL (HTTP-Redirect),
 * the consumer URL for the HTTP-POST binding, and that assertions must be signed.
 */
final class SpMetadata {

    static final String POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    private SpMetadata() {
    }

    static String xml(String entityId, String acsUrl, String sloUrl, SpKeys keys) {
        Document document = SafeXml.newDocument();
        Element entity = document.createElementNS(SafeXml.MD, "md:EntityDescriptor");
        entity.setAttribute("entityID", entityId);
        document.appendChild(entity);
        Element sp = child(entity, SafeXml.MD, "md:SPSSODescriptor");
        sp.setAttribute("AuthnRequestsSigned", "true");
        sp.setAttribute("WantAssertionsSigned", "true");
        sp.setAttribute("protocolSupportEnumeration", SafeXml.SAMLP);
        for (String use : new String[] {"signing", "encryption"}) {
            Element key = child(sp, SafeXml.MD, "md:KeyDescriptor");
            key.setAttribute("use", use);
            Element data = child(child(key, SafeXml.DS, "ds:KeyInfo"), SafeXml.DS, "ds:X509Data");
            child(data, SafeXml.DS, "ds:X509Certificate").setTextContent(keys.certificateBase64());
        }
        // Both bindings for responses; a LogoutRequest is read by redirect only (its signature covers the query).
        for (String binding : new String[] {IdpMetadata.REDIRECT_BINDING, POST_BINDING}) {
            Element slo = child(sp, SafeXml.MD, "md:SingleLogoutService");
            slo.setAttribute("Binding", binding);
            slo.setAttribute("Location", sloUrl);
        }
        child(sp, SafeXml.MD, "md:NameIDFormat").setTextContent(PERSISTENT);
        Element acs = child(sp, SafeXml.MD, "md:AssertionConsumerService");
        acs.setAttribute("Binding", POST_BINDING);
        acs.setAttribute("Location", acsUrl);
        acs.setAttribute("index", "0");
        acs.setAttribute("isDefault", "true");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + SafeXml.serialize(document);
    }

    private static Element child(Element parent, String ns, String name) {
        Element element = parent.getOwnerDocument().createElementNS(ns, name);
        parent.appendChild(element);
        return element;
    }
}
