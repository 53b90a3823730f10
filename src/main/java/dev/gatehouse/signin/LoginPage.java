package dev.gatehouse.signin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The login page: HTML whose script and style come from this origin only. Its form posts to
 * {@code /auth/session}, so it signs in without JavaScript too; a failed attempt comes back here with
 * {@code ?error=}, which the page shows.
 */
@Path(SigninPages.LOGIN_PATH)
@Tag(name = "Browser sessions")
public class LoginPage {

    private final SigninPages pages;

    public LoginPage(SigninPages pages) {
        this.pages = pages;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The sign-in page for browsers; ?rd= is where to return afterwards, ?error= why the last attempt "
            + "failed, ?notice=password-reset that a password was just reset")
    public Response page(@RestQuery String rd, @RestQuery String error, @RestQuery("retry_after") String retryAfter,
            @RestQuery String notice) {
        return pages.loginHtml(200, pages.login(rd, LoginError.fromQuery(error, retryAfter), notice)).build();
    }
}
