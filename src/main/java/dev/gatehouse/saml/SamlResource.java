package dev.gatehouse.saml;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.signin.RedirectPolicy;
import dev.gatehouse.signin.SigninPages;
import dev.gatehouse.sso.RoleMapping;
import dev.gatehouse.sso.SsoFailure;
import dev.gatehouse.sso.SsoLanding;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sign-in through a SAML 2.0 identity provider (Web Browser SSO profile, SP-initiated). {@code start}
 * sends the browser to the identity provider with a signed AuthnRequest (HTTP-Redirect binding), kept
 * in Redis and bound to the browser; {@code acs} takes the identity provider's Response (HTTP-POST
 * binding), checks its signature, its conditions and that it answers that request in that browser,
 * and signs the person in through the same landing as OpenID Connect. Every failure ends on a page
 * that says so, with an audit line naming the reason: 400 for input that is no SAML Response, 401 for
 * one that does not hold up, 503 when the identity provider's metadata or Redis cannot be read.
 * Without {@code GATEHOUSE_SAML_IDP_METADATA} all three answer 404.
 */
@Path("/auth/saml")
@Tag(name = "Single sign-on")
public class SamlResource {

    static final String START_PATH = "/auth/saml/start";
    static final String PROVIDER = SamlIdentity.ORIGIN;
    /** A Response is a few KiB; the HTTP body limit stops anything much larger before it gets here. */
    private static final int MAX_ENCODED = 256 * 1024;

    private static final Logger LOG = Logger.getLogger(SamlResource.class);

    private final IdentityProvider idp;
    private final ServiceProvider sp;
    private final PendingRequests pending;
    private final ReplayCache replays;
    private final BrowserCookie browserCookie;
    private final SsoLanding landing;
    private final SigninPages pages;
    private final RedirectPolicy redirects;
    private final SecureRandomText random;
    private final SamlConfig config;
    private final RoleMapping roles;
    private final SamlDepartments departments;
    private final SamlLogout logout;
    private final Clock clock;

    SamlResource(IdentityProvider idp, ServiceProvider sp, PendingRequests pending, ReplayCache replays, BrowserCookie browserCookie,
            SsoLanding landing, SigninPages pages, RedirectPolicy redirects, SecureRandomText random, SamlConfig config,
            SamlStartupCheck settings, SamlDepartments departments, SamlLogout logout, Clock clock) {
        this.idp = idp;
        this.sp = sp;
        this.pending = pending;
        this.replays = replays;
        this.browserCookie = browserCookie;
        this.landing = landing;
        this.pages = pages;
        this.redirects = redirects;
        this.random = random;
        this.config = config;
        this.roles = settings.roles();
        this.departments = departments;
        this.logout = logout;
        this.clock = clock;
    }

    @GET
    @Path("/metadata")
    @Operation(summary = "Gatehouse's SAML service provider metadata, to import at the identity provider")
    @APIResponse(responseCode = "200", description = "An EntityDescriptor (application/samlmetadata+xml)")
    @APIResponse(responseCode = "404", description = "SAML is not configured")
    public Response metadata(@Context HttpServerRequest request) {
        if (!idp.enabled()) {
            throw new ProblemException(404, "Not Found", "SAML is not configured.");
        }
        return Response.ok(SpMetadata.xml(sp.entityId(request), sp.acsUrl(request), sp.sloUrl(request), sp.keys()), "application/samlmetadata+xml")
                .build();
    }

