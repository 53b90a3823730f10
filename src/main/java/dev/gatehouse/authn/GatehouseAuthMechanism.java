package dev.gatehouse.authn;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.session.SessionCookie;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The one way Gatehouse decides who a request speaks for, on every endpoint: a bearer token when the
 * request carries one (final: a bad token never falls back to the cookie), else the session cookie.
 * {@code @Authenticated}/{@code @RolesAllowed} resources get it from Quarkus; {@code /auth/verify}
 * and {@code /auth/me} call it through {@link IdentityResolver}.
 */
@Singleton
public class GatehouseAuthMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";
    private static final ChallengeData CHALLENGE = new ChallengeData(401, "WWW-Authenticate",
            ProblemMappers.BEARER_CHALLENGE);
    private static final ChallengeData EXPIRED = new ChallengeData(401, "WWW-Authenticate", ProblemMappers.EXPIRED_CHALLENGE);

    private final SessionCookie cookie;

    public GatehouseAuthMechanism(SessionCookie cookie) {
        this.cookie = cookie;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<AuthenticationRequest> request = credentials(context);
        if (request.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request.get(), context));
    }

    private Optional<AuthenticationRequest> credentials(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return Optional.of(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
        }
        return cookie.readFrom(context.request()).map(SessionAuthenticationRequest::new);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(Boolean.TRUE.equals(context.get(ProblemMappers.TOKEN_EXPIRED)) ? EXPIRED : CHALLENGE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class, SessionAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
