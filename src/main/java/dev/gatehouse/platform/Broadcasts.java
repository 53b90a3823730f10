package dev.gatehouse.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Messages every Gatehouse instance sharing Redis hears: a session ended, an account changed. One
 * pattern subscription ({@code gatehouse:*}) on its own connection carries every channel, so a
 * listener may register at any time. When the subscription breaks, every listener is told that
 * messages may have been missed ({@code onGap}), and it is made again.
 */
@Singleton
public class Broadcasts {

    private static final String PATTERN = "gatehouse:*";
    private static final Logger LOG = Logger.getLogger(Broadcasts.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private record Listener(Consumer<String> onMessage, Runnable onGap) {
    }

    private final RedisGateway redis;
    private final Vertx vertx;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile boolean stopped;

    public Broadcasts(RedisGateway redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    /** {@code onMessage} gets each message on {@code channel}; {@code onGap} runs whenever some may have been lost. */
    public void listen(String channel, Consumer<String> onMessage, Runnable onGap) {
        listeners.put(channel, new Listener(onMessage, onGap));
    }

    /** Tells every instance, this one included. */
    public void publish(String channel, String message) {
        redis.call(ds -> {
            ds.pubsub(String.class).publish(channel, message);
            return null;
        });
    }

    void start(@Observes StartupEvent event) {
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        redis.reactive().pubsub(String.class)
                .subscribeToPattern(PATTERN, this::deliver, this::retryLater, failure -> retryLater())
                .subscribe().with(subscribed -> gap(), failure -> retryLater());
    }

    private void deliver(String channel, String message) {
        Listener listener = listeners.get(channel);
        if (listener != null) {
            listener.onMessage().accept(message);
        }
    }

    private void gap() {
        listeners.values().forEach(listener -> listener.onGap().run());
    }

    private void retryLater() {
        gap();
        if (!stopped && retrying.compareAndSet(false, true)) {
            LOG.debug("Broadcast subscription lost; subscribing again");
            vertx.setTimer(RETRY.toMillis(), id -> {
                retrying.set(false);
                subscribe();
            });
        }
    }
}
