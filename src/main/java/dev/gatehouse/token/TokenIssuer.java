package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.user.Role;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signs access tokens with the key ring's current key. */
@Singleton
public class TokenIssuer {

    private final KeyRing keys;
    private final TokenConfig config;
    private final Clock clock;
    private final SecureRandomText randomText;

    public TokenIssuer(KeyRing keys, TokenConfig config, Clock clock, SecureRandomText randomText) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.randomText = randomText;
    }

    public IssuedToken issue(String username, Set<Role> roles) {
        return issue(username, roles, Optional.empty(), config.lifetime());
    }

    /**
     * A token for {@code username} that another account acts through: it carries RFC 8693's
     * {@code act} claim, {@code {"sub": actor}}, and lives {@code lifetime} at most (never longer than
     * ordinary tokens).
     */
    public IssuedToken issueActingAs(String username, Set<Role> roles, String actor, Duration lifetime) {
        return issue(username, roles, Optional.of(actor), lifetime.compareTo(config.lifetime()) < 0 ? lifetime : config.lifetime());
    }

    private IssuedToken issue(String username, Set<Role> roles, Optional<String> actor, Duration lifetime) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = now.plus(lifetime);
        String jti = randomText.token(16);
        SigningKey key = keys.current();
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer());
        config.audience().ifPresent(claims::audience);
        claims
                .subject(username)
                .upn(username)
                .claim("groups", Role.ids(roles))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", jti);
        actor.ifPresent(sub -> claims.claim("act", Map.of("sub", sub)));
        String token = claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(key.kid()).header("typ", "JWT")
                .sign(key.privateKey());
        return new IssuedToken(token, jti, expiresAt, lifetime.toSeconds());
    }
}
