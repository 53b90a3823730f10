package dev.gatehouse.access;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.authz.AccessFacts;
import dev.gatehouse.platform.Broadcasts;
import dev.gatehouse.problem.StoreUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The resources, grants and departments every decision reads, held in memory. Every change is
 * announced on {@value #CHANGED}, and every instance then reads everything again; a read every
 * {@link #REFRESH} besides bounds how stale an instance can be when a broadcast is lost (changes
 * reach every instance within 6 s, said the issue).
 */
@Singleton
public class Access {

    static final String CHANGED = "gatehouse:access:changed";
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(Access.class);

    private final AccessStore store;
    private final Broadcasts broadcasts;
    private final Vertx vertx;
    private volatile AccessSnapshot current = AccessSnapshot.EMPTY;
    private volatile long timer = -1;

    Access(AccessStore store, Broadcasts broadcasts, Vertx vertx) {
        this.store = store;
        this.broadcasts = broadcasts;
        this.vertx = vertx;
        broadcasts.listen(CHANGED, message -> reloadSoon(), this::reloadSoon);
    }

    void start(@Observes StartupEvent event) {
        // On the starting thread: the Redis client makes its data sources on first use, and not safely from two threads at once.
        reload();
        timer = vertx.setPeriodic(REFRESH.toMillis(), id -> reloadSoon());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** What decisions read now. */
    public AccessFacts facts() {
        return current;
    }

    AccessSnapshot snapshot() {
        return current;
    }

    /** After a write: this instance reads at once, the others when they hear of it. Blocking. */
    void changed() {
        reload();
        broadcasts.publish(CHANGED, "");
    }

    private void reloadSoon() {
        vertx.executeBlocking(() -> {
            reload();
            return null;
        }, false);
    }

    private void reload() {
        try {
            current = store.load();
        } catch (StoreUnavailableException e) {
            LOG.debugf("Access data not reloaded, Redis unreachable: %s", e.getMessage());
        }
    }
}
