package dev.gatehouse.sso;

import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.session.SessionStore;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token when a person signs
 * out there or is disabled there, and every Gatehouse session of that account ends, on every instance.
 * The token is checked as the specification says (signature by the provider's keys, {@code iss},
 * {@code aud}, {@code iat}, the logout event, {@code sub} or {@code sid}, and no {@code nonce}), and each
 * {@code jti} counts once.
 */
@Path("/auth/sso/{provider}/backchannel-logout")
@Tag(name = "Single sign-on")
public class BackChannelLogoutResource {

    private static final Logger LOG = Logger.getLogger(BackChannelLogoutResource.class);
    private static final String SEEN = "gatehouse:sso:logout-jti:";
    /** Logout tokens are short-lived; remembering their ids this long outlasts any that is still valid. */
    private static final Duration REMEMBER_JTI = Duration.ofHours(1);
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final OidcProviders providers;
    private final SsoAccounts accounts;
    private final SessionStore sessions;
    private final RedisGateway redis;
    private final AuditLog audit;
    private final ClientAddress clientAddress;

    BackChannelLogoutResource(OidcProviders providers, SsoAccounts accounts, SessionStore sessions, RedisGateway redis, AuditLog audit,
            ClientAddress clientAddress) {
        this.providers = providers;
        this.accounts = accounts;
        this.sessions = sessions;
        this.redis = redis;
        this.audit = audit;
        this.clientAddress = clientAddress;
    }

    @POST
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "OpenID Connect Back-Channel Logout: the provider ends a person's sessions here")
    @APIResponse(responseCode = "200", description = "The token holds: the account's sessions have ended")
    @APIResponse(responseCode = "400", description = "No logout token, or one that does not hold up (problem+json)")
    @APIResponse(responseCode = "404", description = "No such provider")
    @APIResponse(responseCode = "503", description = "The provider's keys or Redis cannot be reached")
    public Response logout(@PathParam("provider") String name, @RestForm("logout_token") String token,
            @Context HttpServerRequest request) {
        OidcProvider provider = providers.find(name)
                .orElseThrow(() -> new ProblemException(404, "Not Found", "There is no such single sign-on provider."));
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            throw refused(provider, request, "missing_logout_token");
        }
        LogoutTokenClaimsSet claims = validate(provider, token, request);
        if (claims.getJWTID() != null && !firstSighting(provider, claims.getJWTID().getValue())) {
            throw refused(provider, request, "replayed_logout_token");
        }
        Set<String> usernames = new LinkedHashSet<>();
        Optional.ofNullable(claims.getSubject()).ifPresent(sub -> usernames.add(accounts.usernameOf(provider.name(), sub.getValue())));
        Optional.ofNullable(claims.getSessionID())
                .flatMap(sid -> accounts.usernameOfSession(provider.name(), sid.getValue())).ifPresent(usernames::add);
        for (String username : usernames) {
            int ended = sessions.endSessionsOf(username, Optional.empty());
            audit.record(AuditLog.Event.SSO_BACKCHANNEL_LOGOUT, username, clientAddress.of(request), "provider", provider.name(),
                    "sessions", String.valueOf(ended));
        }
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private LogoutTokenClaimsSet validate(OidcProvider provider, String token, HttpServerRequest request) {
        try {
            return provider.endpoints().logoutTokens().validate(JWTParser.parse(token));
        } catch (SsoFailure e) {
            throw new ProblemException(503, "Service Unavailable", "The provider cannot be reached to check the token.");
        } catch (KeySourceException e) {
            throw new ProblemException(503, "Service Unavailable", "The provider's keys cannot be read to check the token.");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.debugf("Logout token from %s refused: %s", provider.name(), e.getMessage());
            throw refused(provider, request, "invalid_logout_token");
        }
    }

    private boolean firstSighting(OidcProvider provider, String jti) {
        String key = SEEN + provider.name() + ":" + Digests.sha256Hex(jti);
        return redis.call(ds -> ds.value(String.class).setnx(key, "1") && ds.key().pexpire(key, REMEMBER_JTI.toMillis()));
    }

    private ProblemException refused(OidcProvider provider, HttpServerRequest request, String reason) {
        audit.record(AuditLog.Event.SSO_LOGIN_FAILED, null, clientAddress.of(request), "provider", provider.name(), "reason", reason,
                "via", "backchannel-logout");
        return ProblemException.badRequest("The logout token does not hold up.");
    }
}
