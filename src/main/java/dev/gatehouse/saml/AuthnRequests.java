package dev.gatehouse.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.zip.Deflater;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * AuthnRequests in the HTTP-Redirect binding: the XML deflated, base64'd and URL-encoded into
 * {@code SAMLRequest}, with {@code RelayState}, {@code SigAlg} and a {@code Signature} (RSA-SHA256)
 * over exactly that query string, as the binding's specification says. Always signed: Keycloak checks
 * the signature when its client asks for signed requests, and ignores it otherwise.
 */
final class AuthnRequests {

    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

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
        String query = "SAMLRequest=" + encode(deflate(xml)) + "&RelayState=" + encode(relayState) + "&SigAlg=" + encode(RSA_SHA256);
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(query.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            return ssoUrl + (ssoUrl.contains("?") ? "&" : "?") + query + "&Signature=" + encode(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the AuthnRequest", e);
        }
    }

    private static String deflate(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFLATED, true);
        try {
            deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
