package dev.gatehouse.saml;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.http.UrlOrigin;
import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.OneTimeRecords;
import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.session.Session;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.signin.SigninPages;
import dev.gatehouse.sso.SsoFailure;
import io.vertx.core.http.HttpServerRequest;

/**
 * Single logout in the HTTP-Redirect binding, both ways, when the identity provider's metadata offers
 * it. Signing out here of a session begun at the provider sends the browser on to the provider with a
 * signed LogoutRequest naming the person, so that the provider's session ends too; its LogoutResponse
 * comes back to {@code /auth/saml/slo} and lands on the login page. A LogoutRequest from the provider
 * (the person signed out there) must be signed by a certificate of its metadata, name its entity id, be
 * addressed here, be in time and be seen once; it ends every session of that account on every instance
 * and is answered with a signed LogoutResponse (by redirect). Requests come by redirect (the signature
 * over the query) or by POST (an enveloped signature over the request).
 */
@Singleton
class SamlLogout {

    private static final Logger LOG = Logger.getLogger(SamlLogout.class);
    /** How long a LogoutRequest's ID is remembered against replay when it carries no NotOnOrAfter. */
    private static final Duration REMEMBER = Duration.ofMinutes(10);
    private static final String METHOD = "sso:" + SamlIdentity.ORIGIN;
    private static final String SUBJECTS = "gatehouse:saml:subject:";
    private static final String NAME_ID = "nameId";
    private static final String FORMAT = "format";
    private static final String SESSION_INDEX = "sessionIndex";
    /** A posted LogoutRequest is a few KiB; the HTTP body limit stops anything much larger first. */
    private static final int MAX_POSTED = 64 * 1024;

    private final IdentityProvider idp;
    private final ServiceProvider sp;
    private final ReplayCache replays;
    private final SessionStore sessions;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    private final SecureRandomText random;
    private final SamlConfig config;
    private final OneTimeRecords records;
    private final Clock clock;

    SamlLogout(IdentityProvider idp, ServiceProvider sp, ReplayCache replays, SessionStore sessions, AuditLog audit,
            ClientAddress clientAddress, SecureRandomText random, SamlConfig config, OneTimeRecords records, Clock clock) {
        this.idp = idp;
        this.sp = sp;
        this.replays = replays;
        this.sessions = sessions;
        this.audit = audit;
        this.clientAddress = clientAddress;
        this.random = random;
        this.config = config;
        this.records = records;
        this.clock = clock;
    }

    /**
     * The provider's logout URL carrying a signed LogoutRequest, for a session SAML began; empty for any
     * other session, and when the provider offers no single logout or cannot be read (the session has
     * ended here all the same). The NameID, its format and the session index are those the assertion
     * gave ({@link #remember}); for a session begun before they were kept, the NameID is read back from
     * the account's name, and an account kept as a hash signs out here only.
     */
    Optional<String> redirectFor(Session session, HttpServerRequest request) {
        if (!idp.enabled() || !session.methods().contains(METHOD)) {
            return Optional.empty();
        }
        try {
            IdpMetadata metadata = idp.metadata();
            Optional<LogoutMessages.Subject> subject = remembered(session)
                    .or(() -> nameIdOf(session.username(), metadata.entityId()).map(id -> new LogoutMessages.Subject(id,
                            Optional.empty(), Optional.empty())));
            return metadata.logout().flatMap(logout -> subject.map(whom -> RedirectBinding.url(logout.url(), "SAMLRequest",
                    LogoutMessages.request(messageId(), clock.instant(), logout.url(), sp.entityId(request), whom),
                    Optional.empty(), sp.keys().privateKey())));
        } catch (SsoFailure e) {
            LOG.warnf("Signed out of %s here only: the identity provider's metadata cannot be read", session.username());
            return Optional.empty();
        }
    }

    /**
     * What {@code /auth/saml/slo} answers: a LogoutResponse lands on the login page, a LogoutRequest is
     * carried out. A message that does not hold up is audited and thrown, for the caller's error page.
     */
    Response answer(String rawQuery, HttpServerRequest request) {
        return audited(request, () -> {
            IdpMetadata metadata = idp.metadata();
            RedirectBinding.Received received = RedirectBinding.receive(rawQuery, metadata.signingCertificates());
            if (received.parameter().equals("SAMLResponse")) {
                return seeOther(SigninPages.loginUrl(Optional.empty()));
            }
            return loggedOut(LogoutMessages.readRequest(received.xml()), received.relayState(), metadata, request);
        });
    }

    /**
     * What a POST to {@code /auth/saml/slo} answers (the HTTP-POST binding, as Keycloak sends when its
     * client forces POST): a LogoutResponse lands on the login page; a LogoutRequest must carry one
     * enveloped signature, directly in it and over it, by a certificate of the metadata, and is then
     * carried out as by redirect. Refusals are audited and thrown.
     */
    Response answerPost(String samlRequest, String samlResponse, Optional<String> relayState, HttpServerRequest request) {
        return audited(request, () -> {
            if ((samlRequest == null) == (samlResponse == null)) {
                throw SsoFailure.badRequest("missing_message");
            }
            if (samlResponse != null) {
                return seeOther(SigninPages.loginUrl(Optional.empty()));
            }
            IdpMetadata metadata = idp.metadata();
            Element root = signedByProvider(LogoutMessages.requestElement(posted(samlRequest)), metadata);
            return loggedOut(LogoutMessages.readRequest(root), relayState, metadata, request);
        });
    }

