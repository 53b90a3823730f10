package dev.gatehouse.user;

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
 * accounts from configuration.
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

    private final RedisGateway redis;
    private final Broadcasts broadcasts;

    public RedisUserDirectory(RedisGateway redis, Broadcasts broadcasts) {
        this.redis = redis;
        this.broadcasts = broadcasts;
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
                    Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault(VALID_AFTER, "0")))));
        } catch (IllegalArgumentException e) {
            // Written by something else than Gatehouse: not an account anybody may use.
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
        Map<String, String> fields = new HashMap<>();
        fields.put(ROLES, String.join(",", Role.ids(user.roles())));
        fields.put(STATUS, user.status().id());
        fields.put(SOURCE, user.source().id());
        fields.put(VALID_AFTER, String.valueOf(user.validAfter().toEpochMilli()));
        user.email().ifPresent(email -> fields.put(EMAIL, email));
        user.displayName().ifPresent(name -> fields.put(NAME, name));
        String key = key(user.username());
        String[] absent = Stream.of(EMAIL, NAME).filter(field -> !fields.containsKey(field)).toArray(String[]::new);
        redis.call(ds -> {
            String previousEmail = ds.hash(String.class).hget(key, EMAIL);
            ds.hash(String.class).hset(key, fields);
            if (previousEmail != null && !user.email().map(previousEmail::equals).orElse(false)) {
                unindex(ds, previousEmail, user.username());
            }
            user.email().ifPresent(email -> ds.value(String.class).set(EMAIL_INDEX + email, user.username()));
            return absent.length == 0 ? 0 : ds.hash(String.class).hdel(key, absent);
        });
        announce(user.username());
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
