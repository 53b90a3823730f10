package dev.gatehouse.saml;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Gatehouse takes from the identity provider's metadata: its entity id (the Issuer it must name),
 * where to send AuthnRequests (HTTP-Redirect binding), where logout messages go when it offers single
 * logout in that binding, and the certificates whose keys alone may sign what it sends. Only KeyDescriptors for signing (or for any use) count; certificates are pinned as
 * they are, with no chain and no expiry check, as SAML metadata intends.
 */
record IdpMetadata(String entityId, String ssoRedirectUrl, List<X509Certificate> signingCertificates, Optional<Logout> logout) {

    /** Single logout, HTTP-Redirect binding: requests go to {@code url}, responses to {@code responseUrl}. */
    record Logout(String url, String responseUrl) {
    }

    static final String REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    IdpMetadata {
        signingCertificates = List.copyOf(signingCertificates);
    }

    static IdpMetadata parse(byte[] xml) throws SafeXml.Malformed {
        Document document = SafeXml.parse(xml);
        NodeList descriptors = document.getElementsByTagNameNS(SafeXml.MD, "IDPSSODescriptor");
        if (descriptors.getLength() != 1) {
            throw new SafeXml.Malformed("metadata must describe exactly one identity provider");
        }
        Element idp = (Element) descriptors.item(0);
        if (!(idp.getParentNode() instanceof Element entity) || !SafeXml.MD.equals(entity.getNamespaceURI())
                || !"EntityDescriptor".equals(entity.getLocalName()) || entity.getAttribute("entityID").isBlank()) {
            throw new SafeXml.Malformed("IDPSSODescriptor outside an EntityDescriptor with an entityID");
        }
        String entityId = entity.getAttribute("entityID");
        String location = null;
        for (Element service : SafeXml.children(idp, SafeXml.MD, "SingleSignOnService")) {
            if (REDIRECT_BINDING.equals(service.getAttribute("Binding")) && location == null) {
                location = service.getAttribute("Location");
            }
        }
        if (location == null || !web(location)) {
            throw new SafeXml.Malformed("no HTTP-Redirect SingleSignOnService");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element key : SafeXml.children(idp, SafeXml.MD, "KeyDescriptor")) {
            String use = key.getAttribute("use");
            if (!use.isEmpty() && !use.equals("signing")) {
                continue;
            }
            NodeList encoded = key.getElementsByTagNameNS(SafeXml.DS, "X509Certificate");
            for (int i = 0; i < encoded.getLength(); i++) {
                try {
                    certificates.add(Pem.certificate(Base64.getMimeDecoder().decode(SafeXml.text((Element) encoded.item(i)))));
                } catch (IllegalArgumentException e) {
                    throw new SafeXml.Malformed("a signing certificate cannot be read");
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new SafeXml.Malformed("no signing certificate");
        }
        return new IdpMetadata(entityId, location, certificates, logout(idp));
    }

    private static Optional<Logout> logout(Element idp) {
        for (Element service : SafeXml.children(idp, SafeXml.MD, "SingleLogoutService")) {
            String url = service.getAttribute("Location");
            if (REDIRECT_BINDING.equals(service.getAttribute("Binding")) && web(url)) {
                String response = service.getAttribute("ResponseLocation");
                return Optional.of(new Logout(url, web(response) ? response : url));
            }
        }
        return Optional.empty();
    }

    private static boolean web(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    @Override
    public String toString() {
        return "IdpMetadata[" + entityId + "]";
    }
}
