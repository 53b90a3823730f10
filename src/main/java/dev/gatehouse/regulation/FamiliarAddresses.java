package dev.gatehouse.regulation;

import java.time.Clock;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;

/**
 * Where each user signed in successfully lately: a Redis hash per user, address to the time of the
 * last success, kept for {@code familiar-for} after the last one.
 */
@Singleton
public class FamiliarAddresses {

    private static final String PREFIX = "gatehouse:regulation:familiar:";

    private final RedisGateway redis;
    private final RegulationConfig config;
    private final Clock clock;

    public FamiliarAddresses(RedisGateway redis, RegulationConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    boolean knows(String username, String address) {
        String lastSuccess = redis.call(ds -> ds.hash(String.class).hget(PREFIX + username, address));
        return lastSuccess != null && clock.millis() - Long.parseLong(lastSuccess) < config.familiarFor().toMillis();
    }

    void remember(String username, String address) {
        String key = PREFIX + username;
        redis.call(ds -> {
            ds.hash(String.class).hset(key, Map.of(address, String.valueOf(clock.millis())));
            return ds.key().pexpire(key, config.familiarFor().toMillis());
        });
    }
}
