package dev.gatehouse.admin;

import java.time.Duration;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Identities;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.signin.CrossSiteGuard;
import dev.gatehouse.token.IssuedToken;
import dev.gatehouse.token.TokenIssuer;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/**
 * Support staff seeing what a person sees, without their password and without a token in a URL: a
 * short bearer token for the person that names its holder in RFC 8693's {@code act} claim, so every
 * request made with it says who really made it ({@code Remote-Actor} at the gateway, audit lines).
 */
@Path("/api/admin/users/{username}/impersonate")
@Tag(name = "Admin: users")
public class ImpersonationResource {

    /** An impersonation token lives at most this long. */
    static final Duration LIFETIME = Duration.ofMinutes(15);

    public record Impersonation(String token, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn, String sub, Map<String, String> act) {
    }

    private final UserDirectory directory;
    private final TokenIssuer tokens;
    private final SecurityIdentity security;
    private final CrossSiteGuard crossSite;
    private final ClientAddress clientAddress;
    private final AuditLog audit;

    public ImpersonationResource(UserDirectory directory, TokenIssuer tokens, SecurityIdentity security,
            CrossSiteGuard crossSite, ClientAddress clientAddress, AuditLog audit) {
        this.directory = directory;
        this.tokens = tokens;
        this.security = security;
        this.crossSite = crossSite;
        this.clientAddress = clientAddress;
        this.audit = audit;
    }

    @POST
    @PermissionsAllowed("users:impersonate")
    @RunOnVirtualThread
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A 15-minute token for the account, carrying who acts through it (owners only)")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not an owner, the account is an owner, or the caller is already impersonating")
    @APIResponse(responseCode = "404", description = "No such active account")
    public Response impersonate(@PathParam("username") String username, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        Identity caller = Identities.require(security);
        if (caller.actor().isPresent()) {
            throw new ProblemException(403, "Forbidden", "An impersonation token cannot start another impersonation.");
        }
        User target = directory.find(username).filter(User::active)
                .orElseThrow(() -> new ProblemException(404, "Not Found", "No such active account."));
        if (target.roles().contains(Role.OWNER)) {
            throw new ProblemException(403, "Forbidden", "An owner cannot be impersonated.");
        }
        IssuedToken issued = tokens.issueActingAs(target.username(), target.roles(), caller.username(), LIFETIME);
        audit.record(AuditLog.Event.IMPERSONATION_STARTED, target.username(), clientAddress.of(request), "by",
                caller.username(), "expires_in", String.valueOf(issued.expiresInSeconds()));
        return Response.ok(new Impersonation(issued.token(), "Bearer", issued.expiresInSeconds(), target.username(),
                Map.of("sub", caller.username()))).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
