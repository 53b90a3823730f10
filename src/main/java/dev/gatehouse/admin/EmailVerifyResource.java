package dev.gatehouse.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gatehouse.authn.Identities;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.signin.CrossSiteGuard;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/** The signed-in account confirms the new address an administrator gave it, with the code mailed there. */
@Path("/auth/email/verify")
@Tag(name = "Account")
public class EmailVerifyResource {

    /** The code from the mail. */
    public record CodeEntry(String code) {
        @Override
        public String toString() {
            return "CodeEntry[]";
        }
    }

    private final EmailChanges emailChanges;
    private final SecurityIdentity security;
    private final CrossSiteGuard crossSite;
    private final ClientAddress clientAddress;

    public EmailVerifyResource(EmailChanges emailChanges, SecurityIdentity security, CrossSiteGuard crossSite,
            ClientAddress clientAddress) {
        this.emailChanges = emailChanges;
        this.security = security;
        this.crossSite = crossSite;
        this.clientAddress = clientAddress;
    }

    @POST
    @Authenticated
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a new e-mail address with the code mailed to it (session cookie or bearer token)")
    @APIResponse(responseCode = "204", description = "The new address is the account's from now on")
    @APIResponse(responseCode = "400", description = "Malformed, wrong, expired or used code (five wrong entries burn it)")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Cross-site request")
    @APIResponse(responseCode = "409", description = "No new address waits, or another account has taken it meanwhile")
    public Response verify(CodeEntry body, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        String username = Identities.require(security).username();
        emailChanges.confirm(username, body == null ? null : body.code(), clientAddress.of(request));
        return Response.noContent().build();
    }
}
