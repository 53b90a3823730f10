package dev.gatehouse.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

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
 * by itself once Redis is back (with Sentinel: to whichever server is master then). Each such fault
 * counts in {@code gatehouse_redis_errors_total}.
 *
 * <p>The {@code durably} calls are for writes that must survive a failover ({@link ReplicationConfig}):
 * with Sentinel they send {@code WAIT 1 <ms>} on the connection that wrote, so the answer comes once
 * a replica has the write or the wait is over. A connection that breaks before then fails the call,
 * so nobody is told of a write that may be lost.
 */
@Singleton
public class RedisGateway {

    private static final Logger LOG = Logger.getLogger(RedisGateway.class);

    private final RedisDataSource blocking;
    private final ReactiveRedisDataSource reactive;
    private final Duration timeout;
    private final Counter errors;
    private final Duration replicaAck;

    public RedisGateway(RedisDataSource blocking, ReactiveRedisDataSource reactive,
            @ConfigProperty(name = "quarkus.redis.timeout", defaultValue = "2s") Duration timeout,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            ReplicationConfig replication, MeterRegistry meters) {
        this.blocking = blocking;
        this.reactive = reactive;
        this.timeout = timeout;
        this.errors = Counter.builder("gatehouse.redis.errors")
                .description("Redis calls that failed or timed out (each answered as the store being unavailable)")
                .register(meters);
        // Only Sentinel promises a replica; a standalone Redis would answer WAIT with 0 after the timeout.
        this.replicaAck = "sentinel".equalsIgnoreCase(clientType) ? replication.replicaAckTimeout() : Duration.ZERO;
    }

    /** Whether durable writes wait for a replica. */
    public boolean awaitsReplica() {
        return !replicaAck.isZero();
    }

    /** For worker or virtual threads. */
    public <T> T call(Function<RedisDataSource, T> operation) {
        try {
            return operation.apply(blocking);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** As {@link #call}, for a write that must survive a failover. */
    public void callDurably(Consumer<RedisDataSource> write) {
        if (!awaitsReplica()) {
            call(ds -> {
                write.accept(ds);
                return null;
            });
            return;
        }
        call(ds -> {
            ds.withConnection(connection -> {
                write.accept(connection);
                awaitReplica(connection);
            });
            return null;
        });
    }

    /** Runs a Lua script with its keys and arguments, for worker or virtual threads. */
    public Response eval(String script, List<String> keys, List<String> args) {
        return call(ds -> ds.execute("EVAL", arguments(script, keys, args)));
    }

    /** As {@link #eval}, for a script that writes what must survive a failover. */
    public Response evalDurably(String script, List<String> keys, List<String> args) {
        if (!awaitsReplica()) {
            return eval(script, keys, args);
        }
        String[] arguments = arguments(script, keys, args);
        AtomicReference<Response> answer = new AtomicReference<>();
        callDurably(connection -> answer.set(connection.execute("EVAL", arguments)));
        return answer.get();
    }

    /** For the event loop: {@code write} runs on one connection, which then waits for a replica. */
    public <T> Uni<T> durably(Function<ReactiveRedisDataSource, Uni<T>> write) {
        if (!awaitsReplica()) {
            return write.apply(reactive);
        }
        AtomicReference<T> answer = new AtomicReference<>();
        return reactive.withConnection(connection -> write.apply(connection).invoke(answer::set)
                .chain(() -> connection.execute("WAIT", "1", String.valueOf(replicaAck.toMillis())))
                .invoke(RedisGateway::noteReplicas).replaceWithVoid())
                .map(done -> answer.get());
    }

    private void awaitReplica(RedisDataSource connection) {
        noteReplicas(connection.execute("WAIT", "1", String.valueOf(replicaAck.toMillis())));
    }

    private static void noteReplicas(Response acknowledged) {
        if (acknowledged == null || acknowledged.toInteger() < 1) {
            LOG.debug("No replica acknowledged a write in time: it counts, but a failover now may lose it");
        }
    }

    private static String[] arguments(String script, List<String> keys, List<String> args) {
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
        return arguments;
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
