package dev.gatehouse.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.platform.SecureRandomText;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in Redis under the SHA-256 of their id, so that a copy of the database holds no usable
 * cookie. Redis expires them; deleting the key ends a session. Sessions read recently are answered
 * from memory for {@code cache-ttl} (every protected request asks); a logout on any instance evicts
 * them everywhere through {@link SessionRevocations}.
 */
@Singleton
public class SessionStore {

    private static final String PREFIX = "gatehouse:session:";
    private static final int ID_BYTES = 32;
    private static final int MAX_CACHED = 100_000;

    private record Cached(Session session, long readAtMillis) {
    }

    private final RedisGateway redis;
    private final ReactiveValueCommands<String, String> values;
    private final SessionConfig config;
    private final Clock clock;
    private final SecureRandomText randomText;
    private final long cacheTtlMillis;
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    private final SessionRevocations revocations;

    public SessionStore(RedisGateway redis, SessionConfig config, Clock clock, SecureRandomText randomText,
            SessionRevocations revocations) {
        this.redis = redis;
        this.revocations = revocations;
        revocations.listen(recent::remove, recent::clear);
        this.values = redis.reactive().value(String.class);
        this.config = config;
        this.clock = clock;
        this.randomText = randomText;
        // Reads answered from memory do not refresh the idle timer in Redis; reading Redis at least
        // twice per idle period keeps an active session alive and lets an idle one end on time.
        this.cacheTtlMillis = config.inactivityTimeout()
                .map(idle -> Math.min(config.cacheTtl().toMillis(), idle.toMillis() / 2))
                .orElse(config.cacheTtl().toMillis());
    }

    /** Always a fresh id: a session id known before login is worthless after it. */
    public Session create(String username, List<String> roles) {
        Instant now = clock.instant();
        Session session = new Session(randomText.token(ID_BYTES), username, roles, now, now.plus(config.lifetime()));
        long ttl = initialTtl().toMillis();
        String key = key(session.id());
        redis.call(ds -> {
            ds.value(String.class).set(key, session.encode(), new SetArgs().px(ttl));
            return null;
        });
        remember(key, session);
        return session;
    }

    /** Looks a cookie value up; unknown, malformed and expired ids all come back empty. */
    public Uni<Optional<Session>> find(String id) {
        if (!isWellFormed(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String key = key(id);
        long now = clock.millis();
        Cached cached = recent.get(key);
        if (cached != null && now - cached.readAtMillis() < cacheTtlMillis && isCurrent(cached.session(), now)) {
            return Uni.createFrom().item(Optional.of(cached.session()));
        }
        Uni<String> value = redis.guard(config.inactivityTimeout()
                .map(idle -> values.getex(key, new GetExArgs().px(idle.toMillis())))
                .orElseGet(() -> values.get(key)));
        return value.map(encoded -> {
            Optional<Session> found = Session.decode(id, encoded).filter(session -> isCurrent(session, clock.millis()));
            found.ifPresentOrElse(session -> remember(key, session), () -> recent.remove(key));
            return found;
        });
    }

    public void delete(String id) {
        if (isWellFormed(id)) {
            String key = key(id);
            recent.remove(key);
            redis.call(ds -> ds.key().del(key));
            revocations.publish(key);
        }
    }

    private void remember(String key, Session session) {
        if (cacheTtlMillis <= 0) {
            return;
        }
        if (recent.size() >= MAX_CACHED) {
            recent.clear();
        }
        recent.put(key, new Cached(session, clock.millis()));
    }

    private static boolean isCurrent(Session session, long nowMillis) {
        return session.expiresAt().toEpochMilli() > nowMillis;
    }

    private Duration initialTtl() {
        return config.inactivityTimeout().filter(idle -> idle.compareTo(config.lifetime()) < 0).orElse(config.lifetime());
    }

    private static boolean isWellFormed(String id) {
        return id != null && id.length() == 43 && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    private static String key(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
