package dev.gatehouse.signin;

import java.util.List;
import java.util.Optional;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;


import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Credentials;
import dev.gatehouse.authn.IdentityResolver;
import dev.gatehouse.authn.LoginPipeline;
import dev.gatehouse.authn.PasswordFactor;
import dev.gatehouse.captcha.CaptchaGuard;
import dev.gatehouse.captcha.Flow;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.http.RequestOrigin;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.session.Session;
import dev.gatehouse.session.SessionCookie;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import io.quarkus.arc.All;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

@Path("/auth")
@Tag(name = "Browser sessions")
public class SessionResource {

    /**
     * A login from the login page; {@code rd} is where to go afterwards; {@code captcha} is the widget's
     * answer, required when the {@code session} flow is guarded.
     */
    public record SessionRequest(String username, String password, String rd, String captcha) {
        @Override
        public String toString() {
            return "SessionRequest[" + username + "]";
        }
    }

    /** The answer to a login: who, and where the page should go next. */
    public record SessionCreated(String username, List<String> roles, String redirect) {
    }

    private final LoginPipeline logins;
    private final PasswordFactor passwords;
    private final SessionStore sessions;
    private final SessionCookie cookie;
    private final BrowserSessions browsers;
    private final IdentityResolver identities;
    private final CrossSiteGuard crossSite;
    private final RedirectPolicy redirects;
    private final RequestOrigin requestOrigin;
    private final ClientAddress clientAddress;
    private final AuditLog audit;
    private final CaptchaGuard captcha;
    private final ExternalSignins external;

    public SessionResource(LoginPipeline logins, PasswordFactor passwords, SessionStore sessions, SessionCookie cookie, BrowserSessions browsers,
            IdentityResolver identities, CrossSiteGuard crossSite, RedirectPolicy redirects, RequestOrigin requestOrigin,
            ClientAddress clientAddress, AuditLog audit, CaptchaGuard captcha, @All List<ExternalSignins> externals) {
        this.logins = logins;
        this.passwords = passwords;
        this.sessions = sessions;
        this.cookie = cookie;
        this.browsers = browsers;
        this.identities = identities;
        this.crossSite = crossSite;
        this.redirects = redirects;
        this.requestOrigin = requestOrigin;
        this.clientAddress = clientAddress;
        this.audit = audit;
        this.captcha = captcha;
        this.external = ExternalSignins.all(externals);
    }

    @POST
    @Path("/session")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in a browser: sets the session cookie and says where to go next")
    @APIResponse(responseCode = "200", description = "Signed in; the session cookie is set")
    @APIResponse(responseCode = "400", description = "Missing fields, or a missing or refused captcha")
    @APIResponse(responseCode = "401", description = "Invalid username or password, or too many failures (then with Retry-After)")
    @APIResponse(responseCode = "403", description = "Cross-site request")
    @APIResponse(responseCode = "503", description = "The CAPTCHA or the LDAP directory cannot be asked right now; see Retry-After")
    public Response create(SessionRequest body, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        Credentials credentials = Credentials.require(body == null ? null : new Credentials(body.username(), body.password()));
        captcha.require(Flow.SESSION, body.captcha(), clientAddress.of(request));
        BrowserSessions.Opened signedIn = signIn(credentials, request);
        Session session = signedIn.session();
        String redirect = redirects.safe(body.rd(), requestOrigin.of(request));
        return browsers.withCookies(Response.ok(new SessionCreated(session.username(), Role.ids(session.roles()), redirect)),
                signedIn).build();
    }

