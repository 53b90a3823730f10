package dev.gatehouse.signin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

import dev.gatehouse.authn.LoginPipeline;
import dev.gatehouse.captcha.CaptchaGuard;
import dev.gatehouse.captcha.Flow;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.http.RequestOrigin;
import dev.gatehouse.code.CodeInput;
import dev.gatehouse.otp.CodeRequests;
import dev.gatehouse.otp.OtpFactor;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/** Sign-in by a code sent by mail to an address on the allowlist. */
@Path("/auth/otp")
@Tag(name = "Sign-in by e-mailed code")
public class OtpResource {

    /** The one answer to every accepted request, listed address or not. */
    static final Map<String, String> REQUESTED = Map.of("detail",
            "If this address may sign in, a code is on its way. Enter it within its lifetime; only the newest code works.");

    /**
     * Which address wants a code; {@code rd} is accepted for symmetry with verify and not used;
     * {@code captcha} is the widget's answer, required when the {@code otp} flow is guarded.
     */
    public record CodeRequest(String email, String rd, String captcha) {
        @Override
        public String toString() {
            return "CodeRequest[" + email + "]";
        }
    }

    /** An address and the code it received; {@code rd} is where to go afterwards. */
    public record CodeEntry(String email, String code, String rd) {
        @Override
        public String toString() {
            return "CodeEntry[" + email + "]";
        }
    }

    /** Signed in: who, and where the page should go next. */
    public record CodeAccepted(String username, List<String> roles, String redirect) {
    }

    private final CodeRequests requests;
    private final OtpFactor codes;
    private final LoginPipeline logins;
    private final BrowserSessions browsers;
    private final CrossSiteGuard crossSite;
    private final RedirectPolicy redirects;
    private final RequestOrigin requestOrigin;
    private final ClientAddress clientAddress;
    private final CaptchaGuard captcha;

    public OtpResource(CodeRequests requests, OtpFactor codes, LoginPipeline logins, BrowserSessions browsers,
            CrossSiteGuard crossSite, RedirectPolicy redirects, RequestOrigin requestOrigin, ClientAddress clientAddress,
            CaptchaGuard captcha) {
        this.requests = requests;
        this.codes = codes;
        this.logins = logins;
        this.browsers = browsers;
        this.crossSite = crossSite;
        this.redirects = redirects;
        this.requestOrigin = requestOrigin;
        this.clientAddress = clientAddress;
        this.captcha = captcha;
    }

    @POST
    @Path("/request")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mail a sign-in code to an address, if the allowlist admits it",
            description = "The answer is the same for every address, listed or not; only listed addresses get mail.")
    @APIResponse(responseCode = "202", description = "Accepted (the same body for every address)")
    @APIResponse(responseCode = "400", description = "Malformed address or body, or a missing or refused captcha")
    @APIResponse(responseCode = "404", description = "Sign-in by code is not configured")
    @APIResponse(responseCode = "429", description = "Too many requests for this address or from this client; see Retry-After")
    @APIResponse(responseCode = "503", description = "The CAPTCHA cannot be checked right now; see Retry-After")
    public Response request(CodeRequest body, @Context HttpServerRequest request) {
        requireEnabled();
        crossSite.requireSameSite(request);
        String address = CodeInput.address("email", body == null ? null : body.email());
        String client = clientAddress.of(request);
        captcha.require(Flow.OTP, body.captcha(), client);
        CodeInput.requireAccepted(requests.request(address, client));
        return Response.accepted(REQUESTED).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/verify")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in a browser with a mailed code: sets the session cookie and says where to go next")
    @APIResponse(responseCode = "200", description = "Signed in; the session cookie is set")
    @APIResponse(responseCode = "400", description = "Malformed address, code or body")
    @APIResponse(responseCode = "401", description = "Wrong, expired, used or superseded code, or too many failures (then with Retry-After)")
    @APIResponse(responseCode = "404", description = "Sign-in by code is not configured")
    public Response verify(CodeEntry body, @Context HttpServerRequest request) {
        requireEnabled();
        crossSite.requireSameSite(request);
        String address = CodeInput.address("email", body == null ? null : body.email());
        String code = CodeInput.code(body.code());
        String device = browsers.deviceOf(request);
        String client = clientAddress.of(request);
        User user = logins.signIn(address, codes, new OtpFactor.Proof(code, client), client, Optional.of(device), "otp");
        BrowserSessions.Opened opened = browsers.open(user, codes.method(), device, request);
        String redirect = redirects.safe(body.rd(), requestOrigin.of(request));
        return browsers.withCookies(Response.ok(new CodeAccepted(user.username(), Role.ids(user.roles()), redirect)), opened)
                .build();
    }

    private void requireEnabled() {
        if (!requests.enabled()) {
            throw new ProblemException(404, "Not Found", "Sign-in by e-mailed code is not configured here.");
        }
    }
}
