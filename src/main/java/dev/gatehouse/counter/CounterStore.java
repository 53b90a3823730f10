package dev.gatehouse.counter;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/** The visit counter: one Redis integer, incremented atomically by INCR. */
@Singleton
public class CounterStore {

    static final String KEY = "gatehouse:counter:visits";
    private final RedisGateway redis;
    private final ReactiveValueCommands<String, Long> values;

    public CounterStore(RedisGateway redis) {
        this.redis = redis;
        this.values = redis.reactive().value(Long.class);
    }

    public Uni<Long> increment() {
        return redis.guard(values.incr(KEY));
    }
}
