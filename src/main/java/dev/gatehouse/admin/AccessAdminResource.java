package dev.gatehouse.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gatehouse.access.AccessAdmin;
import dev.gatehouse.authn.Identities;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.authz.Catalog;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.signin.CrossSiteGuard;
import dev.gatehouse.user.Role;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/** Resources, their grants, departments and their members; and the role catalog. */
@Path("/api/admin")
@Tag(name = "Admin: access")
@Authenticated
public class AccessAdminResource {

    public record ResourceBody(String name, String department) {
    }

    public record RoleBody(String role) {
    }

    public record DepartmentBody(String name) {
    }

    public record Department(String id, String name) {
    }

    public record CatalogRole(String role, List<String> permissions) {
    }

    private final AccessAdmin admin;
    private final Catalog catalog;
    private final SecurityIdentity security;
    private final CrossSiteGuard crossSite;
    private final ClientAddress clientAddress;

    public AccessAdminResource(AccessAdmin admin, Catalog catalog, SecurityIdentity security, CrossSiteGuard crossSite,
            ClientAddress clientAddress) {
        this.admin = admin;
        this.catalog = catalog;
        this.security = security;
        this.crossSite = crossSite;
        this.clientAddress = clientAddress;
    }

    @GET
    @Path("/roles")
    @PermissionsAllowed("users:view")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The role catalog, each role with its permissions")
    @APIResponse(responseCode = "200", description = "Every role, in catalog order")
    public List<CatalogRole> roles() {
        return java.util.Arrays.stream(Role.values())
                .map(role -> new CatalogRole(role.id(), catalog.permissionsOf(List.of(role)))).toList();
    }

    @GET
    @Path("/resources")
    @RunOnVirtualThread
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resources: all for owners and admins, their departments' for department admins")
    @APIResponse(responseCode = "200", description = "The resources")
    @APIResponse(responseCode = "403", description = "Neither an owner, an admin nor a department admin")
    public List<AccessAdmin.Resource> resources() {
        return admin.resources(caller());
    }

    @PUT
    @Path("/resources/{id}")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or rename a resource, optionally owned by a department")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "A bad id or name, or an unknown department")
    @APIResponse(responseCode = "403", description = "Not allowed to change this resource")
    public Response putResource(@PathParam("id") String id, ResourceBody body, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        ResourceBody fields = body == null ? new ResourceBody(null, null) : body;
        AccessAdmin.Outcome<AccessAdmin.Resource> outcome = admin.putResource(caller(), id, fields.name(),
                Optional.ofNullable(fields.department()).filter(d -> !d.isBlank()));
        return answer(outcome, "/api/admin/resources/" + id);
    }

    @DELETE
    @Path("/resources/{id}")
    @RunOnVirtualThread
    @Operation(summary = "Delete a resource and its grants")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such resource")
    public Response deleteResource(@PathParam("id") String id, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        admin.deleteResource(caller(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/resources/{id}/grants")
    @RunOnVirtualThread
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who was given which role on a resource")
    @APIResponse(responseCode = "200", description = "The grants")
    @APIResponse(responseCode = "404", description = "No such resource")
    public List<AccessAdmin.Given> grants(@PathParam("id") String id) {
        return admin.grants(caller(), id);
    }

    @PUT
    @Path("/resources/{id}/grants/{username}")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give an account a role on a resource")
    @APIResponse(responseCode = "200", description = "The role was changed")
    @APIResponse(responseCode = "201", description = "Granted")
    @APIResponse(responseCode = "400", description = "Unknown role")
    @APIResponse(responseCode = "403", description = "Not allowed here, or owner given by a non-owner")
    @APIResponse(responseCode = "404", description = "No such resource or account")
    public Response grant(@PathParam("id") String id, @PathParam("username") String username, RoleBody body,
            @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        return answer(admin.grant(caller(), id, username, body == null ? null : body.role(), clientAddress.of(request)),
                "/api/admin/resources/" + id + "/grants/" + username);
    }

    @DELETE
    @Path("/resources/{id}/grants/{username}")
    @RunOnVirtualThread
    @Operation(summary = "Take an account's role on a resource away")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such resource or grant")
    public Response revoke(@PathParam("id") String id, @PathParam("username") String username,
            @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        admin.revoke(caller(), id, username, clientAddress.of(request));
        return Response.noContent().build();
    }

    @PUT
    @Path("/departments/{id}")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or rename a department (owners and admins)")
    @APIResponse(responseCode = "200", description = "Renamed")
    @APIResponse(responseCode = "201", description = "Created")
    public Response putDepartment(@PathParam("id") String id, DepartmentBody body, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        AccessAdmin.Outcome<String> outcome = admin.putDepartment(caller(), id, body == null ? null : body.name());
        return answer(new AccessAdmin.Outcome<>(new Department(id, outcome.value()), outcome.created()),
                "/api/admin/departments/" + id);
    }

    @DELETE
    @Path("/departments/{id}")
    @RunOnVirtualThread
    @Operation(summary = "Delete a department; its resources stay, without a department")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such department")
    public Response deleteDepartment(@PathParam("id") String id, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        admin.deleteDepartment(caller(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/departments/{id}/members")
    @RunOnVirtualThread
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A department's members and their roles")
    @APIResponse(responseCode = "200", description = "The members")
    public List<AccessAdmin.Given> members(@PathParam("id") String id) {
        return admin.members(caller(), id);
    }

    @PUT
    @Path("/departments/{id}/members/{username}")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an account a member of a department, with a role that applies to its resources")
    @APIResponse(responseCode = "200", description = "The role was changed")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "Unknown role")
    @APIResponse(responseCode = "403", description = "Not an admin of this department, or owner given by a non-owner")
    @APIResponse(responseCode = "404", description = "No such department or account")
    public Response addMember(@PathParam("id") String id, @PathParam("username") String username, RoleBody body,
            @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        return answer(admin.addMember(caller(), id, username, body == null ? null : body.role(), clientAddress.of(request)),
                "/api/admin/departments/" + id + "/members/" + username);
    }

    @DELETE
    @Path("/departments/{id}/members/{username}")
    @RunOnVirtualThread
    @Operation(summary = "Remove an account from a department")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such department or member")
    public Response removeMember(@PathParam("id") String id, @PathParam("username") String username,
            @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        admin.removeMember(caller(), id, username, clientAddress.of(request));
        return Response.noContent().build();
    }

    private static <T> Response answer(AccessAdmin.Outcome<T> outcome, String location) {
        return outcome.created() ? Response.created(path(location)).entity(outcome.value()).build()
                : Response.ok(outcome.value()).build();
    }

    /**
     * {@code location} as a URI path, quoting what a path may not hold as it stands: accounts made at
     * a single sign-on have names such as {@code saml:ann|3f2a9c1d0b7e4a55}.
     */
    private static URI path(String location) {
        try {
            return new URI(null, null, location, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a path: " + location, e);
        }
    }

    private Identity caller() {
        return Identities.require(security);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
