package dev.gatehouse.user;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Broadcasts;
import dev.gatehouse.platform.RedisGateway;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;

/**
 * Accounts in Redis, one hash per user under {@code gatehouse:user:<name>}: the profile's fields
 * and, beside them, {@code password_hash}, which only {@link #passwordHash} hands out. Accounts
 * written by the first release (only {@code roles} and {@code password_hash}) read as active
 * accounts from configuration. A hash without {@code roles} is no account. Beside the profile, the
 * directory keeps its own record: {@code created} and {@code last_login} (epoch ms), and
 * {@code pending_email}, a new address waiting for its code. {@code origin} names the identity source
 * of an {@code sso} account.
 */
@Singleton
public class RedisUserDirectory implements UserDirectory {

    private static final String PREFIX = "gatehouse:user:";
    /** {@code gatehouse:email:<address>} names the account that has the address; outside PREFIX, so names() skips it. */
    private static final String EMAIL_INDEX = "gatehouse:email:";
    private static final String HASH = "password_hash";
    private static final String ROLES = "roles";
    private static final String STATUS = "status";
    private static final String SOURCE = "source";
    private static final String EMAIL = "email";
    private static final String NAME = "name";
    private static final String VALID_AFTER = "valid_after";
    private static final String CREATED = "created";
    private static final String LAST_LOGIN = "last_login";
    private static final String PENDING_EMAIL = "pending_email";
    private static final String ORIGIN = "origin";

    /**
     * KEYS: account, and its address's index entry when it has one. ARGV: name, then field, value
     * pairs. Makes the account unless one exists; 1 if it did.
     */
    private static final String CREATE = """
            if redis.call('HEXISTS', KEYS[1], 'roles') == 1 then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            if #KEYS > 1 then redis.call('SET', KEYS[2], ARGV[1]) end
            return 1
            """;

