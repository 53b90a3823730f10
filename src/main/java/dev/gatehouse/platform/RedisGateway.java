package dev.gatehouse.platform;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gatehouse.problem.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The one way into Redis. Every call is bounded in time and any fault surfaces as
 * {@link StoreUnavailableException}, which clients see as a quick 503; the client's pool reconnects
 * by itself once Redis is back. Each such fault counts in {@code gatehouse_redis_errors_total}.
 */
@Singleton
public class RedisGateway {

    private final RedisDataSource blocking;
    private final ReactiveRedisDataSource reactive;
    private final Duration timeout;
    private final Counter errors;

    public RedisGateway(RedisDataSource blocking, ReactiveRedisDataSource reactive,
            @ConfigProperty(name = "quarkus.redis.timeout", defaultValue = "2s") Duration timeout, MeterRegistry meters) {
        this.blocking = blocking;
        this.reactive = reactive;
        this.timeout = timeout;
        this.errors = Counter.builder("gatehouse.redis.errors")
                .description("Redis calls that failed or timed out (each answered as the store being unavailable)")
                .register(meters);
    }

    /** For worker or virtual threads. */
    public <T> T call(Function<RedisDataSource, T> operation) {
        try {
            return operation.apply(blocking);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Runs a Lua script with its keys and arguments, for worker or virtual threads. */
    public Response eval(String script, List<String> keys, List<String> args) {
        String[] arguments = new String[2 + keys.size() + args.size()];
        arguments[0] = script;
        arguments[1] = String.valueOf(keys.size());
        int i = 2;
        for (String key : keys) {
            arguments[i++] = key;
        }
        for (String arg : args) {
            arguments[i++] = arg;
        }
        return call(ds -> ds.execute("EVAL", arguments));
    }

    /** For the event loop: stores keep their command objects and pass every result through {@link #guard}. */
    public ReactiveRedisDataSource reactive() {
        return reactive;
    }

    public <T> Uni<T> guard(Uni<T> operation) {
        return operation.ifNoItem().after(timeout).failWith(() -> new IllegalStateException("Redis timed out"))
                .onFailure().transform(this::unavailable);
    }

    private StoreUnavailableException unavailable(Throwable cause) {
        errors.increment();
        return new StoreUnavailableException(cause);
    }
}
