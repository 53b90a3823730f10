package dev.gatehouse.saml;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.gatehouse.sso.SsoFailure;

/**
 * Single logout's two messages: the LogoutRequest Gatehouse sends when a SAML session ends here (and
 * reads when the identity provider ends one there), and the LogoutResponse it answers with. Only what
 * logout needs is read: who asks (Issuer), for whom (NameID), where to (Destination) and until when.
 */
final class LogoutMessages {

    static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

    /** A LogoutRequest as received; Destination and NotOnOrAfter are optional in the schema. */
    record Request(String id, String issuer, String nameId, Optional<String> destination, Optional<Instant> notOnOrAfter) {
    }

    private LogoutMessages() {
    }

    /** Whom a LogoutRequest names: the NameID as the assertion gave it, and its session there when known. */
    record Subject(String nameId, Optional<String> format, Optional<String> sessionIndex) {
    }

    static String request(String id, Instant issued, String destination, String spEntityId, Subject subject) {
        Element request = root("samlp:LogoutRequest", id, issued, destination);
        issuer(request, spEntityId);
        Element name = request.getOwnerDocument().createElementNS(SafeXml.SAML, "saml:NameID");
        subject.format().ifPresent(format -> name.setAttribute("Format", format));
        name.setTextContent(subject.nameId());
        request.appendChild(name);
        subject.sessionIndex().ifPresent(index -> {
            Element session = request.getOwnerDocument().createElementNS(SafeXml.SAMLP, "samlp:SessionIndex");
            session.setTextContent(index);
            request.appendChild(session);
        });
        return SafeXml.serialize(request.getOwnerDocument());
    }

    static String response(String id, Instant issued, String destination, String spEntityId, String inResponseTo) {
        Element response = root("samlp:LogoutResponse", id, issued, destination);
        response.setAttribute("InResponseTo", inResponseTo);
        issuer(response, spEntityId);
        Element status = response.getOwnerDocument().createElementNS(SafeXml.SAMLP, "samlp:Status");
        Element code = response.getOwnerDocument().createElementNS(SafeXml.SAMLP, "samlp:StatusCode");
        code.setAttribute("Value", SUCCESS);
        status.appendChild(code);
        response.appendChild(status);
        return SafeXml.serialize(response.getOwnerDocument());
    }

    /** The LogoutRequest in {@code xml}; 400 for anything else or one that lacks its ID, Issuer or NameID. */
    static Request readRequest(byte[] xml) {
        try {
            return readRequest(requestElement(SafeXml.parse(xml)));
        } catch (SafeXml.Malformed e) {
            throw SsoFailure.badRequest("not_a_logout_request");
        }
    }

    /** The document's root when it is a LogoutRequest with an ID; 400 otherwise. */
    static Element requestElement(Document document) {
        Element root = document.getDocumentElement();
        if (!SafeXml.SAMLP.equals(root.getNamespaceURI()) || !"LogoutRequest".equals(root.getLocalName())
                || root.getAttribute("ID").isBlank()) {
            throw SsoFailure.badRequest("not_a_logout_request");
        }
        return root;
    }

    /** What {@code root} (a {@link #requestElement}) says. */
    static Request readRequest(Element root) {
        try {
            String issuer = SafeXml.child(root, SafeXml.SAML, "Issuer").map(SafeXml::text).orElse("");
            String nameId = SafeXml.child(root, SafeXml.SAML, "NameID").map(SafeXml::text).orElse("");
            if (issuer.isBlank() || nameId.isBlank()) {
                throw SsoFailure.badRequest("not_a_logout_request");
            }
            return new Request(root.getAttribute("ID"), issuer.strip(), nameId.strip(), attribute(root, "Destination"),
                    attribute(root, "NotOnOrAfter").map(Instant::parse));
        } catch (SafeXml.Malformed | DateTimeParseException e) {
            throw SsoFailure.badRequest("not_a_logout_request");
        }
    }

    private static Optional<String> attribute(Element element, String name) {
        return Optional.of(element.getAttribute(name)).filter(value -> !value.isBlank());
    }

    private static Element root(String name, String id, Instant issued, String destination) {
        Document document = SafeXml.newDocument();
        Element root = document.createElementNS(SafeXml.SAMLP, name);
        root.setAttribute("ID", id);
        root.setAttribute("Version", "2.0");
        root.setAttribute("IssueInstant", issued.truncatedTo(ChronoUnit.SECONDS).toString());
        root.setAttribute("Destination", destination);
        document.appendChild(root);
        return root;
    }

    private static void issuer(Element parent, String entityId) {
        Element issuer = parent.getOwnerDocument().createElementNS(SafeXml.SAML, "saml:Issuer");
        issuer.setTextContent(entityId);
        parent.appendChild(issuer);
    }
}