    @GET
    @Path("/start")
    @RunOnVirtualThread
    @Operation(summary = "Begin signing in through the SAML identity provider: sends the browser there")
    @APIResponse(responseCode = "302", description = "To the identity provider with a signed AuthnRequest; sets the pre-login cookie")
    @APIResponse(responseCode = "404", description = "SAML is not configured (an HTML page)")
    @APIResponse(responseCode = "503", description = "The identity provider's metadata or Redis cannot be read (an HTML page)")
    public Response start(@QueryParam("rd") String rd, @Context HttpServerRequest request) {
        if (!idp.enabled()) {
            return notConfigured(Optional.ofNullable(rd));
        }
        try {
            IdpMetadata metadata = idp.metadata();
            String browser = browserCookie.valueFor(request);
            String requestId = "_" + random.token(24);
            String relayState = random.token(32);
            pending.save(requestId, relayState, browser, redirects.safe(rd, sp.origin(request)));
            String xml = AuthnRequests.xml(requestId, clock.instant(), metadata.ssoRedirectUrl(), sp.acsUrl(request), sp.entityId(request));
            String location = AuthnRequests.redirectUrl(metadata.ssoRedirectUrl(), xml, relayState, sp.keys().privateKey());
            return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, location)
                    .header(HttpHeaders.SET_COOKIE, browserCookie.issue(browser)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        } catch (SsoFailure failure) {
            return landing.failed(PROVIDER, failure, request, Optional.ofNullable(rd));
        } catch (StoreUnavailableException e) {
            return landing.failed(PROVIDER, SsoFailure.unavailable("store_unavailable"), request, Optional.ofNullable(rd));
        }
    }

