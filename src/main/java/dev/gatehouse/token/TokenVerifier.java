package dev.gatehouse.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.user.Role;

/**
 * Verifies access tokens against the key ring. Only RS256 is accepted, so {@code alg:none} and
 * HMAC tokens keyed with the public key fail before any key is used; the {@code kid} must name a
 * key of the ring. Only canonical compact tokens of bounded size are parsed at all
 * ({@link CanonicalCompactJws}), so one token has exactly one spelling.
 *
 * <p>Tokens that verified are remembered under the SHA-256 of their text until they expire, so a
 * client sending the same token again costs a hash and a lookup instead of an RSA check. The memory
 * is bounded by entries, and each entry by the token size limit.
 */
@Singleton
public class TokenVerifier {

    private static final AlgorithmConstraints RS256_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256);

    private final KeyRing keys;
    private final TokenConfig config;
    private final Clock clock;
    private final int graceSeconds;
    private final Cache<String, VerifiedToken> verified;

    public TokenVerifier(KeyRing keys, TokenConfig config, Clock clock,
            @ConfigProperty(name = "smallrye.jwt.expiration.grace", defaultValue = "0") int graceSeconds) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.graceSeconds = graceSeconds;
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.verifiedCacheSize())
                .expireAfter(Expiry.<String, VerifiedToken>creating((digest, token) -> untilExpiry(token)))
                .build();
    }

    public VerifiedToken verify(String token) throws InvalidTokenException {
        CanonicalCompactJws.require(token);
        String digest = Digests.sha256Hex(token);
        VerifiedToken known = verified.getIfPresent(digest);
        if (known != null && isCurrent(known)) {
            return known;
        }
        VerifiedToken fresh = verifyFully(token);
        if (config.verifiedCacheSize() > 0) {
            verified.put(digest, fresh);
        }
        return fresh;
    }

    /** How many verified tokens are remembered now (for the bound's test and for metrics). */
    long rememberedTokens() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private VerifiedToken verifyFully(String token) throws InvalidTokenException {
        try {
            JwtClaims claims = consumer(clock.millis()).processToClaims(token);
            List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
            return new VerifiedToken(claims.getSubject(), Role.parseAll(groups), claims.getJwtId(),
                    Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()).plusSeconds(graceSeconds), actorOf(claims));
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new InvalidTokenException(reason(e), e);
        }
    }

    /** RFC 8693's {@code act}: who acts through the token; a malformed one refuses the token. */
    private static Optional<String> actorOf(JwtClaims claims) throws MalformedClaimException {
        if (!claims.hasClaim("act")) {
            return Optional.empty();
        }
        if (!(claims.getClaimValue("act") instanceof Map<?, ?> act) || !(act.get("sub") instanceof String sub) || sub.isBlank()) {
            throw new MalformedClaimException("The act claim has no subject");
        }
        return Optional.of(sub);
    }

    private static String reason(Exception e) {
        return e instanceof InvalidJwtException invalid && invalid.hasExpired() ? InvalidTokenException.EXPIRED : e.getMessage();
    }

    private boolean isCurrent(VerifiedToken token) {
        return token.expiresAt().isAfter(clock.instant());
    }

    private Duration untilExpiry(VerifiedToken token) {
        Duration left = Duration.between(clock.instant(), token.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private JwtConsumer consumer(long nowMillis) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder();
        config.audience().ifPresentOrElse(audience -> builder.setExpectedAudience(true, audience),
                builder::setSkipDefaultAudienceValidation);
        return builder
                .setJwsAlgorithmConstraints(RS256_ONLY)
                .setVerificationKeyResolver(keyResolver())
                .setExpectedIssuer(config.issuer())
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
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
