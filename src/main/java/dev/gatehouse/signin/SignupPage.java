package dev.gatehouse.signin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.gatehouse.problem.Problem;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The page for creating an account: address, name and password, then the mailed code; once the code
 * holds, the page signs the browser in and goes on to {@code ?rd=}. Only where signup is enabled.
 */
@Path(SigninPages.SIGNUP_PATH)
@Tag(name = "Accounts")
public class SignupPage {

    private final SelfServicePages selfService;

    public SignupPage(SelfServicePages selfService) {
        this.selfService = selfService;
    }

    @GET
    @NonBlocking
    @Operation(summary = "The page for creating an account; ?rd= is where to go once signed in")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "404", description = "Signing up is not enabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response page(@RestQuery String rd) {
        return selfService.signupHtml(rd).build();
    }
}