    /**
     * The login page's form when the browser runs no script: the same sign-in, answered with where to
     * go. Failures go back to the login page, which says why; the password never appears in a URL. A
     * CAPTCHA widget fills in a field of its own name, taken as {@code captcha} when that is absent.
     */
    @POST
    @Path("/session")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign in a browser from the plain HTML form (no JavaScript)")
    @APIResponse(responseCode = "303", description = "Signed in (session cookie set, Location is the safe rd), or not: "
            + "Location is /login?rd=…&error=invalid|missing|captcha|unavailable, or error=banned&retry_after=N")
    @APIResponse(responseCode = "403", description = "Cross-site request")
    public Response createFromForm(@RestForm String username, @RestForm String password, @RestForm String rd,
            @RestForm("captcha") String captchaField, @RestForm("cf-turnstile-response") String turnstile,
            @RestForm("h-captcha-response") String hcaptcha, @RestForm("g-recaptcha-response") String recaptcha,
            @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        Credentials credentials;
        try {
            credentials = Credentials.require(new Credentials(username, password));
        } catch (ProblemException e) {
            boolean blank = username == null || username.isBlank() || password == null || password.isBlank();
            return backToLogin(rd, blank ? LoginError.MISSING : LoginError.INVALID);
        }
        try {
            captcha.require(Flow.SESSION, firstGiven(captchaField, turnstile, hcaptcha, recaptcha), clientAddress.of(request));
        } catch (ProblemException e) {
            return backToLogin(rd, e.problem().status() == 400 ? LoginError.CAPTCHA : LoginError.UNAVAILABLE);
        }
        BrowserSessions.Opened signedIn;
        try {
            signedIn = signIn(credentials, request);
        } catch (ProblemException e) {
            if (e.problem().status() == 503) {
                return backToLogin(rd, LoginError.UNAVAILABLE);
            }
            if (e.problem().status() != 401) {
                throw e;
            }
            String retryAfter = e.headers().get(HttpHeaders.RETRY_AFTER);
            return backToLogin(rd, retryAfter == null ? LoginError.INVALID : LoginError.banned(retryAfter));
        } catch (StoreUnavailableException e) {
            return backToLogin(rd, LoginError.UNAVAILABLE);
        }
        return browsers.withCookies(seeOther(Locations.header(redirects.safe(rd, requestOrigin.of(request)))), signedIn)
                .build();
    }

    private static String firstGiven(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Signs in with a password, ending the session the browser had, and starts a new one. */
    private BrowserSessions.Opened signIn(Credentials credentials, HttpServerRequest request) {
        String device = browsers.deviceOf(request);
        User user = logins.signIn(credentials.username(), passwords, credentials.password(), clientAddress.of(request),
                Optional.of(device), "session");
        return browsers.open(user, passwords.method(), device, request);
    }

    private static Response backToLogin(String rd, LoginError error) {
        String login = SigninPages.loginUrl(SigninPages.keepable(rd));
        return seeOther(login + (login.contains("?") ? "&" : "?") + error.query()).build();
    }

    private static Response.ResponseBuilder seeOther(String location) {
        // A header, not Response.seeOther(URI): that would resolve a path against the app's own base URI.
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** The answer to a logout that has somewhere else to go: the provider's logout page. */
    @RegisterForReflection
    public record LoggedOut(String redirect) {
    }

    /**
     * Ends the session. Scripts (a JSON body, or none) get 204; a plain HTML form (the 403 page) is sent
     * on to the login page, and from there back to its {@code rd}. A session begun at a single sign-on
     * provider ends at the provider too: scripts get its logout page as {@code redirect}, forms are sent there.
     */
    @POST
    @Path("/logout")
    @RunOnVirtualThread
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED })
    @Operation(summary = "End the browser session everywhere at once")
    @APIResponse(responseCode = "200", description = "Signed out of a single sign-on session: the cookie is cleared; "
            + "{\"redirect\": ...} is the provider's logout page, where the browser should go next")
    @APIResponse(responseCode = "204", description = "Signed out; the cookie is cleared")
    @APIResponse(responseCode = "303", description = "Signed out from a form: the cookie is cleared; Location is /login, with ?rd= when given, "
            + "or the provider's logout page for a single sign-on session")
    @APIResponse(responseCode = "403", description = "Cross-site request")
    public Response logout(@RestForm String rd, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        Optional<String> providerLogout = endSession(request).flatMap(session -> external.logoutRedirect(session, request));
        if (isForm(request)) {
            String next = providerLogout.orElseGet(() -> SigninPages.loginUrl(SigninPages.keepable(rd)));
            return seeOther(next).header(HttpHeaders.SET_COOKIE, cookie.clear()).build();
        }
        if (providerLogout.isPresent()) {
            return Response.ok(new LoggedOut(providerLogout.get())).type(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.SET_COOKIE, cookie.clear()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie.clear()).build();
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED);
    }

    /** Ends the browser's session, and answers it when it was live. */
    private Optional<Session> endSession(HttpServerRequest request) {
        return cookie.readFrom(request).flatMap(id -> {
            Optional<Session> ended = sessions.find(id).await().indefinitely();
            ended.ifPresent(session -> audit.record(AuditLog.Event.LOGOUT, session.username(), clientAddress.of(request)));
            sessions.delete(id);
            return ended;
        });
    }
}
