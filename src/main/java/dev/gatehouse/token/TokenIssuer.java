package dev.gatehouse.token;

import java.time.Clock;
import java.time.Instant;
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
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = now.plus(config.lifetime());
        String jti = randomText.token(16);
        SigningKey key = keys.current();
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer());
        config.audience().ifPresent(claims::audience);
        String token = claims
                .subject(username)
                .upn(username)
                .claim("groups", Role.ids(roles))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", jti)
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(key.kid()).header("typ", "JWT")
                .sign(key.privateKey());
        return new IssuedToken(token, jti, expiresAt, config.lifetime().toSeconds());
    }
}
