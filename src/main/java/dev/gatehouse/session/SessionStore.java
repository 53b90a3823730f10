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
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
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
    private static final String PREFIX = "gatehouse:session:";
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

    public SessionStore(RedisGateway redis, SessionConfig config, Clock clock, SecureRandomText randomText,
            Broadcasts broadcasts) {
        this.redis = redis;
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

    /** Always a fresh id: a session id known before login is worthless after it. */
    public Session create(String username, Set<Role> roles, List<String> methods) {
        Instant now = clock.instant();
        Session session = new Session(randomText.token(ID_BYTES), username, roles, now, now.plus(config.lifetime()), methods);
        long ttl = initialTtl().toMillis();
        String key = key(session.id());
        redis.call(ds -> {
            ds.value(String.class).set(key, SessionCodec.encode(session), new SetArgs().px(ttl));
            return null;
        });
        remember(key, session, generation.get());
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
            return found;
        });
    }

    public void delete(String id) {
        if (isWellFormed(id)) {
            String key = key(id);
            forget(key);
            redis.call(ds -> ds.key().del(key));
            broadcasts.publish(REVOKED, key);
        }
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

    private static String key(String id) {
        return PREFIX + Digests.sha256Hex(id);
    }
}
