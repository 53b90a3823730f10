package dev.gatehouse.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Tokens whose signature and claims already verified, keyed by the exact token text, so that a
 * client sending the same token again costs a map lookup instead of an RSA verification. Any other
 * text — a tampered copy included — misses and is verified in full. Entries stop counting at the
 * token's expiry.
 */
final class VerifiedTokens {

    private record Entry(String claimsJson, long expiresAtMillis) {
    }

    private final int maxEntries;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedTokens(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** A fresh copy of the claims (callers may change it), while the token is still unexpired. */
    Optional<JwtClaims> find(String token, long nowMillis) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= nowMillis) {
            entries.remove(token);
            return Optional.empty();
        }
        try {
            return Optional.of(JwtClaims.parse(entry.claimsJson()));
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }

    void remember(String token, JwtClaims claims, long graceMillis) {
        if (maxEntries <= 0) {
            return;
        }
        try {
            if (entries.size() >= maxEntries) {
                // Simple and bounded: a full cache starts over rather than tracking recency.
                entries.clear();
            }
            entries.put(token, new Entry(claims.toJson(), claims.getExpirationTime().getValueInMillis() + graceMillis));
        } catch (MalformedClaimException e) {
            // Not cacheable; it still verified, so nothing else to do.
        }
    }
}
