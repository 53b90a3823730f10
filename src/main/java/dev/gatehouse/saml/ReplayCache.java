package dev.gatehouse.saml;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;

/**
 * Assertion ids already used, in Redis until the assertion could no longer be accepted anyway
 * (its NotOnOrAfter plus the clock skew): an assertion copied from a browser, a log or a proxy signs
 * nobody in a second time, whichever instance it reaches. SET NX decides in one step.
 */
@Singleton
class ReplayCache {

    private static final String PREFIX = "gatehouse:saml:assertion:";

    /** KEYS: the id. ARGV: milliseconds to keep it. Answers OK when it was not there. */
    private static final String SET_NX = "return redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1])";

    private final RedisGateway redis;

    ReplayCache(RedisGateway redis) {
        this.redis = redis;
    }

    /** True the first time {@code assertionId} is seen, from the identity provider {@code issuer}. */
    boolean firstUse(String issuer, String assertionId, Duration keep) {
        String key = PREFIX + Digests.sha256Hex(issuer + "\n" + assertionId);
        long millis = Math.max(1000, keep.toMillis());
        io.vertx.mutiny.redis.client.Response answer = redis.eval(SET_NX, List.of(key), List.of(Long.toString(millis)));
        return answer != null && "OK".equals(answer.toString());
    }
}
