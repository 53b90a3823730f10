package dev.gatehouse.authn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gatehouse.captcha.CaptchaGuard;
import dev.gatehouse.captcha.Flow;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.token.TokenIssuer;
import dev.gatehouse.user.User;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

@Path("/auth/login")
@Tag(name = "Authentication")
public class LoginResource {

    private final LoginPipeline logins;
    private final PasswordFactor passwords;
    private final TokenIssuer tokens;
    private final ClientAddress clientAddress;
    private final CaptchaGuard captcha;

    public LoginResource(LoginPipeline logins, PasswordFactor passwords, TokenIssuer tokens, ClientAddress clientAddress,
            CaptchaGuard captcha) {
        this.logins = logins;
        this.passwords = passwords;
        this.tokens = tokens;
        this.clientAddress = clientAddress;
        this.captcha = captcha;
    }

    @POST
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a username and password for a bearer token")
    @APIResponse(responseCode = "200", description = "A signed JWT")
    @APIResponse(responseCode = "400", description = "Missing fields, or a missing or refused captcha (when the login flow requires one)")
    @APIResponse(responseCode = "401", description = "Invalid username or password, or too many failures (then with Retry-After)")
    @APIResponse(responseCode = "503", description = "The CAPTCHA or the LDAP directory cannot be asked right now; see Retry-After")
    public TokenResponse login(Credentials body, @Context HttpServerRequest request) {
        Credentials credentials = Credentials.require(body);
        String client = clientAddress.of(request);
        captcha.require(Flow.LOGIN, credentials.captcha(), client);
        User user = logins.signIn(credentials.username(), passwords, credentials.password(), client, "token");
        return TokenResponse.of(tokens.issue(user.username(), user.roles()));
    }
}