    /** KEYS: account. ARGV: field, value. Sets it on an existing account only, so a deleted one stays deleted. */
    private static final String SET_ON_ACCOUNT = """
            if redis.call('HEXISTS', KEYS[1], 'roles') == 0 then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    private final RedisGateway redis;
    private final Broadcasts broadcasts;
    private final Clock clock;

    public RedisUserDirectory(RedisGateway redis, Broadcasts broadcasts, Clock clock) {
        this.redis = redis;
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    @Override
    public Optional<User> find(String username) {
        if (!User.isValidName(username)) {
            return Optional.empty();
        }
        Map<String, String> fields = redis.call(ds -> ds.hash(String.class).hgetall(key(username)));
        if (fields == null || !fields.containsKey(ROLES)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new User(username, Role.parseAll(Arrays.asList(fields.get(ROLES).split(","))),
                    User.Status.parse(fields.get(STATUS)), User.Source.parse(fields.get(SOURCE)),
                    Optional.ofNullable(fields.get(EMAIL)), Optional.ofNullable(fields.get(NAME)),
                    Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault(VALID_AFTER, "0"))),
                    instant(fields.get(CREATED)), instant(fields.get(LAST_LOGIN)), Optional.ofNullable(fields.get(ORIGIN))));
        } catch (IllegalArgumentException e) {
            // Written by something else than Gatehouse: not an account anybody may use.
            return Optional.empty();
        }
    }

    /** Bookkeeping, not a profile: a value that does not read is absent, and the account stays usable. */
    private static Optional<Instant> instant(String epochMillis) {
        try {
            return epochMillis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(epochMillis)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> passwordHash(String username) {
        if (!User.isValidName(username)) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.call(ds -> ds.hash(String.class).hget(key(username), HASH)));
    }

    @Override
    public void save(User user) {
        Map<String, String> fields = profileFields(user);
        String key = key(user.username());
        String[] absent = Stream.of(EMAIL, NAME, ORIGIN).filter(field -> !fields.containsKey(field)).toArray(String[]::new);
        String now = String.valueOf(clock.millis());
        redis.call(ds -> {
            Map<String, String> previous = ds.hash(String.class).hmget(key, EMAIL, ROLES);
            String previousEmail = previous.get(EMAIL);
            if (previous.get(ROLES) == null) {
                fields.put(CREATED, now);
            }
            ds.hash(String.class).hset(key, fields);
            if (previousEmail != null && !user.email().map(previousEmail::equals).orElse(false)) {
                unindex(ds, previousEmail, user.username());
            }
            user.email().ifPresent(email -> ds.value(String.class).set(EMAIL_INDEX + email, user.username()));
            return absent.length == 0 ? 0 : ds.hash(String.class).hdel(key, absent);
        });
        announce(user.username());
    }

    private static Map<String, String> profileFields(User user) {
        Map<String, String> fields = new HashMap<>();
        fields.put(ROLES, String.join(",", Role.ids(user.roles())));
        fields.put(STATUS, user.status().id());
        fields.put(SOURCE, user.source().id());
        fields.put(VALID_AFTER, String.valueOf(user.validAfter().toEpochMilli()));
        user.email().ifPresent(email -> fields.put(EMAIL, email));
        user.displayName().ifPresent(name -> fields.put(NAME, name));
        user.origin().ifPresent(origin -> fields.put(ORIGIN, origin));
        return fields;
    }

    @Override
    public boolean create(User user, Optional<String> passwordHash) {
        Map<String, String> fields = profileFields(user);
        fields.put(CREATED, String.valueOf(clock.millis()));
        passwordHash.ifPresent(hash -> fields.put(HASH, hash));
        List<String> keys = new ArrayList<>(List.of(key(user.username())));
        user.email().ifPresent(email -> keys.add(EMAIL_INDEX + email));
        List<String> args = new ArrayList<>(List.of(user.username()));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        boolean created = redis.eval(CREATE, keys, args).toInteger() == 1;
        if (created) {
            announce(user.username());
        }
        return created;
    }

    @Override
    public void recordLogin(String username, Instant at) {
        if (User.isValidName(username)) {
            redis.eval(SET_ON_ACCOUNT, List.of(key(username)), List.of(LAST_LOGIN, String.valueOf(at.toEpochMilli())));
        }
    }

    @Override
    public Optional<String> pendingEmail(String username) {
        if (!User.isValidName(username)) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.call(ds -> ds.hash(String.class).hget(key(username), PENDING_EMAIL)));
    }

    @Override
    public void setPendingEmail(String username, Optional<String> email) {
        if (email.isPresent()) {
            redis.eval(SET_ON_ACCOUNT, List.of(key(username)), List.of(PENDING_EMAIL, email.get()));
        } else {
            redis.call(ds -> ds.hash(String.class).hdel(key(username), PENDING_EMAIL));
        }
    }

    @Override
    public Optional<User> findByEmail(String email) {
        Optional<String> address = EmailAddress.parse(email);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String owner = redis.call(ds -> ds.value(String.class).get(EMAIL_INDEX + address.get()));
        return Optional.ofNullable(owner).flatMap(this::find)
                .filter(user -> user.email().map(address.get()::equals).orElse(false));
    }

    private static void unindex(RedisDataSource ds, String email, String username) {
        if (username.equals(ds.value(String.class).get(EMAIL_INDEX + email))) {
            ds.key().del(EMAIL_INDEX + email);
        }
    }

    @Override
    public void setPasswordHash(String username, String hash) {
        redis.call(ds -> ds.hash(String.class).hset(key(username), Map.of(HASH, hash)));
        announce(username);
    }

    @Override
    public void delete(String username) {
        redis.call(ds -> {
            String email = ds.hash(String.class).hget(key(username), EMAIL);
            if (email != null) {
                unindex(ds, email, username);
            }
            return ds.key().del(key(username));
        });
        announce(username);
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        redis.call(ds -> {
            ds.key().scan(new KeyScanArgs().match(PREFIX + "*").count(500)).toIterable()
                    .forEach(key -> names.add(key.substring(PREFIX.length())));
            return null;
        });
        return names;
    }

    private void announce(String username) {
        broadcasts.publish(CHANGED, username);
    }

    private static String key(String username) {
        return PREFIX + username;
    }
}
