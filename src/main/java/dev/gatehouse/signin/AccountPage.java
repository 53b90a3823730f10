package dev.gatehouse.signin;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.authn.IdentityResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The signed-in person's own page: who they are, where they are signed in (ending any other session),
 * changing the password, and signing out. It needs a browser session; without one it sends the browser
 * to the login page, which brings it back here.
 */
@Path(SigninPages.ACCOUNT_PATH)
@Tag(name = "Accounts")
public class AccountPage {

    static final String SIGN_IN_FIRST = SigninPages.loginUrl(Optional.of(SigninPages.ACCOUNT_PATH));

    private final IdentityResolver identities;
    private final SigninPages pages;
    private final SelfServicePages selfService;

    public AccountPage(IdentityResolver identities, SigninPages pages, SelfServicePages selfService) {
        this.identities = identities;
        this.pages = pages;
        this.selfService = selfService;
    }

    @GET
    @Operation(summary = "The signed-in person's account page (session cookie): sessions, password change, sign out")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "303", description = "No browser session: Location is /login?rd=%2Faccount")
    public Uni<Response> page(@Context RoutingContext context) {
        return identities.resolve(context).map(identity -> identity.filter(found -> found.via() == Identity.Via.SESSION)
                .map(found -> pages.html(200, selfService.account(found)).build())
                .orElseGet(() -> Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, SIGN_IN_FIRST)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").build()));
    }
}
