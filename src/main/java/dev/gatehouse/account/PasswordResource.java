package dev.gatehouse.account;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.authn.Identities;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.captcha.CaptchaGuard;
import dev.gatehouse.captcha.Flow;
import dev.gatehouse.code.CodeInput;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.signin.CrossSiteGuard;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

@Path("/auth/password")
@Tag(name = "Accounts")
public class PasswordResource {

    static final Map<String, String> FORGOT = Map.of("detail",
            "If an account has this address, a code to reset its password is on its way.");

    public record Forgot(String email, String captcha) {
        @Override
        public String toString() {
            return "Forgot[" + email + "]";
        }
    }

    public record Reset(String email, String code, @JsonProperty("new_password") String newPassword) {
        @Override
        public String toString() {
            return "Reset[" + email + "]";
        }
    }

    public record Change(@JsonProperty("current_password") String currentPassword,
            @JsonProperty("new_password") String newPassword) {
        @Override
        public String toString() {
            return "Change[]";
        }
    }

    private final Passwords passwords;
    private final ClientAddress clientAddress;
    private final CrossSiteGuard crossSite;
    private final SecurityIdentity security;
    private final CaptchaGuard captcha;

    public PasswordResource(Passwords passwords, ClientAddress clientAddress, CrossSiteGuard crossSite, SecurityIdentity security,
            CaptchaGuard captcha) {
        this.captcha = captcha;
        this.passwords = passwords;
        this.clientAddress = clientAddress;
        this.crossSite = crossSite;
        this.security = security;
    }

    @POST
    @Path("/forgot")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mail a password reset code, if an account has the address",
            description = "The answer is the same whether or not an account has the address.")
    @APIResponse(responseCode = "202", description = "Accepted (the same body for every address)")
    @APIResponse(responseCode = "400", description = "Malformed address")
    @APIResponse(responseCode = "429", description = "Too many codes for this address or from this client; see Retry-After")
    @APIResponse(responseCode = "503", description = "The CAPTCHA verifier cannot be reached; see Retry-After")
    public Response forgot(Forgot body, @Context HttpServerRequest request) {
        String client = clientAddress.of(request);
        captcha.require(Flow.FORGOT, body == null ? null : body.captcha(), client);
        CodeInput.requireAccepted(passwords.forgot(body == null ? null : body.email(), client));
        return Response.accepted(FORGOT).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/reset")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with the mailed code; every earlier session and token ends")
    @APIResponse(responseCode = "204", description = "The password is changed")
    @APIResponse(responseCode = "400", description = "Malformed address or code, or a password the policy refuses")
    @APIResponse(responseCode = "401", description = "Wrong, expired, used or superseded code")
    public Response reset(Reset body, @Context HttpServerRequest request) {
        Reset fields = body == null ? new Reset(null, null, null) : body;
        passwords.reset(fields.email(), fields.code(), fields.newPassword(), clientAddress.of(request));
        return Response.noContent().build();
    }

    @POST
    @Path("/change")
    @Authenticated
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change one's own password (session cookie or bearer token); other sessions end")
    @APIResponse(responseCode = "204", description = "The password is changed; this session stays")
    @APIResponse(responseCode = "400", description = "A password the policy refuses, or a missing field")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong current password")
    @APIResponse(responseCode = "403", description = "Cross-site request")
    public Response change(Change body, @Context HttpServerRequest request) {
        crossSite.requireSameSite(request);
        Identity caller = Identities.require(security);
        Change fields = body == null ? new Change(null, null) : body;
        passwords.change(caller, fields.currentPassword(), fields.newPassword(), clientAddress.of(request));
        return Response.noContent().build();
    }
}
