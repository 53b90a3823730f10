package dev.gatehouse.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import dev.gatehouse.platform.SecureRandomText;

/** Mints RS256 access tokens with the claims MicroProfile JWT expects. */
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

    public IssuedToken issue(String username, List<String> groups) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = now.plus(config.lifetime());
        String jti = randomText.token(16);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(username);
        claims.setClaim("upn", username);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(jti);
        return new IssuedToken(sign(claims), jti, expiresAt, config.lifetime().toSeconds());
    }

    private String sign(JwtClaims claims) {
        SigningKey key = keys.current();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign token", e);
        }
    }
}
