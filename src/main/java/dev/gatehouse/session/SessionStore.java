package dev.gatehouse.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.platform.SecureRandomText;
import io.quarkus.redis.datasource.value.GetExArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in Redis under the SHA-256 of their id, so that a copy of the database holds no usable
 * cookie. Redis expires them; deleting the key ends a session everywhere at once.
 */
@Singleton
public class SessionStore {

    private static final String PREFIX = "gatehouse:session:";
    private static final int ID_BYTES = 32;

    private final RedisGateway redis;
    private final SessionConfig config;
    private final Clock clock;
    private final SecureRandomText randomText;

    public SessionStore(RedisGateway redis, SessionConfig config, Clock clock, SecureRandomText randomText) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
        this.randomText = randomText;
    }

    /** Always a fresh id: a session id known before login is worthless after it. */
    public Session create(String username, List<String> roles) {
        Instant now = clock.instant();
        Session session = new Session(randomText.token(ID_BYTES), username, roles, now, now.plus(config.lifetime()));
        long ttl = initialTtl().toMillis();
        redis.call(ds -> {
            ds.value(String.class).set(key(session.id()), session.encode(), new SetArgs().px(ttl));
            return null;
        });
        return session;
    }

    /** Looks a cookie value up; unknown, malformed and expired ids all come back empty. */
    public Uni<Optional<Session>> find(String id) {
        if (!isWellFormed(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String key = key(id);
        Uni<String> value = config.inactivityTimeout()
                .map(idle -> redis.react(ds -> ds.value(String.class).getex(key, new GetExArgs().px(idle.toMillis()))))
                .orElseGet(() -> redis.react(ds -> ds.value(String.class).get(key)));
        return value.map(encoded -> Session.decode(id, encoded).filter(s -> s.expiresAt().isAfter(clock.instant())));
    }

    public void delete(String id) {
        if (isWellFormed(id)) {
            redis.call(ds -> ds.key().del(key(id)));
        }
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
