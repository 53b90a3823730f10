package dev.gatehouse.counter;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The visit counter: one Redis integer. Increments that arrive while one is on its way to Redis are
 * coalesced into a single atomic INCRBY, and each caller gets its own number from the range it
 * reserved, so N concurrent requests still raise the counter by exactly N and see N distinct totals,
 * at one round trip per batch instead of one per request.
 */
@Singleton
public class CounterStore {

    static final String KEY = "gatehouse:counter:visits";

    private final RedisGateway redis;
    private final ReactiveValueCommands<String, Long> values;
    private final Object lock = new Object();
    private List<UniEmitter<? super Long>> waiting = new ArrayList<>();
    private boolean inFlight;

    public CounterStore(RedisGateway redis) {
        this.redis = redis;
        this.values = redis.reactive().value(Long.class);
    }

    public Uni<Long> increment() {
        return Uni.createFrom().emitter(emitter -> {
            boolean sendNow;
            synchronized (lock) {
                waiting.add(emitter);
                sendNow = !inFlight;
                inFlight = true;
            }
            if (sendNow) {
                sendWaiting();
            }
        });
    }

    /** With a replica, a total is only handed out once a replica has it: after a failover the counter never goes back. */
    private Uni<Long> incrementBy(int count) {
        return redis.awaitsReplica() ? redis.durably(ds -> ds.value(Long.class).incrby(KEY, count)) : values.incrby(KEY, count);
    }

    private void sendWaiting() {
        List<UniEmitter<? super Long>> batch;
        synchronized (lock) {
            batch = waiting;
            if (batch.isEmpty()) {
                inFlight = false;
                return;
            }
            waiting = new ArrayList<>();
        }
        redis.guard(incrementBy(batch.size())).subscribe().with(total -> {
            long first = total - batch.size() + 1;
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(first + i);
            }
            sendWaiting();
        }, failure -> {
            batch.forEach(emitter -> emitter.fail(failure));
            sendWaiting();
        });
    }
}
