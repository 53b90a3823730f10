package dev.gatehouse.sso;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;

import dev.gatehouse.http.RequestOrigin;
import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.signin.RedirectPolicy;
import dev.gatehouse.signin.SigninPages;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sign-in through a provider, OpenID Connect or plain OAuth2 (authorization code flow with PKCE S256).
 * {@code start} sends the browser to the provider with a fresh {@code state} (and {@code nonce}, for
 * OpenID Connect), kept in Redis and bound to the browser's pre-login cookie; {@code callback} takes
 * them back once, has the provider say who signed in ({@link SsoProvider#identity}), finds or makes the
 * account and opens the usual session. Whatever goes wrong
 * ends on a page that says so, with an audit line, never a 5xx but for a provider that cannot be reached (503).
 */
@Path("/auth/sso/{provider}")
@Tag(name = "Single sign-on")
public class SsoResource {

    private static final int RANDOM_BYTES = 32;

    private final SsoProviders providers;
    private final LoginStates states;
    private final PreLoginCookie preLogin;
    private final SsoLanding landing;
    private final SigninPages pages;
    private final RedirectPolicy redirects;
    private final RequestOrigin requestOrigin;
    private final SecureRandomText random;
    private final SsoConfig config;

    SsoResource(SsoProviders providers, LoginStates states, PreLoginCookie preLogin, SsoLanding landing,
            SigninPages pages, RedirectPolicy redirects, RequestOrigin requestOrigin, SecureRandomText random, SsoConfig config) {
        this.providers = providers;
        this.states = states;
        this.preLogin = preLogin;
        this.landing = landing;
        this.pages = pages;
        this.redirects = redirects;
        this.requestOrigin = requestOrigin;
        this.random = random;
        this.config = config;
    }

    @GET
    @Path("/start")
    @RunOnVirtualThread
    @Operation(summary = "Begin signing in through a single sign-on provider: sends the browser there")
    @APIResponse(responseCode = "302", description = "To the provider's authorization endpoint; sets the pre-login cookie")
    @APIResponse(responseCode = "404", description = "No such provider (an HTML page)")
    @APIResponse(responseCode = "503", description = "The provider or Redis cannot be reached (an HTML page)")
    public Response start(@PathParam("provider") String name, @QueryParam("rd") String rd, @Context HttpServerRequest request) {
        Optional<SsoProvider> found = providers.find(name);
        if (found.isEmpty()) {
            return pages.signinError(404, "There is no such way to sign in.", Optional.ofNullable(rd));
        }
        SsoProvider provider = found.get();
        try {
            String origin = requestOrigin.of(request);
            String browser = preLogin.valueFor(request);
            State state = new State(random.token(RANDOM_BYTES));
            Nonce nonce = new Nonce(random.token(RANDOM_BYTES));
            CodeVerifier verifier = new CodeVerifier(random.token(RANDOM_BYTES));
            URI callback = URI.create(config.publicUrl().map(SsoResource::withoutTrailingSlash).orElse(origin)
                    + "/auth/sso/" + provider.name() + "/callback");
            states.save(state.getValue(), new LoginStates.Pending(provider.name(), nonce.getValue(), verifier.getValue(),
                    callback.toString(), redirects.safe(rd, origin), Digests.sha256Hex(browser)));
            URI authorize = provider.authorizationUrl(callback, state, nonce, verifier);
            return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, authorize.toString())
                    .header(HttpHeaders.SET_COOKIE, preLogin.issue(browser)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        } catch (SsoFailure failure) {
            return failed(provider.name(), failure, request, Optional.ofNullable(rd));
        } catch (StoreUnavailableException e) {
            return failed(provider.name(), SsoFailure.unavailable("store_unavailable"), request, Optional.ofNullable(rd));
        }
    }

    @GET
    @Path("/callback")
    @RunOnVirtualThread
    @Operation(summary = "Where the provider sends the browser back: signs it in and sends it on to its destination")
    @APIResponse(responseCode = "302", description = "Signed in: the session cookie is set; Location is the safe rd")
    @APIResponse(responseCode = "400", description = "Missing, unknown, replayed or foreign state (an HTML page)")
    @APIResponse(responseCode = "401", description = "The provider refused, or its tokens do not hold up (an HTML page)")
    @APIResponse(responseCode = "403", description = "The account may not sign in (an HTML page)")
    @APIResponse(responseCode = "503", description = "The provider or Redis cannot be reached (an HTML page)")
    public Response callback(@PathParam("provider") String name, @QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error, @Context HttpServerRequest request) {
        Optional<SsoProvider> found = providers.find(name);
        if (found.isEmpty()) {
            return pages.signinError(404, "There is no such way to sign in.", Optional.empty());
        }
        SsoProvider provider = found.get();
        Optional<String> rd = Optional.empty();
        try {
            LoginStates.Pending pending = takeState(provider, state, request);
            rd = Optional.of(pending.rd());
            if (error != null) {
                throw SsoFailure.refused("provider_" + Reasons.code(error));
            }
            if (code == null || code.isBlank()) {
                throw SsoFailure.badRequest("missing_code");
            }
            ProviderIdentity identity = provider.identity(pending, code);
            return landing.signIn(new SsoLanding.Origin(provider.name(), provider.linkByEmail()), identity, pending.rd(), request);
        } catch (SsoFailure failure) {
            return failed(provider.name(), failure, request, rd);
        } catch (StoreUnavailableException e) {
            return failed(provider.name(), SsoFailure.unavailable("store_unavailable"), request, rd);
        }
    }

    /**
     * The sign-in this callback ends, taken once: it must exist, belong to this provider, and have been
     * begun in this very browser.
     */
    private LoginStates.Pending takeState(SsoProvider provider, String state, HttpServerRequest request) {
        if (state == null || state.isBlank() || state.length() > 256) {
            throw SsoFailure.badRequest("missing_state");
        }
        LoginStates.Pending pending = states.take(state).orElseThrow(() -> SsoFailure.badRequest("unknown_state"));
        if (!pending.provider().equals(provider.name())) {
            throw SsoFailure.badRequest("state_of_another_provider");
        }
        Optional<String> browser = preLogin.readFrom(request);
        if (browser.isEmpty() || !Digests.sha256Hex(browser.get()).equals(pending.browser())) {
            throw SsoFailure.badRequest("state_of_another_browser");
        }
        return pending;
    }

    private Response failed(String provider, SsoFailure failure, HttpServerRequest request, Optional<String> rd) {
        return landing.failed(provider, failure, request, rd);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
