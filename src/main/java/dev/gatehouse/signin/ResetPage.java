package dev.gatehouse.signin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The page for a forgotten password: the address, then the mailed code with a new password; then back
 * to the login page ({@code ?notice=password-reset}, and {@code ?rd=} as it came).
 */
@Path(SigninPages.RESET_PATH)
@Tag(name = "Accounts")
public class ResetPage {

    private final SelfServicePages selfService;

    public ResetPage(SelfServicePages selfService) {
        this.selfService = selfService;
    }

    @GET
    @NonBlocking
    @Operation(summary = "The page for resetting a forgotten password with a mailed code; ?rd= is kept for the login page")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html"))
    public Response page(@RestQuery String rd) {
        return selfService.resetHtml(rd).build();
    }
}