    @POST
    @Path("/acs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RunOnVirtualThread
    @Operation(summary = "The assertion consumer: where the identity provider posts its Response (HTTP-POST binding)")
    @APIResponse(responseCode = "302", description = "Signed in: the session cookie is set; Location is the safe rd")
    @APIResponse(responseCode = "400", description = "No SAML Response, or not one that can be read (an HTML page)")
    @APIResponse(responseCode = "401", description = "The Response does not hold up: signature, audience, time, request, replay (an HTML page)")
    @APIResponse(responseCode = "403", description = "The account may not sign in (an HTML page)")
    @APIResponse(responseCode = "503", description = "The identity provider's metadata or Redis cannot be read (an HTML page)")
    public Response acs(String body, @Context HttpServerRequest request) {
        if (!idp.enabled()) {
            return notConfigured(Optional.empty());
        }
        Optional<String> rd = Optional.empty();
        try {
            Map<String, String> form = form(body);
            String samlResponse = form.get("SAMLResponse");
            String relayState = form.get("RelayState");
            Document document = decode(samlResponse);
            IdpMetadata metadata = idp.metadata();
            Instant now = clock.instant();
            AssertionRules.Facts facts = checked(document, metadata, request, now);
            if (!replays.firstUse(facts.issuer(), facts.assertionId(), Duration.between(now, facts.validUntil()))) {
                throw SsoFailure.refused("replay");
            }
            PendingRequests.Pending sent = pending.take(facts.inResponseTo())
                    .orElseThrow(() -> SsoFailure.refused("unknown_in_response_to"));
            rd = Optional.of(sent.rd());
            Optional<String> browser = browserCookie.readFrom(request);
            if (relayState == null || browser.isEmpty() || !sent.sentWith(relayState, browser.get())) {
                throw SsoFailure.refused("request_of_another_browser");
            }
            return landing.signIn(new SsoLanding.Origin(PROVIDER, config.linkByEmail()), SamlIdentity.of(facts, config, roles),
                    sent.rd(), request, departments.follow(facts, request), session -> logout.remember(session, facts));
        } catch (SsoFailure failure) {
            return landing.failed(PROVIDER, failure, request, rd);
        } catch (StoreUnavailableException e) {
            return landing.failed(PROVIDER, SsoFailure.unavailable("store_unavailable"), request, rd);
        }
    }

    @GET
    @Path("/slo")
    @RunOnVirtualThread
    @Operation(summary = "Single logout (HTTP-Redirect binding): the identity provider's LogoutResponse, or its LogoutRequest")
    @APIResponse(responseCode = "302", description = "A LogoutRequest carried out: every session of the account ended; "
            + "to the identity provider with a signed LogoutResponse")
    @APIResponse(responseCode = "303", description = "A LogoutResponse: to the login page")
    @APIResponse(responseCode = "400", description = "No SAML message, or not one that can be read (an HTML page)")
    @APIResponse(responseCode = "401", description = "Unsigned, wrongly signed, for another SP, expired or replayed (an HTML page)")
    @APIResponse(responseCode = "404", description = "SAML is not configured (an HTML page)")
    @APIResponse(responseCode = "503", description = "The identity provider's metadata or Redis cannot be read (an HTML page)")
    public Response slo(@Context HttpServerRequest request) {
        return loggingOut(request, () -> logout.answer(request.query(), request));
    }

    /** Single logout in the HTTP-POST binding (Keycloak's, when its client forces POST). */
    @POST
    @Path("/slo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RunOnVirtualThread
    @Operation(summary = "Single logout (HTTP-POST binding): the identity provider's LogoutResponse, or its signed LogoutRequest")
    @APIResponse(responseCode = "302", description = "A LogoutRequest carried out: every session of the account ended; "
            + "to the identity provider with a signed LogoutResponse")
    @APIResponse(responseCode = "303", description = "A LogoutResponse: to the login page")
    @APIResponse(responseCode = "400", description = "No SAML message, or not one that can be read (an HTML page)")
    @APIResponse(responseCode = "401", description = "Unsigned, wrongly signed, for another SP, expired or replayed (an HTML page)")
    @APIResponse(responseCode = "404", description = "SAML is not configured (an HTML page)")
    @APIResponse(responseCode = "503", description = "The identity provider's metadata or Redis cannot be read (an HTML page)")
    public Response sloPost(String body, @Context HttpServerRequest request) {
        return loggingOut(request, () -> {
            Map<String, String> fields = form(body);
            return logout.answerPost(fields.get("SAMLRequest"), fields.get("SAMLResponse"),
                    Optional.ofNullable(fields.get("RelayState")), request);
        });
    }

    /** Single logout's answer in either binding; what does not hold up ends on the error page (already audited). */
    private Response loggingOut(HttpServerRequest request, Supplier<Response> answer) {
        if (!idp.enabled()) {
            return notConfigured(Optional.empty());
        }
        try {
            return answer.get();
        } catch (SsoFailure failure) {
            Response page = pages.signinError(failure.status(), failure.getMessage(), Optional.empty());
            return failure.status() == 503 ? Response.fromResponse(page).header(HttpHeaders.RETRY_AFTER, "30").build() : page;
        } catch (StoreUnavailableException e) {
            return landing.failed(PROVIDER, SsoFailure.unavailable("store_unavailable"), request, Optional.empty());
        }
    }

    /** SAML is off: every endpoint but the metadata answers the sign-in error page. */
    private Response notConfigured(Optional<String> rd) {
        return pages.signinError(404, "There is no such way to sign in.", rd);
    }

    /**
     * The assertion's facts once signature and rules hold. Both only read the posted document; whatever
     * else they could throw on a document nobody expected is still the sender's mistake, not Gatehouse's
     * fault, and gets the same page as any other refusal (and a log line, to find the case).
     */
    private AssertionRules.Facts checked(Document document, IdpMetadata metadata, HttpServerRequest request, Instant now) {
        try {
            ResponseVerifier.Verified verified = ResponseVerifier.verify(document, metadata, () -> sp.keys().privateKey());
            return AssertionRules.check(verified, metadata, sp.entityId(request), sp.acsUrl(request), now, config.clockSkew());
        } catch (SsoFailure failure) {
            throw failure;
        } catch (RuntimeException e) {
            LOG.warnf("A SAML Response could not be checked: %s", e.toString());
            throw SsoFailure.refused("invalid_response");
        }
    }

    /**
     * The form's fields, read here rather than by the HTTP layer: a Response is several KiB in one
     * field, far above the per-field limit that keeps every other form small. A field sent twice is
     * refused, so that no layer can read a different copy than this one.
     */
    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : (body == null ? "" : body).split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                if (fields.put(name, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)) != null) {
                    throw SsoFailure.badRequest("malformed_response");
                }
            } catch (IllegalArgumentException e) {
                throw SsoFailure.badRequest("malformed_response");
            }
        }
        return fields;
    }

    /** The posted Response as a document; 400 when it is missing or is no XML without a DTD. */
    private static Document decode(String samlResponse) {
        if (samlResponse == null || samlResponse.isBlank()) {
            throw SsoFailure.badRequest("missing_response");
        }
        if (samlResponse.length() > MAX_ENCODED) {
            throw SsoFailure.badRequest("malformed_response");
        }
        try {
            return SafeXml.parse(Base64.getMimeDecoder().decode(samlResponse));
        } catch (IllegalArgumentException | SafeXml.Malformed e) {
            throw SsoFailure.badRequest("malformed_response");
        }
    }
}
