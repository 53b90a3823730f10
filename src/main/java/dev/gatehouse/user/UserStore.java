package dev.gatehouse.user;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;

/** Accounts in Redis, one hash per user under {@code gatehouse:user:<name>}. */
@Singleton
public class UserStore {

    private static final String PREFIX = "gatehouse:user:";
    private static final String HASH = "password_hash";
    private static final String ROLES = "roles";

    private final RedisGateway redis;

    public UserStore(RedisGateway redis) {
        this.redis = redis;
    }

    public Optional<User> find(String username) {
        if (!User.isValidName(username)) {
            return Optional.empty();
        }
        Map<String, String> fields = redis.call(ds -> ds.hash(String.class).hgetall(PREFIX + username));
        if (fields == null || !fields.containsKey(HASH)) {
            return Optional.empty();
        }
        return Optional.of(new User(username, fields.get(HASH), parseRoles(fields.get(ROLES))));
    }

    public void save(User user) {
        String roles = String.join(",", user.roleIds());
        redis.call(ds -> ds.hash(String.class).hset(PREFIX + user.username(), Map.of(HASH, user.passwordHash(), ROLES, roles)));
    }

    private static Set<Role> parseRoles(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(Role::parse).flatMap(Optional::stream).collect(Collectors.toSet());
    }
}
