package dev.gatehouse.account;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import dev.gatehouse.session.SessionInfo;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.signin.CrossSiteGuard;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/** The caller's own browser sessions: which there are, and ending one. */
@Path("/auth/sessions")
@Tag(name = "Accounts")
@Authenticated
public class SessionsResource {

    /** One session as its owner sees it; {@code id} names it, and is not the cookie. */
    public record Listed(String id, Instant created, @JsonProperty("last_seen") Instant lastSeen,
            @JsonProperty("client_address") String clientAddress, @JsonProperty("user_agent") String userAgent,
            boolean current) {
        static Listed of(SessionInfo info, String currentHandle) {
            return new Listed(info.handle(), info.createdAt(), info.lastSeen(), info.clientAddress(), info.userAgent(),
                    info.handle().equals(currentHandle));
        }
    }

    private final SessionStore sessions;
    private final SecurityIdentity security;
    private final CrossSiteGuard crossSite;
    private final ClientAddress clientAddress;
    private final AuditLog audit;

    public SessionsResource(SessionStore sessions, SecurityIdentity security, CrossSiteGuard crossSite,
            ClientAddress clientAddress, AuditLog audit) {
        this.sessions = sessions;
        this.security = security;
        this.crossSite = crossSite;
        this.clientAddress = clientAddress;
        this.audit = audit;
    }

    @GET
    @RunOnVirtualThread
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List one's own sessions (session cookie or bearer token)")
    @APIResponse(responseCode = "200", description = "The sessions, oldest first; current marks the caller's")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Response list() {
        Identity caller = caller();
        String current = caller.sessionId().map(SessionStore::handleOf).orElse("");
        List<Listed> listed = sessions.sessionsOf(caller.username()).stream().map(info -> Listed.of(info, current)).toList();
        return Response.ok(listed).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Path("/{id}")
    @RunOnVirtualThread
    @Operation(summary = "End one of one's own sessions, on every instance")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Cross-site request")
    @APIResponse(responseCode = "404", description = "No such session of this account")
    public Response end(@PathParam("id") String id, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        Identity caller = caller();
        if (id == null || !id.matches("[0-9a-f]{64}") || !sessions.endSessionOf(caller.username(), id)) {
            throw new ProblemException(404, "Not Found", "You have no such session.");
        }
        audit.record(AuditLog.Event.SESSION_REVOKED, caller.username(), clientAddress.of(request), "by", caller.username());
        return Response.noContent().build();
    }

    private Identity caller() {
        return Identities.require(security);
    }
}
