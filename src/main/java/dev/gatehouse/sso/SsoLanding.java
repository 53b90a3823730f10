package dev.gatehouse.sso;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.http.RequestOrigin;
import dev.gatehouse.session.Session;
import dev.gatehouse.signin.BrowserSessions;
import dev.gatehouse.signin.RedirectPolicy;
import dev.gatehouse.signin.SigninPages;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where every sign-in at an outside identity provider ends, whatever the protocol (OpenID Connect,
 * plain OAuth2, SAML): the account is found or made just in time, the usual session cookie is set and
 * the browser goes on to its safe destination; or the person sees a page saying what went wrong, and
 * the audit log says why.
 */
@Singleton
public class SsoLanding {

    /**
     * Who vouches for the identity: {@code name} prefixes the accounts it makes ({@code <name>:<subject>})
     * and names the sign-in method ({@code sso:<name>}); {@code linkByEmail} lets a first sign-in use a
     * local account with the same verified address.
     */
    public record Origin(String name, boolean linkByEmail) {
    }

    private final SsoAccounts accounts;
    private final BrowserSessions browsers;
    private final UserDirectory directory;
    private final SigninPages pages;
    private final RedirectPolicy redirects;
    private final RequestOrigin requestOrigin;
    private final ClientAddress clientAddress;
    private final AuditLog audit;

    SsoLanding(SsoAccounts accounts, BrowserSessions browsers, UserDirectory directory, SigninPages pages, RedirectPolicy redirects,
            RequestOrigin requestOrigin, ClientAddress clientAddress, AuditLog audit) {
        this.accounts = accounts;
        this.browsers = browsers;
        this.directory = directory;
        this.pages = pages;
        this.redirects = redirects;
        this.requestOrigin = requestOrigin;
        this.clientAddress = clientAddress;
        this.audit = audit;
    }

    /** Signs {@code identity} in and sends the browser to {@code rd}; {@link SsoFailure} when it may not. */
    public Response signIn(Origin origin, ProviderIdentity identity, String rd, HttpServerRequest request) {
        return signIn(origin, identity, rd, request, account -> {
        });
    }

    /**
     * As {@link #signIn(Origin, ProviderIdentity, String, HttpServerRequest)}, with {@code refresh} run on
     * the account once it is found or made, before its session opens: what else the provider vouches
     * for (departments) is brought up to date there.
     */
    public Response signIn(Origin origin, ProviderIdentity identity, String rd, HttpServerRequest request, Consumer<User> refresh) {
        return signIn(origin, identity, rd, request, refresh, session -> {
        });
    }

    /**
     * As {@link #signIn(Origin, ProviderIdentity, String, HttpServerRequest, Consumer)}, with {@code begun}
     * told of the new session: what the provider needs to end it later (SAML's session index) is kept there.
     */
    public Response signIn(Origin origin, ProviderIdentity identity, String rd, HttpServerRequest request, Consumer<User> refresh,
            Consumer<Session> begun) {
        SsoAccounts.SignedIn signedIn = accounts.signIn(origin, identity);
        refresh.accept(signedIn.user());
        String username = signedIn.user().username();
        String ip = clientAddress.of(request);
        switch (signedIn.outcome()) {
            case CREATED -> audit.record(AuditLog.Event.SSO_ACCOUNT_CREATED, username, ip, "provider", origin.name());
            case LINKED -> audit.record(AuditLog.Event.SSO_ACCOUNT_LINKED, username, ip, "provider", origin.name());
            case RETURNING -> {
            }
        }
        BrowserSessions.Opened opened = browsers.open(signedIn.user(), SsoSignins.METHOD_PREFIX + origin.name(),
                browsers.deviceOf(request), request);
        identity.sid().ifPresent(sid -> accounts.rememberSession(origin.name(), sid, username));
        begun.accept(opened.session());
        directory.recordLogin(username, opened.session().createdAt());
        audit.record(AuditLog.Event.SSO_LOGIN_SUCCESS, username, ip, "provider", origin.name());
        String destination = redirects.safe(rd, requestOrigin.of(request));
        return browsers.withCookies(Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, destination), opened)
                .build();
    }

    /** The page for a sign-in that did not happen, with its audit line; 503s say when to try again. */
    public Response failed(String provider, SsoFailure failure, HttpServerRequest request, Optional<String> rd) {
        audit.record(AuditLog.Event.SSO_LOGIN_FAILED, null, clientAddress.of(request), "provider", provider, "reason", failure.reason());
        Response page = pages.signinError(failure.status(), failure.getMessage(), rd);
        if (failure.status() == 503) {
            return Response.fromResponse(page).header(HttpHeaders.RETRY_AFTER, "30").build();
        }
        return page;
    }
}
