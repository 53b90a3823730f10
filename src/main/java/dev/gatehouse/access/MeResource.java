package dev.gatehouse.access;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.authn.IdentityResolver;
import dev.gatehouse.authz.Catalog;
import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.user.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** {@code /auth/me}: who is signed in, and everything they may do. */
@Path("/auth/me")
@Tag(name = "Browser sessions")
public class MeResource {

    /**
     * Who is signed in: global roles, the role held in each department and on each granted resource,
     * and the permissions the global roles give (grants and departments add theirs on their resources).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(String username, List<String> roles, String email,
            @JsonProperty("authenticated_via") String authenticatedVia, @JsonProperty("acting_as_by") String actor,
            Map<String, String> departments, Map<String, String> grants, List<String> permissions) {
    }

    private final IdentityResolver identities;
    private final Access access;
    private final Catalog catalog;

    public MeResource(IdentityResolver identities, Access access, Catalog catalog) {
        this.identities = identities;
        this.access = access;
        this.catalog = catalog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who is signed in (session cookie or bearer token), with roles, departments, grants and permissions")
    @APIResponse(responseCode = "200", description = "The signed-in person")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Uni<Response> me(@Context RoutingContext context) {
        return identities.resolve(context)
                .map(identity -> identity
                        .map(found -> Response.ok(describe(found)).header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                        .orElseGet(() -> ProblemMappers.unauthorizedResponse("Not signed in.")));
    }

    private Me describe(Identity identity) {
        AccessSnapshot snapshot = access.snapshot();
        return new Me(identity.username(), Role.ids(identity.roles()), identity.email().orElse(null),
                identity.via().name().toLowerCase(java.util.Locale.ROOT), identity.actor().orElse(null),
                ids(snapshot.membershipsOf(identity.username())), ids(snapshot.grantsOf(identity.username())),
                catalog.permissionsOf(identity.roles()));
    }

    private static Map<String, String> ids(Map<String, Role> roles) {
        Map<String, String> ids = new TreeMap<>();
        roles.forEach((key, role) -> ids.put(key, role.id()));
        return ids;
    }
}
