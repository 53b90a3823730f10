package dev.gatehouse.auth;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import dev.gatehouse.session.SessionStore;
import dev.gatehouse.token.InvalidTokenException;
import dev.gatehouse.token.TokenVerifier;
import io.smallrye.mutiny.Uni;

/**
 * Finds the identity behind a request from its bearer token or, failing that, its session cookie.
 * A bearer token that does not verify is final: it never falls back to the cookie.
 */
@Singleton
public class IdentityResolver {

    private static final String BEARER = "bearer ";

    private final TokenVerifier tokens;
    private final SessionStore sessions;

    public IdentityResolver(TokenVerifier tokens, SessionStore sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    public Uni<Optional<Identity>> resolve(String authorization, String sessionCookie) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().item(fromToken(authorization.substring(BEARER.length()).trim()));
        }
        if (sessionCookie != null && !sessionCookie.isEmpty()) {
            return sessions.find(sessionCookie).map(found -> found.map(session -> new Identity(session.username(),
                    session.roles(), Identity.Via.SESSION, Optional.of(session.id()))));
        }
        return Uni.createFrom().item(Optional.empty());
    }

    private Optional<Identity> fromToken(String token) {
        try {
            JwtClaims claims = tokens.verify(token);
            List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
            return Optional.of(new Identity(claims.getSubject(), groups, Identity.Via.TOKEN, Optional.empty()));
        } catch (InvalidTokenException | MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
