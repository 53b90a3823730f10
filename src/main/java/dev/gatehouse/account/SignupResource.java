package dev.gatehouse.account;

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
import dev.gatehouse.authn.TokenResponse;
import dev.gatehouse.captcha.CaptchaGuard;
import dev.gatehouse.captcha.Flow;
import dev.gatehouse.code.CodeInput;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.token.TokenIssuer;
import dev.gatehouse.user.User;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

@Path("/auth/signup")
@Tag(name = "Accounts")
public class SignupResource {

    /** The one answer to every accepted signup, new address or not. */
    static final Detail REQUESTED = new Detail("If the address can be used, a code is on its way to it. Enter it to activate the account.");

    public record Detail(String detail) {
    }

    public record SignupRequest(String email, String password, String name, String captcha) {
        @Override
        public String toString() {
            return "SignupRequest[" + email + "]";
        }
    }

    public record SignupCode(String email, String code) {
        @Override
        public String toString() {
            return "SignupCode[" + email + "]";
        }
    }

    private final Signup signup;
    private final SignupCodeFactor signupCodes;
    private final LoginPipeline logins;
    private final TokenIssuer tokens;
    private final ClientAddress clientAddress;
    private final CaptchaGuard captcha;

    public SignupResource(Signup signup, SignupCodeFactor signupCodes, LoginPipeline logins, TokenIssuer tokens,
            ClientAddress clientAddress, CaptchaGuard captcha) {
        this.captcha = captcha;
        this.signup = signup;
        this.signupCodes = signupCodes;
        this.logins = logins;
        this.tokens = tokens;
        this.clientAddress = clientAddress;
    }

    @POST
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account: a code is mailed to the address (the address is the username)",
            description = "The answer is the same whether or not the address already has an account.")
    @APIResponse(responseCode = "202", description = "Accepted (the same body for every address)")
    @APIResponse(responseCode = "400", description = "Malformed address, a domain that may not sign up, or a password the policy refuses")
    @APIResponse(responseCode = "404", description = "Signing up is not enabled")
    @APIResponse(responseCode = "429", description = "Too many codes for this address or from this client; see Retry-After")
    @APIResponse(responseCode = "503", description = "The CAPTCHA verifier cannot be reached; see Retry-After")
    public Response signup(SignupRequest body, @Context HttpServerRequest request) {
        requireEnabled();
        SignupRequest fields = body == null ? new SignupRequest(null, null, null, null) : body;
        String client = clientAddress.of(request);
        captcha.require(Flow.SIGNUP, fields.captcha(), client);
        CodeInput.requireAccepted(signup.request(fields.email(), fields.password(), fields.name(), client));
        return Response.accepted(REQUESTED).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/verify")
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Activate the account with the mailed code; answers a bearer token")
    @APIResponse(responseCode = "200", description = "Activated and signed in")
    @APIResponse(responseCode = "400", description = "Malformed address or code")
    @APIResponse(responseCode = "401", description = "Wrong, expired, used or superseded code")
    @APIResponse(responseCode = "404", description = "Signing up is not enabled")
    public TokenResponse verify(SignupCode body, @Context HttpServerRequest request) {
        requireEnabled();
        String address = CodeInput.address("email", body == null ? null : body.email());
        String code = CodeInput.code(body.code());
        String client = clientAddress.of(request);
        User user = logins.signIn(address, signupCodes, new SignupCodeFactor.Proof(code, client), client, "signup");
        return TokenResponse.of(tokens.issue(user.username(), user.roles()));
    }

    private void requireEnabled() {
        if (!signup.enabled()) {
            throw Signup.notFound();
        }
    }
}
