package dev.gatehouse.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.platform.Broadcasts;
import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.user.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in Redis under the SHA-256 of their id, so that a copy of the database holds no usable
 * cookie. Redis expires them; deleting the key ends a session. Sessions read recently are answered
 * from memory for {@code cache-ttl} (every protected request asks); a logout on any instance evicts
 * them everywhere through {@link Broadcasts} on {@value #REVOKED}.
 *
 * <p>A read that was under way while a revocation arrived is answered but never remembered: every
 * revocation moves {@link #generation} on, and a read caches its result only if the generation it
 * started under is still current. Otherwise a read begun just before a logout could put the ended
 * session back into memory.
 */
@Singleton
public class SessionStore {

    static final String REVOKED = "gatehouse:session:revoked";
    static final String PREFIX = "gatehouse:session:";
    private static final int ID_BYTES = 32;
    private static final int MAX_CACHED = 100_000;

    private final RedisGateway redis;
    private final ReactiveValueCommands<String, String> values;
    private final SessionConfig config;
    private final Clock clock;
    private final SecureRandomText randomText;
    private final Broadcasts broadcasts;
    private final Cache<String, Session> recent;
    private final AtomicLong generation = new AtomicLong();
    private final SessionIndex index;
    private final Counter created;

    public SessionStore(RedisGateway redis, SessionConfig config, Clock clock, SecureRandomText randomText,
            Broadcasts broadcasts, MeterRegistry meters) {
        this.redis = redis;
        this.created = Counter.builder("gatehouse.sessions.created").description("Sessions started (sign-ins to a browser)")
                .register(meters);
        this.index = new SessionIndex(redis);
        this.values = redis.reactive().value(String.class);
        this.config = config;
        this.clock = clock;
        this.randomText = randomText;
        this.broadcasts = broadcasts;
        this.recent = Caffeine.newBuilder()
                .maximumSize(MAX_CACHED)
                .expireAfterWrite(cacheTtl().toNanos(), TimeUnit.NANOSECONDS)
                .build();
        broadcasts.listen(REVOKED, this::forget, this::forgetAll);
    }

    /** A session without a known browser (for tests and scripts). */
    public Session create(String username, Set<Role> roles, List<String> methods) {
        return create(username, roles, methods, Browser.UNKNOWN);
    }

    /**
     * Always a fresh id: a session id known before login is worthless after it. The account's oldest
     * sessions beyond {@code max-per-user} end here, on every instance.
     */
    public Session create(String username, Set<Role> roles, List<String> methods, Browser browser) {
        Instant now = clock.instant();
        Session session = new Session(randomText.token(ID_BYTES), username, roles, now, now.plus(config.lifetime()), methods);
        String handle = handleOf(session.id());
        List<String> evicted = index.add(username, handle, SessionCodec.encode(session), browser, now, initialTtl(),
                config.lifetime(), config.maxPerUser());
        remember(key(session.id()), session, generation.get());
        created.increment();
        evicted.forEach(this::revoke);
        return session;
    }

    /** Looks a cookie value up; unknown, malformed and expired ids all come back empty. */
    public Uni<Optional<Session>> find(String id) {
        if (!isWellFormed(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String key = key(id);
        Session cached = recent.getIfPresent(key);
        if (cached != null && isCurrent(cached)) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        long startedUnder = generation.get();
        Uni<String> value = redis.guard(config.inactivityTimeout()
                .map(idle -> values.getex(key, new GetExArgs().px(idle.toMillis())))
                .orElseGet(() -> values.get(key)));
        return value.map(encoded -> {
            Optional<Session> found = SessionCodec.decode(id, encoded).filter(this::isCurrent);
            found.ifPresentOrElse(session -> remember(key, session, startedUnder), () -> recent.invalidate(key));
            found.ifPresent(session -> index.touch(handleOf(id), clock.instant()).subscribe().with(done -> {
            }, failure -> {
            }));
            return found;
        });
    }

    /** The account's live sessions, oldest first. Blocking. */
    public List<SessionInfo> sessionsOf(String username) {
        return index.list(username);
    }

    /** Ends the account's session with {@code handle}; false when it has none such (or it already ended). */
    public boolean endSessionOf(String username, String handle) {
        boolean owned = index.list(username).stream().anyMatch(info -> info.handle().equals(handle));
        if (owned) {
            revoke(handle);
        }
        return owned;
    }

    /** Ends every session of the account but the one with {@code keptHandle}, if given. Blocking. */
    public int endSessionsOf(String username, Optional<String> keptHandle) {
        List<String> ending = index.list(username).stream().map(SessionInfo::handle)
                .filter(handle -> keptHandle.map(kept -> !kept.equals(handle)).orElse(true)).toList();
        ending.forEach(this::revoke);
        return ending.size();
    }

    public void delete(String id) {
        if (isWellFormed(id)) {
            revoke(handleOf(id));
        }
    }

    /** Ends the session with this handle (see {@link #handleOf}) everywhere. */
    void revoke(String handle) {
        String key = PREFIX + handle;
        forget(key);
        // Durably: a logout lost in a failover would let the session work again.
        redis.callDurably(ds -> ds.key().del(key, SessionIndex.infoKey(handle)));
        broadcasts.publish(REVOKED, key);
    }

    private void forget(String key) {
        generation.incrementAndGet();
        recent.invalidate(key);
    }

    private void forgetAll() {
        generation.incrementAndGet();
        recent.invalidateAll();
    }

    private void remember(String key, Session session, long startedUnder) {
        if (cacheTtl().isPositive() && generation.get() == startedUnder) {
            recent.put(key, session);
        }
    }

    /**
     * Reads answered from memory do not refresh the idle timer in Redis; reading Redis at least
     * twice per idle period keeps an active session alive and lets an idle one end on time.
     */
    private Duration cacheTtl() {
        return config.inactivityTimeout()
                .map(idle -> idle.dividedBy(2))
                .filter(half -> half.compareTo(config.cacheTtl()) < 0)
                .orElse(config.cacheTtl());
    }

    private boolean isCurrent(Session session) {
        return session.expiresAt().isAfter(clock.instant());
    }

    private Duration initialTtl() {
        return config.inactivityTimeout().filter(idle -> idle.compareTo(config.lifetime()) < 0).orElse(config.lifetime());
    }

    private static boolean isWellFormed(String id) {
        return id != null && id.length() == 43 && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    /**
     * What a session is called where its id must not appear (Redis keys, the list of one's sessions):
     * the SHA-256 of the id. Knowing it does not let anyone present the session.
     */
    public static String handleOf(String id) {
        return Digests.sha256Hex(id);
    }

    static String key(String id) {
        return PREFIX + handleOf(id);
    }
}
