package dev.gatehouse.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results of verifying a token, keyed by the exact token text, so that a client sending the same
 * token again costs a map lookup instead of an RSA verification. Any other text — a tampered copy
 * included — misses and is verified in full. An entry counts only until the token's own expiry.
 */
final class ExpiringCache<V> {

    private record Entry<V>(V value, long expiresAtMillis) {
    }

    private final int maxEntries;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    Optional<V> find(String token, long nowMillis) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= nowMillis) {
            entries.remove(token);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    void remember(String token, V value, long expiresAtMillis) {
        if (maxEntries <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            // Bounded and simple: a full cache starts over rather than tracking recency.
            entries.clear();
        }
        entries.put(token, new Entry<>(value, expiresAtMillis));
    }
}
