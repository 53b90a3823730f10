package dev.gatehouse.signin;

import java.util.Locale;
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
import org.jboss.logging.Logger;

import dev.gatehouse.authn.IdentityResolver;
import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.Problems;
import dev.gatehouse.signin.SigninPages.Visitor;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * What a browser sees instead of a bare 403 when the gateway refuses it (NGINX {@code error_page 403},
 * deploy/nginx/snippets/forbidden-page.conf): who it is signed in as, and buttons to sign out or switch
 * account and come back to the URL it asked for ({@code X-Original-URL}). Anything that does not ask for
 * HTML gets the 403 problem that {@code /auth/verify} gives.
 */
@Path("/auth/forbidden")
@Tag(name = "Browser sessions")
public class ForbiddenPage {

    static final String DETAIL = "Your account does not have a role this resource requires.";
    private static final Logger LOG = Logger.getLogger(ForbiddenPage.class);

    private final IdentityResolver identities;
    private final SigninPages pages;

    public ForbiddenPage(IdentityResolver identities, SigninPages pages) {
        this.identities = identities;
        this.pages = pages;
    }

    @GET
    @Operation(summary = "The 403 page for browsers the gateway refuses; problem+json for everything else")
    @APIResponse(responseCode = "403", description = "Always: an HTML page for Accept: text/html, else a problem", content = {
            @Content(mediaType = "text/html"), @Content(mediaType = Problem.MEDIA_TYPE) })
    public Uni<Response> page(@Context RoutingContext context) {
        if (!wantsHtml(context.request().getHeader(HttpHeaders.ACCEPT))) {
            return Uni.createFrom().item(Problems.builder(Problem.of(403, "Forbidden", DETAIL))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        }
        Optional<String> originalUrl = OriginalUrl.of(context.request());
        return identities.resolve(context)
                .map(identity -> identity.<Visitor>map(found -> new Visitor.SignedIn(found.username()))
                        .orElseGet(Visitor.SignedOut::new))
                .onFailure().recoverWithItem(failure -> {
                    // Still a page: it can say less, but sign-out works without knowing who.
                    LOG.debugf("Who is refused is unknown: %s", failure.toString());
                    return new Visitor.Unknown();
                })
                .map(visitor -> pages.html(403, pages.forbidden(visitor, originalUrl)).build());
    }

    static boolean wantsHtml(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }
}