    /** {@code root}, when its one signature is directly in it, over it, and the provider's. */
    private static Element signedByProvider(Element root, IdpMetadata metadata) {
        List<Element> signatures = SafeXml.children(root, SafeXml.DS, "Signature");
        if (signatures.isEmpty()) {
            throw SsoFailure.refused("unsigned_message");
        }
        if (signatures.size() != 1 || SafeXml.count(root, SafeXml.DS, "Signature") != 1) {
            throw SsoFailure.refused("wrapping");
        }
        SignatureCheck.verify(signatures.get(0), root, metadata.signingCertificates());
        return root;
    }

    /** A logout message that does not hold up is audited, then thrown for the caller's page. */
    private Response audited(HttpServerRequest request, Supplier<Response> work) {
        try {
            return work.get();
        } catch (SsoFailure failure) {
            audit.record(AuditLog.Event.SSO_LOGIN_FAILED, null, clientAddress.of(request), "provider", SamlIdentity.ORIGIN, "reason",
                    failure.reason(), "via", "saml-logout");
            throw failure;
        }
    }

    private static Document posted(String encoded) {
        if (encoded.length() > MAX_POSTED) {
            throw SsoFailure.badRequest("malformed_message");
        }
        try {
            return SafeXml.parse(Base64.getMimeDecoder().decode(encoded));
        } catch (IllegalArgumentException | SafeXml.Malformed e) {
            throw SsoFailure.badRequest("malformed_message");
        }
    }

    private Response loggedOut(LogoutMessages.Request logout, Optional<String> relayState, IdpMetadata metadata,
            HttpServerRequest request) {
        Instant now = clock.instant();
        if (!logout.issuer().equals(metadata.entityId())) {
            throw SsoFailure.refused("wrong_issuer");
        }
        if (logout.destination().filter(destination -> !destination.equals(sp.sloUrl(request))).isPresent()) {
            throw SsoFailure.refused("wrong_destination");
        }
        if (logout.notOnOrAfter().filter(until -> !now.isBefore(until.plus(config.clockSkew()))).isPresent()) {
            throw SsoFailure.refused("expired");
        }
        Duration keep = logout.notOnOrAfter().map(until -> Duration.between(now, until.plus(config.clockSkew()))).orElse(REMEMBER);
        if (!replays.firstUse(logout.issuer(), logout.id(), keep)) {
            throw SsoFailure.refused("replay");
        }
        String username = "saml:" + SamlIdentity.subject(metadata.entityId(), logout.nameId());
        int ended = sessions.endSessionsOf(username, Optional.empty());
        audit.record(AuditLog.Event.SAML_LOGOUT, username, clientAddress.of(request), "sessions", String.valueOf(ended));
        return metadata.logout().map(service -> Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION,
                RedirectBinding.url(service.responseUrl(), "SAMLResponse", LogoutMessages.response(messageId(), now,
                        service.responseUrl(), sp.entityId(request), logout.id()), relayState, sp.keys().privateKey()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                .orElseGet(() -> seeOther(SigninPages.loginUrl(Optional.empty())));
    }

    /**
     * Keeps, for as long as the session may live, whom the assertion named and the provider's session
     * index: a provider that insists on them (Shibboleth, AD FS) finds its session by them at logout.
     */
    void remember(Session session, AssertionRules.Facts facts) {
        Map<String, String> fields = new HashMap<>(Map.of(NAME_ID, facts.nameId()));
        facts.nameIdFormat().ifPresent(format -> fields.put(FORMAT, format));
        facts.sessionIndex().ifPresent(index -> fields.put(SESSION_INDEX, index));
        Duration lifetime = Duration.between(clock.instant(), session.expiresAt());
        if (!lifetime.isNegative() && !lifetime.isZero()) {
            records.put(SUBJECTS, session.id(), fields, lifetime);
        }
    }

    /** What {@link #remember} kept for this session, taken: the session has just ended. */
    private Optional<LogoutMessages.Subject> remembered(Session session) {
        try {
            return records.take(SUBJECTS, session.id(), List.of(NAME_ID)).map(fields -> new LogoutMessages.Subject(
                    fields.get(NAME_ID), Optional.ofNullable(fields.get(FORMAT)), Optional.ofNullable(fields.get(SESSION_INDEX))));
        } catch (StoreUnavailableException e) {
            // The session is gone already; the provider is still asked, by the name alone.
            return Optional.empty();
        }
    }

    /**
     * The origin a logout form may be sent on to (the page's form-action): the metadata URL's, or the
     * single logout URL of a metadata file, read once when the pages are built. Never fetched here.
     */
    List<String> formTargets() {
        String where = config.idpMetadata().map(String::strip).orElse("");
        try {
            if (where.startsWith("https://") || where.startsWith("http://")) {
                return UrlOrigin.of(where).stream().toList();
            }
            if (!where.isEmpty()) {
                Path file = Path.of(where.startsWith("file:") ? URI.create(where).getPath() : where);
                return IdpMetadata.parse(Files.readAllBytes(file)).logout().flatMap(logout -> UrlOrigin.of(logout.url())).stream().toList();
            }
        } catch (java.io.IOException | SafeXml.Malformed | RuntimeException e) {
            LOG.debugf("No logout origin from %s: %s", where, e.toString());
        }
        return List.of();
    }

    /** The NameID in a SAML account's name ({@code saml:<NameID>|<16 hex of the entity id>}), for this provider only. */
    static Optional<String> nameIdOf(String username, String idpEntityId) {
        String suffix = "|" + Digests.sha256Hex(idpEntityId).substring(0, 16);
        if (!username.startsWith("saml:") || !username.endsWith(suffix)) {
            return Optional.empty();
        }
        return Optional.of(username.substring("saml:".length(), username.length() - suffix.length())).filter(id -> !id.isEmpty());
    }

    private String messageId() {
        return "_" + random.token(24);
    }

    private static Response seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
