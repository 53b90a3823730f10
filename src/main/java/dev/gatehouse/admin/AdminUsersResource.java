package dev.gatehouse.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gatehouse.authn.Identities;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.signin.CrossSiteGuard;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/** Accounts, for owners and administrators; the rules live in {@link UserAdministration}. */
@Path("/api/admin/users")
@Tag(name = "Administration", description = "Accounts, for owners and administrators")
@RolesAllowed({ "owner", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Not signed in: no bearer token or session, or one that no longer holds")
@APIResponse(responseCode = "403", description = "Signed in without the owner or admin role")
@APIResponse(responseCode = "503", description = "Redis is unavailable")
public class AdminUsersResource {

    private final UserAdministration users;
    private final SecurityIdentity security;
    private final CrossSiteGuard crossSite;
    private final ClientAddress clientAddress;

    public AdminUsersResource(UserAdministration users, SecurityIdentity security, CrossSiteGuard crossSite,
            ClientAddress clientAddress) {
        this.users = users;
        this.security = security;
        this.crossSite = crossSite;
        this.clientAddress = clientAddress;
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "List accounts, by name, a page at a time")
    @APIResponse(responseCode = "200", description = "The page and the number of matching accounts")
    @APIResponse(responseCode = "400", description = "page or size is not a number in range")
    public UserList list(
            @Parameter(description = "Only accounts whose username, e-mail address or name contains this, in any case")
            @QueryParam("q") String q,
            @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Accounts per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "100", defaultValue = "20"))
            @QueryParam("size") String size) {
        return users.list(ListQuery.parse(q, page, size));
    }

    @GET
    @Path("/{username}")
    @RunOnVirtualThread
    @Operation(summary = "One account")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "404", description = "No account has this name")
    public AccountView get(@PathParam("username") String username) {
        return users.get(username);
    }

    @POST
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an account",
            description = "Without a password, a code to set one is mailed to the address (the password reset page "
                    + "takes it); the account cannot sign in until then. Only an owner may give the owner role.")
    @APIResponse(responseCode = "201", description = "Made; Location names it",
            headers = @Header(name = "Location", description = "/api/admin/users/{username}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed, a role is unknown, or the password "
            + "breaks the policy (errors lists each), or there is neither password nor address")
    @APIResponse(responseCode = "409", description = "The username, or the address, belongs to another account")
    @APIResponse(responseCode = "429", description = "Too many codes mailed to this address or from this client; see Retry-After")
    public Response create(NewAccount body, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        AccountView created = users.create(actor(), body, clientAddress.of(request));
        String location = UriBuilder.fromPath("/api/admin/users/{username}").build(created.username()).toString();
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location).entity(created).build();
    }

    @PATCH
    @Path("/{username}")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an account's roles, name, address, or whether it is disabled",
            description = "Role changes and disabling reach the account's live sessions and tokens within seconds. A new "
                    + "address gets a code and applies once the account enters it at POST /auth/email/verify.")
    @APIResponse(responseCode = "200", description = "The account as it is now (the old address until the new one is confirmed)")
    @APIResponse(responseCode = "400", description = "A field is malformed or a role is unknown (errors lists each)")
    @APIResponse(responseCode = "403", description = "Giving the owner role without being an owner")
    @APIResponse(responseCode = "404", description = "No account has this name")
    @APIResponse(responseCode = "409", description = "Demoting or disabling an account the configuration declares, or the "
            + "last active owner; or the address belongs to another account")
    @APIResponse(responseCode = "429", description = "Too many codes mailed; see Retry-After")
    public AccountView update(@PathParam("username") String username, AccountPatch body, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        return users.update(actor(), username, body, clientAddress.of(request));
    }

    @DELETE
    @Path("/{username}")
    @RunOnVirtualThread
    @Operation(summary = "Remove an account; its sessions and tokens end")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No account has this name")
    @APIResponse(responseCode = "409", description = "The configuration declares the account, or it is the last active owner")
    public Response delete(@PathParam("username") String username, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        users.delete(actor(), username, clientAddress.of(request));
        return Response.noContent().build();
    }

    private Identity actor() {
        return Identities.require(security);
    }
}
