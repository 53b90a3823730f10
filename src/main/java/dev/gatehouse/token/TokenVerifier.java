package dev.gatehouse.token;

import java.time.Clock;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies access tokens against the key ring. Only RS256 is accepted, so {@code alg:none} and
 * HMAC tokens keyed with the public key fail before any key is used; the {@code kid} must name a
 * key of the ring.
 */
@Singleton
public class TokenVerifier {

    private static final AlgorithmConstraints RS256_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256);

    private final KeyRing keys;
    private final TokenConfig config;
    private final Clock clock;
    private final int graceSeconds;
    private final ExpiringCache<String> verified;

    public TokenVerifier(KeyRing keys, TokenConfig config, Clock clock,
            @ConfigProperty(name = "smallrye.jwt.expiration.grace", defaultValue = "0") int graceSeconds) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.graceSeconds = graceSeconds;
        this.verified = new ExpiringCache<>(config.verifiedCacheSize());
    }

    /** The token's claims, a copy the caller may change. */
    public JwtClaims verify(String token) throws InvalidTokenException {
        long now = clock.millis();
        try {
            Optional<String> known = verified.find(token, now);
            if (known.isPresent()) {
                return JwtClaims.parse(known.get());
            }
            JwtClaims claims = consumer(now).processToClaims(token);
            verified.remember(token, claims.toJson(), expiresAtMillis(claims));
            return claims;
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(e.getMessage(), e);
        }
    }

    /** When a verified token stops counting: its {@code exp} plus the configured grace. */
    public long expiresAtMillis(JwtClaims claims) {
        try {
            return claims.getExpirationTime().getValueInMillis() + graceSeconds * 1000L;
        } catch (MalformedClaimException | NullPointerException e) {
            return 0;
        }
    }

    /** The clock verification runs on, for callers that keep verified results. */
    public long nowMillis() {
        return clock.millis();
    }

    private JwtConsumer consumer(long nowMillis) {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(RS256_ONLY)
                .setVerificationKeyResolver(keyResolver())
                .setExpectedIssuer(config.issuer())
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setSkipDefaultAudienceValidation()
                .setAllowedClockSkewInSeconds(graceSeconds)
                .setEvaluationTime(NumericDate.fromMilliseconds(nowMillis))
                .build();
    }

    private VerificationKeyResolver keyResolver() {
        return (jws, nestingContext) -> keys.find(jws.getKeyIdHeaderValue())
                .map(SigningKey::publicKey)
                .orElseThrow(() -> new UnresolvableKeyException("Unknown key id"));
    }
}
