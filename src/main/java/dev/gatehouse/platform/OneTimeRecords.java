package dev.gatehouse.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.vertx.mutiny.redis.client.Response;

/**
 * Records that may be used once: a Redis hash under the SHA-256 of its id, kept for a while, and
 * taken (read and deleted in one step) at most once, however many instances ask. A copy of the
 * database holds no usable id. Sign-ins under way at an outside provider live here.
 */
@Singleton
public class OneTimeRecords {

    /** KEYS: the record. Answers its fields and deletes it, in one step. */
    private static final String TAKE = """
            local fields = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return fields
            """;

    private final RedisGateway redis;

    OneTimeRecords(RedisGateway redis) {
        this.redis = redis;
    }

    /** Keeps {@code fields} under {@code prefix} and the hash of {@code id} for {@code lifetime}. */
    public void put(String prefix, String id, Map<String, String> fields, Duration lifetime) {
        String key = prefix + Digests.sha256Hex(id);
        redis.call(ds -> {
            ds.hash(String.class).hset(key, fields);
            return ds.key().pexpire(key, lifetime.toMillis());
        });
    }

    /** The record, once; empty when it is unknown, expired, taken already, or lacks one of {@code required}. */
    public Optional<Map<String, String>> take(String prefix, String id, Collection<String> required) {
        Response answer = redis.eval(TAKE, List.of(prefix + Digests.sha256Hex(id)), List.of());
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; answer != null && i + 1 < answer.size(); i += 2) {
            fields.put(answer.get(i).toString(), answer.get(i + 1).toString());
        }
        return fields.keySet().containsAll(required) ? Optional.of(fields) : Optional.empty();
    }
}
