package dev.gatehouse.saml;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.sso.SsoConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * AuthnRequests sent and not yet answered, in Redis under the SHA-256 of their ID for
 * {@code GATEHOUSE_SSO_STATE_TTL}: a response counts only when its InResponseTo names one of them, and
 * only once, as taking one deletes it in the same step. Each keeps the hashes of the RelayState it was
 * sent with and of the browser's pre-login cookie, and the destination; RelayState itself is an opaque
 * random key, never the destination.
 */
@Singleton
class PendingRequests {

    record Pending(String relayHash, String browserHash, String rd) {
        @Override
        public String toString() {
            return "Pending[]";
        }

        /** Whether {@code relayState} and {@code browser} are the ones this request was sent with. */
        boolean sentWith(String relayState, String browser) {
            return same(relayHash, Digests.sha256Hex(relayState)) & same(browserHash, Digests.sha256Hex(browser));
        }

        private static boolean same(String a, String b) {
            return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static final String PREFIX = "gatehouse:saml:request:";
    /** KEYS: the request. Answers its fields and deletes it, in one step. */
    private static final String TAKE = """
            local fields = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return fields
            """;

    private final RedisGateway redis;
    private final Duration ttl;

    PendingRequests(RedisGateway redis, SsoConfig sso) {
        this.redis = redis;
        this.ttl = sso.stateTtl();
    }

    void save(String requestId, String relayState, String browser, String rd) {
        String key = key(requestId);
        Map<String, String> fields = Map.of("relay", Digests.sha256Hex(relayState), "browser", Digests.sha256Hex(browser), "rd", rd);
        redis.call(ds -> {
            ds.hash(String.class).hset(key, fields);
            return ds.key().pexpire(key, ttl.toMillis());
        });
    }

    /** The request {@code inResponseTo} names, once; empty when it is unknown, expired or answered already. */
    Optional<Pending> take(String inResponseTo) {
        Response answer = redis.eval(TAKE, List.of(key(inResponseTo)), List.of());
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; answer != null && i + 1 < answer.size(); i += 2) {
            fields.put(answer.get(i).toString(), answer.get(i + 1).toString());
        }
        if (!fields.keySet().containsAll(List.of("relay", "browser", "rd"))) {
            return Optional.empty();
        }
        return Optional.of(new Pending(fields.get("relay"), fields.get("browser"), fields.get("rd")));
    }

    private static String key(String requestId) {
        return PREFIX + Digests.sha256Hex(requestId);
    }
}
