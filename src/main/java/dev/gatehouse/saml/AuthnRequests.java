package dev.gatehouse.saml;

import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * AuthnRequests, sent in the HTTP-Redirect binding ({@link RedirectBinding}). Always signed: Keycloak
 * checks the signature when its client asks for signed requests, and ignores it otherwise.
 */
final class AuthnRequests {

    static final String RSA_SHA256 = RedirectBinding.RSA_SHA256;

    private AuthnRequests() {
    }

    static String xml(String id, Instant issued, String destination, String acsUrl, String spEntityId) {
        Document document = SafeXml.newDocument();
        Element request = document.createElementNS(SafeXml.SAMLP, "samlp:AuthnRequest");
        request.setAttribute("ID", id);
        request.setAttribute("Version", "2.0");
        request.setAttribute("IssueInstant", issued.truncatedTo(ChronoUnit.SECONDS).toString());
        request.setAttribute("Destination", destination);
        request.setAttribute("AssertionConsumerServiceURL", acsUrl);
        request.setAttribute("ProtocolBinding", SpMetadata.POST_BINDING);
        document.appendChild(request);
        Element issuer = document.createElementNS(SafeXml.SAML, "saml:Issuer");
        issuer.setTextContent(spEntityId);
        request.appendChild(issuer);
        Element policy = document.createElementNS(SafeXml.SAMLP, "samlp:NameIDPolicy");
        policy.setAttribute("AllowCreate", "true");
        request.appendChild(policy);
        return SafeXml.serialize(document);
    }

    /** The identity provider's URL carrying the signed request. */
    static String redirectUrl(String ssoUrl, String xml, String relayState, PrivateKey key) {
        return RedirectBinding.url(ssoUrl, "SAMLRequest", xml, Optional.of(relayState), key);
    }
}
