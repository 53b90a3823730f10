package dev.gatehouse.counter;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;
import io.smallrye.mutiny.Uni;

/** The visit counter: one Redis integer, incremented atomically by INCR. */
@Singleton
public class CounterStore {

    static final String KEY = "gatehouse:counter:visits";
    private final RedisGateway redis;

    public CounterStore(RedisGateway redis) {
        this.redis = redis;
    }

    public Uni<Long> increment() {
        return redis.react(ds -> ds.value(Long.class).incr(KEY));
    }
}
