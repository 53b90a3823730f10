package dev.gatehouse.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.platform.RedisGateway;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Tells every Gatehouse instance sharing Redis that a session ended, so that none keeps answering
 * from its memory for it. When the subscription breaks, listeners are told to forget everything
 * (a message may have been missed) and it is made again.
 */
@Singleton
public class SessionRevocations {

    static final String CHANNEL = "gatehouse:session:revoked";
    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final RedisGateway redis;
    private final Vertx vertx;
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Consumer<String> onRevoked = key -> { };
    private volatile Runnable onGap = () -> { };

    public SessionRevocations(RedisGateway redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    /** {@code onRevoked} gets the session's Redis key; {@code onGap} runs whenever messages may have been lost. */
    void listen(Consumer<String> onRevoked, Runnable onGap) {
        this.onRevoked = onRevoked;
        this.onGap = onGap;
    }

    /** Announces the end of a session; the caller has already deleted it from Redis. */
    void publish(String sessionKey) {
        redis.call(ds -> {
            ds.pubsub(String.class).publish(CHANNEL, sessionKey);
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
                .subscribe(CHANNEL, key -> onRevoked.accept(key), this::retryLater, failure -> retryLater())
                .subscribe().with(subscribed -> onGap.run(), failure -> retryLater());
    }

    private void retryLater() {
        onGap.run();
        if (!stopped && retrying.compareAndSet(false, true)) {
            LOG.debug("Session revocation subscription lost; subscribing again");
            vertx.setTimer(RETRY.toMillis(), id -> {
                retrying.set(false);
                subscribe();
            });
        }
    }
}
