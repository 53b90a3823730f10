package dev.gatehouse.saml;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Element;

import dev.gatehouse.sso.SsoFailure;

/**
 * What a verified assertion must say before anybody is signed in with it: that it comes from the
 * identity provider (Issuer), is meant for Gatehouse (Audience) and for this very consumer URL
 * (Destination, Recipient), answers one of Gatehouse's requests (InResponseTo, checked by the caller
 * against Redis), and is valid now (NotBefore, NotOnOrAfter, with the configured skew both ways). Read
 * only from the elements {@link ResponseVerifier} checked.
 */
final class AssertionRules {

    static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    /** What the assertion says, once it holds. {@code validUntil} bounds how long its id must be remembered. */
    record Facts(String issuer, String assertionId, String nameId, String inResponseTo, Map<String, List<String>> attributes,
            Instant validUntil, Optional<String> nameIdFormat, Optional<String> sessionIndex) {
        @Override
        public String toString() {
            return "Facts[" + assertionId + "]";
        }
    }

    private AssertionRules() {
    }

    static Facts check(ResponseVerifier.Verified verified, IdpMetadata idp, String spEntityId, String acsUrl, Instant now,
            Duration skew) {
        Element response = verified.response();
        Element assertion = verified.assertion();
        try {
            String destination = response.getAttribute("Destination");
            if (destination.isEmpty() ? verified.responseSigned() : !destination.equals(acsUrl)) {
                throw SsoFailure.refused("destination");
            }
            Optional<Element> responseIssuer = SafeXml.child(response, SafeXml.SAML, "Issuer");
            if (responseIssuer.isPresent() && !SafeXml.text(responseIssuer.get()).equals(idp.entityId())) {
                throw SsoFailure.refused("wrong_issuer");
            }
            if (!"2.0".equals(assertion.getAttribute("Version"))) {
                throw SsoFailure.refused("version");
            }
            String issuer = SafeXml.child(assertion, SafeXml.SAML, "Issuer").map(SafeXml::text).orElse("");
            if (!issuer.equals(idp.entityId())) {
                throw SsoFailure.refused("wrong_issuer");
            }
            Element subject = SafeXml.child(assertion, SafeXml.SAML, "Subject").orElseThrow(() -> SsoFailure.refused("no_subject"));
            Element name = SafeXml.child(subject, SafeXml.SAML, "NameID").orElseThrow(() -> SsoFailure.refused("no_name_id"));
            String nameId = SafeXml.text(name);
            if (nameId.isEmpty()) {
                throw SsoFailure.refused("no_name_id");
            }
            Instant confirmedUntil = Instant.MIN;
            String inResponseTo = null;
            for (Element confirmation : SafeXml.children(subject, SafeXml.SAML, "SubjectConfirmation")) {
                if (!BEARER.equals(confirmation.getAttribute("Method"))) {
                    continue;
                }
                Element data = SafeXml.child(confirmation, SafeXml.SAML, "SubjectConfirmationData")
                        .orElseThrow(() -> SsoFailure.refused("recipient"));
                if (!acsUrl.equals(data.getAttribute("Recipient"))) {
                    throw SsoFailure.refused("recipient");
                }
                Instant until = time(data, "NotOnOrAfter").orElseThrow(() -> SsoFailure.refused("expired"));
                if (!now.minus(skew).isBefore(until)) {
                    throw SsoFailure.refused("expired");
                }
                if (time(data, "NotBefore").filter(from -> now.plus(skew).isBefore(from)).isPresent()) {
                    throw SsoFailure.refused("not_yet_valid");
                }
                inResponseTo = data.getAttribute("InResponseTo");
                confirmedUntil = until;
            }
            if (inResponseTo == null) {
                throw SsoFailure.refused("no_bearer_confirmation");
            }
            String responseTo = response.getAttribute("InResponseTo");
            if (inResponseTo.isEmpty() || (!responseTo.isEmpty() && !responseTo.equals(inResponseTo))) {
                throw SsoFailure.refused(inResponseTo.isEmpty() ? "unsolicited" : "in_response_to");
            }
            Element conditions = SafeXml.child(assertion, SafeXml.SAML, "Conditions")
                    .orElseThrow(() -> SsoFailure.refused("no_conditions"));
            if (time(conditions, "NotBefore").filter(from -> now.plus(skew).isBefore(from)).isPresent()) {
                throw SsoFailure.refused("not_yet_valid");
            }
            Optional<Instant> notOnOrAfter = time(conditions, "NotOnOrAfter");
            if (notOnOrAfter.filter(until -> !now.minus(skew).isBefore(until)).isPresent()) {
                throw SsoFailure.refused("expired");
            }
            requireAudience(conditions, spEntityId);
            String assertionId = assertion.getAttribute("ID");
            Instant confirmed = confirmedUntil;
            Instant validUntil = notOnOrAfter.filter(until -> until.isAfter(confirmed)).orElse(confirmed).plus(skew);
            // What a LogoutRequest must repeat for the provider to find its session: the NameID's format, the session index.
            Optional<String> format = Optional.of(name.getAttribute("Format")).filter(value -> !value.isBlank());
            Optional<String> sessionIndex = SafeXml.children(assertion, SafeXml.SAML, "AuthnStatement").stream()
                    .map(statement -> statement.getAttribute("SessionIndex")).filter(value -> !value.isBlank()).findFirst();
            return new Facts(issuer, assertionId, nameId, inResponseTo, attributes(assertion), validUntil, format, sessionIndex);
        } catch (SafeXml.Malformed e) {
            throw SsoFailure.refused("malformed_assertion");
        }
    }

    /** Every AudienceRestriction must name Gatehouse, and there must be one: an assertion for anybody is for nobody here. */
    private static void requireAudience(Element conditions, String spEntityId) {
        List<Element> restrictions = SafeXml.children(conditions, SafeXml.SAML, "AudienceRestriction");
        if (restrictions.isEmpty()) {
            throw SsoFailure.refused("audience");
        }
        for (Element restriction : restrictions) {
            boolean named = SafeXml.children(restriction, SafeXml.SAML, "Audience").stream().map(SafeXml::text)
                    .anyMatch(spEntityId::equals);
            if (!named) {
                throw SsoFailure.refused("audience");
            }
        }
    }

    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Element statement : SafeXml.children(assertion, SafeXml.SAML, "AttributeStatement")) {
            for (Element attribute : SafeXml.children(statement, SafeXml.SAML, "Attribute")) {
                List<String> values = found.computeIfAbsent(attribute.getAttribute("Name"), name -> new ArrayList<>());
                SafeXml.children(attribute, SafeXml.SAML, "AttributeValue").stream().map(SafeXml::text)
                        .filter(text -> !text.isEmpty()).forEach(values::add);
            }
        }
        return found;
    }

    private static Optional<Instant> time(Element element, String attribute) {
        String text = element.getAttribute(attribute);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw SsoFailure.refused("malformed_time");
        }
    }
}
